"""The curated gazetteer's rows (``data/gazetteer.csv``): sourced points GeoNames lacks.

Looking places up (curated first, then GeoNames) is :mod:`dashboard.geocoding.gazetteer`.
"""

from __future__ import annotations

from pathlib import Path

from dashboard.data.geocodes import Confidence, PlaceRow, Precision
from dashboard.data.hotspots import Department
from dashboard.data.reader import (
    HttpUrl,
    IsoDate,
    Latitude,
    Longitude,
    Names,
    Problem,
    read_table,
)


class GazetteerEntry(PlaceRow):
    """A named place with a sourced coordinate (lat, lon in WGS84 decimal degrees): one row of
    ``gazetteer.csv``, or a GeoNames place (``retrieved`` is None for those)."""

    name: str
    alt_names: Names = ()
    department: Department
    commune: str
    lat: Latitude
    lon: Longitude
    precision: Precision
    confidence: Confidence
    evidence_kind: str
    evidence_id: str
    evidence_url: HttpUrl | None = None
    evidence_note: str
    retrieved: IsoDate | None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alt_names)


def load_curated(path: Path) -> tuple[list[GazetteerEntry], list[Problem]]:
    """Load ``gazetteer.csv`` (a missing file means no curated entries); a name may appear
    once per department."""
    if not path.exists():
        return [], []
    table = read_table(path, GazetteerEntry, unique=(("name", "department"),))
    return table.records, table.problems
