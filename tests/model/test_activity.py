"""Activity per hotspot: counts within R km, the preceding period, the rising flag."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.data.geography import distances_km
from dashboard.model.activity import (
    activity,
    hotspot_activity,
    monthly,
    previous_period,
    proximity,
    rising,
)

# 0.001° of latitude = 0.1112 km on the mean sphere
HOTSPOTS = {"a": (18.50, -72.30), "b": (18.504, -72.30), "far": (19.10, -72.60)}


def frame(rows: list[tuple[str, float, float, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "lat": [r[1] for r in rows],
            "lon": [r[2] for r in rows],
            "fatalities": [r[3] for r in rows],
        }
    )


INCIDENTS = frame(
    [
        ("2024-03-01", 18.500, -72.300, 1),  # at a (0 km), 0.44 km from b
        ("2024-03-10", 18.502, -72.300, 2),  # 0.22 km from a and from b
        ("2024-03-31", 18.508, -72.300, 0),  # 0.89 km from a, 0.44 km from b
        ("2024-02-15", 18.500, -72.300, 4),  # at a, previous period
        ("2024-04-01", 18.500, -72.300, 9),  # at a, after the period
        ("2024-03-05", 18.530, -72.300, 1),  # 3.3 km from a: only with R ≥ 3.4
        ("2024-03-05", 19.100, -72.600, 7),  # at far
    ]
)
MARCH = (date(2024, 3, 1), date(2024, 3, 31))


def counts(radius_km: float) -> dict[str, tuple[int, int, int]]:
    table = activity(
        INCIDENTS, proximity(INCIDENTS, HOTSPOTS), radius_km=radius_km, start=MARCH[0], end=MARCH[1]
    )
    return {r.hotspot_id: (r.incidents, r.fatalities, r.previous_incidents) for r in table.itertuples()}


def test_counts_match_the_hand_count_at_half_a_km():
    assert counts(0.5) == {"a": (2, 3, 1), "b": (3, 3, 1), "far": (1, 7, 0)}


def test_counts_match_the_hand_count_at_one_km_and_five_km():
    assert counts(1.0)["a"] == (3, 3, 1)
    assert counts(5.0)["a"] == (4, 4, 1)


def test_an_incident_near_two_hotspots_counts_for_both():
    table = counts(0.5)
    assert table["a"][0] + table["b"][0] > 4  # four March incidents near a or b, five counts


def test_the_previous_period_has_equal_length():
    assert previous_period(*MARCH) == (date(2024, 1, 30), date(2024, 2, 29))


def test_change_and_rising_flag():
    table = activity(INCIDENTS, proximity(INCIDENTS, HOTSPOTS), radius_km=1.0, start=MARCH[0], end=MARCH[1])
    a = table.set_index("hotspot_id").loc["a"]
    assert a.change_pct == 200.0
    assert bool(a.rising)
    far = table.set_index("hotspot_id").loc["far"]
    assert np.isnan(far.change_pct)  # nothing before: no percentage
    assert bool(far.rising)  # from none to some


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_rising_fires_exactly_above_25_percent(now, before):
    expected = now > 0 and (before == 0 or (now - before) / before > 0.25)
    assert bool(rising(pd.Series([now]), pd.Series([before]))[0]) == expected


def test_monthly_series_has_every_month_with_zeros():
    near = proximity(INCIDENTS, HOTSPOTS)
    series = monthly(INCIDENTS, near, "a", radius_km=1.0, start=date(2024, 1, 1), end=date(2024, 4, 30))
    assert list(series.index) == [date(2024, m, 1) for m in (1, 2, 3, 4)]
    assert list(series) == [0, 1, 3, 1]


def test_haversine_agrees_with_a_known_distance():
    assert distances_km(18.0, -72.0, np.array([19.0]), np.array([-72.0]))[0] == pytest.approx(
        111.195, abs=0.01
    )


def test_a_radius_beyond_the_precomputed_one_is_refused():
    with pytest.raises(ValueError, match="beyond"):
        activity(
            INCIDENTS, proximity(INCIDENTS, HOTSPOTS, max_km=1.0), radius_km=2.0, start=MARCH[0], end=MARCH[1]
        )


def test_the_trend_flag_at_exactly_25_percent_does_not_fire_just_above_it_does():
    before = pd.Series([4, 4, 100, 100, 0, 0])
    now = pd.Series([5, 6, 125, 126, 1, 0])
    assert list(rising(now, before)) == [False, True, False, True, True, False]


def test_filters_apply_to_both_periods():
    near = proximity(INCIDENTS, HOTSPOTS)
    keep = INCIDENTS["fatalities"].to_numpy() > 1  # e.g. an event-type mask
    table = activity(INCIDENTS, near, radius_km=1.0, start=MARCH[0], end=MARCH[1], keep=keep)
    a = table.set_index("hotspot_id").loc["a"]
    assert (a.incidents, a.fatalities, a.previous_incidents) == (1, 2, 1)


def test_popup_activity_has_the_counts_and_twelve_months_at_least():
    near = proximity(INCIDENTS, HOTSPOTS)
    found = hotspot_activity(INCIDENTS, near, radius_km=1.0, start=MARCH[0], end=MARCH[1])["a"]
    assert (found.incidents, found.fatalities, found.previous_incidents) == (3, 3, 1)
    assert len(found.months) == 12  # April 2023 – March 2024
    assert found.months[-2:] == (1, 3)
    assert found.months_before == 11


def test_no_change_and_no_flag_when_the_previous_period_precedes_the_data():
    near = proximity(INCIDENTS, HOTSPOTS)
    covered = activity(
        INCIDENTS, near, radius_km=1.0, start=MARCH[0], end=MARCH[1], covered_from=date(2024, 1, 30)
    )
    assert covered.set_index("hotspot_id").loc["a", "change_pct"] == 200.0
    uncovered = activity(
        INCIDENTS, near, radius_km=1.0, start=MARCH[0], end=MARCH[1], covered_from=date(2024, 2, 15)
    ).set_index("hotspot_id")
    assert np.isnan(uncovered.loc["a", "change_pct"])
    assert not uncovered["rising"].any()
    assert uncovered.loc["a", "incidents"] == 3  # the counts stay
