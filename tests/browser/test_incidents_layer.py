"""Incidents on the page: one date range for everything, clusters or heat, ACLED credited on
the map and in the briefing view (SYNTHETIC rows in a temporary data folder)."""

from __future__ import annotations

import random
import shutil

import pytest
from playwright.sync_api import expect

from dashboard.data.paths import BUNDLED_DATA_DIR
from tests.browser.conftest import MAP_FRAME, running_app, screenshot
from tests.support.acled import row, write

NOVEMBER, FEBRUARY = 300, 100
SHOWN = "[data-incidents-shown]"


@pytest.fixture(scope="module")
def app_with_incidents(tmp_path_factory):
    data = tmp_path_factory.mktemp("incidents") / "data"
    shutil.copytree(BUNDLED_DATA_DIR, data)
    rng = random.Random(7)  # test fixture only: deterministic fake rows, never shipped

    def rows(n: int, month: str, start: int) -> list[str]:
        return [
            row(
                f"TEST{start + i}",
                f"{rng.uniform(18.50, 18.60):.5f}",
                f"{rng.uniform(-72.36, -72.26):.5f}",
                when=f"{month}-{1 + i % 28:02d}",
                fatalities=i % 3,
            )
            for i in range(n)
        ]

    write(data / "incidents.csv", rows(NOVEMBER, "2024-11", 0) + rows(FEBRUARY, "2025-02", NOVEMBER))
    with running_app({"DASHBOARD_DATA_DIR": str(data)}) as url:
        yield url


def _shown(page) -> int:
    """The number of incidents the live map layer draws (set by the layer's script)."""
    frame = page.frame_locator(MAP_FRAME)
    return int(frame.locator(SHOWN).get_attribute("data-incidents-shown"))


def test_the_date_range_filters_the_incident_layer(offline_page, app_with_incidents):
    page = offline_page
    page.goto(f"{app_with_incidents}/?from=2024-11-01&to=2024-11-30")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(f'[data-incidents-shown="{NOVEMBER}"]')).to_have_count(1, timeout=30_000)
    expect(page.get_by_text(f"Incidents: {NOVEMBER} of {NOVEMBER + FEBRUARY} loaded")).to_be_visible()
    # every November incident is in a drawn cluster or drawn on its own
    map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    map_frame.wait_for_function(
        """n => {
            let total = document.querySelectorAll('.incident-marker').length;
            document.querySelectorAll('.marker-cluster').forEach(c => total += Number(c.innerText));
            return total === n;
        }""",
        arg=NOVEMBER,
        timeout=15_000,
    )
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("ACLED")
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("accessed")
    screenshot(page, "incidents-clusters")
    # widen the range to the last date: February's incidents join, in the same live map
    slider = page.get_by_role("slider").nth(1)
    slider.focus()
    slider.press("End")
    total = NOVEMBER + FEBRUARY
    expect(frame.locator(f'[data-incidents-shown="{total}"]')).to_have_count(1, timeout=15_000)
    expect(page.get_by_text(f"Incidents: {total} of {total} loaded")).to_be_visible()
    assert page.page_errors == []


def test_heat_layer_from_a_link(offline_page, app_with_incidents):
    page = offline_page
    page.goto(f"{app_with_incidents}/?incidents=heat-fatalities&from=2025-02-01&to=2025-02-28")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(f'[data-incidents-shown="{FEBRUARY}"]')).to_have_count(1, timeout=30_000)
    expect(frame.locator('[data-incidents-mode="heat-fatalities"]')).to_have_count(1)
    expect(frame.locator("canvas.leaflet-heatmap-layer")).to_have_count(1)
    screenshot(page, "incidents-heat")
    assert page.page_errors == []


def test_the_briefing_view_credits_acled(offline_page, app_with_incidents):
    page = offline_page
    page.goto(f"{app_with_incidents}/?view=brief")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".briefing-source")).to_contain_text("ACLED", timeout=30_000)
    expect(frame.locator(".briefing-source")).to_contain_text("accessed")
    screenshot(page, "incidents-brief")
    assert page.page_errors == []
