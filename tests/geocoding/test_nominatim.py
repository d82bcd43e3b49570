"""NominatimGeocoder against a local Nominatim-compatible server (real geopy HTTP path)."""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.geocoding import (
    GeocoderRefused,
    GeocoderUnavailable,
    NominatimGeocoder,
    OutsideHaiti,
    PlaceNotFound,
    WrongDepartment,
)
from dashboard.geocoding.nominatim import USER_AGENT
from tests.support.nominatim import StubAdapter, StubReply, nominatim_place


def geocoder(stub, fake_time, **options) -> NominatimGeocoder:
    return NominatimGeocoder(
        domain=f"127.0.0.1:{stub.port}",
        scheme="http",
        timeout=2,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        adapter_factory=StubAdapter,
        **options,
    )


def test_match_in_haiti_and_the_request_respects_the_policy(nominatim_stub, fake_time):
    place = nominatim_place("Solino, Port-au-Prince", 18.5496, -72.3219)
    nominatim_stub.reply = lambda q: StubReply(body=[place])
    match = geocoder(nominatim_stub, fake_time).geocode("Solino, Port-au-Prince, Ouest, Haiti")
    assert (match.lat, match.lon) == (18.5496, -72.3219)
    assert match.precision == "neighbourhood"
    assert match.osm_url == "https://www.openstreetmap.org/node/1234"
    request = nominatim_stub.requests[0]
    assert request["path"] == ["/search"]
    assert request["countrycodes"] == ["ht"]
    assert request["bounded"] == ["1"]
    assert request["addressdetails"] == ["1"]
    south_west_north_east = [float(v) for v in request["viewbox"][0].split(",")]
    assert len(south_west_north_east) == 4
    assert nominatim_stub.user_agents == [USER_AGENT]


@pytest.mark.parametrize(
    ("lat", "lon", "country"),
    [
        (18.4861, -69.9312, "do"),  # Santo Domingo, reported as the Dominican Republic
        (18.4861, -69.9312, "ht"),  # ... or mislabelled: the box still rejects it
        (40.7128, -74.0060, None),
    ],
)
def test_results_outside_haiti_are_rejected(nominatim_stub, fake_time, lat, lon, country):
    place = nominatim_place("Somewhere", lat, lon, country_code=country or "ht")
    if country is None:
        del place["address"]
    nominatim_stub.reply = lambda q: StubReply(body=[place])
    with pytest.raises(OutsideHaiti):
        geocoder(nominatim_stub, fake_time).geocode("Solino")


def test_no_match(nominatim_stub, fake_time):
    nominatim_stub.reply = lambda q: StubReply(body=[])
    with pytest.raises(PlaceNotFound):
        geocoder(nominatim_stub, fake_time).geocode("Nowhere")


@pytest.mark.parametrize(("status", "body"), [(403, b"blocked"), (400, b"bad"), (200, b"<html>not json")])
def test_permanent_errors_are_not_retried(nominatim_stub, fake_time, status, body):
    nominatim_stub.reply = lambda q: StubReply(status=status, body=body)
    with pytest.raises(GeocoderRefused):
        geocoder(nominatim_stub, fake_time).geocode("Solino")
    assert len(nominatim_stub.requests) == 1


@pytest.mark.parametrize("status", [500, 503])
def test_transient_errors_are_retried_then_reported(nominatim_stub, fake_time, status):
    nominatim_stub.reply = lambda q: StubReply(status=status, body=b"{}")
    with pytest.raises(GeocoderUnavailable):
        geocoder(nominatim_stub, fake_time, max_retries=2, error_wait_seconds=5).geocode("Solino")
    assert len(nominatim_stub.requests) == 3
    assert fake_time.sleeps.count(5) == 2


def test_429_honours_retry_after_then_succeeds(nominatim_stub, fake_time):
    replies = iter(
        [
            StubReply(status=429, body=b"slow down", headers={"Retry-After": "7"}),
            StubReply(body=[nominatim_place("Solino", 18.5496, -72.3219)]),
        ]
    )
    asked_at: list[float] = []
    nominatim_stub.reply = lambda q: (asked_at.append(fake_time.now), next(replies))[1]
    match = geocoder(nominatim_stub, fake_time).geocode("Solino")
    assert match.lat == 18.5496
    assert len(nominatim_stub.requests) == 2
    assert asked_at[1] - asked_at[0] >= 7.0  # the retry waited the whole Retry-After


