"""The bare baseline page: one st_folium map of the same 22 hotspots, nothing else.

No sidebar, no caching, no popups, default ``st_folium`` arguments (so every map event returns to
Python, as a first attempt would). The only non-default is the local Leaflet/jQuery files, exactly
as ``dashboard/maps/assets.py`` points the app at them: with folium's CDN defaults the map never
renders offline. ``bench/run.py`` copies this file into a temporary folder next to a copy of
``dashboard/static`` (Streamlit serves the ``static/`` folder next to the entry script) and runs
it from the repository root, so ``.streamlit/config.toml`` (static serving) applies.
"""

import csv
import os
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

BASE = "../../app/static/vendor"
folium.Map.default_js = [
    ("leaflet", f"{BASE}/leaflet/leaflet.js"),
    ("leaflet_icon_path", f"{BASE}/leaflet-icon-path.js"),
    ("jquery", f"{BASE}/jquery/jquery.min.js"),
]
folium.Map.default_css = [("leaflet_css", f"{BASE}/leaflet/leaflet.css")]

DATA = Path(os.environ.get("BENCH_BASELINE_DATA", "data"))


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


types = {row["id"]: row for row in read("hotspot_types.csv")}
kinds = {row["id"]: row["type"] for row in read("hotspots.csv")}
points = read("geocodes.csv")
# The app's first view shows the default MSS update's places only; bench/run.py passes their ids.
wanted = [i for i in os.environ.get("BENCH_BASELINE_IDS", "").split(",") if i]
if wanted:
    points = [p for p in points if p["id"] in wanted]

chosen = st.multiselect(
    "Hotspot type", options=list(types), default=list(types), format_func=lambda t: types[t]["label"]
)
m = folium.Map(location=[18.8, -72.5], zoom_start=9)
shown = [p for p in points if kinds.get(p["id"]) in chosen]
for point in shown:
    kind = kinds[point["id"]]
    svg = (
        f'<svg width="14" height="14"><circle cx="7" cy="7" r="6" '
        f'fill="{types[kind]["colour"]}" stroke="#222"/></svg>'
    )
    folium.Marker(
        [float(point["lat"]), float(point["lon"])],
        tooltip=point["name"],
        icon=folium.DivIcon(
            html=svg, icon_size=(14, 14), icon_anchor=(7, 7), class_name=f"hotspot-marker hotspot-type-{kind}"
        ),
    ).add_to(m)
if shown:
    m.fit_bounds(
        [
            [min(float(p["lat"]) for p in shown), min(float(p["lon"]) for p in shown)],
            [max(float(p["lat"]) for p in shown), max(float(p["lon"]) for p in shown)],
        ]
    )
st_folium(m, height=620, use_container_width=True)
