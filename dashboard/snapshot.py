"""Render the briefing map to a PNG in headless Chromium (``python -m dashboard snapshot``).

The briefing map is written as a standalone HTML file (assets inlined) and photographed at the
requested size; nothing is fetched but map tiles, which are skipped when there is no internet.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = (
    "No Chromium found. Install Debian's: `sudo apt-get install -y chromium` (or `make chromium`), "
    "or Playwright's own browser where downloads are allowed: `python -m playwright install chromium`."
)


class SnapshotError(RuntimeError):
    """The snapshot could not be taken (message says what to install or fix)."""


def find_chromium() -> str | None:
    """Debian's chromium if present, else None (Playwright then tries its own browser)."""
    for candidate in (*CHROMIUM_CANDIDATES, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def take_snapshot(html: str, output: Path, *, width: int, height: int, timeout_ms: int = 30_000) -> Path:
    """Open ``html`` at ``width``×``height`` CSS pixels, wait for the markers, write a PNG."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise SnapshotError("Playwright is missing: `pip install playwright`.") from error

    executable = find_chromium()
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "briefing.html"
        page_file.write_text(html, encoding="utf-8")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=executable, args=args, headless=True)
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(page_file.as_uri())
                page.locator(".hotspot-marker").first.wait_for(timeout=timeout_ms)
                page.wait_for_timeout(1500)  # tiles, when online, get a moment to arrive
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output), full_page=False)
                browser.close()
        except PlaywrightError as error:
            if executable is None and "Executable doesn't exist" in str(error):
                raise SnapshotError(INSTALL_HINT) from error
            raise SnapshotError(f"Chromium failed: {error}") from error
    return output
