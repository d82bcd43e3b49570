"""Geocoding errors. Everything the geocoding layer raises is a :class:`GeocodingError`."""

from __future__ import annotations


class GeocodingError(Exception):
    """Base class: a place could not be geocoded."""


class PlaceNotFound(GeocodingError):
    """The service answered, but with no match."""


class OutsideHaiti(GeocodingError):
    """The match lies outside Haiti (and is therefore rejected)."""


class GeocoderUnavailable(GeocodingError):
    """A transient fault (timeout, refused connection, 429, 5xx): retry later."""


class GeocoderRefused(GeocodingError):
    """A permanent fault (403, 400, an unreadable answer): retrying would not help."""
