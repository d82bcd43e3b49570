"""The map's accessibility pieces, in the rendered HTML (the browser side: tests/browser/
test_accessibility.py)."""

from __future__ import annotations

import re

import pytest
from streamlit_folium import _get_header

from dashboard.maps.a11y import MAP_DESCRIPTION, MAP_NAME
from dashboard.maps.build import build_map, build_map_parts
from dashboard.maps.legend import legend_html
from tests.support.seed import seed_dataset


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset()


def _viewports(html: str) -> list[str]:
    return re.findall(r'<meta name="viewport" content="([^"]*)"', html)


def test_the_standalone_map_can_be_zoomed(dataset):
    """folium writes maximum-scale=1.0, user-scalable=no (axe meta-viewport, WCAG 1.4.4)."""
    html = build_map(dataset.located, dataset.styles).get_root().render()
    assert _viewports(html) == ["width=device-width, initial-scale=1.0"]


def test_the_app_map_header_can_be_zoomed(dataset):
    """The header streamlit-folium puts into its frame (rendered the way it renders it)."""
    base = build_map_parts(dataset.located, dataset.styles).base
    base.render()
    assert _viewports(_get_header(base)) == ["width=device-width, initial-scale=1.0"]


def test_the_map_is_named_and_described_for_screen_readers(dataset):
    html = build_map(dataset.located, dataset.styles).get_root().render()
    assert html.count("window.frameElement.setAttribute") == 1
    assert f'"{MAP_NAME}"' in html
    assert MAP_DESCRIPTION.split(":")[0] in html
    assert 'setAttribute("aria-describedby"' in html


def test_greyed_legend_rows_keep_readable_text(dataset):
    """A type with nothing shown: its symbol fades, its text stays at ≥ 4.5:1 (#5C6066 on
    white is 6.3:1), instead of the whole row at 45 % opacity (about 2.6:1)."""
    counts = {type_id: 0 for type_id in dataset.styles}
    html = legend_html(dataset.styles, counts)
    rows = re.findall(r'<div class="legend-row"[^>]*style="([^"]*)"', html)
    assert len(rows) == len(dataset.styles)
    assert all("color:#5C6066" in style and "opacity" not in style for style in rows)
    assert html.count('<span style="opacity:.45;display:inline-flex"><svg') == len(dataset.styles)
