"""Hostile text in the data files: shown as text everywhere, never run (Chromium, offline).

Payloads go into names, descriptions, sources and a type label; the test opens a popup and a
tooltip, the legend, the briefing view and the HTML export, and fails on any dialog, any
element the payloads would create, or any page error.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.data.paths import BUNDLED_DATA_DIR
from tests.browser.conftest import MAP_FRAME, ROOT, content_frame, open_popup, running_app, screenshot

NAME = "<img src=x onerror=alert(1)>"
DESCRIPTION = "${alert(2)}` and a backtick"
SOURCE_TITLE = "</script><script>alert(3)</script>"
TYPE_LABEL = "Transport hub <b onmouseover=alert(4)>"
NOTE = "<svg onload=alert(6)>"
PUBLISHER = '" onmouseover="alert(7)'
BAD_LINK = "javascript:alert(5)"
#: Elements the payloads would create if they were parsed as markup.
INJECTED = "img[src='x'], svg[onload], b[onmouseover], [onmouseover], script:text('alert(3)')"


def _edit(path: Path, row: int, changes: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    for column, value in changes.items():
        rows[row - 1][rows[0].index(column)] = value
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(BUNDLED_DATA_DIR, target)
    _edit(
        target / "hotspots.csv",
        2,
        {  # tlia, the transport hub
            "canonical_name": NAME,
            "description": DESCRIPTION,
            "source_title": SOURCE_TITLE,
            "location_note": NOTE,
            "source_publisher": PUBLISHER,
        },
    )
    _edit(target / "hotspots.csv", 3, {"source_url": BAD_LINK})  # rejected, and listed
    _edit(target / "hotspot_types.csv", 2, {"label": TYPE_LABEL})
    return target


@pytest.fixture(scope="module")
def hostile_app(hostile_data) -> Iterator[str]:
    with running_app({"DASHBOARD_DATA_DIR": str(hostile_data)}) as url:
        yield url


@pytest.fixture
def watched(offline_page):
    """The offline page, recording (and dismissing) every dialog and console message."""
    dialogs: list[str] = []
    console: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    offline_page.on("dialog", on_dialog)
    offline_page.on("console", lambda message: console.append(message.text))
    offline_page.dialogs = dialogs
    offline_page.console_texts = console
    return offline_page


def _assert_nothing_ran(page, frame) -> None:
    expect(frame.locator(INJECTED)).to_have_count(0)
    # Every image has loaded or failed (so any onerror / onload has fired) before we look.
    for context in (page, content_frame(frame)):
        context.wait_for_function("() => Array.from(document.images).every(img => img.complete)")
    assert page.dialogs == []
    assert not [t for t in page.console_texts if "alert" in t]
    assert page.page_errors == []


def test_payloads_show_as_text_in_popup_tooltip_legend_and_problems(watched, hostile_app):
    page = watched
    page.goto(hostile_app)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(21, timeout=30_000)
    expect(page.get_by_test_id("stExpander")).to_contain_text(
        f"hotspots.csv:3: source_url: not an http(s) URL: '{BAD_LINK}'"
    )

    marker = frame.locator(".hotspot-type-transport_hub")
    marker.hover()
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(NAME)
    popup = open_popup(frame, ".hotspot-type-transport_hub")
    for text in (NAME, DESCRIPTION, SOURCE_TITLE, NOTE, PUBLISHER, TYPE_LABEL):
        expect(popup).to_contain_text(text)
    legend = frame.locator(".hotspot-legend")
    expect(legend).to_contain_text(TYPE_LABEL)
    legend.get_by_text(TYPE_LABEL).hover()
    expect(page.get_by_test_id("stSidebar")).to_contain_text(TYPE_LABEL)
    screenshot(page, "xss-map-popup")
    _assert_nothing_ran(page, frame)


def test_payloads_show_as_text_in_the_briefing_view(watched, hostile_app):
    page = watched
    page.goto(f"{hostile_app}/?view=brief")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(21, timeout=30_000)
    # the layout script names it by a label or in the numbered key, as text (textContent)
    expect(frame.locator(".briefing-label, .briefing-key li").filter(has_text=NAME)).to_have_count(1)
    expect(frame.locator(".hotspot-legend")).to_contain_text(TYPE_LABEL)
    # the permanent labels sit over the markers here: click the marker's element directly
    frame.locator(".hotspot-type-transport_hub").dispatch_event("click")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(SOURCE_TITLE)
    screenshot(page, "xss-briefing")
    _assert_nothing_ran(page, frame)


def test_payloads_show_as_text_in_the_html_export(watched, hostile_data, tmp_path):
    target = tmp_path / "map.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "--data-dir",
            str(hostile_data),
            "export",
            "--format",
            "html",
            "-o",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    page = watched
    page.goto(target.as_uri())
    expect(page.locator(".hotspot-marker")).to_have_count(21, timeout=15_000)
    page.locator(".hotspot-type-transport_hub").click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text(NAME)
    expect(page.locator(".leaflet-popup-content")).to_contain_text(DESCRIPTION)
    expect(page.locator(".hotspot-legend")).to_contain_text(TYPE_LABEL)
    _assert_nothing_ran(page, page)
