"""A view's incidents: prepared once per load, then counted and drawn with the view's filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dashboard.data.acled import read_acled
from dashboard.model import load_dataset
from dashboard.views.incidents import (
    activity_table,
    filter_of,
    joint_bounds,
    map_options,
    prepare,
    shown_count,
)
from dashboard.views.state import ViewState
from tests.support.acled import row, write


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(None, today=date(2026, 1, 1))


@pytest.fixture
def data(tmp_path, dataset):
    tlia = next(item for item in dataset.located if item.hotspot.id == "tlia").location
    lat, lon = tlia
    rows = [
        row("A", lat, lon, when="2024-11-02", fatalities=1),
        row("B", lat + 0.005, lon, when="2024-11-03", event_type="Riots", sub_type="Mob violence"),  # 0.56 km
        row("C", lat + 0.02, lon, when="2024-11-04"),  # 2.2 km
        row("D", lat, lon, when="2024-10-20", actor1="SYNTHETIC rioters"),  # the previous period
    ]
    return prepare(read_acled(write(tmp_path / "incidents.csv", rows)), dataset.located)


NOVEMBER = (date(2024, 11, 1), date(2024, 11, 30))


def test_the_sidebar_dates_are_the_incident_period(data):
    state = ViewState(dates=NOVEMBER)
    assert (filter_of(state, data).start, filter_of(state, data).end) == NOVEMBER
    assert shown_count(state, data) == 3
    assert shown_count(ViewState(), data) == 4  # no dates chosen: the incidents' whole range
    assert shown_count(replace(state, event_types=("Riots",)), data) == 1
    assert shown_count(replace(state, actor="rioters"), data) == 0


def test_activity_follows_radius_period_and_filters(data):
    def tlia(**changes):
        table = activity_table(ViewState(dates=NOVEMBER, **changes), data).set_index("hotspot_id")
        return tuple(table.loc["tlia", ["incidents", "fatalities", "previous_incidents"]])

    assert tlia(radius_km=0.5) == (1, 1, 1)
    assert tlia(radius_km=1.0) == (2, 3, 1)
    assert tlia(radius_km=3.0) == (3, 5, 1)
    assert tlia(radius_km=1.0, event_types=("Battles",)) == (1, 1, 1)


def test_map_options_credit_acled_and_carry_the_filter(data):
    options = map_options(ViewState(dates=NOVEMBER, incidents="heat"), data, url="x.json")
    assert options["incident_mode"] == "heat"
    assert options["incident_filter"].first_day is not None
    assert "ACLED" in options["incident_credit"]
    assert "accessed" in options["incident_credit"]
    assert options["activity"]["tlia"].incidents == 2


def test_no_incidents_no_options(tmp_path, dataset):
    empty = prepare(read_acled(tmp_path / "incidents.csv"), dataset.located)
    assert map_options(ViewState(), empty, url=None) == {}


def test_the_date_slider_spans_timelines_and_incidents():
    a, b = (date(2022, 10, 6), date(2026, 3, 21)), (date(2020, 1, 1), date(2024, 1, 1))
    assert joint_bounds(a, b) == (date(2020, 1, 1), date(2026, 3, 21))
    assert joint_bounds(a, None) == a


def test_the_whole_range_has_nothing_to_compare_with(data):
    table = activity_table(ViewState(), data).set_index("hotspot_id")
    assert table.loc["tlia", "incidents"] == 3
    assert not table["rising"].any()
    assert table["change_pct"].isna().all()
