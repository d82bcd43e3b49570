"""The Streamlit page: wires data → view state → map, panels and exports (no logic of its own).

Run with ``streamlit run dashboard/app.py`` from the repository root (see the README). Every
view setting is kept in the URL (see :mod:`dashboard.permalink`).
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import escaping, paths
from dashboard.assets import publish
from dashboard.briefing import filters_for, filters_in_words, map_for_view, map_parts_for_view
from dashboard.dataset import Dataset, LocatedHotspot, load_dataset
from dashboard.export import record, to_csv, to_geojson, to_kml
from dashboard.filters import apply_filters
from dashboard.incidents import load_incidents, rows_json
from dashboard.mapping import BASEMAPS, EXTENTS, extent_bounds
from dashboard.permalink import AREAS, ViewState, parse_query, query_string, to_query
from dashboard.standalone import INLINE_BASE, standalone_html
from dashboard.timeline import Timelines, load_timelines, timeline_date_bounds

AREA_LABELS = {"all": "All departments", "Ouest": "Port-au-Prince area (Ouest)", "Artibonite": "Artibonite"}
BASEMAP_LABELS = {**{b.id: b.label for b in BASEMAPS.values()}, "none": "No basemap (offline)"}
PANEL_LABELS = {"map": "Hotspot map", "deployments": "Deployments", "policy": "Policy"}
MAP_HEIGHT = 620
#: The briefing view shows the map alone: no sidebar, header or padding (static CSS, no data).
BRIEF_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header,
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
[data-testid="stVerticalBlock"] { gap: .25rem; }
</style>"""


def _signature(directory: Path) -> tuple:
    """Changes whenever a data file changes, so edits show up without a restart."""
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.csv"))
    )


@st.cache_data(show_spinner=False, max_entries=4)
def cached_dataset(directory: str, signature: tuple) -> Dataset:
    return load_dataset(Path(directory))


@st.cache_data(show_spinner=False, max_entries=4)
def cached_timelines(directory: str, signature: tuple) -> Timelines:
    return load_timelines(Path(directory))


@st.cache_data(show_spinner=False, max_entries=2)
def cached_incidents(directory: str, signature: tuple) -> tuple[str | None, int, list]:
    """The URL of the incident rows (a JSON file the map fetches once, so reruns do not re-send
    megabytes), their number, and the rejected rows."""
    incidents = load_incidents(Path(directory))
    if not len(incidents):
        return None, 0, incidents.problems
    rows = rows_json(incidents)
    name = f"incidents-{hashlib.sha256(rows.encode()).hexdigest()[:16]}.json"
    return publish(name, rows), len(incidents), incidents.problems


# --- view state <-> URL -----------------------------------------------------------------------


def view_state_from_url(dataset: Dataset, timelines: Timelines) -> ViewState:
    """The session's view: read from the URL once, then kept in the session."""
    if "view_state" not in st.session_state:
        params = {name: st.query_params.get_all(name) for name in st.query_params}
        state, notices = parse_query(
            params,
            type_ids=list(dataset.styles),
            hotspot_ids=[item.hotspot.id for item in dataset.located],
            date_bounds=timeline_date_bounds(timelines),
        )
        st.session_state["view_state"] = state
        st.session_state["link_notices"] = notices
    return st.session_state["view_state"]


def write_url(state: ViewState, timelines: Timelines) -> None:
    """Put ``state`` in the address bar (only when it changed, to spare history entries)."""
    target = to_query(state, date_bounds=timeline_date_bounds(timelines))
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != target:
        st.query_params.from_dict(target)


def _seed(key: str, value) -> None:
    """Give a widget its starting value from the view state (first run, or after a reload)."""
    if key not in st.session_state:
        st.session_state[key] = value


def _enter_briefing() -> None:
    state: ViewState = st.session_state["view_state"]
    basemap = "light" if state.basemap == "street" else state.basemap
    st.session_state["view_state"] = replace(state, view="brief", basemap=basemap)


# --- the full page ------------------------------------------------------------------------------


