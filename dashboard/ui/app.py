"""The Streamlit page: lays out what :mod:`dashboard.views` computes (no logic of its own).

``dashboard/app.py`` is the entry script (``streamlit run dashboard/app.py``, see the README);
it calls :func:`main`. Every view setting is kept in the URL (see
:mod:`dashboard.views.permalink`). Session state holds widget state, plus the session's view
read from the URL once and the frame the map was last fitted to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.data import DataDir, Problem, load_inputs
from dashboard.data.geocodes import shown_word
from dashboard.maps.templates import compile_templates_once
from dashboard.model import Dataset, LocatedHotspot, dataset_of
from dashboard.model.updates import ALL as ALL_UPDATES
from dashboard.outputs.export import record, to_csv, to_geojson, to_kml
from dashboard.outputs.standalone import INLINE_BASE, standalone_html
from dashboard.text import escaping
from dashboard.text.i18n import _, activate, format_date, in_language, negotiate, ngettext, using
from dashboard.timelines import Timelines, timeline_date_bounds, timelines_of
from dashboard.ui import incidents as incident_ui
from dashboard.views import page
from dashboard.views.incidents import IncidentData, joint_bounds
from dashboard.views.permalink import parse_query, to_query
from dashboard.views.render import (
    as_of,
    filters_in_words,
    map_for_view,
    map_parts_for_view,
    shown_hotspots,
    updates_in_words,
)
from dashboard.views.state import ViewState, briefing_of
from dashboard.views.vocabulary import Area, Basemap, Extent, Language, Panel, View

MAP_HEIGHT = 620
#: The briefing view shows the map alone: no sidebar, header or padding (static CSS, no data).
BRIEF_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stVerticalBlock"] { gap: .25rem; }
</style>"""

# The same map pieces are compiled by Jinja once per process, not on every rerun (see the module).
compile_templates_once()


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_data(directory: str, signature: tuple) -> tuple[Dataset, Timelines]:
    """The dataset and the timelines of ``directory``; ``signature`` changes whenever a data
    file changes, so edits show up without a restart. One shared copy for every session
    (``cache_resource``: no code changes them), instead of a copy unpickled on each rerun."""
    inputs = load_inputs(directory)
    return dataset_of(inputs), timelines_of(inputs)


def date_bounds(timelines: Timelines) -> tuple[date, date]:
    """The sidebar's date range: the timelines' and the incidents' dates (one range for both;
    the incidents' are put in the session by :func:`main`)."""
    return joint_bounds(timeline_date_bounds(timelines), st.session_state.get("incident_bounds"))


# --- view state <-> URL -----------------------------------------------------------------------


def view_state_from_url(dataset: Dataset, timelines: Timelines) -> tuple[ViewState, list[str]]:
    """The session's view and the link's notices: read from the URL once, then kept."""
    if "view_state" not in st.session_state:
        params = {name: st.query_params.get_all(name) for name in st.query_params}
        st.session_state["view_state"] = parse_query(
            params,
            type_ids=list(dataset.styles),
            hotspot_ids=[item.hotspot.id for item in dataset.located],
            date_bounds=date_bounds(timelines),
            update_ids=dataset.updates.ids,
            event_types=st.session_state.get("incident_types", ()),
            sub_types=st.session_state.get("incident_subs", ()),
            default_lang=negotiate(st.context.headers.get("Accept-Language")),
        )
    return st.session_state["view_state"]


def write_url(state: ViewState, timelines: Timelines) -> None:
    """Put ``state`` in the address bar (only when it changed, to spare history entries)."""
    target = to_query(state, date_bounds=date_bounds(timelines))
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != target:
        st.query_params.from_dict(target)


def _seed(key: str, value) -> None:
    """Give a widget its starting value from the view state (first run, or after a reload)."""
    if key not in st.session_state:
        st.session_state[key] = value


def _enter_briefing() -> None:
    state, notices = st.session_state["view_state"]
    st.session_state["basemap_before_brief"] = state.basemap
    st.session_state["view_state"] = briefing_of(state), notices


