"""The deployments and policy panels' content, without Streamlit: tables, charts, Markdown.

Text from the data is never rendered as HTML: tables are DataFrames, and Markdown lines
escape every punctuation character of the data they contain (:func:`dashboard.text.escaping.markdown`).
Links are only the http(s) URLs the loader accepted.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import TypeVar
from urllib.parse import quote

import altair as alt
import pandas as pd

from dashboard.data.events import (
    KIND_WORDS,
    DeploymentData,
    DeploymentEvent,
    Event,
    PolicyEvent,
    source_label,
    source_url,
)
from dashboard.data.publishers import TIERS, Publishers, Source
from dashboard.data.styles import TypeStyle
from dashboard.model import LocatedHotspot
from dashboard.text.escaping import markdown
from dashboard.text.i18n import N_, _, current, format_number, vega_locale
from dashboard.text.i18n import format_date as i18n_date
from dashboard.timelines.filters import filter_events, format_date
from dashboard.timelines.strength import reference_lines, strength_reports, strength_series

ChartT = TypeVar("ChartT", alt.Chart, alt.LayerChart)

CONFLICT_COLUMN = N_("⚠ conflict")

STRENGTH_CAPTION = N_(
    "The stacked areas count sourced arrivals minus sourced departures, by contributing country. "
    "Where sources disagree on a number, the conservative figure is used (the row's conflict note "
    "says which). From Feb 2025 the stack drifts above the reported totals, because some "
    'departures and rotations have no sourced figure (see the README, section "Deployments and '
    'policy timelines"). The points '
    "are the totals reported at the time; the dashed lines (when shown) are the MSS planning "
    "figure and the GSF ceiling."
)

#: Each chart's text alternative: the table under it, named by a heading (the chart's
#: ``description`` is what a screen reader says for it; the caption shows the link to sighted
#: users too). Keys: the chart; values: (the table's heading, the chart's description).
CHART_TABLES = {
    "strength": (
        N_("Deployment events"),
        N_(
            "Chart of personnel on the ground by contributing country over time, with the totals "
            "reported at the time. The figures it is drawn from are in the table 'Deployment events' "
            "below (column Personnel)."
        ),
    ),
    "policy": (
        N_("Policy events"),
        N_(
            "Timeline of policy events, one mark per event, by kind or actor. The same events are "
            "listed in the table 'Policy events' below."
        ),
    ),
    "mentions": (
        N_("Places by number of updates"),
        N_(
            "Chart of which MSS update named which place, one mark per update and place. The same "
            "counts are in the table 'Places by number of updates' below."
        ),
    ),
}


def table_caption(chart: str) -> str:
    """The caption under a chart that points to its table (see :data:`CHART_TABLES`)."""
    return _("Table of the same data below: “{table}”.").format(table=_(CHART_TABLES[chart][0]))


# --- small helpers --------------------------------------------------------------------------


#: What :func:`vega_lite_spec` takes: any top-level Altair chart.
ChartLike = alt.TopLevelMixin


def vega_lite_spec(chart: ChartLike) -> dict:
    """The chart as a Vega-Lite spec (data inline), without Altair's theme defaults and without
    validating it against the Vega-Lite schema on every rerun: validation was ~50 ms of a
    Deployments rerun (``scripts/profile_rerun.py``). The tests validate every chart
    (``tests/views/test_charts.py``), so a malformed chart still fails there."""
    with alt.theme.enable("none"):
        return chart.to_dict(validate=False)


class SpecCache:
    """Vega-Lite specs of charts already built, by (chart name, data object, options).

    A chart changes only with its data, options (dates, filters) and language, yet building it with
    Altair cost ~50–80 ms on every rerun of an open panel. The data objects are the app's
    shared, read-only ones; an entry holds a weak reference to its data and counts only while
    that same object is alive (an ``id`` may be reused after it is freed). Specs are kept as
    JSON text and a fresh dict is returned each time, because Streamlit edits the dict it is
    given. Bounded: emptied when :attr:`max_entries` is reached. Thread-safe enough for
    Streamlit's script threads: the worst case is building a chart twice.
    """

    def __init__(self, max_entries: int = 128) -> None:
        self.max_entries = max_entries
        self._entries: dict[tuple, tuple[weakref.ref, str | None]] = {}
        self.builds = 0

    def spec(
        self, name: str, data: object, options: Hashable, build: Callable[[], ChartLike | None]
    ) -> dict | None:
        """The spec of ``build()`` (None when it gives no chart), built once per key."""
        key = (name, id(data), current(), options)  # charts carry words of the active language
        entry = self._entries.get(key)
        if entry is None or entry[0]() is not data:
            chart = build()
            self.builds += 1
            entry = (weakref.ref(data), None if chart is None else json.dumps(vega_lite_spec(chart)))
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[key] = entry
        return None if entry[1] is None else json.loads(entry[1])


def markdown_link(source: str, publishers: Publishers | None = None) -> str:
    """A Markdown link for an http(s) source named by its publisher (by its host when the
    publisher table does not know it), or escaped text for a seed marker."""
    url = source_url(source)
    if url is None:
        return markdown(source_label(source))
    safe = quote(url, safe=":/?#@!$&'*+,;=%~-._")
    known = publishers.source(url) if publishers is not None else None
    name = known.publisher if known is not None and known.known else _host(url)
    return f"[{markdown(name)}]({safe})"


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def kind_label(kind: str) -> str:
    """An event kind in words, in the active language ("court_ruling" → "court ruling")."""
    return _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind.replace("_", " ")


def _conflict(text: str) -> str:
    return f"⚠ {text}" if text else ""


#: How each tier reads in a table (a badge: a symbol that survives greyscale, and a word).
TIER_BADGES = {
    "primary": N_("● Primary"),
    "established": N_("◐ Established"),
    "secondary": N_("○ Weakly sourced"),
}


def source_columns(events: Sequence[Event], publishers: Publishers) -> dict[str, list]:
    """The table's source columns: the strongest source (link, publisher, tier badge) and
    what the link cannot show (a stored article's title, the other publishers)."""
    best = [publishers.best(e.sources) for e in events]
    return {
        _("Source"): [None if b is None else source_url(b.url) for b in best],
        _("Publisher"): [None if b is None else b.publisher for b in best],
        _("Tier"): [_(TIER_BADGES[b.tier] if b else TIER_BADGES["secondary"]) for b in best],
        _("Other sources"): [
            _other_sources(e.sources, b, publishers) for e, b in zip(events, best, strict=True)
        ],
    }


def _other_sources(sources: Sequence[str], best: Source | None, publishers: Publishers) -> str:
    """The publishers of the sources other than the strongest one, strongest first."""
    others = [publishers.source(s) for s in sources if best is None or s != best.url]
    others.sort(key=lambda s: TIERS.index(s.tier))
    return "; ".join(dict.fromkeys(s.publisher for s in others))


def localized_chart(chart: ChartT) -> ChartT:
    """``chart`` with the active language's month names and number signs on its axes and
    tooltips (Vega-Lite ``config.locale``); unchanged in English."""
    locale = vega_locale()
    return chart if locale is None else chart.configure(locale=locale)


#: Every date tick says its year ("Jun 2024"), also on short ranges.
YEAR_AXIS = alt.Axis(format="%b %Y", labelOverlap=True)


def date_scale(date_range: tuple[date, date]) -> alt.Scale:
    start, end = date_range
    return alt.Scale(
        domain=[
            alt.DateTime(year=start.year, month=start.month, date=start.day),
            alt.DateTime(year=end.year, month=end.month, date=end.day),
        ]
    )


def strength_chart(
    events: DeploymentData, date_range: tuple[date, date], *, with_references: bool = False
) -> alt.LayerChart | None:
    """The strength chart: personnel on the ground (stacked areas), the reference rules and
    the reported totals, within ``date_range``; None when there is no strength figure to draw
    (reference lines alone would be a floating label over an empty chart).

    The x-axis starts at the first deployment event (not at the earliest policy event the
    shared date range may start with). The reference lines (MSS planning figure 2,500, GSF
    ceiling 5,550) are drawn only ``with_references``: on the same axis they squeeze the real
    strength (≤ ~1,000) into the bottom sixth; otherwise :func:`off_scale_references` names
    them under the chart."""
    span = strength_span(events, date_range)
    data = [*_strength_areas(events, span), *_reported_totals(events, span)]
    if not data:
        return None
    rules = _reference_rules(events, span) if with_references else []
    return localized_chart(
        alt.layer(*data, *rules).properties(height=360).resolve_legend(color="independent")
    )


def strength_span(events: DeploymentData, date_range: tuple[date, date]) -> tuple[date, date]:
    """``date_range`` starting no earlier than the first deployment event."""
    start, end = date_range
    first = min((e.date for e in events.events), default=start)
    return (max(start, first), end) if max(start, first) <= end else date_range


def off_scale_references(events: DeploymentData, date_range: tuple[date, date]) -> str:
    """The reference lines in force in ``date_range``, in words ("MSS planned strength 2,500 ·
    GSF ceiling 5,550 (Res. 2793)"), for the caption when the chart leaves them out."""
    start, end = date_range
    lines = [
        line.label
        for line in reference_lines(events)
        if line.start <= end and (line.end is None or line.end >= start)
    ]
    return " · ".join(lines)


def _strength_areas(events: DeploymentData, date_range: tuple[date, date]) -> list[alt.Chart]:
    series = strength_series(events.events, date_range=date_range)
    if series.empty or series["date"].nunique() < 2:  # one day: a step area has no width
        return []
    return [
        alt.Chart(series)
        .mark_area(interpolate="step-after", opacity=0.85)
        .encode(
            x=alt.X("date:T", title=None, scale=date_scale(date_range), axis=YEAR_AXIS),
            y=alt.Y("personnel:Q", stack="zero", title=_("Personnel on the ground")),
            color=alt.Color("actor:N", title=_("Contributing country")),
            order=alt.Order("actor:N"),
            tooltip=[
                alt.Tooltip("date:T", title=_("From"), format="%d %b %Y"),
                alt.Tooltip("actor:N", title=_("Country")),
                alt.Tooltip("personnel:Q", title=_("Personnel (cumulative)"), format=","),
            ],
        )
    ]


def _reference_rules(events: DeploymentData, date_range: tuple[date, date]) -> list[alt.Chart]:
    start, end = date_range
    rules = [
        {
            "start": pd.Timestamp(max(line.start, start)),
            "end": pd.Timestamp(min(line.end or end, end)),
            "personnel": line.personnel,
            "label": line.label,
        }
        for line in reference_lines(events)
        if line.start <= end and (line.end is None or line.end >= start)
    ]
    if not rules:
        return []
    base = alt.Chart(pd.DataFrame(rules))
    return [
        base.mark_rule(strokeDash=[6, 4], color="#444").encode(
            x=alt.X("start:T", scale=date_scale(date_range), title=None),
            x2="end:T",
            y="personnel:Q",
            strokeDash=alt.StrokeDash(
                "label:N", title=_("Reference lines"), scale=alt.Scale(range=[[6, 4], [2, 2]])
            ),
            tooltip=[alt.Tooltip("label:N", title=_("Reference"))],
        ),
        base.mark_text(align="right", dx=-2, dy=-7, color="#444").encode(
            x=alt.X("end:T", scale=date_scale(date_range), title=None),
            y="personnel:Q",
            text="label:N",
        ),
    ]


def _reported_totals(events: DeploymentData, date_range: tuple[date, date]) -> list[alt.Chart]:
    reports = filter_events(strength_reports(events), date_range=date_range)
    if not reports:
        return []
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([e.date for e in reports]),
            "personnel": [e.personnel for e in reports],
            "when": [format_date(e.date, e.precision) for e in reports],
            "reported_by": [e.actor for e in reports],
            "status": [e.status for e in reports],
            "source": [source_label(e.sources[0]) for e in reports],
            "mark": _("Total reported at the time"),
        }
    )
    return [
        alt.Chart(frame)
        .mark_point(filled=True, size=70, color="black")
        .encode(
            x=alt.X("date:T", title=None, scale=date_scale(date_range), axis=YEAR_AXIS),
            y="personnel:Q",
            shape=alt.Shape("mark:N", title=None, scale=alt.Scale(range=["diamond"])),
            tooltip=[
                alt.Tooltip("when:N", title=_("Date")),
                alt.Tooltip("reported_by:N", title=_("Reported by")),
                alt.Tooltip("personnel:Q", title=_("Figure"), format=","),
                alt.Tooltip("status:N", title=_("As reported")),
                alt.Tooltip("source:N", title=_("Source")),
            ],
        )
    ]


