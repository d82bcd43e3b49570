"""The deployments and policy panels: Streamlit rendering of :mod:`dashboard.timeline`.

The page builds one date-range control (see :func:`dashboard.timeline.timeline_date_bounds`)
and passes its value to both panels. Widget keys start ``dep_`` and ``pol_``.

Text from the data is never rendered as HTML: tables go through ``st.dataframe``, and the
few lines of Markdown escape every punctuation character of the data they contain. Links
are only the http(s) URLs the loader accepted.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from datetime import date
from urllib.parse import quote

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.timeline import (
    DeploymentData,
    DeploymentEvent,
    PolicyData,
    PolicyEvent,
    casualties,
    filter_events,
    format_date,
    reference_lines,
    source_label,
    source_url,
    strength_reports,
    strength_series,
)

CONFLICT_COLUMN = "⚠ conflict"

STRENGTH_CAPTION = (
    "The stacked areas count sourced arrivals minus sourced departures, by contributing country. "
    "Where sources disagree on a number, the conservative figure is used (the row's conflict note "
    "says which). From Feb 2025 the stack drifts above the reported totals, because some "
    "departures and rotations have no sourced figure (see the README, section \"Deployments and "
    "policy timelines\"). The points "
    "are the totals reported at the time; the dashed lines are the MSS planning figure and the "
    "GSF ceiling."
)

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in string.punctuation})


# --- small helpers --------------------------------------------------------------------------


def _markdown_text(value: object) -> str:
    """``value`` as literal Markdown text: every ASCII punctuation character escaped."""
    return " ".join(str(value).split()).translate(_MARKDOWN_SPECIAL)


def _markdown_link(source: str) -> str:
    """A Markdown link for an http(s) source, or escaped text for a seed marker."""
    url = source_url(source)
    if url is None:
        return _markdown_text(source_label(source))
    safe = quote(url, safe=":/?#@!$&'*+,;=%~-._")
    return f"[{_markdown_text(_host(url))}]({safe})"


def _host(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def _kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def _conflict(text: str) -> str:
    return f"⚠ {text}" if text else ""


def _first_link(sources: Sequence[str]) -> str | None:
    return source_url(sources[0]) if sources else None


def _other_sources(sources: Sequence[str]) -> str:
    """What the link column cannot show: a seed marker's description, and how many more."""
    parts = [source_label(s) for s in sources if source_url(s) is None]
    if len(sources) > 1:
        parts.append(f"+{len(sources) - 1} more")
    return "; ".join(parts)


def _date_scale(date_range: tuple[date, date]) -> alt.Scale:
    start, end = date_range
    return alt.Scale(
        domain=[
            alt.DateTime(year=start.year, month=start.month, date=start.day),
            alt.DateTime(year=end.year, month=end.month, date=end.day),
        ]
    )


def _multiselect(label: str, options: Sequence[str], *, key: str, kinds: bool = False) -> list[str] | None:
    """A filter: the chosen values, or None ("all") when nothing is chosen."""
    chosen = st.multiselect(
        label,
        options,
        key=key,
        format_func=_kind_label if kinds else str,
        placeholder="All",
    )
    return list(chosen) or None


_SOURCE_LINK = st.column_config.LinkColumn(
    "Source", display_text=r"https?://(?:www\.)?([^/]+)", help="The first source; others in the next column"
)


# --- deployments ----------------------------------------------------------------------------


