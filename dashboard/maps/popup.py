"""The popup of a hotspot marker: what the place is, where, where its coordinate came from,
and the source (every value from data escaped for its context)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.data.geocodes import WORDS, GeocodeEntry
from dashboard.data.geography import DEPARTMENT_WORDS
from dashboard.data.styles import TypeStyle
from dashboard.maps.sparkline import sparkline_svg
from dashboard.maps.styles import marker_svg
from dashboard.model import LocatedHotspot
from dashboard.model.activity import HotspotActivity
from dashboard.model.updates import Mentioned
from dashboard.text import escaping
from dashboard.text.i18n import _, format_date, format_number, ngettext


def sources_phrase(geo: GeocodeEntry) -> str:
    """How many independent sources place the hotspot and how far apart they lie, e.g.
    "3 independent sources, at most 0.65 km apart" (from the evidence table)."""
    if not geo.lineages:
        return _("Approximate: no source places the hotspot itself (stand-in point)")
    if geo.lineages == 1:
        return _("1 independent source")
    spread = format_number(round(geo.spread_km or 0, 2), decimals=2)
    return _("{count} independent sources, at most {km} km apart").format(count=geo.lineages, km=spread)


#: At most this many updates are listed in a popup (the newest); the rest are counted.
MAX_LISTED_UPDATES = 6


def mentions_html(mentions: Sequence[Mentioned]) -> list[str]:
    """The updates that named the place, newest first, each dated and linked to its first URL."""
    if not mentions:
        return []
    t = escaping.text
    shown = list(reversed(mentions))[:MAX_LISTED_UPDATES]
    colon = t(_(": "))
    items = [
        f"<li>{t(format_date(m.update.date, short=True))}{colon}"
        f"{escaping.link(m.update.urls[0] if m.update.urls else None, m.update.title)}"
        f"{f' &mdash; {t(m.context)}' if m.context else ''}</li>"
        for m in shown
    ]
    more = len(mentions) - len(shown)
    if more:
        earlier = ngettext("… and {more} earlier", "… and {more} earlier", more).format(more=more)
        items.append(f"<li>{t(earlier)}</li>")
    named = ngettext("Named in {count} MSS update:", "Named in {count} MSS updates:", len(mentions))
    return [
        '<div class="hotspot-mentions" style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>{t(named.format(count=len(mentions)))}</b>"
        f'<ul style="margin:2px 0 0 16px;padding:0">{"".join(items)}</ul></div>'
    ]


def change_text(change_pct: float | None, previous: int) -> str:
    """E.g. "+40 % on the previous period", "none in the previous period"."""
    if change_pct is None:
        return _("none in the previous period") if previous == 0 else ""
    return _("{change} on the previous period").format(change=f"{change_pct:+.0f} %")


def activity_html(found: HotspotActivity) -> str:
    """Incidents within R km in the period, the change, the rising flag and a monthly sparkline
    (numbers only; no text from the incident file)."""
    t = escaping.text
    period = f"{format_date(found.start, short=True)} – {format_date(found.end, short=True)}"
    change = (
        change_text(found.change_pct, found.previous_incidents)
        if found.comparable
        else _("no comparison: the previous period starts before the data")
    )
    rising = _("rising")
    flag = f' <b style="color:#B3261E">▲ {t(rising)}</b>' if found.rising else ""
    within = _("Incidents within {radius} km").format(radius=format_number(found.radius_km))
    counts = _("{events} events, {fatalities} fatalities").format(
        events=format_number(found.incidents), fatalities=format_number(found.fatalities)
    )
    per_month = ngettext(
        "events per month, {n} month (red: the period)",
        "events per month, {n} months (red: the period)",
        len(found.months),
    ).format(n=len(found.months))
    return (
        '<div class="hotspot-activity" style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>{t(within)}</b> ({t(period)}): {t(counts)}{f' · {t(change)}' if change else ''}{flag}"
        f'<div style="margin-top:2px">{sparkline_svg(found.months, before=found.months_before)}'
        f'<span style="color:#555;font-size:11px"> {t(per_month)}</span></div></div>'
    )


def _words(item: LocatedHotspot) -> dict[str, str]:
    """The popup's words in the active language, escaped (messages outside f-strings, where
    the extractor finds them)."""
    spot, geo = item.hotspot, item.geocode
    words = {
        "as_written": _("as written in the source: “{name}”").format(name=spot.source_name),
        "where": _("Where:"),
        "department": _(DEPARTMENT_WORDS.get(spot.department, spot.department)),
        "shared": _(
            "Other hotspots share this point: the marker is drawn beside it, "
            "a dotted line leads to the point."
        ),
        "coordinate": _("Coordinate:"),
        "lat_lon": _("(lat, lon)"),
        "evidence": _("Evidence:"),
        "source": _("Source:"),
    }
    if geo is not None:
        words |= {
            "method": _(WORDS[geo.method]),
            "precision": _("precision: {value}").format(value=_(WORDS[geo.precision])),
            "confidence": _("confidence:"),
            "confidence_value": _(WORDS[geo.confidence]),
            "retrieved": _("(retrieved {date})").format(date=geo.retrieved.isoformat()),
        }
    return {key: escaping.text(value) for key, value in words.items()}


def popup_html(
    item: LocatedHotspot, style: TypeStyle, *, spread: bool = False, activity: HotspotActivity | None = None
) -> str:
    """The popup: what the place is, where, where the coordinate came from, and the source;
    with ``activity``, the incidents around it (see :func:`activity_html`)."""
    spot, geo, t = item.hotspot, item.geocode, escaping.text
    w = _words(item)
    lines = [
        '<div class="hotspot-popup" style="font:13px/1.4 system-ui,sans-serif;min-width:240px">',
        f'<div style="font-weight:700;font-size:14px">{t(spot.canonical_name)}</div>',
        f'<div style="color:#555">{w["as_written"]}</div>',
        f'<div style="margin:4px 0">{marker_svg(style, size=12)} {t(style.shown_label)}</div>',
        f"<div><b>{w['where']}</b> {t(spot.commune)}, {w['department']}</div>",
        *([f'<div style="color:#8a4b00">{t(spot.location_note)}</div>'] if spot.location_note else []),
        f'<div style="margin:4px 0">{t(spot.shown_description)}</div>',
    ]
    if geo is not None:
        shared = f"<br><i>{w['shared']}</i>" if spread else ""
        evidence = escaping.link(geo.evidence_url, f"{geo.evidence_kind} {geo.evidence_id}")
        lines += [
            '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
            f"<b>{w['coordinate']}</b> {geo.lat:.5f}, {geo.lon:.5f} {w['lat_lon']}"
            f"{shared}</div>",
            f"<div>{w['method']} &middot; {w['precision']} &middot; "
            f"{w['confidence']} <b>{w['confidence_value']}</b></div>",
            *(
                [f'<div class="hotspot-sources">{t(sources_phrase(geo))}</div>']
                if geo.lineages is not None
                else []
            ),
            f"<div>{w['evidence']} {evidence} {w['retrieved']}</div>",
        ]
        if geo.note:
            lines.append(f'<div style="color:#555">{t(geo.note)}</div>')
    if activity is not None:
        lines.append(activity_html(activity))
    lines += mentions_html(item.mentions)
    source = escaping.link(spot.source_url, spot.source_title)
    lines += [
        '<div style="margin-top:6px;border-top:1px solid #ddd;padding-top:4px">'
        f"<b>{w['source']}</b> {source} &mdash; {t(spot.source_publisher)}, "
        f"{t(spot.source_date.isoformat())}</div>",
    ]
    if spot.source_note:
        lines.append(f'<div style="color:#555">{t(spot.source_note)}</div>')
    lines.append("</div>")
    return "".join(lines)