def _switch_language() -> None:
    """The sidebar's language switch: the whole run (title first) speaks the new language,
    and the open tab stays open (its widget holds its label)."""
    state, notices = st.session_state["view_state"]
    new = str(st.session_state["lang"])
    with using(state.lang):
        panel = next((p for p in Panel if st.session_state.get("panel") == p.label), None)
    if panel is not None:
        with using(new):
            st.session_state["panel"] = panel.label
    # New labels make new widgets, which would start empty: hand them the current values.
    for key in (
        *("update", "type", "area", "q", "extent", "basemap", "hotspot", "dates"),
        *("event_types", "sub_types", "actor", "incident_mode", "radius_km"),  # incidents (ACLED)
    ):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.session_state["view_state"] = replace(state, lang=new), notices


def _exit_briefing() -> None:
    """Back to the full page in the same tab, with the same settings (and the basemap the
    page had before the briefing view switched it; a briefing link keeps its own)."""
    state, _notices = st.session_state["view_state"]
    basemap = st.session_state.pop("basemap_before_brief", state.basemap)
    st.session_state["view_state"] = replace(state, view=View.FULL, basemap=basemap), []
    st.session_state["basemap"] = Basemap.parse(basemap)


# --- the full page ------------------------------------------------------------------------------


def _update_picker(dataset: Dataset) -> str | None:
    """The MSS update whose places the map shows (None when the data has no updates)."""
    updates = {u.update_id: u for u in reversed(dataset.updates.updates)}  # newest first
    if not updates:
        return None
    return st.selectbox(
        _("MSS update"),
        options=[*updates, ALL_UPDATES],
        key="update",
        format_func=lambda u: (
            _("Every update in the date range")
            if u == ALL_UPDATES
            else f"{format_date(updates[u].date, short=True)} · {updates[u].title}"
        ),
        help=_("The places named in one update of the mission, or in every update within the dates"),
    )


# Long on purpose: one widget per view setting, in the order the sidebar shows them.
def sidebar(dataset: Dataset, timelines: Timelines, state: ViewState) -> ViewState:
    """The controls; returns the view they describe."""
    type_ids = list(dataset.styles)
    names = {item.hotspot.id: item.hotspot.canonical_name for item in dataset.located}
    low, high = date_bounds(timelines)
    _seed("type", list(state.types) if state.types is not None else type_ids)
    _seed("area", Area.parse(state.area))
    _seed("q", state.q)
    _seed("extent", Extent.parse(state.extent))
    _seed("basemap", Basemap.parse(state.basemap))
    _seed("hotspot", state.hotspot)
    _seed("dates", state.dates or (low, high))
    _seed("update", state.update or dataset.updates.default_id)
    _seed("lang", Language.parse(state.lang))
    with st.sidebar:
        st.radio(
            _("Language"),
            options=list(Language),
            format_func=lambda lang: lang.label,
            key="lang",
            horizontal=True,
            on_change=_switch_language,
        )
        st.toggle(
            _("Briefing view"),
            key="brief_toggle",
            value=False,
            on_change=_enter_briefing,
            help=_("Map only, 16:9, with title, date, legend and sources drawn on it"),
        )
        st.header(_("Filters"))
        update = _update_picker(dataset)
        types = st.multiselect(
            _("Hotspot type"),
            options=type_ids,
            key="type",
            format_func=lambda t: dataset.styles[t].shown_label,
            placeholder=_("Choose types"),
        )
        area = st.radio(_("Area"), options=list(Area), format_func=lambda a: a.label, key="area")
        query = st.text_input(
            _("Name contains"),
            key="q",
            placeholder=_("e.g. Delmas, Pont-Sondé (then Enter)"),
        )
        st.header(_("Map"))
        extent = st.selectbox(_("Extent"), options=list(Extent), format_func=lambda e: e.label, key="extent")
        basemap = st.selectbox(
            _("Basemap"), options=list(Basemap), format_func=lambda b: b.label, key="basemap"
        )
        hotspot = st.selectbox(
            _("Highlight a hotspot"),
            options=[None, *names],
            key="hotspot",
            format_func=lambda h: _("none") if h is None else names[h],
            placeholder=_("none"),
        )
        st.header(_("Timelines"))
        dates = st.slider(
            _("Dates (timelines and incidents)"),
            min_value=low,
            max_value=high,
            format="MMM YYYY",
            key="dates",
            help=_(
                "Filters both panels and the incidents (and their activity per hotspot), and the "
                "map when 'Every update in the date range' is chosen."
            ),
        )
    return replace(
        state,
        types=None if types == type_ids else tuple(types),
        area=area,
        q=query,
        extent=extent,
        basemap=basemap,
        hotspot=hotspot,
        dates=tuple(dates),
        update=None if update == dataset.updates.default_id else update,
    )


