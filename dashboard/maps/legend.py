"""The map legend: a Leaflet control drawn inside the map (so screenshots and full screen keep it).

Built from the style table, so it always matches the markers and the filter.
"""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.data.styles import TypeStyle
from dashboard.maps.overlay import MapText
from dashboard.maps.styles import marker_svg
from dashboard.text import escaping
from dashboard.text.i18n import _

_BOX = (
    "background:rgba(255,255,255,.92);padding:6px 9px;border-radius:6px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);line-height:1.45;color:#1B1F24"
)


#: The legend's row for the incident layer (when incidents are loaded; static text).
INCIDENTS_ROW = (
    '<div class="legend-incidents" style="display:flex;align-items:center;gap:6px;margin-top:4px;'
    'border-top:1px solid #ddd;padding-top:4px"><svg width="14" height="14" viewBox="0 0 14 14" '
    'aria-hidden="true"><circle cx="7" cy="7" r="5" fill="#7A3E9D" stroke="#fff" stroke-width="1.5"/>'
    "</svg><span>incident (ACLED); numbered circles: clusters</span></div>"
)


def legend_html(
    styles: Mapping[str, TypeStyle], counts: Mapping[str, int] | None = None, *, incidents: bool = False
) -> str:
    """The legend's HTML: one row per type (symbol, label and, given ``counts``, the number
    shown; types with nothing shown are greyed, not hidden), then the key to low-confidence
    symbols, and with ``incidents`` the key to the incident layer."""
    rows = []
    for style in styles.values():
        count = None if counts is None else counts.get(style.id, 0)
        symbol = marker_svg(style, size=14)
        if count == 0:  # greyed: a faint symbol, the text still at 4.5:1 (WCAG 1.4.3)
            symbol = f'<span style="opacity:.45;display:inline-flex">{symbol}</span>'
        dim = "color:#5C6066;" if count == 0 else ""
        rows.append(
            f'<div class="legend-row" data-type="{escaping.text(style.id)}" style="{dim}'
            'display:flex;align-items:center;gap:6px">'
            f"{symbol}<span>{escaping.text(style.shown_label)}</span>"
            + (
                ""
                if count is None
                else f'<span style="margin-left:auto;padding-left:8px;color:#555">{count}</span>'
            )
            + "</div>"
        )
    # Messages outside f-strings, where the extractor (Python 3.11 tokens) finds them.
    dashed = escaping.text(_("dashed: approximate (stand-in or single coarse source)"))
    heading = escaping.text(_("Hotspot type"))
    any_style = next(iter(styles.values()), None)
    if any_style is not None:
        rows.append(
            '<div style="display:flex;align-items:center;gap:6px;margin-top:4px;'
            'border-top:1px solid #ddd;padding-top:4px">'
            f"{marker_svg(any_style, size=14, low_confidence=True)}"
            f"<span>{dashed}</span></div>"
        )
    if incidents:
        rows.append(INCIDENTS_ROW)
    return (
        f'<div class="hotspot-legend" style="{_BOX}">'
        f'<div style="font-weight:600;margin-bottom:2px">{heading}</div>' + "".join(rows) + "</div>"
    )


class Legend(MapText):
    """A bottom-right Leaflet control holding :func:`legend_html`."""

    def __init__(self, html: str):
        super().__init__(html, position="bottomright", css_class="hotspot-legend-control")
        self._name = "Legend"
