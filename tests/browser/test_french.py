"""The dashboard in French (``?lang=fr``, the sidebar's switch, the browser's language)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME, screenshot

NBSP = "\u00a0"


def test_french_briefing_view(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{app_url}/?lang=fr&view=brief&basemap=none")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
    title = frame.locator(".briefing-title")
    expect(title).to_contain_text("Points chauds sécuritaires en Haïti cités par la MMAS")
    expect(title).to_contain_text("Au 19 novembre 2024")
    expect(title).to_contain_text("Les 22 points chauds")
    legend = frame.locator(".hotspot-legend")
    expect(legend).to_contain_text("Type de point chaud")
    expect(legend).to_contain_text("Carrefour / axe routier")
    expect(legend).to_contain_text(f"pointillés{NBSP}: position approximative")
    expect(frame.locator(".briefing-source")).to_contain_text(f"Source{NBSP}: point de situation de la MMAS")
    expect(frame.locator(".briefing-key-head")).to_have_text("Numérotés sur la carte")
    expect(page.get_by_role("button", name="Quitter la vue de présentation")).to_be_visible()
    assert "Hotspot type" not in legend.inner_text()
    screenshot(page, "french-briefing")
    assert page.page_errors == []