def sidebar(dataset: Dataset, timelines: Timelines, state: ViewState) -> ViewState:
    """The controls; returns the view they describe."""
    type_ids = list(dataset.styles)
    names = {item.hotspot.id: item.hotspot.canonical_name for item in dataset.located}
    low, high = timeline_date_bounds(timelines)
    _seed("type", list(state.types) if state.types is not None else type_ids)
    _seed("area", state.area)
    _seed("q", state.q)
    _seed("extent", state.extent)
    _seed("basemap", state.basemap)
    _seed("hotspot", state.hotspot)
    _seed("dates", state.dates or (low, high))
    with st.sidebar:
        st.toggle("Briefing view", key="brief_toggle", value=False, on_change=_enter_briefing,
                  help="Map only, 16:9, with title, date, legend and sources drawn on it")
        st.header("Filters")
        types = st.multiselect("Hotspot type", options=type_ids, key="type",
                               format_func=lambda t: dataset.styles[t].label)
        area = st.radio("Area", options=list(AREAS), format_func=AREA_LABELS.get, key="area",
                        on_change=_refit)
        query = st.text_input("Name contains", key="q", placeholder="e.g. Delmas, Pont-Sondé")
        st.header("Map")
        extent = st.selectbox("Extent", options=list(EXTENTS), format_func=EXTENTS.get, key="extent",
                              on_change=_refit)
        basemap = st.selectbox("Basemap", options=list(BASEMAP_LABELS), format_func=BASEMAP_LABELS.get,
                               key="basemap")
        hotspot = st.selectbox("Highlight a hotspot", options=[None, *names], key="hotspot",
                               format_func=lambda h: "none" if h is None else names[h],
                               placeholder="none")
        st.header("Timelines")
        dates = st.slider("Dates (deployments and policy)", min_value=low, max_value=high,
                          format="MMM YYYY", key="dates",
                          help="Filters both panels. The map shows the hotspots of the 19 Nov 2024 update.")
    return replace(
        state,
        types=None if types == type_ids else tuple(types),
        area=area, q=query, extent=extent, basemap=basemap, hotspot=hotspot, dates=tuple(dates),
    )


def counts_row(dataset: Dataset, shown: list[LocatedHotspot]) -> None:
    by_department = {d: sum(i.hotspot.department == d for i in shown) for d in ("Ouest", "Artibonite")}
    low = sum(1 for i in shown if i.geocode is not None and i.geocode.is_low_confidence)
    cols = st.columns(4)
    cols[0].metric("Hotspots shown", len(shown), help=f"of {len(dataset.located)} in the data")
    cols[1].metric("Port-au-Prince area (Ouest)", by_department["Ouest"])
    cols[2].metric("Artibonite", by_department["Artibonite"])
    cols[3].metric("Low-confidence points", low, help="placed at commune or stand-in level")


def hotspot_table(dataset: Dataset, shown: list[LocatedHotspot]) -> None:
    frame = pd.DataFrame([record(item, dataset.styles) for item in shown])
    columns = ["name", "source_name", "type_label", "department", "commune", "lat", "lon",
               "precision", "confidence", "evidence", "evidence_url", "description"]
    st.dataframe(
        frame[columns] if len(frame) else pd.DataFrame(columns=columns),
        hide_index=True,
        width="stretch",
        column_config={
            "name": "Hotspot",
            "source_name": "As written in the source",
            "type_label": "Type",
            "lat": st.column_config.NumberColumn("Lat", format="%.5f"),
            "lon": st.column_config.NumberColumn("Lon", format="%.5f"),
            "evidence_url": st.column_config.LinkColumn("Evidence link", display_text="open"),
        },
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
        ("KML", "kml", "application/vnd.google-earth.kml+xml",
         lambda: to_kml(shown, dataset.styles, name="Haiti hotspots (MSS update, 19 Nov 2024)")),
        ("Map (HTML, offline)", "html", "text/html",
         lambda: standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE, overlay=True))),
    )
    for col, (label, extension, mime, make) in zip(cols, formats, strict=True):
        col.download_button(label, data=make, file_name=f"{stem}.{extension}", mime=mime,
                            on_click="ignore", key=f"download_{extension}", width="stretch")


def highlight_deployment_pick(timelines: Timelines, state: ViewState) -> None:
    """A deployment event selected in its table that names a mapped place becomes the
    highlighted hotspot, through the sidebar's selectbox, so it stays highlighted when the
    table is no longer on screen."""
    if "dep_events" not in st.session_state:
        return
    from dashboard.panels import selected_hotspot

    dates = state.dates or timeline_date_bounds(timelines)
    pick = selected_hotspot(timelines.deployments, date_range=dates)
    if pick and pick != st.session_state.get("deployment_pick"):
        st.session_state["hotspot"] = pick
    st.session_state["deployment_pick"] = pick


