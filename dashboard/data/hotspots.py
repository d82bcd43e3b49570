"""The hotspots named in the MSS updates: the records and their loader.

One row of ``data/hotspots.csv`` per place named in an update. ``source_name`` keeps the
spelling of the source; ``canonical_name`` is the local name used on the map.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Annotated

from pydantic import ValidationInfo, field_validator

from dashboard.data.geography import DEPARTMENTS
from dashboard.data.reader import (
    HttpUrl,
    IsoDate,
    Names,
    Problem,
    RowModel,
    ValueProblem,
    one_of,
    parsed,
    read_table,
)
from dashboard.text.i18n import localized

__all__ = ["DEPARTMENTS", "Department", "Hotspot", "load_hotspots", "parse_id"]


def parse_id(text: str) -> str:
    """An id: lower-case letters, digits and ``-``."""
    if not text.replace("-", "").isalnum() or not text.isascii() or not text.islower():
        raise ValueProblem(f"ids are lower-case letters, digits and '-': {text!r}")
    return text


Department = one_of(DEPARTMENTS)


class Hotspot(RowModel):
    """A place named in an MSS update (no coordinate: see :mod:`dashboard.geocoding`): one row
    of ``hotspots.csv``. Validation context: ``type_ids``, the known type ids."""

    id: Annotated[str, parsed(parse_id)]
    source_name: str
    canonical_name: str
    alt_names: Names = ()
    type: str
    department: Department
    commune: str
    fallback_place: str | None = None
    location_note: str = ""
    description: str
    description_fr: str = ""
    source_title: str
    source_publisher: str
    source_date: IsoDate
    source_url: HttpUrl | None = None
    source_note: str = ""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("type_ids")
        if known is not None and value not in known:
            raise ValueProblem(f"unknown type {value!r} (known: {', '.join(known)})")
        return value

    @property
    def shown_description(self) -> str:
        """The description in the active language (French when given and active)."""
        return localized(self.description, self.description_fr)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place goes by: canonical first, then the source's, then others."""
        ordered = (self.canonical_name, self.source_name, *self.alt_names)
        return tuple(dict.fromkeys(ordered))


def load_hotspots(path: Path, *, type_ids: Collection[str]) -> tuple[list[Hotspot], list[Problem]]:
    """Load ``hotspots.csv``; rows with an unknown ``type`` are rejected with a problem, and
    ids and canonical names must be unique."""
    table = read_table(path, Hotspot, unique=("id", "canonical_name"), context={"type_ids": list(type_ids)})
    return table.records, table.problems
