"""The Streamlit page: wires data → filters → map → table together (no logic of its own).

Run with ``streamlit run dashboard/app.py`` from the repository root (see the README).
"""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import paths
from dashboard.dataset import Dataset, LocatedHotspot, load_dataset
from dashboard.export import record
from dashboard.filters import Filters, apply_filters
from dashboard.mapping import BASEMAPS, EXTENTS, build_map, extent_bounds
from dashboard.panels import render_deployments_panel, render_policy_panel, selected_hotspot
from dashboard.timeline import Timelines, load_timelines, timeline_date_bounds

AREAS = {"all": "All departments", "Ouest": "Port-au-Prince area (Ouest)", "Artibonite": "Artibonite"}
MAP_HEIGHT = 620


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


def fresh_map(
    dataset: Dataset, shown: list[LocatedHotspot], extent: str, basemap: str, highlight: str | None
) -> folium.Map:
    """A new map on every run, deliberately not cached: st_folium rewrites the element ids
    of the map it is given, so a Map shared through st.cache_resource breaks the next
    session ("feature_group_0003 is not defined"); building one takes ~12 ms."""
    bounds = extent_bounds(extent, shown=shown, every=dataset.located)
    return build_map(shown, dataset.styles, bounds=bounds, basemap=basemap, highlight=highlight)


def date_range_control(timelines: Timelines):
    low, high = timeline_date_bounds(timelines)
    with st.sidebar:
        st.header("Timelines")
        return st.slider(
            "Dates (deployments and policy)", min_value=low, max_value=high, value=(low, high),
            format="MMM YYYY", key="dates",
            help="Filters both panels. The map shows the hotspots of the 19 Nov 2024 update.",
        )


def sidebar_filters(dataset: Dataset) -> tuple[Filters, str, str]:
    with st.sidebar:
        st.header("Filters")
        types = st.multiselect(
            "Hotspot type",
            options=list(dataset.styles),
            default=list(dataset.styles),
            format_func=lambda type_id: dataset.styles[type_id].label,
            key="types",
        )
        area = st.radio("Area", options=list(AREAS), format_func=AREAS.get, key="area")
        query = st.text_input("Name contains", key="q", placeholder="e.g. Delmas, Pont-Sondé")
        st.header("Map")
        extent = st.selectbox("Extent", options=list(EXTENTS), format_func=EXTENTS.get, key="extent")
        basemap = st.selectbox(
            "Basemap", options=list(BASEMAPS), format_func=lambda b: BASEMAPS[b].label, key="basemap"
        )
    departments = None if area == "all" else (area,)
    return Filters(types=tuple(types), departments=departments, name_query=query), extent, basemap


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


def problems_notice(problems: list) -> None:
    if problems:
        with st.expander(f"⚠️ {len(problems)} problem(s) in the data files: these rows are not shown",
                         expanded=True):
            st.code("\n".join(str(p) for p in problems), language=None)


def main() -> None:
    st.set_page_config(page_title="Haiti hotspot dashboard", page_icon="🗺️", layout="wide")
    directory = paths.data_dir()
    signature = _signature(directory)
    dataset = cached_dataset(str(directory), signature)
    timelines = cached_timelines(str(directory), signature)

    st.title("Haiti security hotspots")
    as_of = dataset.as_of.strftime("%d %b %Y") if dataset.as_of else "—"
    st.caption(
        f"Places named in the Multinational Security Support (MSS) mission's update · as of {as_of} · "
        "every coordinate carries its evidence and confidence (click a marker)"
    )
    problems_notice(dataset.problems + timelines.problems)

    filters, extent, basemap = sidebar_filters(dataset)
    date_range = date_range_control(timelines)
    shown = apply_filters(dataset.located, filters)
    highlight = selected_hotspot(timelines.deployments, date_range=date_range)
    names = {item.hotspot.id: item.hotspot.canonical_name for item in dataset.located}

    map_tab, deployments_tab, policy_tab = st.tabs(["Hotspot map", "Deployments", "Policy"])
    with map_tab:
        counts_row(dataset, shown)
        if highlight in names:
            st.info(f"Highlighted on the map: **{names[highlight]}** (selected deployment event)")
        folium_map = fresh_map(dataset, shown, extent, basemap, highlight)
        # returned_objects=[]: panning, zooming and clicking never rerun the script.
        st_folium(folium_map, key="map", returned_objects=[], height=MAP_HEIGHT, use_container_width=True)
        labels = {type_id: style.label for type_id, style in dataset.styles.items()}
        st.caption(
            f"Showing {len(shown)} of {len(dataset.located)} hotspots ({filters.describe(labels)}). "
            "Map data © OpenStreetMap contributors; source: MSS update of 19 Nov 2024 as reported in "
            "“Kenyan-led Haiti Mission Gives Update as US Advocates for UN Intervention”."
        )
        st.subheader("Shown hotspots")
        hotspot_table(dataset, shown)
    with deployments_tab:
        render_deployments_panel(timelines.deployments, date_range=date_range, hotspot_names=names)
    with policy_tab:
        render_policy_panel(timelines.policy, date_range=date_range)


main()
