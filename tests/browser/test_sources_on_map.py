"""An open popup shows where each independent source puts the hotspot (Chromium, offline)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.data import paths
from dashboard.model.dataset import load_dataset
from tests.browser.conftest import MAP_FRAME, open_popup, screenshot

pytestmark = pytest.mark.browser


def test_sources_are_drawn_on_hover_and_while_the_popup_is_open(offline_page, app_url):
    spot = next(i for i in load_dataset(paths.BUNDLED_DATA_DIR).located if i.hotspot.id == "christ-roi")
    assert len(spot.sources) >= 2
    page = offline_page
    page.goto(f"{app_url}/?extent=pap")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
    expect(frame.locator(".evidence-point")).to_have_count(0)
    marker = f'.hotspot-marker[aria-label^="{spot.hotspot.canonical_name},"]'
    frame.locator(marker).dispatch_event("mouseover")
    expect(frame.locator(".evidence-point")).to_have_count(len(spot.sources))
    frame.locator(marker).dispatch_event("mouseout")
    expect(frame.locator(".evidence-point")).to_have_count(0)
    popup = open_popup(frame, marker)
    expect(popup).to_contain_text("independent sources")
    expect(frame.locator(".evidence-point")).to_have_count(len(spot.sources))
    expect(frame.locator(".evidence-reach")).to_have_count(1)
    frame.locator(".evidence-point").first.dispatch_event("mouseover")  # some lie under the controls
    expect(frame.locator(".leaflet-tooltip").filter(has_text="Source: ")).to_have_count(1)
    screenshot(page, "sources-on-map")
    page.mouse.move(0, 0)  # off the marker: the open popup alone keeps them
    expect(frame.locator(".evidence-point")).to_have_count(len(spot.sources))
    page.keyboard.press("Escape")
    expect(frame.locator(".evidence-point")).to_have_count(0)
    expect(frame.locator(".evidence-reach")).to_have_count(0)
