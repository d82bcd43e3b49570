"""Permalinks, the briefing view, the offline HTML export and the PNG snapshot, in Chromium."""

from __future__ import annotations

import struct
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from dashboard.data import load_inputs
from dashboard.model import dataset_of
from dashboard.outputs.snapshot import LAID_OUT
from dashboard.views.render import shown_hotspots
from dashboard.views.state import ViewState, briefing_of
from tests.browser.conftest import MAP_FRAME, ROOT, screenshot


def test_permalink_reopens_the_same_view(offline_page, app_url, browser):
    page = offline_page
    page.goto(app_url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name="Remove Neighbourhood").click()
    expect(frame.locator(".hotspot-marker")).to_have_count(14)
    sidebar.get_by_text("Port-au-Prince area (Ouest)", exact=True).click()
    expect(frame.locator(".hotspot-marker")).to_have_count(9)
    sidebar.get_by_label("Name contains").fill("carrefour")
    sidebar.get_by_label("Name contains").press("Enter")
    expect(frame.locator(".hotspot-marker")).to_have_count(2)
    page.wait_for_function("() => location.search.includes('q=carrefour')")
    link = page.url
    query = parse_qs(urlparse(link).query)
    assert query["area"] == ["Ouest"]
    assert "neighbourhood" not in query["type"]
    assert set(query["type"]) == {"transport_hub", "port_fuel", "government_police", "junction", "town"}

    fresh = browser.new_page()
    fresh.route(
        "**/*",
        lambda route: route.abort() if not route.request.url.startswith(app_url) else route.continue_(),
    )
    fresh.goto(link)
    fresh_frame = fresh.frame_locator(MAP_FRAME)
    expect(fresh_frame.locator(".hotspot-marker")).to_have_count(2, timeout=30_000)
    expect(fresh_frame.locator(".hotspot-type-neighbourhood")).to_have_count(0)
    fresh_sidebar = fresh.get_by_test_id("stSidebar")
    expect(fresh_sidebar.get_by_label("Name contains")).to_have_value("carrefour")
    expect(fresh_sidebar.get_by_role("radio", name="Port-au-Prince area (Ouest)")).to_be_checked()
    expect(fresh_sidebar.get_by_role("button", name="Remove Neighbourhood")).to_have_count(0)
    expect(fresh_sidebar.get_by_role("button", name="Remove Town / commune")).to_have_count(1)
    fresh.close()


def test_bad_link_parameters_give_a_notice_not_a_crash(offline_page, app_url):
    offline_page.goto(f"{app_url}/?type=castle&colour=red&area=Nord")
    expect(offline_page.frame_locator(MAP_FRAME).locator(".hotspot-marker")).to_have_count(
        22, timeout=30_000
    )  # only unknown types were asked for: they are dropped, not turned into "no types"
    expect(offline_page.get_by_text("unknown link parameter 'colour' ignored")).to_be_visible()
    expect(offline_page.get_by_text("unknown type(s) castle ignored")).to_be_visible()
    assert offline_page.page_errors == []


def test_briefing_view_at_1920x1080(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?view=brief&size=1920x1080&extent=pap")
    frame = page.frame_locator(MAP_FRAME)
    # the briefing frame draws (and counts) the hotspots in its frame: Port-au-Prince's
    dataset = dataset_of(load_inputs(None))
    shown = shown_hotspots(dataset, briefing_of(ViewState()))
    ouest = sum(1 for item in shown if item.hotspot.department == "Ouest")
    expect(frame.locator(".hotspot-marker")).to_have_count(ouest, timeout=30_000)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    iframe = page.locator(MAP_FRAME).bounding_box()
    assert (round(iframe["width"]), round(iframe["height"])) == (1920, 1080)
    assert (iframe["x"], iframe["y"]) == (0, 0)
    title = frame.locator(".briefing-title")
    expect(title).to_contain_text("Haiti security hotspots named by the MSS mission")
    expect(title).to_contain_text("As of 19 November 2024")
    expect(title).to_contain_text("view: Port-au-Prince area")
    expect(frame.locator(".hotspot-legend")).to_be_visible()
    expect(frame.locator(".leaflet-control-scale")).to_be_visible()
    expect(frame.locator(".briefing-source")).to_contain_text("MSS update of 19 Nov 2024")
    expect(frame.locator(".briefing-source")).to_contain_text("© OpenStreetMap contributors")
    expect(frame.locator(".briefing-label").first).to_be_visible()
    screenshot(page, "briefing-1920x1080")
    assert page.page_errors == []


def test_html_export_works_offline(offline_page, tmp_path):
    target = tmp_path / "map.html"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "export",
            "--format",
            "html",
            "--extent",
            "pap",
            "-o",
            str(target),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    offline_page.goto(target.as_uri())
    offline_page.wait_for_function(LAID_OUT)  # the briefing layout has framed Port-au-Prince
    expect(offline_page.locator(".briefing-title")).to_contain_text("view: Port-au-Prince area")
    offline_page.locator(".hotspot-type-transport_hub").click()
    expect(offline_page.locator(".leaflet-popup-content")).to_contain_text("Tabarre")  # no st_folium here
    assert offline_page.page_errors == []


def test_snapshot_writes_a_png_of_the_requested_size(tmp_path):
    target = tmp_path / "map.png"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "snapshot",
            "-o",
            str(target),
            "--size",
            "1280x720",
            "--area",
            "Artibonite",
            "--basemap",
            "none",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 720)
