"""The view vocabulary: one table per kind of id, parsed case-insensitively everywhere."""

from __future__ import annotations

import pytest

from dashboard.maps.basemaps import TILES
from dashboard.views.permalink import parse_query, to_query
from dashboard.views.state import ViewState, briefing_of
from dashboard.views.vocabulary import Area, Basemap, Extent, Panel, Size, View


@pytest.mark.parametrize("kind", [Area, Basemap, Extent, Panel, Size, View])
def test_every_id_has_a_label_and_parses_in_any_case(kind):
    for member in kind:
        assert member.label
        assert kind.parse(member.value.upper()) is member
        assert member == member.value  # ids compare equal to their strings


def test_an_unknown_id_names_the_known_ones():
    with pytest.raises(ValueError, match="fit, pap, artibonite, haiti"):
        Extent.parse("everywhere")


def test_every_basemap_but_none_has_tiles():
    assert set(TILES) == set(Basemap) - {Basemap.NONE}


def test_links_accept_any_case_and_write_the_one_spelling():
    state, notices = parse_query({"area": ["artibonite"], "extent": ["PAP"]}, type_ids=[], hotspot_ids=[])
    assert notices == []
    assert (state.area, state.extent) == (Area.ARTIBONITE, Extent.PAP)
    assert to_query(state) == {"area": ["Artibonite"], "extent": ["pap"]}


def test_default_view_state_uses_the_vocabulary():
    state = ViewState()
    assert (state.view, state.area, state.extent, state.basemap, state.panel) == (
        View.FULL,
        Area.ALL,
        Extent.FIT,
        Basemap.STREET,
        Panel.MAP,
    )


def test_the_briefing_view_keeps_the_settings_on_a_light_basemap():
    state = ViewState(area=Area.ARTIBONITE, extent=Extent.PAP)
    brief = briefing_of(state)
    assert (brief.view, brief.basemap, brief.area, brief.extent) == (
        View.BRIEF,
        Basemap.LIGHT,
        Area.ARTIBONITE,
        Extent.PAP,
    )
    assert briefing_of(ViewState(basemap=Basemap.SATELLITE)).basemap == Basemap.SATELLITE
