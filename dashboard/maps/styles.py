"""How the map looks: the marker symbols (one shape and colour per type) and the map's CSS."""

from __future__ import annotations

from dashboard.data.styles import SHAPES, TypeStyle

#: Leaflet's controls at the same compact size as the legend (Streamlit's theme stops at the iframe).
MAP_CSS = """
.leaflet-container { font: 12px/1.45 system-ui, sans-serif; }
.leaflet-control-layers-expanded { padding: 6px 9px; }
.leaflet-control-layers label { margin: 1px 0; }
.leaflet-control-attribution, .leaflet-control-scale-line { font-size: 11px; }
.hotspot-marker { background: transparent; border: 0; }
.hotspot-highlight svg { filter: drop-shadow(0 0 4px #000); }
.hotspot-legend svg { width: 1.15em; height: 1.15em; flex: none; }
.incident-marker { background: #7A3E9D; border: 1.5px solid #fff; border-radius: 50%;
  box-shadow: 0 0 0 1px rgba(0, 0, 0, .45); }
.incident-popup div { margin: 1px 0; }
@media (max-width: 599px) {
  /* Phones: the legend folds to its title and opens on tap (or hover / keyboard focus). */
  .hotspot-legend > div:not(:first-child) { display: none !important; }
  .hotspot-legend > div:first-child { margin: 0 !important; }
  .hotspot-legend > div:first-child::after { content: " \\25B8"; }
  .hotspot-legend-control:hover .hotspot-legend > div:not(:first-child),
  .hotspot-legend-control:focus-within .hotspot-legend > div:not(:first-child) { display: flex !important; }
}
"""

#: Briefing maps: text grows with the map's width (the iframe's vw), within readable bounds.
BRIEF_CSS = """
.leaflet-container { font-size: clamp(13px, 1.05vw, 21px); }
.leaflet-control-attribution, .leaflet-control-scale-line { font-size: .8em; }
.leaflet-control-scale-line { font-size: .85em; }
.leaflet-tooltip.hotspot-label { font-size: .8em;
  padding: 1px 5px; opacity: .92 !important; box-shadow: none; border-color: #bbb; }
"""


#: Every symbol's outline: dark on the light basemaps (≥ 3:1 on each, where several palette
#: fills alone are not, see tests/maps/test_contrast.py), inside a white halo for the dark ones.
OUTLINE = "#1B1F24"
HALO = "#FFFFFF"


def marker_svg(style: TypeStyle, *, size: int = 20, low_confidence: bool = False) -> str:
    """An inline SVG of the type's shape in its colour, ``size`` CSS pixels square.

    Every symbol has a thin dark outline inside a white halo, so its shape stands out on light
    and dark basemaps alike. Low-confidence coordinates get a dashed outline and a lighter
    fill, so an analyst sees at a glance which points are only placed at commune level.
    """
    path = SHAPES[style.shape]
    dashes = ' stroke-dasharray="2.4 1.6"' if low_confidence else ""
    opacity = "0.55" if low_confidence else "1"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 20 20" aria-hidden="true">'
        f'<path d="{path}" fill="none" stroke="{HALO}" stroke-width="3" stroke-linejoin="round"/>'
        f'<path d="{path}" fill="{style.colour}" fill-opacity="{opacity}" stroke="{OUTLINE}" '
        f'stroke-width="{1.6 if low_confidence else 1.1}" stroke-linejoin="round"{dashes}/>'
        "</svg>"
    )
