"""The analyst's page without traps (issue 11), in Chromium, offline.

Each test names the trap it guards against; each failed on the code before the fix (run with
``git checkout <old> -- dashboard``): the blank map of a ``panel=`` link, the layer control that
disagreed with the sidebar, links that blanked the map, stacked and buried markers, and a name
search that also matched communes and did not move the map.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from dashboard.maps.build import build_map
from dashboard.maps.extents import extent_bounds
from dashboard.outputs.standalone import INLINE_BASE, standalone_html
from tests.browser.conftest import MAP_FRAME, screenshot, wait_for_map_settled
from tests.support.records import replace
from tests.support.seed import seed_dataset

#: The live map's zoom, its box and every hotspot marker's box, name and stacking order, read in
#: the map's iframe (CSS pixels of that iframe).
_MAP_STATE = """() => {
    const c = window.map.getContainer().getBoundingClientRect();
    return {
        zoom: window.map.getZoom(),
        box: [c.left, c.top, c.right, c.bottom],
        markers: [...document.querySelectorAll('.hotspot-marker')].map(e => {
            const r = e.getBoundingClientRect();
            return {name: e.getAttribute('aria-label') || '', cls: e.className,
                    z: +getComputedStyle(e).zIndex, box: [r.left, r.top, r.right, r.bottom]};
        }),
    };
}"""


def map_state(page, count: int) -> dict:
    """Wait for ``count`` markers on a settled map; return :data:`_MAP_STATE`."""
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(count, timeout=30_000)
    wait_for_map_settled(frame)
    content = next(f for f in page.frames if "streamlit_folium" in f.url)
    return content.evaluate(_MAP_STATE)


def page_loaded(page) -> None:
    """Wait until the script has finished and every map on the page (shown or not) has loaded."""
    page.wait_for_load_state("networkidle")  # the component iframes' documents and scripts
    page.wait_for_function(
        """() => document.querySelector('[data-test-script-state]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'"""
    )
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')]
                   .every(f => f.contentWindow && f.contentWindow.map && f.contentWindow.__GLOBAL_DATA__)"""
    )


def inside(inner: list[float], outer: list[float]) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def overlap(a: list[float], b: list[float]) -> float:
    """Area (px²) the two boxes share."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0) * max(height, 0)


# --- 1. the map is never blank ----------------------------------------------------------------


def test_a_panel_link_then_the_map_tab_shows_every_marker_in_view(offline_page, app_url):
    """Was: the map laid out in a hidden tab measured 0×0 and opened grey at zoom 19."""
    page = offline_page
    # The last thing each panel draws (the map's iframe comes before it in the page).
    last = {"deployments": "Casualties", "policy": "events, oldest first"}
    for panel, tab in (("deployments", "Deployments"), ("policy", "Policy")):
        page.goto(f"{app_url}/?panel={panel}")
        expect(page.get_by_role("tabpanel", name=tab).get_by_text(last[panel])).to_be_visible(timeout=30_000)
        page_loaded(page)  # as an analyst would: the page is complete before the click
        page.get_by_role("tab", name="Hotspot map").click()
        state = map_state(page, 22)
        assert 7 <= state["zoom"] <= 12, (panel, state["zoom"])
        outside = [m["cls"] for m in state["markers"] if not inside(m["box"], state["box"])]
        assert outside == [], panel
    screenshot(page, "traps-map-after-panel-link")


# --- 2. one source of truth for filters -------------------------------------------------------


def test_the_sidebar_alone_chooses_types_and_basemap(offline_page, app_url):
    """Was: a layer control in the map hid types and switched basemaps behind the sidebar's,
    the counts', the table's and the URL's back."""
    page = offline_page
    page.goto(app_url)
    map_state(page, 22)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-control-layers")).to_have_count(0)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_label("Basemap").click()  # the selectbox opens its list
    page.get_by_role("option", name="Light").click()
    page.wait_for_function("() => location.search.includes('basemap=light')")
    expect(frame.locator("img.leaflet-tile[src*='basemaps.cartocdn.com']").first).to_be_attached(
        timeout=30_000
    )
    expect(frame.locator("img.leaflet-tile[src*='tile.openstreetmap.org']")).to_have_count(0)


# --- 3. links that keep what is valid ---------------------------------------------------------


