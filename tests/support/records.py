"""Record factories for tests, and ``replace`` for records of either kind."""

from __future__ import annotations

import dataclasses
from datetime import date

from pydantic import BaseModel

from dashboard.data.gazetteer import GazetteerEntry
from dashboard.data.geocodes import GeocodeEntry
from dashboard.data.hotspots import Hotspot
from dashboard.geocoding import Gazetteer

TODAY = date(2026, 11, 30)


def replace(record, **changes):
    """A copy of ``record`` with ``changes``: a row model (pydantic) or a dataclass."""
    if isinstance(record, BaseModel):
        return record.model_copy(update=changes)
    return dataclasses.replace(record, **changes)


def hotspot(**over) -> Hotspot:
    base = Hotspot(
        id="solino",
        source_name="Solino",
        canonical_name="Solino",
        alt_names=(),
        type="neighbourhood",
        department="Ouest",
        commune="Port-au-Prince",
        fallback_place=None,
        location_note="",
        description="d",
        source_title="t",
        source_publisher="p",
        source_date=date(2024, 11, 19),
        source_url=None,
        source_note="",
    )
    return replace(base, **over)


def gazetteer_entry(name: str, lat: float, lon: float, **over) -> GazetteerEntry:
    base = GazetteerEntry(
        name=name,
        alt_names=(),
        department="Ouest",
        commune="Port-au-Prince",
        lat=lat,
        lon=lon,
        precision="neighbourhood",
        confidence="medium",
        evidence_kind="geonames",
        evidence_id="1",
        evidence_url="https://www.geonames.org/1",
        evidence_note="test",
        retrieved=date(2026, 1, 1),
    )
    return replace(base, **over)


def stored(method: str = "gazetteer", confidence: str = "medium", lat: float = 18.0) -> GeocodeEntry:
    return GeocodeEntry(
        id="solino",
        name="Solino",
        lat=lat,
        lon=-72.0,
        method=method,
        precision="building",
        confidence=confidence,
        evidence_kind="manual",
        evidence_id="analyst",
        evidence_url=None,
        retrieved=date(2026, 1, 1),
    )


CURATED = Gazetteer(
    [
        gazetteer_entry("Solino", 18.5496, -72.3219),
        gazetteer_entry("Port-au-Prince", 18.5435, -72.3388, precision="town"),
    ],
    use_geonames=False,
)
