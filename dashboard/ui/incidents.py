"""The page's incident parts (ACLED): loading once per data load, the sidebar's incident
filters, the count and attribution under the map, the activity columns of the hotspot table
and the "Hotspot activity" chart. Layout only; the logic is in :mod:`dashboard.views.incidents`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from dashboard.data.acled import load_incidents
from dashboard.maps.assets import publish
from dashboard.maps.incident_layer import incident_payload
from dashboard.model import Dataset
from dashboard.model.activity import RADIUS_CHOICES_KM, previous_period
from dashboard.text import escaping
from dashboard.text.i18n import N_, _, format_date, format_number
from dashboard.views import incidents as views
from dashboard.views.state import ViewState
from dashboard.views.vocabulary import IncidentMode

COUNTING_NOTE = N_(
    "An incident counts for every hotspot within the radius of it, so neighbouring hotspots share "
    "incidents and the column totals can exceed the number of incidents. Change: against the "
    "preceding period of equal length; ▲ rising when events rose by more than 25 % (or from none). "
    "Chart: bars are the period, black ticks the preceding period."
)


@st.cache_resource(show_spinner=False, max_entries=2)
def incident_data(
    directory: str, signature: tuple, _dataset: Dataset
) -> tuple[views.IncidentData, str | None]:
    """The incidents of ``directory`` prepared once per data load (``signature`` changes with
    any data file; the dataset it was loaded with is not hashed), and the URL of their JSON
    (a file the map fetches once, so reruns never re-send the rows; None when there is none)."""
    data = views.prepare(load_incidents(directory), _dataset.located)
    if not len(data):
        return data, None
    payload = incident_payload(data.frame, data.vocabulary)
    name = f"incidents-{hashlib.sha256(payload.encode()).hexdigest()[:16]}.json"
    return data, publish(name, payload)


def _cached(name: str, state: ViewState, data: views.IncidentData, make):
    """``make()``, kept in the session for as long as the incident settings stay the same (a
    change of the hotspot filters then costs nothing here)."""
    key = (id(data), state.dates, state.radius_km, state.event_types, state.sub_types, state.actor)
    store = st.session_state.setdefault("incident_cache", {})
    if name not in store or store[name][0] != key:
        store[name] = key, make()
    return store[name][1]


def map_options(state: ViewState, incidents: tuple[views.IncidentData, str | None]) -> dict:
    """:func:`dashboard.views.incidents.map_options` for the page (the popup activity cached;
    the drawing mode, not part of the cache key, is the view's)."""
    data, url = incidents
    options = _cached("map", state, data, lambda: views.map_options(state, data, url=url))
    return {**options, "incident_mode": state.incidents} if options else options


def _activity(state: ViewState, data: views.IncidentData) -> pd.DataFrame:
    return _cached("activity", state, data, lambda: views.activity_table(state, data))


def _seed(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def sidebar(data: views.IncidentData, state: ViewState) -> ViewState:
    """The incident filters (only when incidents are loaded); returns the view they describe."""
    if not len(data):
        return state
    types = [t for t in data.vocabulary.types if t]
    subs = [s for s in data.vocabulary.subs if s]
    _seed("event_types", [t for t in (state.event_types or ()) if t in types])
    _seed("sub_types", [s for s in (state.sub_types or ()) if s in subs])
    _seed("actor", state.actor)
    _seed("incident_mode", IncidentMode.parse(state.incidents))
    _seed("radius_km", state.radius_km)
    with st.sidebar:
        st.header(_("Incidents (ACLED)"))
        chosen_types = st.multiselect(
            _("Event type"),
            options=types,
            key="event_types",
            placeholder=_("every type"),
            help=_("Empty: every type"),
        )
        chosen_subs = st.multiselect(
            _("Sub-event type"),
            options=subs,
            key="sub_types",
            placeholder=_("every sub-type"),
            help=_("Empty: every one"),
        )
        actor = st.text_input(
            _("Actor contains"), key="actor", placeholder=_("e.g. Police, Viv Ansanm (then Enter)")
        )
        mode = st.radio(
            _("Draw incidents as"),
            options=list(IncidentMode),
            format_func=lambda m: m.label,
            key="incident_mode",
        )
        radius = st.select_slider(
            _("Activity radius around each hotspot (km)"),
            options=list(RADIUS_CHOICES_KM),
            key="radius_km",
            format_func=lambda r: f"{format_number(r)} km",
        )
    return replace(
        state,
        event_types=tuple(chosen_types) or None,
        sub_types=tuple(chosen_subs) or None,
        actor=actor,
        incidents=mode,
        radius_km=float(radius),
    )


def _day(value: date) -> str:
    return format_date(value, short=True)


def caption(state: ViewState, data: views.IncidentData) -> None:
    """How many incidents the map draws, for which period, and ACLED's attribution."""
    if not len(data):
        return
    period = views.period_of(state, data)
    shown = views.shown_count(state, data)
    before = previous_period(*period)
    compared = (
        _("Change per hotspot: against {start} – {end}.").format(start=_day(before[0]), end=_day(before[1]))
        if before[0] >= data.bounds[0]
        else _(
            "No change per hotspot: the preceding period would start before the first incident "
            "({first}); choose a shorter or later date range."
        ).format(first=_day(data.bounds[0]))
    )
    counts = _("Incidents: **{shown}** of {total} loaded, {start} – {end}.").format(
        shown=format_number(shown), total=format_number(len(data)), start=_day(period[0]), end=_day(period[1])
    )
    st.caption(f"{counts} {compared} {escaping.markdown(data.credit)}.")


ACTIVITY_COLUMNS = ("incidents", "fatalities", "change_pct", "rising")


def activity_columns(state: ViewState, data: views.IncidentData) -> tuple[pd.DataFrame, dict] | None:
    """The hotspot table's activity columns (indexed by hotspot id) and their column config."""
    if not len(data):
        return None
    table = _activity(state, data).set_index("hotspot_id")[list(ACTIVITY_COLUMNS)]
    radius = f"{format_number(state.radius_km)} km"
    config = {
        "incidents": st.column_config.NumberColumn(
            _("Events ≤ {radius}").format(radius=radius), help=_(COUNTING_NOTE)
        ),
        "fatalities": st.column_config.NumberColumn(_("Fatalities ≤ {radius}").format(radius=radius)),
        "change_pct": st.column_config.NumberColumn(
            _("Change (%)"), format="%+.0f", help=_("against the preceding period of equal length")
        ),
        "rising": st.column_config.CheckboxColumn(_("▲ Rising"), help=_("events up by more than 25 %")),
    }
    return table, config


def activity_section(state: ViewState, data: views.IncidentData, names: dict[str, str]) -> None:
    """The "Hotspot activity" chart of the hotspots ``names`` lists (the shown ones; Altair is
    imported only here)."""
    if not len(data):
        return
    from dashboard.views.charts import ACTIVITY_TITLE, activity_chart, activity_frame

    st.subheader(_(ACTIVITY_TITLE))
    frame = activity_frame(_activity(state, data), names)
    if frame.empty:
        st.info(
            _("No incident within {radius} km of any hotspot in this period and these filters.").format(
                radius=format_number(state.radius_km)
            )
        )
    else:
        st.altair_chart(activity_chart(frame, radius_km=state.radius_km), width="stretch")
    note = _(COUNTING_NOTE)
    st.caption(f"{note} {escaping.markdown(data.credit)}.")
