"""Online geocoding with OSM Nominatim through geopy, within the usage policy.

https://operations.osmfoundation.org/policies/nominatim/ : our own User-Agent, at most one
request per second (one shared :class:`~geopy.extra.rate_limiter.RateLimiter` per process,
thread-safe), results cached (the geocode store), single-threaded bulk runs. Queries are
restricted to Haiti (``countrycodes=ht`` and a bounded Haiti viewbox) and any match whose
country is not Haiti, or that lies outside Haiti's box, is rejected.

Only transient faults (timeouts, refused connections, 429, 5xx) are retried, by the rate
limiter; permanent ones (403, 400, an unreadable answer) fail at once. A 429's
``Retry-After`` holds every thread of this geocoder off for that long; one longer than
``max_retry_after`` is not waited for (the place is reported unavailable). A match whose
address names another department than the one asked for is rejected (:class:`WrongDepartment`).
Every failure is a :class:`~dashboard.geocoding.exceptions.GeocodingError`: nothing else
escapes :meth:`NominatimGeocoder.geocode`.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from dashboard.data.geography import HAITI_BOX, Bounds, department_named
from dashboard.geocoding.exceptions import (
    GeocoderRefused,
    GeocoderUnavailable,
    OutsideHaiti,
    PlaceNotFound,
    WrongDepartment,
)

log = logging.getLogger(__name__)

USER_AGENT = "haiti-hotspot-dashboard/0.1 (MSS hotspot map; https://github.com/haiti-hotspot-dashboard)"
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"

#: OSM address types → our precision vocabulary (see ``store.PRECISIONS``).
_PRECISION_BY_ADDRESSTYPE = {
    "building": "building",
    "amenity": "building",
    "office": "building",
    "shop": "building",
    "aeroway": "site",
    "industrial": "site",
    "man_made": "site",
    "leisure": "site",
    "military": "site",
    "tourism": "site",
    "historic": "site",
    "road": "junction",
    "highway": "junction",
    "neighbourhood": "neighbourhood",
    "suburb": "neighbourhood",
    "quarter": "neighbourhood",
    "city_district": "neighbourhood",
    "hamlet": "locality",
    "isolated_dwelling": "locality",
    "locality": "locality",
    "village": "town",
    "town": "town",
    "city": "town",
    "municipality": "commune",
    "county": "commune",
}


@dataclass(frozen=True)
class OnlineMatch:
    """A Nominatim match: (lat, lon) in WGS84 degrees and the OSM element it came from."""

    query: str
    lat: float
    lon: float
    display_name: str
    precision: str
    osm_type: str
    osm_id: str
    state: str = ""

    @property
    def osm_url(self) -> str:
        return f"https://www.openstreetmap.org/{self.osm_type}/{self.osm_id}"


class _SeamedRateLimiter(RateLimiter):
    """geopy's RateLimiter with its clock and sleep injectable, so tests never really wait."""

    def __init__(self, func, *, clock: Callable[[], float], sleep: Callable[[float], None], **kw):
        super().__init__(func, **kw)
        self._clock_fn = clock
        self._sleep_fn = sleep

    def _clock(self) -> float:
        return self._clock_fn()

    def _sleep(self, seconds: float) -> None:
        self._sleep_fn(seconds)

    def hold_off(self, seconds: float) -> None:
        """Grant no request slot, to any thread, for ``seconds`` from now (a Retry-After)."""
        with self._lock:
            resume = self._clock() + seconds - self.min_delay_seconds
            if self._last_call is None or resume > self._last_call:
                self._last_call = resume


class _Permanent(Exception):
    """Wraps a permanent error so the rate limiter does not retry it."""


class _Unreachable(Exception):
    """Wraps a connection that could not be made (refused, name not resolved): not retried."""


class _GiveUp(Exception):
    """Wraps a transient error not worth retrying now (a Retry-After beyond our patience)."""


