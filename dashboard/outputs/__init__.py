"""Outputs: what leaves the app as files: exports (CSV, GeoJSON, KML), the standalone HTML map,
the PNG snapshot, and the one Chromium start-up helper.

Layer: above :mod:`dashboard.views`; imports views and everything below, never the UI or
the CLI, and never Streamlit.
"""
