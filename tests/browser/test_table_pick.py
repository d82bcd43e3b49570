"""A row picked in the hotspot table opens the map on that hotspot (Chromium, offline)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import paths
from dashboard.model.dataset import load_dataset
from dashboard.views.render import shown_hotspots
from dashboard.views.state import ViewState
from tests.browser.conftest import MAP_FRAME, screenshot

pytestmark = pytest.mark.browser

#: Streamlit's data grid: header and rows are 35 CSS px tall; the row-marker boxes sit in the
#: first column when rows can be selected.
ROW_PX = 35


def test_picking_a_row_highlights_its_hotspot_on_the_map(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?panel=table")
    panel = page.get_by_role("tabpanel", name="Hotspot table")
    grid = panel.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible(timeout=30_000)
    shown = shown_hotspots(load_dataset(paths.BUNDLED_DATA_DIR), ViewState())  # the table's order
    row = [item.hotspot.id for item in shown].index("pont-sonde")
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    expect(page.get_by_role("tab", name="Hotspot map")).to_have_attribute(
        "aria-selected", "true", timeout=30_000
    )
    frame = page.frame_locator(MAP_FRAME)
    highlighted = frame.locator(".hotspot-marker.hotspot-highlight")
    expect(highlighted).to_have_count(1, timeout=30_000)
    expect(highlighted).to_have_attribute("aria-label", "Pont-Sondé, Town / commune")
    expect(page.get_by_text("Highlighted on the map: Pont-Sondé")).to_be_visible()
    screenshot(page, "table-pick-on-map")
