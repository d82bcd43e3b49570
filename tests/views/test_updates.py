"""A view by MSS update: which places it shows, its 'as of', its link, its popups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from dashboard.data import paths
from dashboard.maps.popup import popup_html
from dashboard.model.dataset import load_dataset
from dashboard.views.permalink import parse_query, to_query
from dashboard.views.render import as_of, briefing_text, named_hotspots, shown_hotspots
from dashboard.views.state import ViewState


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.BUNDLED_DATA_DIR)


def ids(items) -> set[str]:
    return {item.hotspot.id for item in items}


def test_a_first_visit_shows_the_22_places_of_19_november_2024(dataset):
    shown = named_hotspots(dataset, ViewState())
    assert len(shown) == 22
    assert as_of(dataset, ViewState()) == date(2024, 11, 19)
    assert "Bel-Air" not in {item.hotspot.canonical_name for item in shown}


def test_one_update_shows_exactly_the_places_its_mentions_name(dataset):
    state = ViewState(update="mss-2024-08-27")
    assert ids(named_hotspots(dataset, state)) == {"bel-air", "solino"}
    assert as_of(dataset, state) == date(2024, 8, 27)
    text = briefing_text(dataset, state, 2)
    assert text.as_of == "27 August 2024 (MSS update of 27 Aug 2024)"
    assert text.filters.startswith("All 2 hotspots")


def test_every_update_in_a_window_shows_the_union_and_filters_still_apply(dataset):
    autumn = ViewState(update="all", dates=(date(2024, 8, 1), date(2024, 9, 30)))
    named = ids(named_hotspots(dataset, autumn))
    expected = set()
    for update in dataset.updates.updates:
        if date(2024, 8, 1) <= update.date <= date(2024, 9, 30):
            expected |= dataset.updates.places_of([update])
    assert named == expected
    assert {"bel-air", "solino", "ganthier", "delmas"} <= named
    towns = shown_hotspots(dataset, replace(autumn, types=("town",)))
    assert ids(towns) == {
        i for i in named if next(x for x in dataset.located if x.hotspot.id == i).hotspot.type == "town"
    }
    assert as_of(dataset, autumn) == date(2024, 9, 17)


def test_the_update_travels_in_the_link(dataset):
    state = ViewState(update="mss-2024-09-17")
    query = to_query(state)
    assert query == {"update": ["mss-2024-09-17"]}
    back, notices = parse_query(query, type_ids=[], hotspot_ids=[], update_ids=dataset.updates.ids)
    assert (back.update, notices) == ("mss-2024-09-17", [])
    _, notices = parse_query(
        {"update": ["mss-1999-01-01"]}, type_ids=[], hotspot_ids=[], update_ids=dataset.updates.ids
    )
    assert notices
    assert "'update=mss-1999-01-01' is not " in notices[0]
    assert to_query(ViewState()) == {}  # the default update is not written


def test_the_popup_lists_the_updates_that_named_the_place_newest_first(dataset):
    solino = next(item for item in dataset.located if item.hotspot.id == "solino")
    html = popup_html(solino, dataset.styles[solino.hotspot.type])
    assert f"Named in {len(solino.mentions)} MSS updates:" in html
    first, last = solino.mentions[0].update, solino.mentions[-1].update
    assert html.index(last.date.strftime("%-d %b %Y")) < html.index(first.date.strftime("%-d %b %Y"))
    assert 'href="https://mssmhaiti.com/fr/post/' in html  # the mission's own post is linked


def test_a_place_first_named_in_an_update_is_new_there(dataset):
    bel_air = dataset.updates.get("mss-2024-08-27")
    assert dataset.updates.is_new_in("bel-air", bel_air)
    assert not dataset.updates.is_new_in("solino", dataset.updates.get("mss-2024-11-19"))


def test_the_mentions_chart_has_one_mark_per_update_naming_a_place(dataset):
    from dashboard.views.charts import mentions_chart, mentions_frame, mentions_table

    frame = mentions_frame(dataset.located, dataset.styles)
    expected = sum(len(item.mentions) for item in dataset.located)
    assert len(frame) == expected
    table = mentions_table(frame)
    assert table["Updates"].sum() == expected
    top = table.iloc[0]
    assert top["Updates"] == max(len(item.mentions) for item in dataset.located)
    chart = mentions_chart(frame, dataset.styles).to_dict()
    assert chart["mark"]["type"] == "square"
    assert chart["encoding"]["y"]["sort"][0] == top["Place"]
    scale = chart["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        s.label: s.colour for s in dataset.styles.values()
    }
