"""Online geocoding with OSM Nominatim through geopy, within the usage policy.

https://operations.osmfoundation.org/policies/nominatim/ : our own User-Agent, at most one
request per second (one shared :class:`~geopy.extra.rate_limiter.RateLimiter` per process,
thread-safe), results cached (the geocode store), single-threaded bulk runs. Queries are
restricted to Haiti (``countrycodes=ht`` and a bounded Haiti viewbox) and any match whose
country is not Haiti, or that lies outside Haiti's box, is rejected.

Only transient faults (timeouts, refused connections, 429, 5xx) are retried, by the rate
limiter; permanent ones (403, 400, an unreadable answer) fail at once.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from dashboard.geocoding.exceptions import (
    GeocoderRefused,
    GeocoderUnavailable,
    OutsideHaiti,
    PlaceNotFound,
)
from dashboard.geocoding.gazetteer import Bounds, haiti_bounds

log = logging.getLogger(__name__)

USER_AGENT = "haiti-hotspot-dashboard/0.1 (MSS hotspot map; https://github.com/haiti-hotspot-dashboard)"
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"

#: OSM address types → our precision vocabulary (see ``store.PRECISIONS``).
_PRECISION_BY_ADDRESSTYPE = {
    "building": "building", "amenity": "building", "office": "building", "shop": "building",
    "aeroway": "site", "industrial": "site", "man_made": "site", "leisure": "site",
    "military": "site", "tourism": "site", "historic": "site",
    "road": "junction", "highway": "junction",
    "neighbourhood": "neighbourhood", "suburb": "neighbourhood", "quarter": "neighbourhood",
    "city_district": "neighbourhood", "hamlet": "locality", "isolated_dwelling": "locality",
    "locality": "locality", "village": "town", "town": "town", "city": "town",
    "municipality": "commune", "county": "commune",
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


class _Permanent(Exception):
    """Wraps a permanent geopy error so the rate limiter does not retry it."""


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
    clock, sleep
        Seams for tests (defaults: ``time.monotonic``, ``time.sleep``).
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
        bounds: Bounds | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.bounds = bounds or haiti_bounds()
        self._sleep = sleep
        self._geocoder = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            # geopy's requests adapter would retry inside urllib3 too: one retry policy only.
            adapter_factory=functools.partial(RequestsAdapter, max_retries=0),
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
            # Honour Retry-After before the rate limiter's own retry.
            if error.retry_after:
                self._sleep(float(error.retry_after))
            raise
        except (
            geopy_exc.GeocoderInsufficientPrivileges,
            geopy_exc.GeocoderQueryError,
            geopy_exc.GeocoderAuthenticationFailure,
            geopy_exc.GeocoderParseError,
            geopy_exc.ConfigurationError,
        ) as error:
            raise _Permanent(error) from error

    def geocode(self, query: str) -> OnlineMatch:
        """Geocode ``query`` in Haiti.

        Raises :class:`PlaceNotFound`, :class:`OutsideHaiti`, :class:`GeocoderUnavailable`
        (transient, after retries) or :class:`GeocoderRefused` (permanent).
        """
        try:
            location = self._limited(query)
        except _Permanent as wrapped:
            raise GeocoderRefused(f"{type(wrapped.__cause__).__name__}: {wrapped.__cause__}") from None
        except geopy_exc.GeopyError as error:
            raise GeocoderUnavailable(f"{type(error).__name__}: {error}") from None
        if location is None:
            raise PlaceNotFound(f"no match for {query!r}")
        return self._to_match(query, location.raw)

    def _to_match(self, query: str, raw: dict) -> OnlineMatch:
        lat, lon = float(raw["lat"]), float(raw["lon"])
        country = (raw.get("address") or {}).get("country_code")
        if (country and country.lower() != "ht") or not self.bounds.contains(lat, lon):
            raise OutsideHaiti(
                f"match for {query!r} at ({lat:.5f}, {lon:.5f}) "
                f"[{raw.get('display_name', '')}] is outside Haiti"
            )
        addresstype = raw.get("addresstype") or raw.get("class") or ""
        return OnlineMatch(
            query=query,
            lat=lat,
            lon=lon,
            display_name=raw.get("display_name", ""),
            precision=_PRECISION_BY_ADDRESSTYPE.get(addresstype, "locality"),
            osm_type=str(raw.get("osm_type", "")),
            osm_id=str(raw.get("osm_id", "")),
        )
