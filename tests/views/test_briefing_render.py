"""The briefing picture's words and contents (pure Python): it draws and counts what is in its
frame, places labels in the browser (no Leaflet tooltips), and shows no map buttons."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from dashboard.data import paths
from dashboard.maps.labels import LAYOUT_CSS
from dashboard.model import load_dataset
from dashboard.views.render import filters_in_words, map_for_view, shown_hotspots
from dashboard.views.state import ViewState, briefing_of


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(paths.BUNDLED_DATA_DIR)


def _brief(extent: str) -> ViewState:
    return replace(briefing_of(ViewState()), extent=extent)


def _points(html: str) -> list[dict]:
    return json.loads(re.search(r"var POINTS = (\[.*?\]);", html).group(1))


def test_port_au_prince_briefing_draws_and_counts_only_its_frame(dataset):
    shown = shown_hotspots(dataset, _brief("pap"))
    ouest = [item for item in shown if item.hotspot.department == "Ouest"]
    html = map_for_view(dataset, _brief("pap")).get_root().render()
    assert {p["id"] for p in _points(html)} == {item.hotspot.id for item in ouest}
    total = len(shown)
    assert f"{len(ouest)} of {total} hotspots in this view" in html
    assert f"All {total} hotspots" not in html


def test_fit_briefing_labels_every_hotspot_and_says_all(dataset):
    html = map_for_view(dataset, _brief("fit")).get_root().render()
    shown = shown_hotspots(dataset, _brief("fit"))
    assert len(_points(html)) == len(shown)
    assert f"All {len(shown)} hotspots" in html
    assert '"permanent": true' not in html  # no Leaflet tooltips: the layout script places labels


def test_in_frame_words_only_when_the_frame_leaves_some_out(dataset):
    state = _brief("fit")
    n = len(shown_hotspots(dataset, state))
    assert filters_in_words(dataset, state, n, in_frame=n).startswith(f"All {n} hotspots")
    assert filters_in_words(dataset, state, n, in_frame=5).startswith(f"5 of {n} hotspots in this view")


def test_slides_hide_the_map_buttons():
    for button in ("leaflet-control-zoom", "leaflet-control-fullscreen", "leaflet-control-layers"):
        assert button in LAYOUT_CSS.split("{")[0]


def test_the_page_map_has_no_briefing_layout(dataset):
    html = map_for_view(dataset, ViewState()).get_root().render()
    assert "var POINTS" not in html


def test_french_briefing_speaks_french(dataset):
    """``lang=fr``: title, "as of" date, filters in words, legend and source line in French;
    the source's own title stays in English."""
    state = replace(_brief("pap"), lang="fr", types=("junction", "town"))
    html = map_for_view(dataset, state).get_root().render()
    for words in (
        "Points chauds sécuritaires en Haïti cités par la MMAS",
        "19 novembre 2024",
        "point de situation de la MMAS du 19 nov. 2024",
        "types\u00a0: Carrefour / axe routier, Ville / commune",
        "vue\u00a0: région de Port-au-Prince",
        "Type de point chaud",
        "Source\u00a0: point de situation de la MMAS du 19 novembre 2024",
        "Kenyan-led Haiti Mission Gives Update as US Advocates for UN Intervention",
        "Numérotés sur la carte",
    ):
        assert _unescaped(html).count(words), words
    for english in ("Hotspot type", "As of", "hotspots in this view", "Numbered on the map", "Source: MSS"):
        assert english not in _unescaped(html), english


def test_the_view_language_does_not_leak(dataset):
    """Drawing a French view leaves the active language as it was (English here)."""
    map_for_view(dataset, replace(_brief("fit"), lang="fr"))
    html = map_for_view(dataset, _brief("fit")).get_root().render()
    assert "Hotspot type" in _unescaped(html)
    assert "Type de point chaud" not in _unescaped(html)


def _unescaped(html: str) -> str:
    """The page with the ``\\uXXXX`` escapes of its script JSON decoded."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), html)