def _strength_chart(events: DeploymentData, date_range: tuple[date, date]) -> alt.LayerChart | None:
    start, end = date_range
    x = alt.X("date:T", title=None, scale=_date_scale(date_range))
    series = strength_series(events.events, date_range=date_range)
    layers: list[alt.Chart] = []
    if not series.empty:
        layers.append(
            alt.Chart(series)
            .mark_area(interpolate="step-after", opacity=0.85)
            .encode(
                x=x,
                y=alt.Y("personnel:Q", stack="zero", title="Personnel on the ground"),
                color=alt.Color("actor:N", title="Contributing country"),
                order=alt.Order("actor:N"),
                tooltip=[
                    alt.Tooltip("date:T", title="From", format="%d %b %Y"),
                    alt.Tooltip("actor:N", title="Country"),
                    alt.Tooltip("personnel:Q", title="Personnel (cumulative)", format=","),
                ],
            )
        )
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
    if rules:
        frame = pd.DataFrame(rules)
        base = alt.Chart(frame)
        layers.append(
            base.mark_rule(strokeDash=[6, 4], color="#444").encode(
                x=alt.X("start:T", scale=_date_scale(date_range), title=None),
                x2="end:T",
                y="personnel:Q",
                tooltip=[alt.Tooltip("label:N", title="Reference")],
            )
        )
        layers.append(
            base.mark_text(align="right", dx=-2, dy=-7, color="#444").encode(
                x=alt.X("end:T", scale=_date_scale(date_range), title=None),
                y="personnel:Q",
                text="label:N",
            )
        )
    reports = filter_events(strength_reports(events), date_range=date_range)
    if reports:
        frame = pd.DataFrame(
            {
                "date": pd.to_datetime([e.date for e in reports]),
                "personnel": [e.personnel for e in reports],
                "when": [format_date(e.date, e.precision) for e in reports],
                "reported_by": [e.actor for e in reports],
                "status": [e.status for e in reports],
                "source": [source_label(e.sources[0]) for e in reports],
            }
        )
        layers.append(
            alt.Chart(frame)
            .mark_point(filled=True, size=70, color="black", shape="diamond")
            .encode(
                x=x,
                y="personnel:Q",
                tooltip=[
                    alt.Tooltip("when:N", title="Date"),
                    alt.Tooltip("reported_by:N", title="Reported"),
                    alt.Tooltip("personnel:Q", title="Figure", format=","),
                    alt.Tooltip("status:N", title="As reported"),
                    alt.Tooltip("source:N", title="Source"),
                ],
            )
        )
    if not layers:
        return None
    return alt.layer(*layers).properties(height=360)


