"""Usable without a mouse or sight of the map (issue 17), in Chromium, offline.

axe-core (vendored, :mod:`tests.support.axe`) runs in every view the analyst opens: the page
with the map, the map's own frame, the Deployments and Policy panels, the MSS updates panel and
the briefing view. Serious or critical violations fail the test; moderate and minor ones are
printed (see the README, "Accessibility", for those that come from Streamlit itself).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.data.acled import read_acled
from dashboard.maps.a11y import MAP_NAME
from dashboard.maps.build import build_map
from dashboard.maps.incident_layer import incident_payload
from dashboard.model.incidents import CodedFilter, IncidentFilter, Vocabulary
from dashboard.outputs.snapshot import LAID_OUT
from dashboard.outputs.standalone import INLINE_BASE, standalone_html
from dashboard.views.charts import CHART_TABLES
from tests.browser.conftest import (
    ARTIFACTS,
    MAP_FRAME,
    content_frame,
    screenshot,
    wait_for_map_settled,
)
from tests.support.acled import row, write
from tests.support.axe import blocking, run_axe

SCRIPT_DONE = """() => document.querySelector('[data-test-script-state]')
                     ?.getAttribute('data-test-script-state') === 'notRunning'"""


def _ready(page, view: str):
    """Wait until ``view`` has drawn its last element; return the map's frame (or None)."""
    page.wait_for_function(SCRIPT_DONE, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    if view == "map":
        expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
        wait_for_map_settled(frame)
        expect(page.get_by_role("button", name="Map (HTML, offline)")).to_be_visible()
        return content_frame(frame)
    if view == "brief":
        expect(page.get_by_role("button", name="Exit briefing view")).to_be_visible(timeout=30_000)
        content = content_frame(frame)
        content.wait_for_function(LAID_OUT)
        return content
    if view == "table":  # the bundled data have no incidents: the table alone, no chart
        table = page.get_by_role("tabpanel", name="Hotspot table").get_by_test_id("stDataFrame")
        expect(table).to_be_visible(timeout=30_000)
        expect(table.get_by_role("region", name="Shown hotspots", exact=True)).to_be_visible()
        return None
    panel = page.get_by_role("tabpanel", name={"deployments": "Deployments", "policy": "Policy"}.get(view))
    if view == "updates":
        panel = page.get_by_role("tabpanel", name="MSS updates")
    expect(panel.get_by_test_id("stVegaLiteChart").locator("svg").first).to_be_visible(timeout=30_000)
    expect(panel.get_by_test_id("stDataFrame").last).to_be_visible()
    return None


def _check(target, where: str) -> list:
    """axe on ``target``; print what does not block; return what does."""
    found = run_axe(target)
    for violation in found:
        print(f"axe {where}: {violation}")
    return blocking(found)


VIEWS = {
    "map": "/",
    "table": "/?panel=table",
    "deployments": "/?panel=deployments",
    "policy": "/?panel=policy",
    "updates": "/?panel=updates",
    "brief": "/?view=brief",
}


@pytest.mark.parametrize("view", VIEWS)
def test_no_serious_or_critical_axe_violation(offline_page, app_url, view, capsys):
    page = offline_page
    page.goto(app_url + VIEWS[view])
    map_frame = _ready(page, view)
    with capsys.disabled():  # the moderate ones, in the test output
        failures = {"page": _check(page, f"{view} page")}
        if map_frame is not None:
            failures["map frame"] = _check(map_frame, f"{view} map frame")
    assert {where: [str(v) for v in found] for where, found in failures.items() if found} == {}
    assert page.page_errors == []


def test_the_map_frame_is_named_and_described(offline_page, app_url):
    page = offline_page
    page.goto(app_url)
    frame = _ready(page, "map")
    expect(page.locator(MAP_FRAME)).to_have_attribute("aria-label", MAP_NAME)
    region = frame.get_by_role("region", name=MAP_NAME)
    expect(region).to_have_count(1)
    expect(frame.get_by_role("main")).to_have_count(1)
    expect(frame.get_by_role("heading", level=1, name=MAP_NAME)).to_have_count(1)
    description = frame.locator(f"#{region.get_attribute('aria-describedby')}")
    expect(description).to_contain_text("Enter opens its details")
    viewport = frame.locator('meta[name="viewport"]')
    for index in range(viewport.count()):
        assert "user-scalable=no" not in (viewport.nth(index).get_attribute("content") or "")
    for name in ("Zoom in", "Zoom out", "Full screen"):
        expect(frame.get_by_role("button", name=name)).to_have_count(1)


def _focused(page, frame) -> str:
    """Where the keyboard focus is: "page: <name>", "map", "marker: <name>" or "control: <name>"."""
    if page.evaluate("() => document.activeElement?.tagName") != "IFRAME":
        return "page: " + page.evaluate(
            "() => { const e = document.activeElement;"
            " return (e.getAttribute('aria-label') || e.innerText || e.tagName).trim().slice(0, 60); }"
        )
    return frame.evaluate(
        """() => { const e = document.activeElement;
            if (e.classList.contains('leaflet-container')) return 'map';
            if (e.classList.contains('hotspot-marker')) return 'marker: ' + e.getAttribute('aria-label');
            if (e.closest('.leaflet-popup')) return 'popup: ' + (e.getAttribute('aria-label') || '');
            return 'control: ' + (e.getAttribute('aria-label') || e.title || e.textContent).trim(); }"""
    )


def _left_the_map(stops: list[str]) -> bool:
    return len(stops) >= 2 and stops[-2].startswith("control: ") and stops[-1].startswith("page: ")


def test_tab_reaches_the_sidebar_the_map_each_marker_and_leaves_the_map(offline_page, app_url):
    page = offline_page
    page.goto(app_url)
    frame = _ready(page, "map")
    names = frame.evaluate(
        "() => [...document.querySelectorAll('.hotspot-marker')].map(e => e.getAttribute('aria-label'))"
    )
    page.locator("body").focus()
    stops = []
    while len(stops) < 120 and not _left_the_map(stops):
        page.keyboard.press("Tab")
        stops.append(_focused(page, frame))
    assert "page: Briefing view" in stops  # the sidebar's first control
    sidebar = stops.index("page: Briefing view")
    start = stops.index("map")
    assert sidebar < start
    assert stops[start + 1 : start + 1 + len(names)] == [f"marker: {name}" for name in names]
    controls = stops[start + 1 + len(names) :]
    assert controls[:3] == ["control: Zoom in", "control: Zoom out", "control: Full screen"]
    assert controls[-1].startswith("page: ")  # Tab goes on out of the map: no keyboard trap


#: The popup has faded in and the map has finished panning it into view.
POPUP_SETTLED = """() => {
    const popup = document.querySelector('.leaflet-popup');
    return popup && getComputedStyle(popup).opacity === '1'
        && !(window.map._panAnim && window.map._panAnim._inProgress);
}"""


def test_enter_opens_a_markers_popup_and_escape_returns_to_the_marker(offline_page, app_url, capsys):
    page = offline_page
    page.goto(app_url)
    frame = _ready(page, "map")
    page.get_by_role("button", name="Zoom to shown hotspots").focus()
    page.keyboard.press("Tab")
    assert _focused(page, frame) == "map"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the second marker (the first sits under the airport label)
    name = frame.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert _focused(page, frame) == f"marker: {name}"
    marker = frame.locator(f'.hotspot-marker[aria-label="{name}"]')
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "a11y-marker-focused.png"))

    page.keyboard.press("Enter")
    dialog = frame.get_by_role("dialog", name=name)
    expect(dialog).to_be_visible()
    expect(dialog).to_be_focused()  # a screen reader reads the popup
    expect(dialog).to_contain_text(name.split(",")[0])
    frame.wait_for_function(POPUP_SETTLED)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "a11y-marker-popup.png"))
    with capsys.disabled():  # the popup's own text: contrast, links, names
        assert [str(v) for v in _check(frame, "open popup")] == []

    page.keyboard.press("Escape")
    expect(frame.locator(".leaflet-popup")).to_have_count(0)
    expect(marker).to_be_focused()
    assert _focused(page, frame) == f"marker: {name}"
    screenshot(page, "a11y-after-escape")


