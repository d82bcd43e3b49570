"""The geocode store: round trip, sorted and atomic writes."""

from __future__ import annotations

from datetime import date

from dashboard.geocoding import GeocodeEntry, load_store, save_store


def entry(id_: str, lat: float) -> GeocodeEntry:
    return GeocodeEntry(
        id=id_,
        name=id_.title(),
        lat=lat,
        lon=-72.123456789,
        method="manual",
        precision="site",
        confidence="high",
        evidence_kind="osm",
        evidence_id="node/1",
        evidence_url="https://www.openstreetmap.org/node/1",
        retrieved=date(2026, 11, 30),
        note="checked on the ground, 'quoted'",
    )


def test_round_trip_sorted_six_decimals(tmp_path):
    path = tmp_path / "geocodes.csv"
    save_store(path, {"b": entry("b", 18.5), "a": entry("a", 19.1)})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("a,A,19.100000,-72.123457,manual")
    assert lines[2].startswith("b,")
    loaded, problems = load_store(path)
    assert problems == []
    assert loaded["a"].lon == -72.123457
    assert loaded["a"].note == "checked on the ground, 'quoted'"


def test_write_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "geocodes.csv"
    save_store(path, {"a": entry("a", 19.1)})
    save_store(path, {"a": entry("a", 19.2)})
    assert [p.name for p in tmp_path.iterdir()] == ["geocodes.csv"]


def test_missing_store_is_empty(tmp_path):
    assert load_store(tmp_path / "geocodes.csv") == ({}, [])