#: Phones (≤ 640 px): the map comes before the counts, which sit two to a row. Static CSS.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  .st-key-map_stack > div:has(> .st-key-map_area) { order: 1; }
  .st-key-map_stack > div:has(> .st-key-counts) { order: 2; }
  .st-key-counts [data-testid="stHorizontalBlock"] { flex-flow: row wrap; gap: .25rem .75rem; }
  .st-key-counts [data-testid="stColumn"] { flex: 1 1 calc(50% - .75rem) !important;
    min-width: calc(50% - .75rem) !important; }
  .st-key-counts [data-testid="stMetricValue"] { font-size: 1.4rem; }
}
</style>"""


def counts_row(dataset: Dataset, shown: list[LocatedHotspot]) -> None:
    departments = page.department_counts(shown, dataset.located)
    cols = st.columns(2 + len(departments))
    cols[0].metric(
        _("Hotspots shown"), len(shown), help=_("of {count} in the data").format(count=len(dataset.located))
    )
    for col, count in zip(cols[1:], departments, strict=False):
        col.metric(count.label, count.value)
    cols[-1].metric(
        _("Low-confidence points"),
        page.low_confidence_count(shown),
        help=_("approximate: a stand-in or a single coarse source"),
    )


def table_columns() -> dict:
    """The hotspot table's column headings and formats, in the active language."""
    return {
        "name": _("Hotspot"),
        "source_name": _("As written in the source"),
        "type_label": _("Type"),
        "department": _("Department"),
        "commune": _("Commune"),
        "lat": st.column_config.NumberColumn(_("Lat"), format="%.5f"),
        "lon": st.column_config.NumberColumn(_("Lon"), format="%.5f"),
        "precision": _("Precision"),
        "confidence": _("Confidence"),
        "evidence": _("Evidence"),
        "evidence_url": st.column_config.LinkColumn(_("Evidence link"), display_text=_("open")),
        "sources": st.column_config.NumberColumn(
            _("Sources"), help=_("independent sources placing the hotspot")
        ),
        "spread_km": st.column_config.NumberColumn(
            _("Spread (km)"), format="%.2f", help=_("largest distance between those sources")
        ),
        "description": _("Description"),
    }


def hotspot_table(
    dataset: Dataset, shown: list[LocatedHotspot], activity: tuple[pd.DataFrame, dict] | None = None
) -> None:
    """The shown hotspots; ``activity``: columns by hotspot id (and their config) to add."""
    frame = pd.DataFrame([record(item, dataset.styles) for item in shown])
    for column in ("precision", "confidence"):  # ids in the exports, words on screen
        frame[column] = frame[column].map(shown_word) if len(frame) else frame.get(column)
    columns = [
        "name",
        "source_name",
        "type_label",
        "department",
        "commune",
        "lat",
        "lon",
        "precision",
        "confidence",
        "sources",
        "spread_km",
        "evidence",
        "evidence_url",
        "description",
    ]
    extra_config = {}
    if activity is not None and len(frame):
        table, extra_config = activity
        frame = frame.join(table, on="id")
        columns[1:1] = list(table.columns)
    # Row positions stay those of this frame whatever the reader sorts by (Streamlit's rule).
    st.session_state["table_ids"] = list(frame["id"]) if len(frame) else []
    st.dataframe(
        frame[columns] if len(frame) else pd.DataFrame(columns=columns),
        hide_index=True,
        width="stretch",
        height="content",  # its own tab: every row at once, no inner scroll
        on_select="rerun",  # a picked row opens the map on it (pick_from_table)
        alt=_("Shown hotspots"),  # the grid's accessible name: its heading
        selection_mode="single-row",
        column_config={**table_columns(), **extra_config},
        key="hotspot_table",
    )


