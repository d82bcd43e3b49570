"""The naive way to draw a large point layer: one ``folium.Marker`` per row, for comparison.

The map is written as a standalone HTML page (local Leaflet/jQuery, no tiles) and opened from
``file://`` in Chromium. That is a lower bound for the same map sent through ``st_folium``
(which adds the websocket transfer of the whole HTML and a Streamlit page), so the speed-up
reported against it is conservative.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import folium

from bench.harness import ROOT, Visit
from bench.synthetic import synthetic_rows

VENDOR = ROOT / "dashboard" / "static" / "vendor"
ALL_MARKERS_JS = """
(n) => {
  const markers = document.querySelectorAll('.leaflet-marker-icon');
  if (markers.length < n) return false;
  const r = markers[markers.length - 1].getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? performance.now() : false;
}
"""


def prepare(folder: Path) -> Path:
    """A folder with the vendored Leaflet files and the default-icon path for ``file://``."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "vendor").exists():
        shutil.copytree(VENDOR, folder / "vendor")
    (folder / "icon-path.js").write_text(
        'L.Icon.Default.imagePath = "vendor/leaflet/images/";\n', encoding="utf-8"
    )
    return folder


def build_html(n: int) -> tuple[str, float, float]:
    """The naive map of the first ``n`` synthetic rows; returns (html, build_s, render_s)."""
    rows = synthetic_rows(n)
    started = time.perf_counter()
    m = folium.Map(location=[18.55, -72.33], zoom_start=11, tiles=None)
    m.default_js = [
        ("leaflet", "vendor/leaflet/leaflet.js"),
        ("icon_path", "icon-path.js"),
        ("jquery", "vendor/jquery/jquery.min.js"),
    ]
    m.default_css = [("leaflet_css", "vendor/leaflet/leaflet.css")]
    for row in rows:
        label = f"{row['event_date']} · {row['event_type']} · {row['location']} · {row['event_id_cnty']}"
        folium.Marker([float(row["latitude"]), float(row["longitude"])], tooltip=label).add_to(m)
    built = time.perf_counter()
    html = m.get_root().render()
    rendered = time.perf_counter()
    return html, built - started, rendered - built


def measure(browser, folder: Path, n: int, *, timeout: float = 300.0) -> dict:
    """Python time (build + render) and browser time (navigation → all ``n`` markers shown)."""
    html, build_s, render_s = build_html(n)
    page_path = folder / f"naive-{n}.html"
    page_path.write_text(html, encoding="utf-8")
    with Visit(browser) as visit:
        visit.page.goto(page_path.as_uri(), wait_until="commit", timeout=timeout * 1000)
        handle = visit.page.wait_for_function(ALL_MARKERS_JS, arg=n, polling="raf", timeout=timeout * 1000)
        browser_s = float(handle.json_value()) / 1000
        errors = list(visit.errors)
    page_path.unlink()
    return {
        "n": n,
        "build_s": build_s,
        "render_s": render_s,
        "python_s": build_s + render_s,
        "browser_s": browser_s,
        "total_s": build_s + render_s + browser_s,
        "html_bytes": len(html.encode()),
        "page_errors": errors,
    }
