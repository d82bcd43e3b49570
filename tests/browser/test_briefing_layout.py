"""The briefing picture reads at a glance: no text box overlaps another (labels, title, key,
legend, scale, source, attribution), none covers a marker, all are inside the frame, and there
are no map buttons, in the app, in the PNG snapshot's page and at other sizes."""

from __future__ import annotations

import struct
import subprocess
import sys
from dataclasses import replace

import pytest
from playwright.sync_api import expect

from dashboard.data import load_inputs
from dashboard.model import dataset_of
from dashboard.outputs.snapshot import LAID_OUT, snapshot_html
from dashboard.views.render import shown_hotspots
from dashboard.views.state import ViewState, briefing_of
from tests.browser.briefing_boxes import COLLECT_JS, problems
from tests.browser.conftest import ARTIFACTS, MAP_FRAME, ROOT

pytestmark = pytest.mark.browser

EXTENTS = ["fit", "pap", "artibonite", "haiti"]
SIZES = [(1280, 720), (1920, 1080)]
SHOTS = ARTIFACTS / "briefing"


def _measure(frame, where: str, shot: str) -> dict:
    """Check the laid-out frame and save its screenshot (first, so a failure can be seen)."""
    frame.wait_for_function(LAID_OUT)
    measured = frame.evaluate(COLLECT_JS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    frame.locator(".leaflet-container").screenshot(path=str(SHOTS / f"{shot}.png"))
    assert problems(measured) == [], where
    names = " ".join(box["name"] for box in measured["boxes"])
    for part in ("briefing-title", "hotspot-legend", "leaflet-control-scale", "briefing-source"):
        assert part in names, f"{where}: {part} missing"
    for button in ("leaflet-control-zoom", "leaflet-control-fullscreen", "leaflet-control-layers"):
        assert button not in names, f"{where}: {button} shown in a slide"
    return measured


def _laid_out_frame(page, width: int, height: int | None):
    """The briefing map's frame once its map is ``width``×``height`` and laid out. Waits from
    the page (the iframe may be replaced while Streamlit settles), then takes the frame."""
    page.wait_for_function(
        """([w, h]) => {
            const frames = document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]');
            if (frames.length !== 1 || !frames[0].contentDocument) return false;
            const c = frames[0].contentDocument.querySelector('.leaflet-container');
            return !!c && c.clientWidth === w && (h === null || c.clientHeight === h)
                && Number(c.dataset.layouts) >= 1;
        }""",
        arg=[width, height],
        timeout=60_000,
    )
    return page.locator(MAP_FRAME).element_handle().content_frame()


@pytest.mark.parametrize(("width", "height"), SIZES)
@pytest.mark.parametrize("extent", EXTENTS)
def test_app_briefing_has_no_overlapping_text(offline_page, app_url, extent, width, height):
    page = offline_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?view=brief&extent={extent}&size={width}x{height}")
    frame = _laid_out_frame(page, width, height)
    measured = _measure(frame, f"app {extent} {width}x{height}", f"app-{extent}-{width}x{height}")
    assert any("attribution" in box["name"] for box in measured["boxes"])  # the basemap's credit
    assert page.page_errors == []


def _frame_counts(frame) -> tuple[int, int, int]:
    """(markers drawn, legend total, count in the title line)."""
    return frame.evaluate(
        """() => [document.querySelectorAll('.hotspot-marker').length,
            [...document.querySelectorAll('.hotspot-legend .legend-row span:last-child')]
                .reduce((n, s) => n + Number(s.textContent), 0),
            Number(document.querySelector('.briefing-title').textContent
                .match(/(\\d+) (of \\d+ )?hotspots/)[1])]"""
    )


@pytest.fixture(scope="module")
def dataset():
    return dataset_of(load_inputs(None))


@pytest.mark.parametrize("size", [*SIZES, (800, 600), (640, 360)])
@pytest.mark.parametrize("extent", EXTENTS)
def test_snapshot_page_has_no_overlapping_text(page, dataset, tmp_path, extent, size):
    width, height = size
    page_file = tmp_path / "briefing.html"
    page_file.write_text(snapshot_html(dataset, replace(briefing_of(ViewState()), extent=extent)))
    page.route("http*://**/*", lambda route: route.abort())
    page.set_viewport_size({"width": width, "height": height})
    page.goto(page_file.as_uri())
    _measure(page, f"snapshot {extent} {width}x{height}", f"snapshot-{extent}-{width}x{height}")
    drawn, legend_total, title_count = _frame_counts(page)
    assert drawn == legend_total == title_count  # the words count what is in the frame


def test_pap_briefing_counts_only_the_frame(page, dataset, tmp_path):
    page_file = tmp_path / "briefing.html"
    page_file.write_text(snapshot_html(dataset, replace(briefing_of(ViewState()), extent="pap")))
    page.route("http*://**/*", lambda route: route.abort())
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(page_file.as_uri())
    page.wait_for_function(LAID_OUT)
    drawn, _, _ = _frame_counts(page)
    shown = shown_hotspots(dataset, replace(briefing_of(ViewState()), extent="pap"))
    ouest = sum(1 for item in shown if item.hotspot.department == "Ouest")
    assert drawn == ouest < len(shown)
    expect(page.locator(".briefing-title")).to_contain_text(f"{ouest} of {len(shown)} hotspots")
    # every hotspot in the frame is named: by a label or in the numbered key
    named = page.locator(".briefing-label, .briefing-key li").all_text_contents()
    for item in shown:
        if item.hotspot.department == "Ouest":
            assert any(item.hotspot.canonical_name in text for text in named), item.hotspot.canonical_name


def test_cli_snapshot_png_and_size_limits(tmp_path):
    target = tmp_path / "briefing" / "map.png"
    command = [sys.executable, "-m", "dashboard", "snapshot", "-o", str(target), "--basemap", "none"]
    done = subprocess.run([*command, "--size", "800x600"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert struct.unpack(">II", target.read_bytes()[16:24]) == (800, 600)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "cli-snapshot-800x600.png").write_bytes(target.read_bytes())
    refused = subprocess.run([*command, "--size", "300x200"], cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode == 2
    assert "does not fit the briefing layout" in refused.stderr


def test_exit_briefing_returns_in_the_same_tab_with_the_same_settings(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?area=Artibonite&basemap=satellite&hotspot=nowhere")
    expect(page.frame_locator(MAP_FRAME).locator(".hotspot-marker")).to_have_count(5, timeout=30_000)
    page.get_by_test_id("stSidebar").get_by_text("Briefing view").click()
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    # The full page's map has gone. Streamlit keeps the old frame a moment while it settles, so
    # this waits on the page (the same bound as every load here), not Playwright's default 5 s.
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".briefing-title")).to_contain_text("area: Artibonite", timeout=30_000)
    page.wait_for_function("() => location.search.includes('view=brief')")
    pages_before = len(page.context.pages)
    page.get_by_role("button", name="Exit briefing view").click()
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    page.wait_for_function("() => !location.search.includes('view=brief')")
    assert len(page.context.pages) == pages_before  # same tab
    assert "basemap=satellite" in page.url
    assert "area=Artibonite" in page.url
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=30_000)
    expect(page.frame_locator(MAP_FRAME).locator(".hotspot-marker")).to_have_count(5, timeout=30_000)
    assert page.page_errors == []


def test_briefing_notices_are_short_and_below_the_frame(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?view=brief&hotspot=nowhere")
    notice = page.get_by_text("'hotspot=nowhere' is not a known hotspot id; ignored")
    expect(notice).to_be_visible(timeout=30_000)
    expect(page.locator(MAP_FRAME)).to_have_count(1)
    expect(page.locator(MAP_FRAME)).to_have_attribute("height", "720")
    # the frame at the top-left corner, the notice under it (once the page's CSS has applied)
    page.wait_for_function(
        """() => {
            const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
                .getBoundingClientRect();
            const n = [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
                .find(e => e.textContent.includes('hotspot=nowhere')).getBoundingClientRect();
            return f.x === 0 && f.y === 0 && f.height === 720 && n.y >= f.bottom;
        }"""
    )


def test_phone_gets_the_whole_frame_scaled_to_its_width(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/?view=brief&extent=pap")
    frame = _laid_out_frame(page, 390, None)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["width"] == 390
    assert abs(box["height"] - 390 * 720 / 1280) < 1
    measured = frame.evaluate(COLLECT_JS)
    assert problems(measured) == []  # legend, key and source all inside the scaled frame
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing clipped sideways
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "app-phone-390.png"), full_page=True)