def full_page(
    dataset: Dataset, timelines: Timelines, state: ViewState, incidents_url: str | None
) -> ViewState:
    st.title("Haiti security hotspots")
    as_of = dataset.as_of.strftime("%d %b %Y") if dataset.as_of else "—"
    st.caption(
        f"Places named in the Multinational Security Support (MSS) mission's update · as of {as_of} · "
        "every coordinate carries its evidence and confidence (click a marker)"
    )
    problems_notice(dataset.problems + timelines.problems + st.session_state.get("incident_problems", []))
    highlight_deployment_pick(timelines, state)
    state = sidebar(dataset, timelines, state)
    shown = apply_filters(dataset.located, filters_for(state))
    names = {item.hotspot.id: item.hotspot.canonical_name for item in dataset.located}

    _seed("panel", PANEL_LABELS[state.panel])
    tabs = st.tabs(list(PANEL_LABELS.values()), key="panel", on_change="rerun")
    panel = next((pid for pid, label in PANEL_LABELS.items() if st.session_state.get("panel") == label),
                 "map")
    state = replace(state, panel=panel)
    with tabs[0]:
        counts_row(dataset, shown)
        fit = map_frame(dataset, shown, state)
        if state.hotspot in names:
            st.info(f"Highlighted on the map: **{escaping.markdown(names[state.hotspot])}**")
        parts = map_parts_for_view(dataset, state, fit=fit, incidents_url=incidents_url)
        # The base map only changes with extent/basemap; filters swap the type layers inside
        # the live map (no remount: pan and zoom stay). returned_objects=[]: panning, zooming
        # and clicking never rerun the script.
        st_folium(parts.base, feature_group_to_add=parts.layers, layer_control=parts.control,
                  key="map", returned_objects=[], height=MAP_HEIGHT, use_container_width=True)
        st.caption(
            f"{escaping.markdown(filters_in_words(dataset, state, len(shown)))}. "
            "Map data © OpenStreetMap contributors; "
            "source: MSS update of 19 Nov 2024 as reported in “Kenyan-led Haiti Mission Gives "
            "Update as US Advocates for UN Intervention”."
        )
        st.subheader("Shown hotspots")
        hotspot_table(dataset, shown)
        st.caption("Download what is shown:")
        downloads(dataset, state, shown)
    # The panels (and Altair, ~0.2 s to import) are only built when their tab is open.
    with tabs[1]:
        if tabs[1].open is not False:
            from dashboard.panels import render_deployments_panel

            render_deployments_panel(timelines.deployments, date_range=state.dates, hotspot_names=names)
    with tabs[2]:
        if tabs[2].open is not False:
            from dashboard.panels import render_policy_panel

            render_policy_panel(timelines.policy, date_range=state.dates)
    return state


def map_frame(dataset: Dataset, shown: list[LocatedHotspot], state: ViewState):
    """The box the map is fitted to. It is chosen on the first run, when the extent or area
    changes, or on "Zoom to shown hotspots" — never by the type or name filters, which update
    the map in place and so keep the user's pan and zoom."""
    clicked = st.button("Zoom to shown hotspots", key="zoom_to_shown", disabled=not shown)
    if clicked or st.session_state.pop("refit", False) or "fit_bounds" not in st.session_state:
        extent = "fit" if clicked else state.extent
        st.session_state["fit_bounds"] = extent_bounds(extent, shown=shown, every=dataset.located)
    return st.session_state["fit_bounds"]


def _refit() -> None:
    st.session_state["refit"] = True


def problems_notice(problems: list) -> None:
    if problems:
        with st.expander(f"⚠️ {len(problems)} problem(s) in the data files: these rows are not shown",
                         expanded=True):
            st.code("\n".join(str(p) for p in problems), language=None)


# --- the briefing view ----------------------------------------------------------------------------


def briefing_page(dataset: Dataset, timelines: Timelines, state: ViewState) -> None:
    st.html(BRIEF_CSS)
    width, height = state.size_px
    st_folium(map_for_view(dataset, state), key="brief_map", returned_objects=[],
              width=width, height=height)
    full_link = query_string(to_query(replace(state, view="full"),
                                      date_bounds=timeline_date_bounds(timelines)))
    st.markdown(f"[Exit briefing view]({full_link or '?'})")


def main() -> None:
    st.set_page_config(page_title="Haiti hotspot dashboard", page_icon="🗺️", layout="wide")
    directory = paths.data_dir()
    signature = _signature(directory)
    dataset = cached_dataset(str(directory), signature)
    timelines = cached_timelines(str(directory), signature)
    incidents_url, _incident_count, incident_problems = cached_incidents(str(directory), signature)
    st.session_state["incident_problems"] = incident_problems
    state = view_state_from_url(dataset, timelines)
    for notice in st.session_state.get("link_notices", []):
        st.caption(f"⚠️ Link: {escaping.markdown(notice)}")
    if state.brief:
        briefing_page(dataset, timelines, state)
    else:
        state = full_page(dataset, timelines, state, incidents_url)
        st.session_state["view_state"] = state
    write_url(state, timelines)


main()