def deployments_frame(
    events: Sequence[DeploymentEvent],
    *,
    hotspot_names: Mapping[str, str] | None = None,
    publishers: Publishers | None = None,
) -> pd.DataFrame:
    """The events table: one row per event, in the order given; ``publishers`` names and
    ranks the sources (default: none known, so every source is secondary)."""
    names = hotspot_names or {}
    return pd.DataFrame(
        {
            _("Date"): [format_date(e.date, e.precision) for e in events],
            _("Actor"): [e.actor for e in events],
            _("Kind"): [kind_label(e.kind) for e in events],
            _("Personnel"): pd.array([e.personnel for e in events], dtype="Int64"),
            _("Location"): [e.location or "—" for e in events],
            _("On the map"): [names.get(e.hotspot_id, e.hotspot_id) if e.hotspot_id else "" for e in events],
            _("Summary"): [e.summary for e in events],
            _("Status"): [e.status or "—" for e in events],
            _(CONFLICT_COLUMN): [_conflict(e.conflict) for e in events],
            **source_columns(events, publishers or Publishers([])),
            _("Source note"): [e.source_note for e in events],
        }
    )


def deployment_rows(
    events: DeploymentData,
    date_range: tuple[date, date],
    *,
    actors: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
) -> list[DeploymentEvent]:
    """The events the deployments table shows (``None`` or empty: no restriction)."""
    return filter_events(events.events, date_range=date_range, actors=actors or None, kinds=kinds or None)