def test_a_link_with_an_unknown_type_keeps_every_type(offline_page, app_url):
    """Was: ``?type=nonexistent`` showed 0 hotspots and rewrote the URL to ``?type=``."""
    page = offline_page
    page.goto(f"{app_url}/?type=nonexistent")
    map_state(page, 22)
    expect(page.get_by_text("unknown type(s) nonexistent ignored")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("22")
    assert "type" not in parse_qs(urlparse(page.url).query, keep_blank_values=True)


def test_a_link_with_dates_out_of_range_says_so_and_shows_an_empty_state(offline_page, app_url):
    """Was: ``?from=2030-01-01`` was clamped silently, and the Deployments chart showed a
    floating ceiling label and a full legend with no data."""
    page = offline_page
    page.goto(f"{app_url}/?from=2030-01-01&panel=deployments")
    panel = page.get_by_role("tabpanel", name="Deployments")
    expect(panel.get_by_role("heading", name="Deployments")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("'from=2030-01-01' is after the last dated event")).to_be_visible()
    expect(panel.get_by_text("No deployment figures in the selected dates.")).to_be_visible()
    expect(panel.get_by_test_id("stVegaLiteChart")).to_have_count(0)
    screenshot(page, "traps-dates-out-of-range")


# --- 4. stacked markers, the highlight on top and in view --------------------------------------


def test_hotspots_sharing_a_point_do_not_cover_each_other_at_city_zoom(offline_page, tmp_path):
    """Was: a ~330 m ring in degrees, which separates only from zoom 14. The bundled points are
    all distinct now, so five of them are moved onto one point (the map built the page's way,
    opened as the offline HTML export)."""
    dataset = seed_dataset()
    moved = {"bourdon", "christ-roi", "downtown-pap", "fort-national", "champ-de-mars"}
    located = [
        replace(i, geocode=replace(i.geocode, lat=18.54349, lon=-72.33881)) if i.hotspot.id in moved else i
        for i in dataset.located
    ]
    bounds = extent_bounds("pap", shown=located, every=located)
    built = build_map(located, dataset.styles, bounds=bounds, basemap="none", asset_base=INLINE_BASE)
    target = tmp_path / "shared.html"
    target.write_text(standalone_html(built), encoding="utf-8")
    page = offline_page
    page.set_viewport_size({"width": 1000, "height": 620})  # about the page's map: zoom 12
    page.goto(target.as_uri())
    expect(page.locator(".hotspot-marker")).to_have_count(22, timeout=15_000)
    state = page.evaluate(_MAP_STATE.replace("window.map", "window.map_hotspots"))
    assert 10 <= state["zoom"] <= 12, state["zoom"]
    markers = state["markers"]
    for index, a in enumerate(markers):
        area = (a["box"][2] - a["box"][0]) * (a["box"][3] - a["box"][1])
        for b in markers[index + 1 :]:
            assert overlap(a["box"], b["box"]) < 0.25 * area, (a["cls"], b["cls"])
    screenshot(page, "traps-shared-points-pap")


def test_a_highlighted_hotspot_is_drawn_on_top_and_brought_into_view(offline_page, app_url):
    """Was: drawn under its neighbours, and left outside the view (TLIA with the Artibonite
    extent)."""
    page = offline_page
    page.goto(f"{app_url}/?extent=pap&hotspot=fort-national")
    markers = map_state(page, 22)["markers"]
    (top,) = [m for m in markers if "hotspot-highlight" in m["cls"]]
    assert all(top["z"] > m["z"] for m in markers if m is not top)
    page.goto(f"{app_url}/?extent=artibonite&hotspot=tlia")
    state = map_state(page, 22)
    (tlia,) = [m for m in state["markers"] if "hotspot-highlight" in m["cls"]]
    assert inside(tlia["box"], state["box"])
    assert tlia["name"] == "Toussaint Louverture International Airport, Transport hub"


# --- 6. a name search that searches names and frames what it finds -----------------------------


def test_the_name_search_matches_names_only_and_frames_the_result(offline_page, app_url):
    """Was: "Delmas" also returned Carrefour de l'Aéroport (in the Delmas commune), and the map
    did not move to the result."""
    page = offline_page
    page.goto(f"{app_url}/?extent=haiti")
    before = map_state(page, 22)["zoom"]
    search = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Name contains")
    search.fill("Delmas")
    search.press("Enter")
    state = map_state(page, 1)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("1")
    (marker,) = state["markers"]
    assert marker["name"].startswith("Delmas, Town / commune")
    assert state["zoom"] >= before + 3
    assert inside(marker["box"], state["box"])
    screenshot(page, "traps-name-search")


# --- 8. phone ------------------------------------------------------------------------------------


def test_phone_shows_the_map_before_the_counts(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    map_state(page, 22)
    map_box = page.locator(MAP_FRAME).bounding_box()
    tiles = page.get_by_test_id("stMetric")
    first, second = tiles.nth(0).bounding_box(), tiles.nth(1).bounding_box()
    assert map_box["y"] < first["y"]
    assert abs(first["y"] - second["y"]) < 5  # two tiles to a row
    page.screenshot(path=str(screenshot(page, "traps-phone-390").with_name("traps-phone-390-top.png")))
