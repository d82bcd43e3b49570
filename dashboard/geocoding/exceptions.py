"""Geocoding errors. Everything the geocoding layer raises is a :class:`GeocodingError`.

Each class has a short ``status`` (``not-found``, ``outside-haiti``…): the per-place status the
CLI reports and :class:`~dashboard.geocoding.resolver.Resolution` carries for the UI.
"""

from __future__ import annotations


class GeocodingError(Exception):
    """Base class: a place could not be geocoded."""

    status = "failed"


class PlaceNotFound(GeocodingError):
    """The service answered, but with no match."""

    status = "not-found"


class OutsideHaiti(GeocodingError):
    """The match lies outside Haiti (and is therefore rejected)."""

    status = "outside-haiti"


class WrongDepartment(GeocodingError):
    """The match lies in Haiti, but in another department than the hotspot's."""

    status = "wrong-department"


class GeocoderUnavailable(GeocodingError):
    """A transient fault (timeout, refused connection, 429, 5xx): retry later."""

    status = "unavailable"


class GeocoderRefused(GeocodingError):
    """A permanent fault (403, 400, an unreadable answer): retrying would not help."""

    status = "refused"
