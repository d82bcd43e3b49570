"""The resolution chain: manual → stored → gazetteer → online → stand-in."""

from __future__ import annotations

import pytest

from dashboard.geocoding import Gazetteer, NominatimGeocoder, resolve
from dashboard.geocoding.resolver import updated_store
from tests.support.nominatim import StubReply, nominatim_place
from tests.support.records import CURATED, TODAY, gazetteer_entry, hotspot, replace, stored


@pytest.fixture
def online(nominatim_stub):
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place(q, 18.55, -72.33)])
    return NominatimGeocoder(
        domain=f"127.0.0.1:{nominatim_stub.port}",
        scheme="http",
        clock=lambda: 0.0,
        sleep=lambda s: None,
        min_delay_seconds=0,
    )


def test_manual_entry_wins_over_everything(online, nominatim_stub):
    manual = stored("manual", confidence="low")
    result = resolve(hotspot(), stored=manual, gazetteer=CURATED, online=online, today=TODAY)
    assert result.entry is manual
    assert result.status == "manual"
    assert not result.changed
    assert nominatim_stub.requests == []


def test_stored_entry_wins_over_gazetteer():
    entry = stored()
    result = resolve(hotspot(), stored=entry, gazetteer=CURATED, today=TODAY)
    assert (result.status, result.entry) == ("stored", entry)


def test_gazetteer_before_online(online, nominatim_stub):
    result = resolve(hotspot(), stored=None, gazetteer=CURATED, online=online, today=TODAY)
    assert result.status == "gazetteer"
    assert (result.entry.lat, result.entry.lon) == (18.5496, -72.3219)
    assert result.entry.evidence_url == "https://www.geonames.org/1"
    assert nominatim_stub.requests == []


def test_online_when_gazetteer_lacks_the_place(online, nominatim_stub):
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    result = resolve(spot, stored=None, gazetteer=CURATED, online=online, today=TODAY)
    assert result.status == "nominatim"
    assert (result.entry.method, result.entry.confidence) == ("nominatim", "medium")
    assert result.entry.evidence_url.startswith("https://www.openstreetmap.org/node/")
    assert nominatim_stub.requests[0]["q"] == ["Bourdon, Port-au-Prince, Ouest, Haiti"]
    store = updated_store({}, [result])
    assert store["bourdon"] == result.entry


def test_low_confidence_stored_entry_is_retried_online(online):
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    weak = replace(stored(confidence="low"), id="bourdon")
    result = resolve(spot, stored=weak, gazetteer=CURATED, online=online, today=TODAY)
    assert result.status == "nominatim"
    assert result.changed


def test_failed_online_keeps_the_stored_entry(nominatim_stub):
    nominatim_stub.reply = lambda q: StubReply(status=403, body=b"no")
    online = NominatimGeocoder(
        domain=f"127.0.0.1:{nominatim_stub.port}", scheme="http", clock=lambda: 0.0, sleep=lambda s: None
    )
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    weak = replace(stored(confidence="low"), id="bourdon")
    result = resolve(spot, stored=weak, gazetteer=CURATED, online=online, today=TODAY)
    assert (result.status, result.entry) == ("stored", weak)
    assert "GeocoderRefused" in result.message


def test_stand_in_is_the_commune_and_low_confidence():
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    result = resolve(spot, stored=None, gazetteer=CURATED, today=TODAY)
    assert result.status == "stand-in"
    assert (result.entry.lat, result.entry.precision, result.entry.confidence) == (18.5435, "commune", "low")
    assert "Stand-in" in result.entry.note


def test_named_fallback_place_keeps_its_own_precision():
    spot = hotspot(
        id="christ-roi", canonical_name="Christ-Roi", source_name="Christ Roi", fallback_place="Solino"
    )
    result = resolve(spot, stored=None, gazetteer=CURATED, today=TODAY)
    entry = result.entry
    assert (entry.lat, entry.precision, entry.confidence) == (18.5496, "neighbourhood", "low")


def test_department_must_match():
    spot = hotspot(department="Artibonite", commune="Saint-Marc")
    result = resolve(spot, stored=None, gazetteer=CURATED, today=TODAY)
    assert result.status == "unresolved"
    assert result.entry is None


def test_names_match_without_accents_case_or_punctuation():
    gazetteer = Gazetteer(
        [gazetteer_entry("L'Estère", 19.3, -72.6, department="Artibonite")], use_geonames=False
    )
    assert gazetteer.lookup(["l’estere"], department="Artibonite").name == "L'Estère"
    assert gazetteer.lookup(["LESTERE"]).name == "L'Estère"


def test_geonames_communes_are_available_offline():
    found = Gazetteer().lookup(["Pétion-Ville"], department="Ouest")
    assert found.evidence_kind == "geonames"
    assert found.evidence_id == "3719028"
