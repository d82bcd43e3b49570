"""The deployments and policy panels in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME, screenshot


def test_both_panels_render_their_charts_and_tables(offline_page, app_url):
    page = offline_page
    page.goto(app_url)
    expect(page.frame_locator(MAP_FRAME).locator(".hotspot-marker")).to_have_count(22, timeout=30_000)

    page.get_by_role("tab", name="Deployments").click()
    panel = page.get_by_role("tabpanel", name="Deployments")
    expect(panel.get_by_role("heading", name="Deployments")).to_be_visible()
    chart = panel.get_by_test_id("stVegaLiteChart").first
    expect(chart).to_be_visible()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    expect(panel).to_contain_text("MSS planned strength 2,500")
    expect(panel).to_contain_text("43 of 43 events")
    expect(panel.get_by_role("heading", name="Casualties")).to_be_visible()
    screenshot(page, "panel-deployments")

    page.get_by_role("tab", name="Policy").click()
    panel = page.get_by_role("tabpanel", name="Policy")
    expect(panel.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    expect(panel).to_contain_text("58 of 58 events")
    screenshot(page, "panel-policy")
    assert page.page_errors == []