def test_retry_after_holds_off_every_thread(nominatim_stub, fake_time):
    online = geocoder(nominatim_stub, fake_time)
    online._limited.hold_off(30)  # as a 429 with Retry-After: 30 does
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place("Solino", 18.5496, -72.3219)])
    start = fake_time.now
    online.geocode("Solino")
    assert fake_time.now - start >= 30


def test_an_unreasonable_retry_after_is_not_waited_for(nominatim_stub, fake_time):
    nominatim_stub.reply = lambda q: StubReply(status=429, body=b"", headers={"Retry-After": "86400"})
    with pytest.raises(GeocoderUnavailable, match="Retry-After 86400 s is more than 60 s"):
        geocoder(nominatim_stub, fake_time).geocode("Solino")
    assert len(nominatim_stub.requests) == 1
    assert sum(fake_time.sleeps) < 60


def test_the_rate_limit_holds_across_threads(nominatim_stub, fake_time):
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place("Solino", 18.5496, -72.3219)])
    online = geocoder(nominatim_stub, fake_time)
    granted: list[float] = []
    call = online._limited.func

    def spy(query):
        granted.append(fake_time.last_read())  # this thread's slot, read under the limiter's lock
        return call(query)

    online._limited.func = spy
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(online.geocode, [f"place {i}" for i in range(12)]))
    assert len(nominatim_stub.requests) == 12
    times = sorted(granted)
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(times))


@pytest.mark.parametrize(
    "body",
    [b"[{}]", b'[{"lat": "north", "lon": "-72"}]', b'{"error": "Unable to geocode"}', b"[1, 2]", b'"x"'],
    ids=["no-lat-lon", "lat-not-a-number", "an-object", "numbers", "a-string"],
)
def test_json_that_is_not_a_nominatim_answer_is_refused_not_a_crash(nominatim_stub, fake_time, body):
    nominatim_stub.reply = lambda q: StubReply(body=body)
    with pytest.raises((GeocoderRefused, PlaceNotFound)):
        geocoder(nominatim_stub, fake_time).geocode("Solino")
    assert len(nominatim_stub.requests) == 1


def test_a_match_in_another_department_is_rejected(nominatim_stub, fake_time):
    place = nominatim_place("Solino, Cap-Haïtien, Nord", 19.75, -72.2)
    place["address"]["state"] = "Département du Nord"
    nominatim_stub.reply = lambda q: StubReply(body=[place])
    with pytest.raises(WrongDepartment, match=r"is in Nord, not Ouest"):
        geocoder(nominatim_stub, fake_time).geocode("Solino", department="Ouest")


@pytest.mark.parametrize("state", ["Ouest", "Département de l'Ouest", None])
def test_a_match_in_the_right_department_or_with_no_state_is_kept(nominatim_stub, fake_time, state):
    place = nominatim_place("Solino", 18.5496, -72.3219)
    if state:
        place["address"]["state"] = state
    nominatim_stub.reply = lambda q: StubReply(body=[place])
    match = geocoder(nominatim_stub, fake_time).geocode("Solino", department="Ouest")
    assert match.state == (state or "")


def test_timeout_is_transient(nominatim_stub, fake_time):
    nominatim_stub.reply = lambda q: StubReply(body=[], timeout=True)
    with pytest.raises(GeocoderUnavailable, match="GeocoderTimedOut"):
        geocoder(nominatim_stub, fake_time, max_retries=0).geocode("x")
    assert len(nominatim_stub.requests) == 1


def test_at_most_one_request_per_second(nominatim_stub, fake_time):
    nominatim_stub.reply = lambda q: StubReply(body=[nominatim_place("Solino", 18.5496, -72.3219)])
    online = geocoder(nominatim_stub, fake_time)
    for _ in range(3):
        online.geocode("Solino")
    # The fake clock does not move during requests, so each later call waits a full second.
    assert fake_time.sleeps == [1.0, 1.0]


def test_connection_refused_is_transient(fake_time):
    import socket

    with socket.socket() as sock:  # find a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    online = NominatimGeocoder(
        domain=f"127.0.0.1:{port}",
        scheme="http",
        timeout=1,
        max_retries=1,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
    )
    with pytest.raises(GeocoderUnavailable):
        online.geocode("Solino")