def selected_hotspot_of(shown: Sequence[DeploymentEvent], rows: Sequence[int]) -> str | None:
    """The hotspot id of the table row selected (``rows``: the selection's row numbers)."""
    if not rows or rows[0] >= len(shown):
        return None
    return shown[rows[0]].hotspot_id


# --- policy ---------------------------------------------------------------------------------


def policy_frame(events: Sequence[PolicyEvent], *, publishers: Publishers | None = None) -> pd.DataFrame:
    """The policy table: one row per event, in the order given (``publishers``: as for
    :func:`deployments_frame`)."""
    return pd.DataFrame(
        {
            _("Date"): [format_date(e.date, e.precision) for e in events],
            _("Actor"): [e.actor for e in events],
            _("Kind"): [kind_label(e.kind) for e in events],
            _("Title"): [e.title for e in events],
            _("Status / outcome"): [e.status for e in events],
            _("Vote"): [e.vote for e in events],
            _(CONFLICT_COLUMN): [_conflict(e.conflict) for e in events],
            **source_columns(events, publishers or Publishers([])),
            _("Source note"): [e.source_note for e in events],
            _("Summary"): [e.summary for e in events],
        }
    )


#: The policy chart's colours: a few actor groups (one table), matched in order on the actor's
#: name, so 18 kinds no longer get 18 near-identical colours. Okabe–Ito colours; "Other" grey.
ACTOR_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (N_("Courts"), "#D55E00", ("Court",)),
    (N_("UN"), "#0072B2", ("UN ", "United Nations", "BINUH")),
    (N_("OAS / CARICOM"), "#CC79A7", ("OAS", "CARICOM")),
    (N_("Kenya / MSS"), "#009E73", ("Kenya", "MSS", "GSF")),
    (N_("US"), "#E69F00", ("US", "United States")),
    (N_("Haiti"), "#56B4E9", ("Haiti",)),
)
OTHER_GROUP = (N_("Other"), "#8C8C8C")


