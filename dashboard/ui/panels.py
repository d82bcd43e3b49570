"""The deployments and policy panels' widgets (their content: :mod:`dashboard.views.charts`).

The page builds one date-range control (see :func:`dashboard.timelines.timeline_date_bounds`)
and passes its value to both panels. Widget keys start ``dep_`` and ``pol_``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import streamlit as st

from dashboard.data.events import DeploymentData, PolicyData
from dashboard.data.publishers import Publishers
from dashboard.text.escaping import markdown
from dashboard.text.i18n import _, format_number, ngettext
from dashboard.timelines.filters import filter_events, format_date
from dashboard.timelines.strength import casualties
from dashboard.views.charts import (
    CHART_TABLES,
    STRENGTH_CAPTION,
    SpecCache,
    deployment_rows,
    deployments_frame,
    kind_label,
    markdown_link,
    mentions_chart,
    mentions_frame,
    mentions_table,
    off_scale_references,
    policy_chart,
    policy_frame,
    selected_hotspot_of,
    strength_chart,
    table_caption,
    vega_lite_spec,
)

#: The panels' chart specs, shared by every session (the data objects are shared too).
SPECS = SpecCache()


def _multiselect(label: str, options: Sequence[str], *, key: str, kinds: bool = False) -> list[str] | None:
    """A filter: the chosen values, or None ("all") when nothing is chosen."""
    chosen = st.multiselect(
        label,
        options,
        key=key,
        format_func=kind_label if kinds else str,
        placeholder=_("All"),
    )
    return list(chosen) or None


def _source_columns() -> dict:
    """The column settings of the source columns (in the active language)."""
    return {
        _("Source"): st.column_config.LinkColumn(
            _("Source"),
            display_text=r"https?://(?:www\.)?([^/]+)",
            help=_(
                "The strongest source (the body that acted, else an established outlet); "
                "others in 'Other sources'"
            ),
        ),
        _("Tier"): st.column_config.TextColumn(
            _("Tier"),
            help=_(
                "● Primary: the body that acted · ◐ Established: news organisation or wire · "
                "○ Weakly sourced: only secondary pages (see publishers.csv)"
            ),
        ),
    }


def _described(chart, name: str):
    """``chart`` with its description (what a screen reader says: see CHART_TABLES); None
    stays None (no chart to draw)."""
    return None if chart is None else chart.properties(description=_(CHART_TABLES[name][1]))


# --- deployments ----------------------------------------------------------------------------


def _deployment_rows(events: DeploymentData, date_range: tuple[date, date]):
    """The events the table shows, with the filters as the widgets hold them."""
    return deployment_rows(
        events, date_range, actors=st.session_state.get("dep_actors"), kinds=st.session_state.get("dep_kinds")
    )


def selected_hotspot(events: DeploymentData, *, date_range: tuple[date, date]) -> str | None:
    """The hotspot id of the event selected in the deployments table, if any.

    Safe to call before :func:`render_deployments_panel` in the same run (e.g. to highlight
    the hotspot on a map drawn above the panel), since the selection is widget state.
    """
    state = st.session_state.get("dep_events")
    rows = list(state["selection"]["rows"]) if state else []
    return selected_hotspot_of(_deployment_rows(events, date_range), rows)


def _casualties_section(
    events: DeploymentData, date_range: tuple[date, date], publishers: Publishers | None
) -> None:
    st.markdown("### " + _("Casualties"))
    listed = filter_events(casualties(events), date_range=date_range)
    if not listed:
        st.caption(_("No casualty is recorded in the selected dates."))
        return
    st.caption(_("Each entry is given as the sources report it, with the status they give."))
    not_given, sources = _("place not given"), _("Sources:")
    for event in listed:
        with st.container(border=True, key=f"dep_casualty_{event.id}"):
            st.markdown(
                f"**{markdown(format_date(event.date, event.precision))}**"
                f" · {markdown(event.location or not_given)}"
            )
            st.markdown(markdown(event.summary))
            if event.status:
                st.markdown(f"*{markdown(event.status)}*")
            if event.conflict:
                st.markdown(f"⚠ {markdown(event.conflict)}")
            st.markdown(sources + " " + " · ".join(markdown_link(s, publishers) for s in event.sources))


def _strength_section(events: DeploymentData, date_range: tuple[date, date]) -> None:
    """The strength chart (built once per dates and option, see SPECS) and its caption."""
    with_references = st.toggle(
        _("Show the planning figure and the ceiling (the axis then runs to {n})").format(
            n=format_number(6000)
        ),
        key="dep_references",
    )
    spec = SPECS.spec(
        "strength",
        events,
        (date_range, with_references),
        lambda: _described(strength_chart(events, date_range, with_references=with_references), "strength"),
    )
    if spec is None:
        st.info(_("No deployment figures in the selected dates."))
    else:
        st.vega_lite_chart(spec, width="stretch", key="dep_chart")
        references = off_scale_references(events, date_range)
        off_scale = _("Off this scale: {references} (switch on above).").format(references=references)
        shown_off = " " + off_scale if references and not with_references else ""
        st.caption(_(STRENGTH_CAPTION) + shown_off + " " + table_caption("strength"))


def render_deployments_panel(
    events: DeploymentData,
    *,
    date_range: tuple[date, date],
    hotspot_names: Mapping[str, str] | None = None,
    publishers: Publishers | None = None,
) -> None:
    """Draw the deployments panel: strength chart, filtered events table, casualties.

    ``date_range`` (inclusive) filters everything; ``hotspot_names`` maps hotspot ids to the
    names the map uses (ids are shown when a name is missing).
    """
    st.header(_("Deployments"))
    _strength_section(events, date_range)
    st.markdown("### " + _(CHART_TABLES["strength"][0]))

    left, right = st.columns(2)
    with left:
        _multiselect(_("Actor"), events.actors, key="dep_actors")
    with right:
        _multiselect(_("Kind"), events.kinds, key="dep_kinds", kinds=True)
    shown = _deployment_rows(events, date_range)
    conflicts = sum(1 for e in shown if e.conflict)
    counts = ngettext(
        "{shown} of {total} events; {conflicts} with a conflict note.",
        "{shown} of {total} events; {conflicts} with a conflict note.",
        len(shown),
    )
    st.caption(counts.format(shown=len(shown), total=len(events.events), conflicts=conflicts))
    state = st.dataframe(
        deployments_frame(shown, hotspot_names=hotspot_names, publishers=publishers),
        hide_index=True,
        key="dep_events",
        alt=_(CHART_TABLES["strength"][0]),  # the grid's accessible name: its heading
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            **_source_columns(),
            _("Personnel"): st.column_config.NumberColumn(format="%d"),
            _("Summary"): st.column_config.TextColumn(width="large"),
        },
    )
    rows = list(state.selection.rows) if state else []
    if rows and rows[0] < len(shown) and shown[rows[0]].hotspot_id:
        hotspot_id = shown[rows[0]].hotspot_id or ""
        name = (hotspot_names or {}).get(hotspot_id, hotspot_id)
        st.info(_("On the map: {name}").format(name=markdown(name)), icon="📍")
    _casualties_section(events, date_range, publishers)


# --- policy ---------------------------------------------------------------------------------


def render_policy_panel(
    events: PolicyData, *, date_range: tuple[date, date], publishers: Publishers | None = None
) -> None:
    """Draw the policy panel: a timeline chart and a table, filtered by date, actor and kind.

    ``date_range`` is inclusive.
    """
    st.header(_("Policy"))
    left, middle, right = st.columns([2, 2, 1])
    with left:
        actors = _multiselect(_("Actor"), events.actors, key="pol_actors")
    with middle:
        kinds = _multiselect(_("Kind"), events.kinds, key="pol_kinds", kinds=True)
    with right:
        axis = st.radio(_("Rows"), ("Kind", "Actor"), key="pol_axis", horizontal=True, format_func=_)
    shown = filter_events(events.events, date_range=date_range, actors=actors, kinds=kinds)
    if not shown:
        st.info(_("No policy events match the selected dates and filters."))
        return
    options = (date_range, tuple(actors or ()), tuple(kinds or ()), axis or "Kind")
    spec = SPECS.spec(
        "policy",
        events,
        options,
        lambda: _described(policy_chart(shown, date_range, axis=axis or "Kind"), "policy"),
    )
    st.vega_lite_chart(spec, width="stretch", key="pol_chart")
    st.caption(table_caption("policy"))
    st.markdown("### " + _(CHART_TABLES["policy"][0]))
    counts = ngettext(
        "{shown} of {total} events, oldest first.", "{shown} of {total} events, oldest first.", len(shown)
    )
    st.caption(counts.format(shown=len(shown), total=len(events.events)))
    st.dataframe(
        policy_frame(shown, publishers=publishers),
        hide_index=True,
        key="pol_events",
        alt=_(CHART_TABLES["policy"][0]),
        column_config={
            **_source_columns(),
            _("Title"): st.column_config.TextColumn(width="medium"),
            _("Summary"): st.column_config.TextColumn(width="large"),
        },
    )


# --- MSS updates ------------------------------------------------------------------------------


def render_updates_panel(located, styles, *, date_range: tuple[date, date]) -> None:
    """Draw the places × updates chart for the updates within ``date_range``, and its table."""
    st.header(_("Places named in the MSS updates"))
    frame = mentions_frame(located, styles)
    frame = frame[(frame["date"].dt.date >= date_range[0]) & (frame["date"].dt.date <= date_range[1])]
    if frame.empty:
        st.info(_("No MSS update in the selected dates."))
        return
    updates = frame["date"].nunique()
    st.caption(
        _(
            "{updates} updates and {places} places in the selected dates; each mark is one update "
            "naming one place (hover for the update and the names as written). The table below "
            "gives the same counts as text."
        ).format(updates=updates, places=frame["place"].nunique())
    )
    chart = _described(mentions_chart(frame, styles), "mentions")
    st.vega_lite_chart(vega_lite_spec(chart), width="stretch", key="mentions_chart")
    st.caption(table_caption("mentions"))
    st.markdown("### " + _(CHART_TABLES["mentions"][0]))
    st.dataframe(
        mentions_table(frame), hide_index=True, key="mentions_table", alt=_(CHART_TABLES["mentions"][0])
    )
