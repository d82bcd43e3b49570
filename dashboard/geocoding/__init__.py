"""Geocoding: one small interface over interchangeable back ends.

Layer: below :mod:`dashboard.model`; imports only :mod:`dashboard.data` and
:mod:`dashboard.text` (never timelines, maps, views, outputs, the UI or the CLI).

``resolve_all(hotspots, store, gazetteer=…, online=…)`` runs the chain
manual → stored → offline gazetteer → online Nominatim → commune (see :mod:`.resolver`).
Back ends: :class:`Gazetteer` (offline, real datasets) and :class:`NominatimGeocoder`
(online, geopy). Errors: :class:`GeocodingError` and its subclasses.
"""

from dashboard.geocoding.exceptions import (
    GeocoderRefused,
    GeocoderUnavailable,
    GeocodingError,
    OutsideHaiti,
    PlaceNotFound,
    WrongDepartment,
)
from dashboard.geocoding.gazetteer import Bounds, Gazetteer, GazetteerEntry, haiti_bounds
from dashboard.geocoding.nominatim import NominatimGeocoder, OnlineMatch
from dashboard.geocoding.resolver import Resolution, resolve, resolve_all, updated_store
from dashboard.geocoding.store import (
    GeocodeEntry,
    StoreNotWritten,
    load_store,
    save_store,
    update_store,
)

__all__ = [
    "Bounds",
    "Gazetteer",
    "GazetteerEntry",
    "GeocodeEntry",
    "GeocoderRefused",
    "GeocoderUnavailable",
    "GeocodingError",
    "NominatimGeocoder",
    "OnlineMatch",
    "OutsideHaiti",
    "PlaceNotFound",
    "Resolution",
    "StoreNotWritten",
    "WrongDepartment",
    "haiti_bounds",
    "load_store",
    "resolve",
    "resolve_all",
    "save_store",
    "update_store",
    "updated_store",
]