def actor_group(actor: str) -> str:
    """The colour group of a policy actor ("Kenya High Court" → "Courts", "US & Panama" → "US")."""
    for name, _colour, prefixes in ACTOR_GROUPS:
        if any(actor.startswith(p) or (len(p) > 3 and p in actor) for p in prefixes):
            return name
    return OTHER_GROUP[0]


def policy_chart(shown: Sequence[PolicyEvent], date_range: tuple[date, date], *, axis: str) -> alt.Chart:
    """Policy events over time: one row per kind (or actor), coloured by actor group, the
    title and details on hover."""
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([e.date for e in shown]),
            "when": [format_date(e.date, e.precision) for e in shown],
            "kind": [kind_label(e.kind) for e in shown],
            "actor": [e.actor for e in shown],
            "group": [_(actor_group(e.actor)) for e in shown],
            "title": [e.title for e in shown],
            "status": [e.status for e in shown],
            "vote": [e.vote or "—" for e in shown],
        }
    )
    field = "actor" if axis == "Actor" else "kind"
    rows = frame[field].nunique()
    return localized_chart(
        alt.Chart(frame)
        .mark_circle(size=110, opacity=0.85)
        .encode(
            x=alt.X("date:T", title=None, scale=date_scale(date_range), axis=YEAR_AXIS),
            y=alt.Y(f"{field}:N", title=None, sort="ascending"),
            color=alt.Color(
                "group:N",
                title=_("Actor group"),
                scale=alt.Scale(
                    domain=[_(g[0]) for g in ACTOR_GROUPS] + [_(OTHER_GROUP[0])],
                    range=[g[1] for g in ACTOR_GROUPS] + [OTHER_GROUP[1]],
                ),
            ),
            tooltip=[
                alt.Tooltip("title:N", title=_("Title")),
                alt.Tooltip("kind:N", title=_("Kind")),
                alt.Tooltip("when:N", title=_("Date")),
                alt.Tooltip("actor:N", title=_("Actor")),
                alt.Tooltip("status:N", title=_("Status / outcome")),
                alt.Tooltip("vote:N", title=_("Vote")),
            ],
        )
        .properties(height=max(160, 22 * rows))
    )