def deployments_frame(
    events: Sequence[DeploymentEvent], *, hotspot_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The events table: one row per event, in the order given."""
    names = hotspot_names or {}
    return pd.DataFrame(
        {
            "Date": [format_date(e.date, e.precision) for e in events],
            "Actor": [e.actor for e in events],
            "Kind": [_kind_label(e.kind) for e in events],
            "Personnel": pd.array([e.personnel for e in events], dtype="Int64"),
            "Location": [e.location for e in events],
            "On the map": [names.get(e.hotspot_id, e.hotspot_id) if e.hotspot_id else "" for e in events],
            "Summary": [e.summary for e in events],
            "Status": [e.status for e in events],
            CONFLICT_COLUMN: [_conflict(e.conflict) for e in events],
            "Source": [_first_link(e.sources) for e in events],
            "Other sources": [_other_sources(e.sources) for e in events],
        }
    )


def _deployment_rows(events: DeploymentData, date_range: tuple[date, date]) -> list[DeploymentEvent]:
    """The events the table shows, with the filters as the widgets hold them."""
    actors = st.session_state.get("dep_actors") or None
    kinds = st.session_state.get("dep_kinds") or None
    return filter_events(events.events, date_range=date_range, actors=actors, kinds=kinds)


def selected_hotspot(events: DeploymentData, *, date_range: tuple[date, date]) -> str | None:
    """The hotspot id of the event selected in the deployments table, if any.

    Safe to call before :func:`render_deployments_panel` in the same run (e.g. to highlight
    the hotspot on a map drawn above the panel), since the selection is kept in the session.
    """
    state = st.session_state.get("dep_events")
    rows = list(state["selection"]["rows"]) if state else []
    shown = _deployment_rows(events, date_range)
    if not rows or rows[0] >= len(shown):
        return None
    return shown[rows[0]].hotspot_id


def _casualties_section(events: DeploymentData, date_range: tuple[date, date]) -> None:
    st.markdown("#### Casualties")
    listed = filter_events(casualties(events), date_range=date_range)
    if not listed:
        st.caption("No casualty is recorded in the selected dates.")
        return
    st.caption("Each entry is given as the sources report it, with the status they give.")
    for event in listed:
        with st.container(border=True, key=f"dep_casualty_{event.id}"):
            st.markdown(
                f"**{_markdown_text(format_date(event.date, event.precision))}**"
                f" · {_markdown_text(event.location or 'place not given')}"
            )
            st.markdown(_markdown_text(event.summary))
            if event.status:
                st.markdown(f"*{_markdown_text(event.status)}*")
            if event.conflict:
                st.markdown(f"⚠ {_markdown_text(event.conflict)}")
            st.markdown("Sources: " + " · ".join(_markdown_link(s) for s in event.sources))


def render_deployments_panel(
    events: DeploymentData,
    *,
    date_range: tuple[date, date],
    hotspot_names: Mapping[str, str] | None = None,
) -> None:
    """Draw the deployments panel: strength chart, filtered events table, casualties.

    ``date_range`` (inclusive) filters everything; ``hotspot_names`` maps hotspot ids to the
    names the map uses (ids are shown when a name is missing).
    """
    st.subheader("Deployments")
    chart = _strength_chart(events, date_range)
    if chart is None:
        st.info("No deployment figures in the selected dates.")
    else:
        st.altair_chart(chart, width="stretch", key="dep_chart")
        st.caption(STRENGTH_CAPTION)

    left, right = st.columns(2)
    with left:
        _multiselect("Actor", events.actors, key="dep_actors")
    with right:
        _multiselect("Kind", events.kinds, key="dep_kinds", kinds=True)
    shown = _deployment_rows(events, date_range)
    conflicts = sum(1 for e in shown if e.conflict)
    st.caption(f"{len(shown)} of {len(events.events)} events; {conflicts} with a conflict note.")
    state = st.dataframe(
        deployments_frame(shown, hotspot_names=hotspot_names),
        hide_index=True,
        key="dep_events",
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "Source": _SOURCE_LINK,
            "Personnel": st.column_config.NumberColumn(format="%d"),
            "Summary": st.column_config.TextColumn(width="large"),
        },
    )
    rows = list(state.selection.rows) if state else []
    if rows and rows[0] < len(shown) and shown[rows[0]].hotspot_id:
        hotspot_id = shown[rows[0]].hotspot_id or ""
        name = (hotspot_names or {}).get(hotspot_id, hotspot_id)
        st.info(f"On the map: {_markdown_text(name)}", icon="📍")
    _casualties_section(events, date_range)


# --- policy ---------------------------------------------------------------------------------


def policy_frame(events: Sequence[PolicyEvent]) -> pd.DataFrame:
    """The policy table: one row per event, in the order given."""
    return pd.DataFrame(
        {
            "Date": [format_date(e.date, e.precision) for e in events],
            "Actor": [e.actor for e in events],
            "Kind": [_kind_label(e.kind) for e in events],
            "Title": [e.title for e in events],
            "Status / outcome": [e.status for e in events],
            "Vote": [e.vote for e in events],
            CONFLICT_COLUMN: [_conflict(e.conflict) for e in events],
            "Source": [_first_link(e.sources) for e in events],
            "Other sources": [_other_sources(e.sources) for e in events],
            "Summary": [e.summary for e in events],
        }
    )


def _policy_chart(shown: Sequence[PolicyEvent], date_range: tuple[date, date], *, axis: str) -> alt.Chart:
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime([e.date for e in shown]),
            "when": [format_date(e.date, e.precision) for e in shown],
            "kind": [_kind_label(e.kind) for e in shown],
            "actor": [e.actor for e in shown],
            "title": [e.title for e in shown],
            "status": [e.status for e in shown],
            "vote": [e.vote or "—" for e in shown],
        }
    )
    field = "actor" if axis == "Actor" else "kind"
    rows = frame[field].nunique()
    return (
        alt.Chart(frame)
        .mark_circle(size=110, opacity=0.85)
        .encode(
            x=alt.X("date:T", title=None, scale=_date_scale(date_range)),
            y=alt.Y(f"{field}:N", title=None, sort="ascending"),
            color=alt.Color("kind:N", title="Kind", scale=alt.Scale(scheme="tableau20")),
            tooltip=[
                alt.Tooltip("title:N", title="Title"),
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("actor:N", title="Actor"),
                alt.Tooltip("status:N", title="Status / outcome"),
                alt.Tooltip("vote:N", title="Vote"),
            ],
        )
        .properties(height=max(160, 22 * rows))
    )


def render_policy_panel(events: PolicyData, *, date_range: tuple[date, date]) -> None:
    """Draw the policy panel: a timeline chart and a table, filtered by date, actor and kind.

    ``date_range`` is inclusive.
    """
    st.subheader("Policy")
    left, middle, right = st.columns([2, 2, 1])
    with left:
        actors = _multiselect("Actor", events.actors, key="pol_actors")
    with middle:
        kinds = _multiselect("Kind", events.kinds, key="pol_kinds", kinds=True)
    with right:
        axis = st.radio("Rows", ("Kind", "Actor"), key="pol_axis", horizontal=True)
    shown = filter_events(events.events, date_range=date_range, actors=actors, kinds=kinds)
    if not shown:
        st.info("No policy events match the selected dates and filters.")
        return
    st.altair_chart(_policy_chart(shown, date_range, axis=axis or "Kind"), width="stretch", key="pol_chart")
    st.caption(f"{len(shown)} of {len(events.events)} events, oldest first.")
    st.dataframe(
        policy_frame(shown),
        hide_index=True,
        key="pol_events",
        column_config={
            "Source": _SOURCE_LINK,
            "Title": st.column_config.TextColumn(width="medium"),
            "Summary": st.column_config.TextColumn(width="large"),
        },
    )
