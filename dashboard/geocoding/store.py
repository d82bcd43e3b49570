"""Writing the geocode store (``data/geocodes.csv``; its rows: :mod:`dashboard.data.geocodes`).

Human-editable and diff-friendly: sorted by id, one row per place, lat/lon to 6 decimals
(about 0.1 m). A row with ``method=manual`` is an analyst's correction: automatic geocoding
never overwrites it.

Writes are atomic (temporary file, fsync, rename, fsync of the folder), so a crash never
leaves a half-written store. :func:`update_store` is the one way the tools write: under an
exclusive lock on a sidecar file (``.geocodes.csv.lock``, ``fcntl.flock``) it re-reads the
store, merges the changes in and writes, so two processes geocoding at once both keep their
entries. It refuses to write over a store with rejected rows, which a rewrite would drop.
"""

from __future__ import annotations

import csv
import fcntl
import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from dashboard.data.geocodes import FIELDNAMES, GeocodeEntry, load_store
from dashboard.data.writer import write_atomic

__all__ = ["GeocodeEntry", "StoreNotWritten", "format_store", "load_store", "save_store", "update_store"]


class StoreNotWritten(Exception):
    """The store has rejected rows: writing it would drop them, so it was not written."""


def format_store(entries: dict[str, GeocodeEntry]) -> str:
    """The store as CSV text (sorted by id, coordinates to 6 decimals)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=FIELDNAMES, lineterminator="\n")
    writer.writeheader()
    for key in sorted(entries):
        row = entries[key].model_dump()
        row["lat"] = f"{row['lat']:.6f}"
        row["lon"] = f"{row['lon']:.6f}"
        row["retrieved"] = row["retrieved"].isoformat()
        row["evidence_url"] = row["evidence_url"] or ""
        row["spread_km"] = "" if row["spread_km"] is None else f"{row['spread_km']:.2f}"
        writer.writerow({key: _one_kind_of_line_break(value) for key, value in row.items()})
    return buffer.getvalue()


def _one_kind_of_line_break(value: object) -> object:
    """Text with every line break as ``\n``: the csv module quotes a cell holding the line
    terminator, but would write a lone ``\r`` bare and so split the row when read back."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def save_store(path: Path, entries: Mapping[str, GeocodeEntry]) -> None:
    """Write the store atomically: a temporary file in the same folder, then a rename.

    This replaces the whole store; to add or change entries while another process may be
    writing too, use :func:`update_store`.
    """
    write_atomic(path, format_store(dict(entries)))


def lock_path(path: Path) -> Path:
    """The sidecar file locked while the store at ``path`` is updated."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the store at ``path`` (blocks until other writers are done).

    The lock is on a sidecar file that is never deleted (deleting it would let two writers
    lock two different files), and is released when the process ends, even by a crash.
    """
    with open(lock_path(path), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def merge_entries(
    current: Mapping[str, GeocodeEntry], changes: Mapping[str, GeocodeEntry]
) -> tuple[dict[str, GeocodeEntry], list[str]]:
    """``current`` with ``changes`` applied, except over a manual entry (an analyst's
    correction is only replaced by another manual entry). Returns the merged store and the
    ids whose change was refused."""
    merged = dict(current)
    refused = []
    for key, entry in changes.items():
        held = merged.get(key)
        if held is not None and held.is_manual and not entry.is_manual and held != entry:
            refused.append(key)
            continue
        merged[key] = entry
    return merged, refused


def update_store(path: Path, changes: Mapping[str, GeocodeEntry]) -> list[str]:
    """Apply ``changes`` to the store at ``path`` under the lock: re-read, merge, write.

    Entries written by another process since this one read the store are kept; manual
    entries are never overwritten by automatic ones. Returns the ids whose change was refused
    because the stored entry is manual. Raises :class:`StoreNotWritten` when the store on
    disk has rejected rows (fix them first: a rewrite would lose them).
    """
    with locked(path):
        current, problems = load_store(path)
        if problems:
            listed = "; ".join(str(p) for p in problems)
            raise StoreNotWritten(f"{path.name} has rejected rows, not rewritten: {listed}")
        merged, refused = merge_entries(current, changes)
        if merged != current:
            save_store(path, merged)
    return refused
