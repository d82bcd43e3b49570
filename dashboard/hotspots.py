"""The hotspots named in the MSS updates: the records and their loader.

One row of ``data/hotspots.csv`` per place named in an update. ``source_name`` keeps the
spelling of the source; ``canonical_name`` is the local name used on the map.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.tables import (
    Column,
    Problem,
    ValueProblem,
    parse_choice,
    parse_http_url,
    parse_iso_date,
    parse_names,
    read_table,
)

#: Haiti's ten departments (first-level administrative divisions), as spelled by the IHSI.
DEPARTMENTS = (
    "Artibonite",
    "Centre",
    "Grand'Anse",
    "Nippes",
    "Nord",
    "Nord-Est",
    "Nord-Ouest",
    "Ouest",
    "Sud",
    "Sud-Est",
)


@dataclass(frozen=True)
class Hotspot:
    """A place named in an MSS update (no coordinate: see :mod:`dashboard.geocoding`)."""

    id: str
    source_name: str
    canonical_name: str
    alt_names: tuple[str, ...]
    type: str
    department: str
    commune: str
    fallback_place: str | None
    location_note: str
    description: str
    source_title: str
    source_publisher: str
    source_date: date
    source_url: str | None
    source_note: str

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place goes by: canonical first, then the source's, then others."""
        ordered = (self.canonical_name, self.source_name, *self.alt_names)
        return tuple(dict.fromkeys(ordered))


def _parse_id(text: str) -> str:
    if not text.replace("-", "").isalnum() or not text.islower():
        raise ValueProblem(f"ids are lower-case letters, digits and '-': {text!r}")
    return text


COLUMNS = (
    Column("id", parse=_parse_id),
    Column("source_name"),
    Column("canonical_name"),
    Column("alt_names", required=False, parse=parse_names),
    Column("type"),
    Column("department", parse=parse_choice(DEPARTMENTS)),
    Column("commune"),
    Column("fallback_place", required=False),
    Column("location_note", required=False),
    Column("description"),
    Column("source_title"),
    Column("source_publisher"),
    Column("source_date", parse=parse_iso_date),
    Column("source_url", required=False, parse=parse_http_url),
    Column("source_note", required=False),
)


def load_hotspots(
    path: Path, *, type_ids: Collection[str]
) -> tuple[list[Hotspot], list[Problem]]:
    """Load ``hotspots.csv``; rows with an unknown ``type`` are rejected with a problem."""
    table = read_table(path, COLUMNS, key="id")
    problems = list(table.problems)
    hotspots: list[Hotspot] = []
    for row in table.rows:
        if row["type"] not in type_ids:
            problems.append(
                Problem(path.name, row["_row"], "type",
                        f"unknown type {row['type']!r} (known: {', '.join(type_ids)})")
            )
            continue
        hotspots.append(
            Hotspot(
                id=row["id"],
                source_name=row["source_name"],
                canonical_name=row["canonical_name"],
                alt_names=row["alt_names"] or (),
                type=row["type"],
                department=row["department"],
                commune=row["commune"],
                fallback_place=row["fallback_place"],
                location_note=row["location_note"] or "",
                description=row["description"],
                source_title=row["source_title"],
                source_publisher=row["source_publisher"],
                source_date=row["source_date"],
                source_url=row["source_url"],
                source_note=row["source_note"] or "",
            )
        )
    return hotspots, problems
