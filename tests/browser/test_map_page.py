"""The map page in a real browser, offline."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME, map_zoom, open_popup, screenshot, wait_for_map_settled

TILE_HOSTS = re.compile(r"tile\.openstreetmap\.org|basemaps\.cartocdn\.com|arcgisonline\.com")


def open_map(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    markers = frame.locator(".hotspot-marker")
    expect(markers).to_have_count(22, timeout=30_000)
    return frame, markers


def test_all_22_hotspots_render_offline_with_legend(offline_page, app_url):
    frame, _ = open_map(offline_page, app_url)
    legend = frame.locator(".hotspot-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Road junction / corridor")
    expect(frame.locator(".leaflet-control-scale")).to_be_visible()
    expect(frame.locator(".leaflet-control-zoom-fullscreen")).to_be_visible()
    screenshot(offline_page, "map-page")
    assert offline_page.page_errors == []
    # Only map tiles may ask for the internet; every script and stylesheet is local.
    assert [u for u in offline_page.external_requests if not TILE_HOSTS.search(u)] == []


def test_unticking_a_type_removes_exactly_its_markers(offline_page, app_url):
    frame, markers = open_map(offline_page, app_url)
    expect(frame.locator(".hotspot-type-town")).to_have_count(5)
    sidebar = offline_page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Remove Town / commune").click()
    expect(markers).to_have_count(17)
    expect(frame.locator(".hotspot-type-town")).to_have_count(0)
    expect(frame.locator(".hotspot-type-neighbourhood")).to_have_count(8)
    expect(offline_page.get_by_test_id("stMetricValue").first).to_have_text("17")


def test_popup_names_place_commune_evidence_and_source(offline_page, app_url):
    # At city zoom: at the fit-all zoom (9) Carrefour Drouillard's marker overlaps the airport's.
    frame, _ = open_map(offline_page, f"{app_url}/?extent=pap")
    popup = open_popup(frame, ".hotspot-type-transport_hub")
    expect(popup).to_contain_text("Toussaint Louverture International Airport")
    expect(popup).to_contain_text("Tabarre, Ouest department")
    expect(popup).to_contain_text("confidence: high")
    expect(popup.get_by_role("link", name=re.compile("wikipedia"))).to_have_attribute(
        "href", "https://en.wikipedia.org/wiki/Toussaint_Louverture_International_Airport"
    )
    expect(popup).to_contain_text("Kenyan-led Haiti Mission Gives Update")
    screenshot(offline_page, "map-popup")


def test_artibonite_area_frames_the_artibonite(offline_page, app_url):
    frame, markers = open_map(offline_page, app_url)
    offline_page.get_by_test_id("stSidebar").get_by_text("Artibonite", exact=True).click()
    expect(markers).to_have_count(5)
    frame.locator(".hotspot-type-junction").hover()
    expect(frame.locator(".leaflet-tooltip")).to_contain_text("Carrefour Paye")


def test_filter_change_keeps_the_users_zoom(offline_page, app_url):
    """Filters swap layers inside the live map: no remount, so the zoom stays."""
    frame, markers = open_map(offline_page, app_url)
    wait_for_map_settled(frame)
    start = map_zoom(offline_page)
    frame.locator(".leaflet-control-zoom-in").click()
    zoomed = start + 1
    map_frame = next(f for f in offline_page.frames if "streamlit_folium" in f.url)
    map_frame.wait_for_function(f"() => window.map.getZoom() === {zoomed}")
    offline_page.get_by_test_id("stSidebar").get_by_role("button", name="Remove Neighbourhood").click()
    expect(frame.locator(".hotspot-type-neighbourhood")).to_have_count(0)
    expect(markers).to_have_count(14)
    assert map_zoom(offline_page) == zoomed
