"""The dashboard in French (``?lang=fr``, the sidebar's switch, the browser's language)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME, open_popup, screenshot

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


#: The main English words of the page (sidebar, tabs, metrics, table, captions, legend, popup).
ENGLISH = (
    "Haiti security hotspots",
    "Filters",
    "Hotspot type",
    "Name contains",
    "Basemap",
    "Highlight a hotspot",
    "Timelines",
    "Briefing view",
    "Hotspot map",
    "Deployments",
    "MSS updates",
    "Hotspots shown",
    "Low-confidence points",
    "Zoom to shown hotspots",
    "Shown hotspots",
    "Download what is shown",
    "As written in the source",
    "Places named by",
    "as of",
    "of 22 hotspots",
    "Map data",
    "dashed: approximate",
    "Transport hub",
    "Road junction",
    "Every update in the date range",
)


def _visible_text(page) -> str:
    """The page's text and the map frame's (legend, popups), as a reader sees them."""
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    return page.locator("body").inner_text() + "\n" + frame.locator("body").inner_text()


def test_full_page_in_french_has_no_english_ui_words(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?lang=fr&extent=pap")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-marker")).to_have_count(22, timeout=30_000)
    expect(page.get_by_role("heading", name="Points chauds sécuritaires en Haïti")).to_be_visible()
    expect(page.get_by_role("tab", name="Carte des points chauds")).to_be_visible()
    expect(frame.locator(".hotspot-legend")).to_contain_text("Type de point chaud")
    popup = open_popup(frame, ".hotspot-type-transport_hub")
    expect(popup).to_contain_text("Tabarre, département de l'Ouest")
    expect(popup).to_contain_text("Principal aéroport international d'Haïti")
    expect(popup).to_contain_text(f"confiance{NBSP}: élevée")
    expect(popup).to_contain_text("Kenyan-led Haiti Mission Gives Update")  # source titles stay
    screenshot(page, "french-map-popup")
    text = _visible_text(page)
    assert "au 19 nov. 2024" in text
    page.get_by_role("tab", name="Tableau des points chauds").click()
    table = page.get_by_role("tabpanel", name="Tableau des points chauds")
    expect(table.get_by_role("heading", name="Points chauds affichés")).to_be_visible(timeout=30_000)
    expect(table.get_by_test_id("stDataFrame")).to_be_visible()
    text += "\n" + page.locator("body").inner_text()
    found = [words for words in ENGLISH if words in text]
    assert found == []
    assert page.page_errors == []


def test_language_switch_and_browser_language(offline_page, app_url, browser):
    page = offline_page
    link = (
        "?type=town&type=junction&q=pont&extent=haiti&basemap=light&hotspot=pont-sonde"
        "&from=2024-01-01&to=2025-06-30&update=all&panel=policy"
    )
    page.goto(f"{app_url}/{link}")
    expect(page.get_by_role("heading", name="Policy", exact=True)).to_be_visible(timeout=30_000)
    page.wait_for_function("() => location.search.includes('q=pont')")
    before = parse_qs(urlparse(page.url).query)
    page.get_by_test_id("stSidebar").get_by_text("Français", exact=True).click()
    expect(page.get_by_role("heading", name="Points chauds sécuritaires en Haïti")).to_be_visible()
    # Every setting and the open tab survive the switch (new labels make new widgets).
    expect(page.get_by_role("heading", name="Décisions politiques", exact=True)).to_be_visible()
    page.wait_for_function("() => location.search.includes('lang=fr')")
    assert parse_qs(urlparse(page.url).query) == {**before, "lang": ["fr"]}
    page.get_by_role("tab", name="Carte des points chauds").click()
    # The map is rebuilt in French: Streamlit may show the old frame beside the new one for a
    # moment, so wait for the one frame.
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=30_000)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".hotspot-legend")).to_contain_text("Type de point chaud")
    expect(frame.locator(".hotspot-type-town").first).to_be_attached()

    # No lang in the link: the browser's language decides (and the link then says it).
    french = browser.new_context(locale="fr-FR")
    fresh = french.new_page()
    fresh.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/]).*"), lambda route: route.abort())
    fresh.goto(app_url)
    expect(fresh.get_by_role("heading", name="Points chauds sécuritaires en Haïti")).to_be_visible(
        timeout=30_000
    )
    fresh.wait_for_function("() => location.search.includes('lang=fr')")
    french.close()


def test_panels_in_french(offline_page, app_url):
    page = offline_page
    page.goto(f"{app_url}/?lang=fr&panel=deployments")
    expect(page.get_by_role("heading", name="Déploiements", exact=True)).to_be_visible(timeout=30_000)
    # The panel's widgets arrive after its text on a loaded machine: wait for them.
    expect(page.get_by_text("Afficher l'effectif prévu et le plafond")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Victimes")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+ événements sur \d+"))).to_be_visible()
    screenshot(page, "french-deployments")
    text = page.locator("body").inner_text()
    english = ["Casualties", "Show the planning figure", "with a conflict note", "Contributing country"]
    assert [words for words in english if words in text] == []
    page.get_by_role("tab", name="Décisions politiques").click()
    expect(page.get_by_role("heading", name="Décisions politiques", exact=True)).to_be_visible()
    expect(page.get_by_text("du plus ancien au plus récent")).to_be_visible()
    assert page.page_errors == []
