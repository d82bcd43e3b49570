"""The incident layer: one payload per data load, filtered in the browser on integer codes,
clusters or heat, popups as text."""

from __future__ import annotations

import json
import re

import pandas as pd

from dashboard.data.acled import read_acled
from dashboard.maps.build import build_map, build_map_parts
from dashboard.maps.incident_layer import INCIDENT_JS, incident_payload, short_notes
from dashboard.model.incidents import CodedFilter, IncidentFilter, Vocabulary
from tests.support.acled import row, write

EVIL = "</script><img src=x onerror=alert(1)>"


def _loaded(tmp_path):
    path = write(
        tmp_path / "incidents.csv",
        [
            row("HTI1", 18.54, -72.30, location=EVIL, notes="word " * 100),
            row("HTI2", 18.55, -72.31, when="2024-12-01", event_type="Riots", sub_type="Mob violence"),
        ],
    )
    return read_acled(path).frame


def test_payload_codes_text_and_shortens_notes(tmp_path):
    frame = _loaded(tmp_path)
    data = json.loads(incident_payload(frame, Vocabulary.of(frame)))
    assert data["types"] == ["Battles", "Riots"]
    first = data["rows"][0]
    assert first[:3] == [18.54, -72.3, 20046]  # 2024-11-19 is day 20046 since 1970-01-01
    assert data["places"][first[7]].startswith(EVIL)
    assert data["actors"][first[5]] == "SYNTHETIC gang A"
    assert (first[8], first[9]) == (2, "1")
    assert len(first[10]) <= 200
    assert first[10].endswith("…")


def test_short_notes_keeps_short_text_whole():
    assert list(short_notes(pd.Series(["short", ""]))) == ["short", ""]


def test_the_layer_is_built_in_the_browser_and_its_text_stays_inert(tmp_path):
    frame = _loaded(tmp_path)
    vocabulary = Vocabulary.of(frame)
    coded = CodedFilter.of(IncidentFilter(event_types=("Riots",)), vocabulary)
    html = (
        build_map([], {}, incidents_json=incident_payload(frame, vocabulary), incident_filter=coded)
        .get_root()
        .render()
    )
    assert "</script><img" not in html
    assert "L.markerClusterGroup(" in html
    assert "L.heatLayer(" in html
    assert html.count("L.marker(") == 2  # one in each browser-side loop (incidents, hotspots)
    assert "textContent" in INCIDENT_JS
    assert "innerHTML" not in INCIDENT_JS
    assert "leaflet-heat/leaflet-heat-global.js" in html
    spec = json.loads(re.search(r"window\.addIncidents\([\w$]+, (\{.*?\})\);", html).group(1))
    assert spec["filter"]["types"] == [1]
    assert spec["mode"] == "clusters"


def test_the_incidents_swap_with_the_filters_not_with_the_base_map(tmp_path):
    frame = _loaded(tmp_path)
    vocabulary = Vocabulary.of(frame)

    def parts(mode: str, **chosen):
        return build_map_parts(
            [],
            {},
            incidents_url="x.json",
            incident_filter=CodedFilter.of(IncidentFilter(**chosen), vocabulary),
            incident_mode=mode,
            incident_credit="Incidents: ACLED",
        )

    a, b = parts("clusters"), parts("heat", actor="police")
    render = lambda m: m.get_root().render()  # noqa: E731
    assert render(a.base) == render(b.base)  # no remount on a filter change
    assert len(a.layers) == 2
    assert "Incidents: ACLED" in render(a.base)


def test_sparkline_is_numbers_only_with_a_text_alternative():
    from dashboard.maps.sparkline import sparkline_svg

    svg = sparkline_svg([0, 2, 4], before=1)
    assert svg.count("<rect") == 2  # no bar for a zero month
    assert 'aria-label="events per month, oldest first: 0, 2, 4 (the last 2 in the chosen period)"' in svg
    assert sparkline_svg([]) == ""


def test_the_hotspot_popup_shows_activity_and_the_change():
    from datetime import date

    from dashboard.maps.popup import activity_html, change_text
    from dashboard.model.activity import HotspotActivity

    found = HotspotActivity(5, 2, 4, 25.0, False, (1, 4, 5), 1.0, date(2024, 3, 1), date(2024, 3, 31))
    html = activity_html(found)
    assert "Incidents within 1 km" in html
    assert "5 events, 2 fatalities" in html
    assert "+25 % on the previous period" in html
    assert "▲ rising" not in html
    assert change_text(None, 0) == "none in the previous period"


def test_the_legend_keys_incidents_only_when_they_are_drawn(tmp_path):
    frame = _loaded(tmp_path)
    vocabulary = Vocabulary.of(frame)
    coded = CodedFilter.of(IncidentFilter(), vocabulary)
    with_layer = build_map([], {}, incidents_url="x.json", incident_filter=coded).get_root().render()
    assert "legend-incidents" in with_layer
    assert ".incident-marker {" in with_layer.replace("\\n", "\n")
    assert "legend-incidents" not in build_map([], {}).get_root().render()
