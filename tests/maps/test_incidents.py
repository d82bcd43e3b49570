"""ACLED incident exports: loading, rejection of bad rows, and the clustered layer."""

from __future__ import annotations

import json

from dashboard.data.incidents import load_incidents, rows_json
from dashboard.maps.build import build_map

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def row(event_id: str, lat: str, lon: str, location: str = "Delmas") -> str:
    return (
        f"{event_id},2024-11-19,2024,1,Political violence,Battles,Armed clash,A,,3,B,,1,13,,"
        f"332,Caribbean,Haiti,Ouest,Port-au-Prince,Delmas,{location},{lat},{lon},1,Src,National,"
        "note,2,,1732000000"
    )


def test_no_file_means_no_incidents(tmp_path):
    incidents = load_incidents(tmp_path)
    assert len(incidents) == 0
    assert incidents.problems == []


def test_bad_rows_are_rejected_and_reported_the_rest_kept(tmp_path):
    lines = [
        HEADER,
        row("HTI1", "18.54", "-72.30"),
        row("HTI2", "north", "-72.30"),
        row("HTI3", "40.7", "-74.0"),
        row("HTI4", "18.55", "-72.31"),
    ]
    (tmp_path / "incidents.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    incidents = load_incidents(tmp_path)
    assert len(incidents) == 2
    assert [str(p) for p in incidents.problems] == [
        "incidents.csv:3: latitude: not a number: 'north'",
        "incidents.csv:4: latitude: (40.7, -74.0) is outside Haiti",
    ]


def test_missing_columns(tmp_path):
    (tmp_path / "incidents.csv").write_text("event_id_cnty,latitude\nX,18\n", encoding="utf-8")
    problems = load_incidents(tmp_path).problems
    assert len(problems) == 1
    assert str(problems[0]).startswith("incidents.csv:1: missing column(s): event_date")


def test_layer_clusters_in_the_browser_and_keeps_text_inert(tmp_path, monkeypatch):
    evil = "</script><img src=x onerror=alert(1)>"
    lines = [HEADER, row("HTI1", "18.54", "-72.30", location=evil), row("HTI2", "18.55", "-72.31")]
    (tmp_path / "incidents.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    payload = rows_json(load_incidents(tmp_path))
    assert json.loads(payload)[0][:2] == [18.54, -72.3]
    html = build_map([], {}, incidents_json=payload).get_root().render()
    assert "L.markerClusterGroup(" in html
    # one in each browser-side loop (incidents, hotspots), none per row in Python
    assert html.count("L.marker(") == 2
    assert "</script><img" not in html
    assert "leaflet-markercluster/leaflet.markercluster.js" in html
    assert "textContent = layer._label" in html
