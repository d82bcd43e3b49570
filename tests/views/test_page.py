"""What the page shows, computed without Streamlit: counts, the refit decision, the highlight."""

from __future__ import annotations

import pytest

from dashboard.maps.extents import extent_bounds
from dashboard.views import page
from dashboard.views.render import shown_hotspots
from dashboard.views.state import ViewState
from dashboard.views.vocabulary import Area, Extent
from tests.support.records import replace
from tests.support.seed import seed_dataset


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset()


def test_department_counts_come_from_the_data(dataset):
    counts = page.department_counts(dataset.located, dataset.located)
    assert [(c.label, c.value) for c in counts] == [
        ("Port-au-Prince area (Ouest)", 17),
        ("Artibonite", 5),
    ]


def test_a_department_without_an_area_gets_its_own_count(dataset):
    moved = [
        replace(item, hotspot=replace(item.hotspot, department="Nord")) if index == 0 else item
        for index, item in enumerate(dataset.located)
    ]
    counts = {c.label: c.value for c in page.department_counts(moved[:3], moved)}
    assert counts["Nord"] == 1


def test_counts_follow_the_filters(dataset):
    shown = shown_hotspots(dataset, ViewState(area=Area.ARTIBONITE))
    counts = {c.label: c.value for c in page.department_counts(shown, dataset.located)}
    assert counts == {"Port-au-Prince area (Ouest)": 0, "Artibonite": 5}
    assert page.low_confidence_count(shown) == sum(
        1 for i in shown if i.geocode is not None and i.geocode.confidence == "low"
    )


def test_the_first_run_frames_the_extent(dataset):
    state = ViewState(extent=Extent.PAP)
    frame = page.map_frame(None, state, shown=dataset.located, every=dataset.located)
    assert frame.bounds == extent_bounds("pap", shown=dataset.located, every=dataset.located)


def test_type_and_name_filters_keep_the_frame(dataset):
    first = page.map_frame(None, ViewState(), shown=dataset.located, every=dataset.located)
    narrowed = ViewState(types=("town",), q="pont")
    shown = shown_hotspots(dataset, narrowed)
    assert page.map_frame(first, narrowed, shown=shown, every=dataset.located) is first


@pytest.mark.parametrize("change", [{"extent": Extent.HAITI}, {"area": Area.ARTIBONITE}])
def test_extent_or_area_changes_refit(dataset, change):
    first = page.map_frame(None, ViewState(), shown=dataset.located, every=dataset.located)
    state = ViewState(**change)
    shown = shown_hotspots(dataset, state)
    frame = page.map_frame(first, state, shown=shown, every=dataset.located)
    assert frame is not first
    assert frame.bounds == extent_bounds(state.extent, shown=shown, every=dataset.located)


def test_zoom_to_shown_frames_the_shown_hotspots(dataset):
    state = ViewState(extent=Extent.HAITI, types=("town",))
    shown = shown_hotspots(dataset, state)
    first = page.map_frame(None, state, shown=shown, every=dataset.located)
    zoomed = page.map_frame(first, state, shown=shown, every=dataset.located, zoom_to_shown=True)
    assert zoomed.bounds == extent_bounds("fit", shown=shown, every=dataset.located)
    assert zoomed.bounds != first.bounds


def test_a_new_deployment_pick_replaces_the_highlight_once():
    assert page.picked_highlight(None, "tlia", None) == "tlia"
    assert page.picked_highlight("tlia", "tlia", "delmas") == "delmas"  # the sidebar changed since
    assert page.picked_highlight("tlia", None, "tlia") == "tlia"
