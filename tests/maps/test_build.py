"""The map builder, tested the folium way: build, render, assert on the HTML/JS."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from dashboard.maps.assets import vendor_files
from dashboard.maps.build import build_map
from dashboard.maps.extents import extent_bounds
from dashboard.maps.legend import Legend
from dashboard.maps.markers import accessible_name, spread_offsets
from dashboard.text import escaping
from dashboard.views.filters import Filters, apply_filters
from tests.support.maps import hotspot_rows
from tests.support.records import replace
from tests.support.seed import seed_dataset


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset()


@pytest.fixture(scope="module")
def html(dataset) -> str:
    return build_map(dataset.located, dataset.styles).get_root().render()


def test_one_marker_per_hotspot(dataset, html):
    rows = hotspot_rows(html)
    assert sorted(r["hotspot"] for r in rows) == sorted(i.hotspot.id for i in dataset.located)
    assert html.count("L.marker(") == 1  # one in the browser-side loop, none per hotspot in Python


def test_markers_are_styled_by_type_from_the_style_table(dataset, html):
    expected = Counter(item.hotspot.type for item in dataset.located)
    rows = hotspot_rows(html)
    assert Counter(r["ty"] for r in rows) == expected
    for row in rows:
        assert all(f'fill="{dataset.styles[row["ty"]].colour}"' in svg for svg in row["svg"])
    assert "'hotspot-marker hotspot-type-' + r.ty" in html


def test_every_marker_has_an_accessible_name(dataset, html):
    names = {r["hotspot"]: r["a"] for r in hotspot_rows(html)}
    assert names["tlia"] == "Toussaint Louverture International Airport, Transport hub"
    low = next(i for i in dataset.located if i.geocode is not None and i.geocode.is_low_confidence)
    assert names[low.hotspot.id].endswith(", approximate location")
    assert names[low.hotspot.id] == accessible_name(low, dataset.styles[low.hotspot.type])
    assert "setAttribute('aria-label', r.a)" in html


def test_one_legend_row_per_type_and_no_layer_control(dataset, html):
    m = build_map(dataset.located, dataset.styles)
    legend = next(c for c in m._children.values() if isinstance(c, Legend))
    legend_html = json.loads(legend.html_json)
    counts = Counter(item.hotspot.type for item in dataset.located)
    for type_id, style in dataset.styles.items():
        row = re.search(rf'data-type="{type_id}".*?</div>', legend_html).group(0)
        assert escaping.text(style.label) in row
        assert style.colour in row
        assert f">{counts[type_id]}</span>" in row
    assert html.count("L.featureGroup(") == 1
    # No layer control: the sidebar alone chooses types and basemap (one source of truth).
    assert "L.control.layers(" not in html
    assert "L.control.scale(" in html
    assert "L.control.fullscreen(" in html


def test_popup_says_what_where_how_sure_and_source(dataset, html):
    item = next(i for i in dataset.located if i.hotspot.id == "pont-sonde")
    popup = next(r["popup"] for r in hotspot_rows(html) if r["hotspot"] == "pont-sonde")
    for expected in (
        "as written in the source: &ldquo;Pont Sonde&rdquo;",
        "Town / commune",
        "Saint-Marc, Artibonite department",
        f"confidence: <b>{item.geocode.confidence}</b>",
        "https://www.geonames.org/3718450",
        item.hotspot.source_title,
    ):
        assert expected in popup, expected
    assert f"precision: {item.geocode.precision}" in popup


def test_tooltip_is_the_name(html):
    assert next(r["t"] for r in hotspot_rows(html) if r["hotspot"] == "pont-sonde") == "Pont-Sondé"


def test_assets_are_local_and_exist(html):
    sources = re.findall(r'<script src="([^"]+)"', html)
    sources += re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sources
    assert all(src.startswith("../../app/static/vendor/") for src in sources), sources
    for file in vendor_files():
        assert file.stat().st_size > 0, file


def test_build_is_deterministic(dataset, html):
    assert build_map(dataset.located, dataset.styles).get_root().render() == html


def test_filters_drop_exactly_their_markers(dataset):
    shown = apply_filters(dataset.located, Filters(types=("town", "junction")))
    assert len(hotspot_rows(build_map(shown, dataset.styles).get_root().render())) == 8
    artibonite = apply_filters(dataset.located, Filters(departments=("Artibonite",)))
    assert {i.hotspot.id for i in artibonite} == {
        "pont-sonde",
        "carrefour-paye",
        "lestere",
        "la-croix",
        "petite-riviere",
    }
    named = apply_filters(dataset.located, Filters(name_query="pont sonde"))
    assert [i.hotspot.id for i in named] == ["pont-sonde"]


def test_extents_come_from_the_data(dataset):
    artibonite = extent_bounds("artibonite", shown=[], every=dataset.located)
    capital = extent_bounds("pap", shown=[], every=dataset.located)
    for item in dataset.located:
        box = artibonite if item.hotspot.department == "Artibonite" else capital
        assert box.contains(*item.location), item.hotspot.id
    assert not artibonite.contains(18.5435, -72.3388)  # Port-au-Prince
    assert extent_bounds("haiti", shown=[], every=[]).contains(19.75938, -72.19815)  # Cap-Haïtien


def test_co_located_hotspots_are_spread_in_screen_pixels(dataset):
    """Hotspots sharing a point get distinct pixel offsets far enough apart for 20 px markers
    (at any zoom, since they are pixels); a hotspot alone stays on its point."""
    moved = ["bourdon", "christ-roi", "downtown-pap", "fort-national", "champ-de-mars"]
    placed = [
        replace(i, geocode=replace(i.geocode, lat=18.54349, lon=-72.33881)) if i.hotspot.id in moved else i
        for i in dataset.located
    ]
    offsets = spread_offsets(placed, size=20)
    shared = [i.hotspot.id for i in placed if i.location == (18.54349, -72.33881)]
    assert shared == [h for h in (i.hotspot.id for i in placed) if h in moved]
    points = [offsets[h] for h in shared]
    for index, (x1, y1) in enumerate(points):
        for x2, y2 in points[index + 1 :]:
            assert max(abs(x1 - x2), abs(y1 - y2)) >= 20
    assert all(0 < (x * x + y * y) ** 0.5 < 40 for x, y in points)
    assert offsets["la-croix"] == (0, 0)


def test_text_from_data_cannot_run_as_code(dataset):
    payload = "<img src=x onerror=alert(1)>`${alert(2)}`\\"
    item = dataset.located[0]
    evil = replace(
        item,
        hotspot=replace(
            item.hotspot, canonical_name=payload, description=payload, source_url="javascript:alert(3)"
        ),
    )
    html = build_map([evil], dataset.styles).get_root().render()
    # The accessible name is plain text (JSON string, set with setAttribute): the only place
    # the payload appears unescaped, and it never becomes HTML.
    (row,) = hotspot_rows(html)
    assert row["a"] == f"{payload}, {dataset.styles[item.hotspot.type].label}"
    html = html.replace(json.dumps(row["a"], ensure_ascii=False)[1:-1], "")
    assert "<img src=x" not in html
    assert "${alert" not in html
    assert "javascript:alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;" in html


def test_highlighted_hotspot_is_drawn_larger(dataset):
    html = build_map(dataset.located, dataset.styles, highlight="tlia").get_root().render()
    rows = {r["hotspot"]: r for r in hotspot_rows(html)}
    assert rows["tlia"]["h"] == 1
    assert sum(r["h"] for r in rows.values()) == 1
    assert "zIndexOffset: r.h ? 1000 : 0" in html  # drawn above its neighbours


def test_popup_says_how_many_independent_sources_place_the_hotspot(dataset, html):
    christ_roi = next(i for i in dataset.located if i.hotspot.id == "christ-roi").geocode
    assert christ_roi.lineages >= 2
    phrase = f"{christ_roi.lineages} independent sources, at most {christ_roi.spread_km:.2f} km apart"
    assert phrase in html
    assert "Approximate: no source places the hotspot itself (stand-in point)" in html  # Varreux, IGPNH


def test_the_attribution_line_credits_the_coordinate_sources(dataset):
    credits = dataset.coordinate_credits
    assert credits.startswith("Coordinates: ACLED (acleddata.com)")
    assert "GeoNames (CC BY 4.0)" in credits
    rendered = build_map(dataset.located, dataset.styles, credits=credits).get_root().render()
    call = re.search(r"attributionControl\.addAttribution\((\"[^\"]*\")\)", rendered)
    assert call is not None
    assert json.loads(call.group(1)) == escaping.text(credits)
    assert "GeoNames (CC BY 4.0)" in rendered


def test_the_legend_calls_dashed_markers_approximate(html):
    assert "dashed: approximate (stand-in or single coarse source)" in html
    assert "commune-level" not in html


def test_published_popups_leave_the_map_and_come_back_whole(dataset, html):
    published: list[list[str]] = []

    def publish(pieces: list[str]) -> str:
        published.append(pieces)
        return "../generated/popups-test.json"

    m = build_map(dataset.located, dataset.styles, basemap=None, publish_parts=publish)
    fetched = m.get_root().render()
    assert '"partsUrl":"../generated/popups-test.json"' in fetched
    assert '"parts":' not in fetched
    assert len(fetched) < len(html) / 2  # the popups were most of the map
    inline = {row["hotspot"]: row["popup"] for row in hotspot_rows(html)}
    start = re.search(r"window\.addHotspots\([\w$]+,\s*", fetched).end()
    data, _ = json.JSONDecoder().raw_decode(fetched, start)
    rebuilt = {row["hotspot"]: "".join(published[0][i] for i in row["p"]) for row in data["rows"]}
    assert rebuilt == inline
