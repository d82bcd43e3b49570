"""The map builder, tested the folium way: build, render, assert on the HTML/JS."""

from __future__ import annotations

import json
import re
from collections import Counter

import folium
import pytest

from dashboard.maps.assets import vendor_files
from dashboard.maps.build import build_map
from dashboard.maps.extents import extent_bounds
from dashboard.maps.legend import Legend
from dashboard.maps.markers import display_positions
from dashboard.text import escaping
from dashboard.views.filters import Filters, apply_filters
from tests.support.records import replace
from tests.support.seed import seed_dataset


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset()


@pytest.fixture(scope="module")
def html(dataset) -> str:
    return build_map(dataset.located, dataset.styles).get_root().render()


def markers(m: folium.Map) -> list[folium.Marker]:
    found = []

    def walk(element):
        for child in element._children.values():
            if isinstance(child, folium.Marker):
                found.append(child)
            walk(child)

    walk(m)
    return found


def test_one_marker_per_hotspot(dataset, html):
    assert len(markers(build_map(dataset.located, dataset.styles))) == 22
    assert html.count("L.marker(") == 22


def test_markers_are_styled_by_type_from_the_style_table(dataset, html):
    expected = Counter(item.hotspot.type for item in dataset.located)
    icons = re.findall(r"L\.divIcon\((\{.*?\})\);", html, flags=re.DOTALL)
    assert len(icons) == 22
    for type_id, style in dataset.styles.items():
        mine = [icon for icon in icons if f'"hotspot-marker hotspot-type-{type_id}"' in icon]
        assert len(mine) == expected[type_id], type_id
        assert all(f'fill=\\"{style.colour}\\"' in icon for icon in mine), type_id


def test_one_legend_row_and_one_layer_per_type(dataset, html):
    m = build_map(dataset.located, dataset.styles)
    legend = next(c for c in m._children.values() if isinstance(c, Legend))
    legend_html = json.loads(legend.html_json)
    counts = Counter(item.hotspot.type for item in dataset.located)
    for type_id, style in dataset.styles.items():
        row = re.search(rf'data-type="{type_id}".*?</div>', legend_html).group(0)
        assert escaping.text(style.label) in row
        assert style.colour in row
        assert f">{counts[type_id]}</span>" in row
    assert html.count("L.featureGroup(") == len(dataset.styles)
    assert "L.control.layers(" in html
    assert "L.control.scale(" in html
    assert "L.control.fullscreen(" in html


def test_popup_says_what_where_how_sure_and_source(dataset, html):
    item = next(i for i in dataset.located if i.hotspot.id == "pont-sonde")
    start = html.index("Pont-Sondé</div>")
    popup = html[start : html.index("</div></div>`", start)]
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
    assert re.search(r"bindTooltip\(\s*`<div>\s*Pont-Sondé\s*</div>`", html)


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
    assert build_map(shown, dataset.styles).get_root().render().count("L.marker(") == 8
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


def test_co_located_hotspots_are_spread_not_stacked(dataset):
    positions = display_positions([i for i in dataset.located if i.location])
    assert len(set(positions.values())) == 22
    true_points = {i.hotspot.id: i.location for i in dataset.located}
    for hotspot_id, (lat, lon) in positions.items():
        true_lat, true_lon = true_points[hotspot_id]
        assert abs(lat - true_lat) < 0.004
        assert abs(lon - true_lon) < 0.004


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
    assert "<img src=x" not in html
    assert "${alert" not in html
    assert "javascript:alert" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;&#96;&#36;{alert(2)}&#96;&#92;" in html


def test_highlighted_hotspot_is_drawn_larger(dataset):
    html = build_map(dataset.located, dataset.styles, highlight="tlia").get_root().render()
    assert html.count("hotspot-highlight") == 2  # the marker's class and the CSS rule
    assert '"hotspot-marker hotspot-type-transport_hub hotspot-highlight"' in html


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
