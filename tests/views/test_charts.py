"""Every chart of the panels is a valid Vega-Lite spec (the page skips that check per rerun)."""

from __future__ import annotations

from datetime import date

import altair as alt
import pytest

from dashboard.model.dataset import load_dataset
from dashboard.timelines import load_timelines, timeline_date_bounds
from dashboard.timelines.filters import filter_events
from dashboard.views.charts import (
    SpecCache,
    mentions_chart,
    mentions_frame,
    policy_chart,
    strength_chart,
    vega_lite_spec,
)

RANGES = [None, (date(2024, 6, 1), date(2024, 12, 31)), (date(2025, 1, 1), date(2025, 3, 31))]


@pytest.fixture(scope="module")
def timelines():
    return load_timelines()


def _charts(timelines, date_range):
    yield "strength", strength_chart(timelines.deployments, date_range)
    yield "strength+refs", strength_chart(timelines.deployments, date_range, with_references=True)
    shown = filter_events(timelines.policy.events, date_range=date_range, actors=None, kinds=None)
    if shown:
        for axis in ("Kind", "Actor"):
            yield f"policy/{axis}", policy_chart(shown, date_range, axis=axis)


@pytest.mark.parametrize("chosen", RANGES, ids=["all", "2024H2", "2025Q1"])
def test_each_chart_validates_and_the_page_spec_is_the_same_chart(timelines, chosen):
    date_range = chosen or timeline_date_bounds(timelines)
    drawn = 0
    for name, chart in _charts(timelines, date_range):
        if chart is None:
            continue
        with alt.theme.enable("none"):
            validated = chart.to_dict()  # raises on a schema error
        assert vega_lite_spec(chart) == validated, name
        drawn += 1
    assert drawn >= 3


def test_the_mentions_chart_validates():
    dataset = load_dataset()
    chart = mentions_chart(mentions_frame(dataset.located, dataset.styles), dataset.styles)
    with alt.theme.enable("none"):
        assert vega_lite_spec(chart) == chart.to_dict()


class _Data:
    """A stand-in for a shared data object (weak-referenceable, like the timelines)."""


def test_the_spec_cache_builds_once_per_data_object_and_options(timelines):
    cache, data = SpecCache(max_entries=3), _Data()
    date_range = timeline_date_bounds(timelines)

    def build():
        return strength_chart(timelines.deployments, date_range)

    first = cache.spec("strength", data, (date_range,), build)
    first["mutated"] = True  # Streamlit edits the dict it gets: the cache must not see it
    again = cache.spec("strength", data, (date_range,), build)
    assert cache.builds == 1
    assert "mutated" not in again
    assert again == vega_lite_spec(build())
    cache.spec("strength", data, (date_range, "other"), build)
    cache.spec("strength", _Data(), (date_range,), build)  # another object: built again
    assert cache.builds == 3
    assert cache.spec("empty", data, (), lambda: None) is None
    assert cache.spec("empty", data, (), lambda: None) is None
    assert cache.builds == 4  # "no chart" is cached too; the bound emptied the cache once


def test_a_freed_data_object_never_serves_its_spec_to_a_newcomer(timelines):
    cache = SpecCache()
    date_range = timeline_date_bounds(timelines)
    data = _Data()
    cache.spec("strength", data, (), lambda: strength_chart(timelines.deployments, date_range))
    key_id = id(data)
    del data
    newcomer = _Data()
    # whether or not CPython reuses the id, the newcomer's chart is its own
    assert cache.spec("strength", newcomer, (), lambda: None) is None
    assert cache.builds == 2 or id(newcomer) != key_id
