"""Render the briefing map to a PNG in headless Chromium (``python -m dashboard snapshot``).

The briefing map is written as a standalone HTML file (assets inlined) and photographed at the
requested size; nothing is fetched but map tiles, which are skipped when there is no internet.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from dashboard.model import Dataset
from dashboard.outputs.chromium import INSTALL_HINT, find_chromium, launch
from dashboard.outputs.standalone import INLINE_BASE, standalone_html
from dashboard.views.render import map_for_view
from dashboard.views.state import ViewState

#: Smallest and largest ``--size`` (CSS px): the layout scales its text by
#: min(width / 1280, height / 720), so below this it no longer reads; above, Chromium struggles.
MIN_SIZE = (640, 360)
MAX_SIZE = (3840, 2160)
#: True once the briefing layout (labels, key, text size) has run in the page.
LAID_OUT = "() => Number(document.querySelector('.leaflet-container')?.dataset.layouts || 0) >= 1"


class SnapshotError(RuntimeError):
    """The snapshot could not be taken (message says what to install or fix)."""


def check_size(width: int, height: int) -> None:
    """Raise :class:`SnapshotError` unless ``width``×``height`` (CSS px) is one the layout reads
    at (between :data:`MIN_SIZE` and :data:`MAX_SIZE`; any ratio: the text scales with the
    shorter side relative to 1280×720)."""
    (low_w, low_h), (high_w, high_h) = MIN_SIZE, MAX_SIZE
    if not (low_w <= width <= high_w and low_h <= height <= high_h):
        raise SnapshotError(
            f"--size {width}x{height} does not fit the briefing layout: width {low_w}–{high_w} "
            f"and height {low_h}–{high_h} CSS px (e.g. 1280x720, 1920x1080)"
        )


def snapshot_html(dataset: Dataset, state: ViewState) -> str:
    """The page the snapshot photographs: the briefing map of ``state``, every asset inlined
    (the HTML export of the same view is the same page)."""
    return standalone_html(map_for_view(dataset, state, asset_base=INLINE_BASE, overlay=True))


def take_snapshot(html: str, output: Path, *, width: int, height: int, timeout_ms: int = 30_000) -> Path:
    """Open ``html`` at ``width``×``height`` CSS pixels, wait for the briefing layout (labels,
    key, text sized to the frame), write a PNG."""
    check_size(width, height)
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise SnapshotError("Playwright is missing: `pip install playwright`.") from error

    executable = find_chromium()
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "briefing.html"
        page_file.write_text(html, encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri())
                page.wait_for_function(LAID_OUT, timeout=timeout_ms)
                _settle(page)
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=False)
                browser.close()
        except PlaywrightError as error:
            if executable is None and "Executable doesn't exist" in str(error):
                raise SnapshotError(INSTALL_HINT) from error
            raise SnapshotError(f"Chromium failed: {error}") from error
    return output


def _settle(page, *, timeout_ms: int = 5_000) -> None:
    """Wait until the network is idle (tiles, when online, have arrived); offline or with
    tiles still streaming after ``timeout_ms``, photograph what is there."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
