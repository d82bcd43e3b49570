"""Browser tests: the real app in a subprocess, driven by Playwright in Debian's chromium.

Nothing here touches the internet: every request to a host other than the app is aborted
(map tiles included), which is exactly the offline situation the app must survive.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.outputs.chromium import launch_args
from dashboard.outputs.server import free_port, server_url, stop, streamlit_command

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"  # pytest-playwright empties test-results/ at start
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The one Chromium start-up of the project (:mod:`dashboard.outputs.chromium`)."""
    options = launch_args()
    if options["executable_path"] is None:
        raise RuntimeError("chromium not found: run `make chromium` (apt-get install chromium)")
    return {**browser_type_launch_args, **options}


def start_app(env_extra: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start the app on a free port; return once it says it serves there (no polling)."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    process = subprocess.Popen(
        streamlit_command("dashboard/app.py", port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = server_url(port)
    ready = threading.Event()

    def watch() -> None:  # reads the output to its end (a full pipe would block the app)
        for line in process.stdout:
            if f"URL: {url}" in line:
                ready.set()
        ready.set()  # the app ended: the check below says so

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(timeout=60) or process.poll() is not None:
        process.kill()
        raise RuntimeError("the app did not start within 60 s")
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as reply:
        assert reply.status == 200
    return process, url


@contextlib.contextmanager
def running_app(env_extra: dict[str, str] | None = None) -> Iterator[str]:
    """The app in a subprocess for the duration of the block; yields its URL."""
    process, url = start_app(env_extra)
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture
def offline_page(page):
    """A page on which every non-local request fails, as with no internet; records them."""
    external: list[str] = []
    errors: list[str] = []

    def block(route):
        external.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/]).*"), block)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.external_requests = external
    page.page_errors = errors
    page.set_viewport_size({"width": 1440, "height": 1000})
    return page


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


#: The page's map height (``dashboard.ui.app.MAP_HEIGHT``), which streamlit-folium records.
MAP_HEIGHT = 620


def content_frame(frame):
    """The ``Frame`` of a ``FrameLocator`` (``Frame`` objects pass through)."""
    owner = getattr(frame, "owner", None)
    return owner.element_handle().content_frame() if owner is not None else frame


def wait_for_map_settled(frame, *, height: int = MAP_HEIGHT) -> None:
    """Wait until the map has its final size and Leaflet has caught up with it.

    The iframe starts 0 px high and gets its height once streamlit-folium has rendered; Leaflet
    then re-lays the map out and every marker jumps to its place. A click aimed before that
    lands where the marker was. (Layers are re-added when their script or the height given
    to streamlit-folium change, ``window.__GLOBAL_DATA__``: both must be the final ones.)
    """
    content_frame(frame).wait_for_function(
        """h => {
            const data = window.__GLOBAL_DATA__, map = window.map;
            if (!map || !data || data.height !== h || data.last_feature_group === null) return false;
            const box = map.getContainer().getBoundingClientRect();
            return window.innerHeight === h && box.height > 0 && map.getSize().y === Math.round(box.height);
        }""",
        arg=height,
    )


def open_popup(frame, selector: str):
    """Click a marker once the map has settled; return its popup (visible).

    The map gets the keyboard focus first: the first click into an unfocused map frame only
    focuses it (Leaflet sees a map click, not a marker click), as a user's first click does.
    """
    from playwright.sync_api import expect

    wait_for_map_settled(frame)
    frame.locator(".leaflet-container").focus()
    frame.locator(selector).click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_be_visible()
    return popup


def map_zoom(page) -> float:
    """The live Leaflet map's zoom level (streamlit-folium keeps the map as window.map)."""
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    return frame.evaluate("() => window.map.getZoom()")
