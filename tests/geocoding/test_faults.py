"""Geocoder faults, against the local Nominatim-compatible server: each gives a clear status
per place, keeps the stored coordinate, and crashes neither the resolver nor the CLI."""

from __future__ import annotations

import socket

import pytest

from dashboard.cli import main
from dashboard.data import DataDir
from dashboard.geocoding import NominatimGeocoder, load_store, resolve
from dashboard.geocoding.store import save_store
from tests.support.nominatim import FakeTime, StubReply, nominatim_place, stub_geocoder
from tests.support.records import CURATED, TODAY, hotspot, replace, stored

IN_OUEST = nominatim_place("Bourdon, Port-au-Prince, Ouest, Haïti", 18.53, -72.31)
IN_NORD = {
    **nominatim_place("Bourdon, Cap-Haïtien, Nord, Haïti", 19.75, -72.2),
    "address": {"country_code": "ht", "state": "Nord"},
}
IN_SANTO_DOMINGO = nominatim_place("Santo Domingo", 18.4861, -69.9312, country_code="do")

# (fault, reply, status, words in the message, requests made with max_retries=1)
FAULTS = [
    ("timeout", StubReply(body=[], timeout=True), "unavailable", "GeocoderTimedOut", 2),
    (
        "429, Retry-After",
        StubReply(status=429, body=b"", headers={"Retry-After": "3"}),
        "unavailable",
        "GeocoderRateLimited",
        2,
    ),
    ("403", StubReply(status=403, body=b"blocked"), "refused", "GeocoderInsufficientPrivileges", 1),
    ("500", StubReply(status=500, body=b"oops"), "unavailable", "GeocoderServiceError", 2),
    ("503", StubReply(status=503, body=b"down"), "unavailable", "GeocoderUnavailable", 2),
    ("body not JSON", StubReply(body=b"<html>maintenance</html>"), "refused", "GeocoderParseError", 1),
    ("JSON, not Nominatim's", StubReply(body=b'{"error": "x"}'), "refused", "GeocoderRefused", 1),
    ("empty result", StubReply(body=[]), "not-found", "no match for", 1),
    ("outside Haiti", StubReply(body=[IN_SANTO_DOMINGO]), "outside-haiti", "is outside Haiti", 1),
    ("wrong department", StubReply(body=[IN_NORD]), "wrong-department", "is in Nord, not Ouest", 1),
]


def fast_geocoder(url: str, fake_time: FakeTime, **options) -> NominatimGeocoder:
    """Timeouts come from the stub's answer (no real wait); one retry."""
    return stub_geocoder(url, fake_time, max_retries=1, **options)


@pytest.mark.parametrize(
    ("fault", "reply", "status", "words", "requests"), FAULTS, ids=[f[0] for f in FAULTS]
)
def test_a_fault_keeps_the_stored_coordinate_and_says_why(
    nominatim_stub, fault, reply, status, words, requests
):
    nominatim_stub.reply = lambda q: reply
    fake_time = FakeTime()
    online = fast_geocoder(nominatim_stub.url, fake_time)
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    weak = replace(stored(confidence="low"), id="bourdon")
    result = resolve(spot, stored=weak, gazetteer=CURATED, online=online, today=TODAY)
    assert (result.status, result.entry, result.fault) == ("stored", weak, status)
    assert words in result.message
    assert len(nominatim_stub.requests) == requests  # permanent faults are never retried
    if fault == "429, Retry-After":
        assert sum(fake_time.sleeps) >= 3


def test_connection_refused_keeps_the_stored_coordinate():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    online = fast_geocoder(f"http://127.0.0.1:{port}", FakeTime())
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    weak = replace(stored(confidence="low"), id="bourdon")
    result = resolve(spot, stored=weak, gazetteer=CURATED, online=online, today=TODAY)
    assert (result.status, result.entry, result.fault) == ("stored", weak, "unavailable")


def test_a_fault_with_nothing_stored_falls_back_to_the_stand_in(nominatim_stub):
    nominatim_stub.reply = lambda q: StubReply(status=503, body=b"")
    online = fast_geocoder(nominatim_stub.url, FakeTime())
    spot = hotspot(id="bourdon", canonical_name="Bourdon", source_name="Bourdon")
    result = resolve(spot, stored=None, gazetteer=CURATED, online=online, today=TODAY)
    assert (result.status, result.fault) == ("stand-in", "unavailable")
    assert result.entry.confidence == "low"


#: One fault per place made low-confidence below (by the start of its query).
CLI_FAULTS = {
    "Bourdon": (StubReply(status=403, body=b"no"), "refused"),
    "Christ-Roi": (StubReply(status=500, body=b""), "unavailable"),
    "Fort National": (StubReply(body=b"not json"), "refused"),
    "Vivy Mitchell": (StubReply(body=[]), "not-found"),
    "Carrefour de l'Aéroport": (StubReply(body=[IN_SANTO_DOMINGO]), "outside-haiti"),
    "Terminal Varreux": (StubReply(body=[IN_NORD]), "wrong-department"),
    "Carrefour Paye": (StubReply(body=[], timeout=True), "unavailable"),
}

FAULT_IDS = {
    "Bourdon": "bourdon",
    "Christ-Roi": "christ-roi",
    "Fort National": "fort-national",
    "Vivy Mitchell": "vivy-mitchell",
    "Carrefour de l'Aéroport": "carrefour-aeroport",
    "Terminal Varreux": "varreux-terminal",
    "Carrefour Paye": "carrefour-paye",
}


def test_cli_reports_every_failure_per_place_and_keeps_the_store(
    data_dir, nominatim_stub, monkeypatch, capsys
):
    def reply(query: str) -> StubReply:
        for name, (answer, _) in CLI_FAULTS.items():
            if query.startswith(name + ","):
                return answer
        return StubReply(body=[IN_OUEST | {"display_name": query}])

    nominatim_stub.reply = reply
    fake_time = FakeTime()
    monkeypatch.setattr(
        "dashboard.cli.commands._online_geocoder", lambda url, min_delay: fast_geocoder(url, fake_time)
    )
    store_path = data_dir / DataDir.GEOCODES
    # Without evidence, and with these places stored as low-confidence stand-ins, every one of
    # them goes online (the evidence would otherwise place most of them offline).
    (data_dir / DataDir.EVIDENCE).unlink()
    stored, _ = load_store(store_path)
    weak = {*FAULT_IDS.values(), "ighnp-building"}
    save_store(
        store_path,
        {k: v.model_copy(update={"confidence": "low"}) if k in weak else v for k, v in stored.items()},
    )
    before, _ = load_store(store_path)
    code = main(["--data-dir", str(data_dir), "geocode", "--online", "--nominatim-url", nominatim_stub.url])
    assert code == 0
    out = capsys.readouterr().out
    after, problems = load_store(store_path)
    assert problems == []
    for name, (_, status) in CLI_FAULTS.items():
        place = FAULT_IDS[name]
        line = next(x for x in out.splitlines() if x.startswith(f"  online {status}: {place}: online: "))
        assert line.endswith("[kept the stored coordinate]"), line
        assert after[place] == before[place], place  # the stored coordinate is kept
    assert f"{len(CLI_FAULTS)} online failure(s)" in out
    assert after["ighnp-building"].method == "nominatim"  # the places that did resolve were written
