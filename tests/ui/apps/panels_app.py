"""A minimal page for AppTest: one date slider driving both panels (bundled data)."""

from __future__ import annotations

import streamlit as st

from dashboard.data import paths
from dashboard.timelines.events import load_timelines, timeline_date_bounds
from dashboard.ui.panels import render_deployments_panel, render_policy_panel, selected_hotspot

timelines = load_timelines(paths.BUNDLED_DATA_DIR)
low, high = timeline_date_bounds(timelines)
date_range = st.slider("Dates", min_value=low, max_value=high, value=(low, high), key="range")
st.text(f"selected hotspot: {selected_hotspot(timelines.deployments, date_range=date_range)}")
render_deployments_panel(
    timelines.deployments,
    date_range=date_range,
    hotspot_names={"tlia": "Airport (TLIA)"},
    publishers=timelines.publishers,
)
render_policy_panel(timelines.policy, date_range=date_range, publishers=timelines.publishers)