# --- MSS updates: which places each update named ----------------------------------------------


def mentions_frame(located: Sequence[LocatedHotspot], styles: Mapping[str, TypeStyle]) -> pd.DataFrame:
    """One row per (place, update naming it): place, type, date, update title, the names as
    written and the operation; oldest update first."""
    rows = [
        {
            "place": item.hotspot.canonical_name,
            "type": styles[item.hotspot.type].shown_label
            if item.hotspot.type in styles
            else item.hotspot.type,
            "date": pd.Timestamp(m.update.date),
            "when": i18n_date(m.update.date, short=True),
            "update": m.update.title,
            "names": "; ".join(m.names),
            "context": m.context,
        }
        for item in located
        for m in item.mentions
    ]
    columns = ["place", "type", "date", "when", "update", "names", "context"]
    return pd.DataFrame(rows, columns=columns).sort_values(["date", "place"], ignore_index=True)


def mentions_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Per place: how many updates named it, first and last time (the chart's text alternative)."""
    if frame.empty:
        headings = (N_("Place"), N_("Type"), N_("Updates"), N_("First named"), N_("Last named"))
        return pd.DataFrame(columns=[_(heading) for heading in headings])
    grouped = frame.groupby(["place", "type"], as_index=False).agg(
        Updates=("date", "size"), first=("date", "min"), last=("date", "max")
    )
    grouped = grouped.sort_values(["Updates", "last"], ascending=[False, False], ignore_index=True)
    return pd.DataFrame(
        {
            _("Place"): grouped["place"],
            _("Type"): grouped["type"],
            _("Updates"): grouped["Updates"],
            _("First named"): [i18n_date(d.date(), short=True) for d in grouped["first"]],
            _("Last named"): [i18n_date(d.date(), short=True) for d in grouped["last"]],
        }
    )


def mentions_chart(frame: pd.DataFrame, styles: Mapping[str, TypeStyle]) -> alt.Chart:
    """Places (rows, most often named first) × updates (dates, from the first update shown to
    the last): a mark where an update named the place, in its type's colour; tooltips say which
    update, the names as written and the operation."""
    order = list(
        frame.groupby("place")["date"]
        .agg(["size", "max"])
        .sort_values(["size", "max"], ascending=False)
        .index
    )
    return localized_chart(
        alt.Chart(frame)
        .mark_square(size=110, opacity=0.9)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", labelAngle=0)),
            y=alt.Y("place:N", title=None, sort=order),
            color=alt.Color(
                "type:N",
                title=_("Type"),
                scale=alt.Scale(
                    domain=[s.shown_label for s in styles.values()], range=[s.colour for s in styles.values()]
                ),
            ),
            tooltip=[
                alt.Tooltip("place:N", title=_("Place")),
                alt.Tooltip("when:N", title=_("Update of")),
                alt.Tooltip("update:N", title=_("Update")),
                alt.Tooltip("names:N", title=_("As written")),
                alt.Tooltip("context:N", title=_("Operation")),
            ],
        )
        .properties(height=max(160, 18 * len(order)))
    )


