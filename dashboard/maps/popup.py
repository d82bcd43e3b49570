"""The popup of a hotspot marker: what the place is, where, where its coordinate came from,
and the source (every value from data escaped for its context)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.data.geocodes import GeocodeEntry
from dashboard.data.styles import TypeStyle
from dashboard.maps.sparkline import sparkline_svg
from dashboard.maps.styles import marker_svg
from dashboard.model import LocatedHotspot
from dashboard.model.activity import HotspotActivity
from dashboard.model.updates import Mentioned
from dashboard.text import escaping


def sources_phrase(geo: GeocodeEntry) -> str:
    """How many independent sources place the hotspot and how far apart they lie, e.g.
    "3 independent sources, at most 0.65 km apart" (from the evidence table)."""
    if not geo.lineages:
        return "Approximate: no source places the hotspot itself (stand-in point)"
    if geo.lineages == 1:
        return "1 independent source"
    return f"{geo.lineages} independent sources, at most {geo.spread_km or 0:.2f} km apart"


#: At most this many updates are listed in a popup (the newest); the rest are counted.
MAX_LISTED_UPDATES = 6


def mentions_html(mentions: Sequence[Mentioned]) -> list[str]:
    """The updates that named the place, newest first, each dated and linked to its first URL."""
    if not mentions:
        return []
    t = escaping.text
    shown = list(reversed(mentions))[:MAX_LISTED_UPDATES]
    items = [
        f"<li>{t(m.update.date.strftime('%-d %b %Y'))}: "
        f"{escaping.link(m.update.urls[0] if m.update.urls else None, m.update.title)}"
        f"{f' &mdash; {t(m.context)}' if m.context else ''}</li>"
        for m in shown
    ]
    more = len(mentions) - len(shown)
    if more:
        items.append(f"<li>… and {more} earlier</li>")
    count = f"{len(mentions)} MSS update{'s' if len(mentions) != 1 else ''}"
    return [
        '<div class="hotspot-mentions" style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>Named in {count}:</b>"
        f'<ul style="margin:2px 0 0 16px;padding:0">{"".join(items)}</ul></div>'
    ]


def change_text(change_pct: float | None, previous: int) -> str:
    """E.g. "+40 % on the previous period", "none in the previous period"."""
    if change_pct is None:
        return "none in the previous period" if previous == 0 else ""
    return f"{change_pct:+.0f} % on the previous period"


def activity_html(found: HotspotActivity) -> str:
    """Incidents within R km in the period, the change, the rising flag and a monthly sparkline
    (numbers only; no text from the incident file)."""
    t = escaping.text
    period = f"{found.start.strftime('%-d %b %Y')} – {found.end.strftime('%-d %b %Y')}"
    change = (
        change_text(found.change_pct, found.previous_incidents)
        if found.comparable
        else "no comparison: the previous period starts before the data"
    )
    flag = ' <b style="color:#B3261E">▲ rising</b>' if found.rising else ""
    return (
        '<div class="hotspot-activity" style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>Incidents within {found.radius_km:g} km</b> ({t(period)}): {found.incidents} events, "
        f"{found.fatalities} fatalities{f' · {t(change)}' if change else ''}{flag}"
        f'<div style="margin-top:2px">{sparkline_svg(found.months, before=found.months_before)}'
        f'<span style="color:#555;font-size:11px"> events per month, {len(found.months)} months '
        "(red: the period)</span></div></div>"
    )


def popup_html(
    item: LocatedHotspot, style: TypeStyle, *, spread: bool = False, activity: HotspotActivity | None = None
) -> str:
    """The popup: what the place is, where, where the coordinate came from, and the source;
    with ``activity``, the incidents around it (see :func:`activity_html`)."""
    spot, geo, t = item.hotspot, item.geocode, escaping.text
    lines = [
        '<div class="hotspot-popup" style="font:13px/1.4 system-ui,sans-serif;min-width:240px">',
        f'<div style="font-weight:700;font-size:14px">{t(spot.canonical_name)}</div>',
        f'<div style="color:#555">as written in the source: &ldquo;{t(spot.source_name)}&rdquo;</div>',
        f'<div style="margin:4px 0">{marker_svg(style, size=12)} {t(style.label)}</div>',
        f"<div><b>Where:</b> {t(spot.commune)}, {t(spot.department)} department</div>",
        *([f'<div style="color:#8a4b00">{t(spot.location_note)}</div>'] if spot.location_note else []),
        f'<div style="margin:4px 0">{t(spot.description)}</div>',
    ]
    if geo is not None:
        shared = (
            "<br><i>Other hotspots share this point: the marker is drawn beside it, "
            "a dotted line leads to the point.</i>"
            if spread
            else ""
        )
        evidence = escaping.link(geo.evidence_url, f"{geo.evidence_kind} {geo.evidence_id}")
        lines += [
            '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
            f"<b>Coordinate:</b> {geo.lat:.5f}, {geo.lon:.5f} (lat, lon)"
            f"{shared}</div>",
            f"<div>{t(geo.method)} &middot; precision: {t(geo.precision)} &middot; "
            f"confidence: <b>{t(geo.confidence)}</b></div>",
            *(
                [f'<div class="hotspot-sources">{t(sources_phrase(geo))}</div>']
                if geo.lineages is not None
                else []
            ),
            f"<div>Evidence: {evidence} (retrieved {t(geo.retrieved.isoformat())})</div>",
        ]
        if geo.note:
            lines.append(f'<div style="color:#555">{t(geo.note)}</div>')
    if activity is not None:
        lines.append(activity_html(activity))
    lines += mentions_html(item.mentions)
    source = escaping.link(spot.source_url, spot.source_title)
    lines += [
        '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>Source:</b> {source} &mdash; {t(spot.source_publisher)}, "
        f"{t(spot.source_date.isoformat())}</div>",
    ]
    if spot.source_note:
        lines.append(f'<div style="color:#555">{t(spot.source_note)}</div>')
    lines.append("</div>")
    return "".join(lines)
