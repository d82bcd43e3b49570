"""The geocode store's rows (``data/geocodes.csv``): one resolved coordinate per hotspot.

The record and its reader; writing the store (locked, merged, atomic) is
:mod:`dashboard.geocoding.store`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import model_validator

from dashboard.data.geography import HAITI_BOX
from dashboard.data.reader import (
    HttpUrl,
    IsoDate,
    Latitude,
    Longitude,
    Problem,
    RowModel,
    RowProblem,
    one_of,
    read_table,
)
from dashboard.text.i18n import N_, _

METHODS = ("manual", "evidence", "gazetteer", "nominatim")
#: From most to least precise.
PRECISIONS = ("building", "site", "junction", "neighbourhood", "locality", "town", "area", "commune")
CONFIDENCES = ("high", "medium", "low")
#: How these ids read on screen (translated where shown; files and exports keep the ids).
WORDS = {
    "manual": N_("manual"),
    "evidence": N_("evidence table"),
    "gazetteer": N_("gazetteer"),
    "nominatim": N_("Nominatim"),
    "building": N_("building"),
    "site": N_("site"),
    "junction": N_("junction"),
    "neighbourhood": N_("neighbourhood"),
    "locality": N_("locality"),
    "town": N_("town"),
    "area": N_("area"),
    "commune": N_("commune"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
}


def shown_word(value: str) -> str:
    """A method, precision or confidence id as the active language says it (others as given)."""
    return _(WORDS[value]) if value in WORDS else value


Method = one_of(METHODS)
Precision = one_of(PRECISIONS)
Confidence = one_of(CONFIDENCES)


def check_in_haiti(lat: float, lon: float) -> None:
    """Raise a :class:`RowProblem` about ``lat`` when (lat, lon) lies outside Haiti."""
    if not HAITI_BOX.contains(lat, lon):
        raise RowProblem("lat", f"({lat}, {lon}) is outside Haiti ({HAITI_BOX})")


class PlaceRow(RowModel):
    """Base of the row models that hold a point (``lat``, ``lon``): it must lie in Haiti."""

    @model_validator(mode="after")
    def _in_haiti(self) -> PlaceRow:
        check_in_haiti(self.lat, self.lon)
        return self


class GeocodeEntry(PlaceRow):
    """Where a hotspot is, and why we believe it: one row of ``geocodes.csv``.

    ``lat``/``lon`` are WGS84 decimal degrees; ``evidence_*`` name the public record the
    coordinate was copied from (an OSM element, a GeoNames id, a Wikipedia page…).
    """

    id: str
    name: str
    lat: Latitude
    lon: Longitude
    method: Method
    precision: Precision
    confidence: Confidence
    evidence_kind: str
    evidence_id: str
    evidence_url: HttpUrl | None = None
    retrieved: IsoDate
    note: str = ""
    #: From the evidence table (method ``evidence``): independent sources naming the place,
    #: and the largest distance between them in km.
    lineages: int | None = None
    spread_km: float | None = None

    @property
    def is_manual(self) -> bool:
        return self.method == "manual"

    @property
    def is_low_confidence(self) -> bool:
        return self.confidence == "low"


#: The columns of ``geocodes.csv``, in file order.
FIELDNAMES = list(GeocodeEntry.model_fields)


def load_store(path: Path) -> tuple[dict[str, GeocodeEntry], list[Problem]]:
    """Load the store; a missing file is an empty store (not a problem)."""
    if not path.exists():
        return {}, []
    table = read_table(path, GeocodeEntry, unique=("id",))
    return {entry.id: entry for entry in table.records}, table.problems