class NominatimGeocoder:
    """Geocode one query at a time against Nominatim (or any server speaking its API).

    Parameters
    ----------
    user_agent
        Identifies this app to the server, as the policy requires.
    domain, scheme
        The server, e.g. ``"127.0.0.1:8080"`` and ``"http"`` for a local one.
    timeout
        Seconds per HTTP request.
    min_delay_seconds
        At least this long between two requests (policy: 1 s).
    max_retries, error_wait_seconds
        Retries of transient faults, and the wait between them (seconds).
    max_retry_after
        The longest ``Retry-After`` (seconds) waited for; a longer one ends the attempt.
    clock, sleep
        Seams for tests (defaults: ``time.monotonic``, ``time.sleep``).
    adapter_factory
        geopy's HTTP adapter (default: requests, without urllib3's own retries); a seam for
        tests that need a deterministic fault, e.g. a timeout without waiting for one.

    When the server cannot be reached at all (connection refused, name not resolved), the
    geocoder fails fast: that query is not retried, and every later query fails at once with
    the same reason instead of trying again, place after place.
    """

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        domain: str = PUBLIC_DOMAIN,
        scheme: str = "https",
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        max_retry_after: float = 60.0,
        bounds: Bounds | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        adapter_factory: Callable[..., object] | None = None,
    ) -> None:
        self.bounds = bounds or HAITI_BOX
        #: Why the server could not be reached, once it could not (later queries fail at once).
        self.unreachable: str | None = None
        self.max_retry_after = max_retry_after
        self._geocoder = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            # geopy's requests adapter would retry inside urllib3 too: one retry policy only.
            adapter_factory=adapter_factory or functools.partial(RequestsAdapter, max_retries=0),
        )
        self._limited = _SeamedRateLimiter(
            self._call,
            clock=clock,
            sleep=sleep,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )

    def _call(self, query: str):
        b = self.bounds
        try:
            return self._geocoder.geocode(
                query,
                exactly_one=True,
                addressdetails=True,
                country_codes="ht",
                viewbox=[(b.south, b.west), (b.north, b.east)],
                bounded=True,
            )
        except geopy_exc.GeocoderRateLimited as error:
            # Honour Retry-After, for every thread, before the rate limiter's own retry.
            if error.retry_after:
                if error.retry_after > self.max_retry_after:
                    raise _GiveUp(error) from error
                self._limited.hold_off(float(error.retry_after))
            raise
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            # An answer geopy could not take apart (JSON, but not Nominatim's): unreadable.
            raise _Permanent(geopy_exc.GeocoderParseError(f"unreadable answer ({error!r})")) from error
        except (
            geopy_exc.GeocoderInsufficientPrivileges,
            geopy_exc.GeocoderQueryError,
            geopy_exc.GeocoderAuthenticationFailure,
            geopy_exc.GeocoderParseError,
            geopy_exc.ConfigurationError,
        ) as error:
            raise _Permanent(error) from error
        except geopy_exc.GeocoderUnavailable as error:
            if isinstance(error.__context__, requests.ConnectionError):
                raise _Unreachable(error) from error
            raise

    def geocode(self, query: str, *, department: str | None = None) -> OnlineMatch:
        """Geocode ``query`` in Haiti (and in ``department``, when given and the answer names
        one).

        Raises :class:`PlaceNotFound`, :class:`OutsideHaiti`, :class:`WrongDepartment`,
        :class:`GeocoderUnavailable` (transient, after retries) or :class:`GeocoderRefused`
        (permanent).
        """
        if self.unreachable is not None:
            raise GeocoderUnavailable(f"not tried: {self.unreachable}")
        try:
            location = self._limited(query)
        except _Unreachable as wrapped:
            self.unreachable = f"server unreachable: {self._geocoder.domain} ({_connection_failure(wrapped)})"
            raise GeocoderUnavailable(self.unreachable) from None
        except _Permanent as wrapped:
            cause = wrapped.__cause__
            raise GeocoderRefused(f"{type(cause).__name__}: {cause}") from None
        except _GiveUp as wrapped:
            raise GeocoderUnavailable(
                f"rate limited: Retry-After {wrapped.__cause__.retry_after} s is more than "
                f"{self.max_retry_after:g} s; try later"
            ) from None
        except geopy_exc.GeopyError as error:
            raise GeocoderUnavailable(f"{type(error).__name__}: {error}") from None
        if location is None:
            raise PlaceNotFound(f"no match for {query!r}")
        match = self._to_match(query, location.raw)
        _check_department(match, department)
        return match

    def _to_match(self, query: str, raw: dict) -> OnlineMatch:
        try:
            lat, lon = float(raw["lat"]), float(raw["lon"])
        except (KeyError, TypeError, ValueError):
            raise GeocoderRefused(f"unreadable answer for {query!r}: no lat/lon") from None
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        country = address.get("country_code")
        if (country and country.lower() != "ht") or not self.bounds.contains(lat, lon):
            raise OutsideHaiti(
                f"match for {query!r} at ({lat:.5f}, {lon:.5f}) "
                f"[{raw.get('display_name', '')}] is outside Haiti"
            )
        osm_type, osm_id = _plain(raw.get("osm_type", "")), _plain(raw.get("osm_id", ""))
        if osm_type not in ("node", "way", "relation") or not osm_id.isdigit():
            raise GeocoderRefused(
                f"unreadable answer for {query!r}: no OSM element ({osm_type!r}, {osm_id!r})"
            )
        addresstype = raw.get("addresstype") or raw.get("class") or ""
        return OnlineMatch(
            query=query,
            lat=lat,
            lon=lon,
            display_name=_plain(raw.get("display_name", "")),
            precision=_PRECISION_BY_ADDRESSTYPE.get(addresstype, "locality"),
            osm_type=osm_type,
            osm_id=osm_id,
            state=_plain(address.get("state") or ""),
        )


def _connection_failure(wrapped: _Unreachable) -> str:
    """Why the connection failed, in a few words ("Connection refused", "Failed to resolve …")."""
    error = wrapped.__cause__.__context__ if wrapped.__cause__ is not None else None
    reason = getattr(error.args[0], "reason", error.args[0]) if error is not None and error.args else wrapped
    # urllib3 starts with the connection's repr: "<…HTTPConnection object…>: " or "HTTPSConnection(…): "
    text = re.sub(r"^(<[^>]*>|\w*Connection\([^)]*\)):\s*", "", str(reason))
    return _plain(text.removeprefix("Failed to establish a new connection: "), limit=160)


def _plain(value: object, *, limit: int = 500) -> str:
    """A server's text as one line of printable, encodable text (it lands in the store)."""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())[:limit]


def _check_department(match: OnlineMatch, department: str | None) -> None:
    """Reject a match whose address names another department (no state: not checked)."""
    if department is None or not match.state:
        return
    found = department_named(match.state)
    if found is not None and found != department:
        raise WrongDepartment(
            f"match for {match.query!r} at ({match.lat:.5f}, {match.lon:.5f}) is in {found}, "
            f"not {department} [{match.display_name}]"
        )