def downloads(dataset: Dataset, state: ViewState, shown: list[LocatedHotspot]) -> None:
    """Exports of what is shown; generated only when clicked (callable data, no rerun)."""
    stem = "haiti-hotspots"
    cols = st.columns(5)
    formats = (
        ("CSV", "csv", "text/csv", lambda: to_csv(shown, dataset.styles)),
        ("CSV + HXL", "hxl.csv", "text/csv", lambda: to_csv(shown, dataset.styles, hxl=True)),
        ("GeoJSON", "geojson", "application/geo+json", lambda: to_geojson(shown, dataset.styles)),
        (
            "KML",
            "kml",
            "application/vnd.google-earth.kml+xml",
            lambda: to_kml(shown, dataset.styles, name=_("Haiti hotspots (MSS update, 19 Nov 2024)")),
        ),
        (
            _("Map (HTML, offline)"),
            "html",
            "text/html",
            lambda: standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE, overlay=True)),
        ),
    )
    for col, (label, extension, mime, make) in zip(cols, formats, strict=True):
        col.download_button(
            label,
            data=in_language(state.lang, make),
            file_name=f"{stem}.{extension}",
            mime=mime,
            on_click="ignore",
            key=f"download_{extension}",
            width="stretch",
        )


def highlight_deployment_pick(timelines: Timelines, state: ViewState) -> None:
    """A deployment event selected in its table that names a mapped place becomes the
    highlighted hotspot, through the sidebar's selectbox (widget state), so it stays
    highlighted when the table is no longer on screen."""
    if "dep_events" not in st.session_state:
        return
    from dashboard.ui.panels import selected_hotspot

    dates = state.dates or date_bounds(timelines)
    pick = selected_hotspot(timelines.deployments, date_range=dates)
    previous = st.session_state.get("deployment_pick")
    st.session_state["hotspot"] = page.picked_highlight(previous, pick, st.session_state.get("hotspot"))
    st.session_state["deployment_pick"] = pick


def pick_from_table() -> None:
    """A row picked in the hotspot table highlights that hotspot and opens the map on it. Runs
    before the sidebar and the tabs are built, since it sets their widget states; the table is
    then not built, so its selection is dropped and cannot pick again."""
    picked = st.session_state.get("hotspot_table")
    rows = list(picked["selection"]["rows"]) if picked else []
    ids = st.session_state.get("table_ids") or []
    if rows and rows[0] < len(ids):
        st.session_state["hotspot"] = ids[rows[0]]
        st.session_state["panel"] = Panel.MAP.label