def test_each_chart_names_its_table(offline_page, app_url):
    page = offline_page
    for panel, tab, chart in (
        ("deployments", "Deployments", "strength"),
        ("policy", "Policy", "policy"),
        ("updates", "MSS updates", "mentions"),
    ):
        page.goto(f"{app_url}/?panel={panel}")
        _ready(page, panel)
        heading, description = CHART_TABLES[chart]
        content = page.get_by_role("tabpanel", name=tab)
        expect(content.get_by_test_id("stVegaLiteChart").first).to_have_attribute("aria-label", description)
        expect(content.get_by_text(f"Table of the same data below: “{heading}”")).to_be_visible()
        expect(content.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(content.get_by_role("region", name=heading, exact=True)).to_be_visible()  # the grid


def test_clusters_say_how_many_points_they_hold(offline_page, tmp_path):
    """The incident layer's clusters (Leaflet.markercluster), in a standalone map file."""
    rows = [row(f"SYN{i:03d}", 18.55 + i * 1e-4, -72.30 + i * 1e-4) for i in range(30)]
    frame = read_acled(write(tmp_path / "incidents.csv", rows)).frame
    vocabulary = Vocabulary.of(frame)
    m = build_map(  # tiles give the map its maxZoom, which clustering needs
        [],
        {},
        asset_base=INLINE_BASE,
        incidents_json=incident_payload(frame, vocabulary),
        incident_filter=CodedFilter.of(IncidentFilter(), vocabulary),
    )
    target = tmp_path / "clusters.html"
    target.write_text(standalone_html(m), encoding="utf-8")
    offline_page.goto(target.as_uri())
    cluster = offline_page.locator(".marker-cluster").first
    expect(cluster).to_have_attribute("aria-label", re.compile(r"^Cluster of \d+ points: Enter zooms in"))
    count = int(cluster.inner_text())
    expect(cluster).to_have_attribute("aria-label", f"Cluster of {count} points: Enter zooms in to them")
