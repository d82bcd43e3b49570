"""Starting headless Chromium: the one place that finds the browser and chooses its flags
(used by the snapshot, the browser tests and the benchmark)."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
#: Headless, offline-friendly: no sandbox (containers), no GPU, no background traffic.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
INSTALL_HINT = (
    "No Chromium found. Install Debian's: `sudo apt-get install -y chromium` (or `make chromium`), "
    "or Playwright's own browser where downloads are allowed: `python -m playwright install chromium`."
)


def find_chromium() -> str | None:
    """Debian's chromium if present, else None (Playwright then tries its own browser)."""
    for candidate in (*CHROMIUM_CANDIDATES, shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch_args() -> dict:
    """Keyword arguments for Playwright's ``chromium.launch`` (also pytest-playwright's
    ``browser_type_launch_args``)."""
    return {"executable_path": find_chromium(), "args": list(CHROMIUM_ARGS), "headless": True}


def launch(playwright):
    """A headless Chromium browser, started with :func:`launch_args`."""
    return playwright.chromium.launch(**launch_args())