def full_page(
    dataset: Dataset, timelines: Timelines, state: ViewState, incidents: tuple[IncidentData, str | None]
) -> ViewState:
    st.title(_("Haiti security hotspots"))
    caption = st.empty()  # filled once the sidebar has said which update the map shows
    problems_notice(dataset.problems + timelines.problems + incidents[0].problems)
    highlight_deployment_pick(timelines, state)
    pick_from_table()
    state = incident_ui.sidebar(incidents[0], sidebar(dataset, timelines, state))
    caption.caption(
        _(
            "Places named by the Multinational Security Support (MSS) mission · {updates} · "
            "as of {date} · every coordinate carries its evidence and confidence (point at a marker "
            "to see where its sources put it; click it for the details)"
        ).format(
            updates=updates_in_words(dataset, state) if dataset.updates else _("MSS update"),
            date=page.as_of_text(as_of(dataset, state)),
        )
    )
    shown = shown_hotspots(dataset, state)
    names = {item.hotspot.id: item.hotspot.canonical_name for item in dataset.located}

    labels = [p.label for p in Panel]
    _seed("panel", Panel.parse(state.panel).label)
    tabs = st.tabs(labels, key="panel", on_change="rerun")
    panel = next((p for p in Panel if st.session_state.get("panel") == p.label), Panel.MAP)
    state = replace(state, panel=panel)
    # The map is built only while its tab is open: Leaflet laid out in a hidden tab measures
    # a 0×0 box and stays blank at the wrong zoom when the tab is shown (a "panel=" link).
    view = TabView(dataset, state, shown, names, incidents)
    with tabs[0]:
        if tabs[0].open is not False:
            map_tab(view)
    # The table and the panels are built only when their tab is open: each brings Streamlit's
    # heaviest front-end code (the data grid, Arrow, Vega: about 1.5 MB of JavaScript), which a
    # first visit to the map would otherwise load and parse before it paints (issue 11).
    with tabs[1]:
        if tabs[1].open is not False:
            table_tab(view)
    with tabs[2]:
        if tabs[2].open is not False:
            from dashboard.ui.panels import render_deployments_panel

            render_deployments_panel(
                timelines.deployments,
                date_range=state.dates,
                hotspot_names=names,
                publishers=timelines.publishers,
            )
    with tabs[3]:
        if tabs[3].open is not False:
            from dashboard.ui.panels import render_policy_panel

            render_policy_panel(timelines.policy, date_range=state.dates, publishers=timelines.publishers)
    with tabs[4]:
        if tabs[4].open is not False:
            from dashboard.ui.panels import render_updates_panel

            render_updates_panel(dataset.located, dataset.styles, date_range=state.dates)
    return state


@dataclass(frozen=True)
class TabView:
    """What the map and table tabs are built from: the data, the view, the hotspots it shows,
    every hotspot's name by id, and the incidents (with their notice)."""

    dataset: Dataset
    state: ViewState
    shown: list[LocatedHotspot]
    names: dict[str, str]
    incidents: tuple[IncidentData, str | None]


def map_tab(view: TabView) -> None:
    """The counts, the map, what it shows in words, and the downloads of what is shown."""
    dataset, state, shown = view.dataset, view.state, view.shown
    st.html(PHONE_CSS)
    clicked = st.session_state.get("zoom_to_shown", False)
    frame = page.map_frame(
        st.session_state.get("map_frame"), state, shown=shown, every=dataset.located, zoom_to_shown=clicked
    )
    st.session_state["map_frame"] = frame
    with st.container(key="map_stack", gap="small"):
        with st.container(key="counts"):
            counts_row(dataset, shown)
        with st.container(key="map_area"):
            map_box(dataset, state, shown, view.names, frame, view.incidents)
    st.caption(
        f"{escaping.markdown(filters_in_words(dataset, state, len(shown)))}. "
        + _(
            "Map data © OpenStreetMap contributors; source: MSS update of 19 Nov 2024 as reported "
            "in “Kenyan-led Haiti Mission Gives Update as US Advocates for UN Intervention”."
        )
    )
    incident_ui.caption(state, view.incidents[0])
    st.caption(_("Download what is shown:"))
    downloads(dataset, state, shown)


def table_tab(view: TabView) -> None:
    """The shown hotspots as a sortable table (with their incident activity), then the
    "Hotspot activity" chart: the same filters as the map."""
    state, incidents = view.state, view.incidents[0]
    st.header(_("Shown hotspots"))
    st.caption(
        f"{escaping.markdown(filters_in_words(view.dataset, state, len(view.shown)))}. "
        + _("Pick a row (the box at its left) to see that hotspot on the map.")
    )
    hotspot_table(view.dataset, view.shown, incident_ui.activity_columns(state, incidents))
    incident_ui.caption(state, incidents)
    shown_names = {item.hotspot.id: view.names[item.hotspot.id] for item in view.shown}
    incident_ui.activity_section(state, incidents, shown_names)


