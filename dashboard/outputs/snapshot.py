"""Render the briefing map to a PNG in headless Chromium (``python -m dashboard snapshot``).

The briefing map is written as a standalone HTML file (assets inlined) and photographed at the
requested size; nothing is fetched but map tiles, which are skipped when there is no internet.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from dashboard.outputs.chromium import INSTALL_HINT, find_chromium, launch


class SnapshotError(RuntimeError):
    """The snapshot could not be taken (message says what to install or fix)."""


def take_snapshot(html: str, output: Path, *, width: int, height: int, timeout_ms: int = 30_000) -> Path:
    """Open ``html`` at ``width``×``height`` CSS pixels, wait for the markers, write a PNG."""
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
                page.locator(".hotspot-marker").first.wait_for(timeout=timeout_ms)
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