# --- hotspot activity (incidents within R km) -------------------------------------------------

ACTIVITY_TITLE = N_("Hotspot activity")
#: The two colours of the activity chart (translated where drawn).
RISING, NOT_RISING = N_("rising (> 25 %)"), N_("not rising")


def activity_frame(table: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The activity table (:func:`dashboard.model.activity.activity`) of the hotspots ``names``
    lists (id → name) with any event in either period, with their names, busiest first."""
    busy = (table["incidents"] > 0) | (table["previous_incidents"] > 0)
    frame = table[busy & table["hotspot_id"].isin(list(names))].copy()
    frame.insert(0, "hotspot", [names.get(h, h) for h in frame["hotspot_id"]])
    frame["trend"] = [_(RISING) if r else _(NOT_RISING) for r in frame["rising"]]
    return frame.sort_values(["incidents", "hotspot"], ascending=[False, True])


def activity_chart(frame: pd.DataFrame, *, radius_km: float) -> alt.Chart:
    """Events within ``radius_km`` of each hotspot in the period (bars, red when rising) and in
    the preceding equal period (black ticks)."""
    order = list(frame["hotspot"])
    y = alt.Y("hotspot:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False, labelLimit=220))
    tooltip = [
        alt.Tooltip("hotspot:N", title=_("Hotspot")),
        alt.Tooltip("incidents:Q", title=_("Events")),
        alt.Tooltip("fatalities:Q", title=_("Fatalities")),
        alt.Tooltip("previous_incidents:Q", title=_("Events, previous period")),
        alt.Tooltip("change_pct:Q", title=_("Change (%)")),
    ]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "incidents:Q", title=_("Events within {radius} km").format(radius=format_number(radius_km))
            ),
            y=y,
            color=alt.Color(
                "trend:N",
                scale=alt.Scale(domain=[_(RISING), _(NOT_RISING)], range=["#B3261E", "#8C96A0"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=tooltip,
        )
    )
    ticks = (
        alt.Chart(frame)
        .mark_tick(color="#1B1F24", thickness=2)
        .encode(x="previous_incidents:Q", y=y, tooltip=tooltip)
    )
    return (bars + ticks).properties(height=alt.Step(20))