def map_box(
    dataset: Dataset,
    state: ViewState,
    shown: list[LocatedHotspot],
    names: dict[str, str],
    frame: page.Frame,
    incidents: tuple[IncidentData, str | None],
) -> None:
    """The zoom button, the highlight notice and the map itself."""
    st.button(_("Zoom to shown hotspots"), key="zoom_to_shown", disabled=not shown)
    if state.hotspot in names:
        name = escaping.markdown(names[state.hotspot])
        st.info(_("Highlighted on the map: **{name}**").format(name=name))
    if not shown:
        st.info(_("No hotspot matches these filters: widen the types, the area or the name search."))
    extra = incident_ui.map_options(state, incidents)
    parts = map_parts_for_view(shown, dataset, state, fit=frame.bounds, incidents=extra)
    # The base map only changes with extent/basemap/frame; filters swap the hotspot layer
    # inside the live map (no remount: pan and zoom stay). returned_objects=[]: panning,
    # zooming and clicking never rerun the script. No layer control: the sidebar is the one
    # place that chooses types and basemap (see dashboard.maps.build.MapParts).
    st_folium(
        parts.base,
        feature_group_to_add=parts.layers,
        key="map",
        returned_objects=[],
        height=MAP_HEIGHT,
        use_container_width=True,
    )


def problems_notice(problems: list[Problem]) -> None:
    if problems:
        count = len(problems)
        with st.expander(
            "⚠️ "
            + ngettext(
                "{count} problem in the data files: these rows are not shown",
                "{count} problems in the data files: these rows are not shown",
                count,
            ).format(count=count),
            expanded=True,
        ):
            st.code("\n".join(str(p) for p in problems), language=None)


# --- the briefing view ----------------------------------------------------------------------------


def briefing_page(
    dataset: Dataset,
    timelines: Timelines,
    state: ViewState,
    notices: list[str],
    incidents: tuple[IncidentData, str | None],
) -> None:
    """The briefing frame at the top-left corner; under it the exit button and the link's
    notices (short, so they never push the frame away)."""
    st.html(BRIEF_CSS)
    width, height = state.size_px
    # A window narrower than the frame (a phone): the iframe keeps the frame's ratio at the
    # window's width; the map inside shrinks to it (max 100vw × 100vh) and re-lays itself out.
    st.html(
        f"<style>@media (max-width: {width}px) {{ iframe[title='streamlit_folium.st_folium'] "
        f"{{ height: calc(100vw * {height} / {width}) !important; }} }}</style>"
    )
    m = map_for_view(dataset, state, incidents=incident_ui.map_options(state, incidents))
    st_folium(m, key="brief_map", returned_objects=[], width=width, height=height)
    st.button(_("Exit briefing view"), key="exit_brief", on_click=_exit_briefing)
    for notice in notices:
        st.caption("⚠️ " + _("Link: {notice}").format(notice=escaping.markdown(notice)))


def main() -> None:
    """Run the page once (Streamlit reruns the entry script on every interaction)."""
    files = DataDir.resolve(None)
    signature = files.signature()
    dataset, timelines = cached_data(str(files.path), signature)
    incidents = incident_ui.incident_data(str(files.path), signature, dataset)
    st.session_state["incident_bounds"] = incidents[0].bounds
    st.session_state["incident_types"] = incidents[0].vocabulary.types
    st.session_state["incident_subs"] = incidents[0].vocabulary.subs
    state, notices = view_state_from_url(dataset, timelines)
    activate(state.lang)  # every word of this run, in the view's language
    st.set_page_config(page_title=_("Haiti hotspot dashboard"), page_icon="🗺️", layout="wide")
    if state.brief:
        briefing_page(dataset, timelines, state, notices, incidents)
    else:
        for notice in notices:
            st.caption("⚠️ " + _("Link: {notice}").format(notice=escaping.markdown(notice)))
        state = full_page(dataset, timelines, state, incidents)
        st.session_state["view_state"] = state, notices
    write_url(state, timelines)
