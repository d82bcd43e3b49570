"""The committed geocode store (``data/geocodes.csv``): one resolved coordinate per hotspot.

Human-editable and diff-friendly: sorted by id, one row per place, lat/lon to 6 decimals
(about 0.1 m). A row with ``method=manual`` is an analyst's correction: automatic geocoding
never overwrites it. Writes are atomic (temporary file + rename), so a crash or a second
process never leaves a half-written store.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path

from dashboard.tables import (
    Column,
    Problem,
    parse_choice,
    parse_float_in,
    parse_http_url,
    parse_iso_date,
    read_table,
)

METHODS = ("manual", "gazetteer", "nominatim")
#: From most to least precise.
PRECISIONS = ("building", "site", "junction", "neighbourhood", "locality", "town", "commune")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True)
class GeocodeEntry:
    """Where a hotspot is, and why we believe it.

    ``lat``/``lon`` are WGS84 decimal degrees; ``evidence_*`` name the public record the
    coordinate was copied from (an OSM element, a GeoNames id, a Wikipedia page…).
    """

    id: str
    name: str
    lat: float
    lon: float
    method: str
    precision: str
    confidence: str
    evidence_kind: str
    evidence_id: str
    evidence_url: str | None
    retrieved: date
    note: str = ""

    @property
    def is_manual(self) -> bool:
        return self.method == "manual"

    @property
    def is_low_confidence(self) -> bool:
        return self.confidence == "low"


COLUMNS = (
    Column("id"),
    Column("name"),
    Column("lat", parse=parse_float_in(-90, 90)),
    Column("lon", parse=parse_float_in(-180, 180)),
    Column("method", parse=parse_choice(METHODS)),
    Column("precision", parse=parse_choice(PRECISIONS)),
    Column("confidence", parse=parse_choice(CONFIDENCES)),
    Column("evidence_kind"),
    Column("evidence_id"),
    Column("evidence_url", required=False, parse=parse_http_url),
    Column("retrieved", parse=parse_iso_date),
    Column("note", required=False),
)
FIELDNAMES = [f.name for f in fields(GeocodeEntry)]


def load_store(path: Path) -> tuple[dict[str, GeocodeEntry], list[Problem]]:
    """Load the store; a missing file is an empty store (not a problem)."""
    if not path.exists():
        return {}, []
    table = read_table(path, COLUMNS, key="id")
    entries = {}
    for row in table.rows:
        values = {name: row[name] for name in FIELDNAMES}
        values["note"] = values["note"] or ""
        entries[row["id"]] = GeocodeEntry(**values)
    return entries, table.problems


def format_store(entries: dict[str, GeocodeEntry]) -> str:
    """The store as CSV text (sorted by id, coordinates to 6 decimals)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\n")
    writer.writeheader()
    for key in sorted(entries):
        row = asdict(entries[key])
        row["lat"] = f"{row['lat']:.6f}"
        row["lon"] = f"{row['lon']:.6f}"
        row["retrieved"] = row["retrieved"].isoformat()
        row["evidence_url"] = row["evidence_url"] or ""
        writer.writerow(row)
    return buffer.getvalue()


def save_store(path: Path, entries: dict[str, GeocodeEntry]) -> None:
    """Write the store atomically: a temporary file in the same folder, then a rename."""
    text = format_store(entries)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
