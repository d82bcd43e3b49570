"""Marker symbols against the basemaps: WCAG 2.1 non-text contrast (1.4.11, ≥ 3:1).

The colours are those of ``data/hotspot_types.csv`` and the strokes :func:`marker_svg` draws,
read from the SVG itself. The backgrounds are the flat colours that fill most of a tile under a
marker, from the basemaps' own style sources:

- Light (CARTO Positron, CartoDB/basemap-styles ``positron/style.mss``): land ``#fafaf8``
  (``@landmass_fill``), urban areas ``#ededed``, water ``#d4dadc``, roads ``#ffffff``;
- Street (OpenStreetMap Carto, gravitystorm/openstreetmap-carto): land ``#f2efe9``
  (``@land-color``), residential ``#e0dfdf`` (most of Port-au-Prince), water ``#aad3df``;
- no tiles (offline): Leaflet's grey container ``#dddddd``.

The satellite basemap has no flat colour; the white halo around every symbol is for it.
"""

from __future__ import annotations

import re

import pytest

from dashboard.data import load_inputs
from dashboard.maps.styles import marker_svg

BACKGROUNDS = {
    "light land": "#FAFAF8",
    "light urban": "#EDEDED",
    "light water": "#D4DADC",
    "light road": "#FFFFFF",
    "street land": "#F2EFE9",
    "street residential": "#E0DFDF",
    "street water": "#AAD3DF",
    "no tiles": "#DDDDDD",
}
STYLES = load_inputs(None).styles


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB`` (0 black … 1 white)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two opaque colours (1 … 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag_examples():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#0072B2", "#FFFFFF") == pytest.approx(5.17, abs=0.02)


def _strokes(svg: str) -> list[str]:
    return [s.upper() for s in re.findall(r'stroke="(#[0-9A-Fa-f]{6})"', svg)]


@pytest.mark.parametrize("background", BACKGROUNDS)
@pytest.mark.parametrize("low_confidence", [False, True], ids=["confident", "approximate"])
def test_every_symbol_has_an_edge_of_at_least_3_to_1(background, low_confidence):
    """Each type's symbol has a ring (its fill, or one of its outlines) at ≥ 3:1 against the
    background, so its shape can be made out on either light basemap."""
    colour = BACKGROUNDS[background]
    weak = {}
    for style in STYLES.values():
        svg = marker_svg(style, low_confidence=low_confidence)
        # an approximate symbol's fill is see-through: only its outline counts
        rings = _strokes(svg) + ([] if low_confidence else [style.colour])
        best = max(contrast(ring, colour) for ring in rings)
        if best < 3:
            weak[style.id] = round(best, 2)
    assert weak == {}, f"symbols below 3:1 on {background} {colour}: {weak}"


@pytest.mark.parametrize("background", BACKGROUNDS)
def test_the_dashed_outline_of_approximate_points_is_at_least_3_to_1(background):
    """The dashes are what says "approximate": they must stand out themselves."""
    for style in STYLES.values():
        svg = marker_svg(style, low_confidence=True)
        dashed = re.search(r'stroke="(#[0-9A-Fa-f]{6})"[^>]*stroke-dasharray', svg)
        assert dashed is not None, style.id
        assert contrast(dashed.group(1), BACKGROUNDS[background]) >= 3, (style.id, background)


def test_fills_alone_are_not_enough_on_light_basemaps():
    """Why the symbols carry a dark outline: several palette colours (Okabe–Ito orange, sky
    blue, reddish purple) are below 3:1 on CARTO Positron's land by fill alone."""
    weak = {s.id for s in STYLES.values() if contrast(s.colour, BACKGROUNDS["light land"]) < 3}
    assert {"port_fuel", "town"} <= weak
