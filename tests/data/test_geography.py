"""Haiti's box and department names, as the data checks and the geocoder use them."""

from __future__ import annotations

import pytest

from dashboard.data.geography import DEPARTMENTS, HAITI_BOX, department_named
from dashboard.geocoding.gazetteer import haiti_bounds


def test_the_fixed_box_holds_the_box_derived_from_geonames():
    derived = haiti_bounds()
    assert HAITI_BOX.contains(derived.south, derived.west)
    assert HAITI_BOX.contains(derived.north, derived.east)
    assert not HAITI_BOX.contains(18.4861, -69.9312)  # Santo Domingo


@pytest.mark.parametrize(
    ("name", "department"),
    [
        ("Ouest", "Ouest"),
        ("Département de l'Ouest", "Ouest"),
        ("Département du Nord-Ouest", "Nord-Ouest"),
        ("Grande-Anse", "Grand'Anse"),
        ("ARTIBONITE", "Artibonite"),
        ("Department of Nippes", "Nippes"),
        ("Sud-Est", "Sud-Est"),
        ("Texas", None),
        ("", None),
    ],
)
def test_department_names_as_osm_writes_them(name, department):
    assert department_named(name) == department


def test_every_department_names_itself():
    assert [department_named(d) for d in DEPARTMENTS] == list(DEPARTMENTS)
