"""Reading ACLED exports as analysts download them (``incidents.csv``).

Accepted shapes: the Export Tool's full header (``event_id_cnty`` … ``timestamp``, dates like
``15 March 2024``) and API / ``acled``-library outputs (a subset of columns, a leading unnamed
index column, extra columns, ISO dates). UTF-8 with or without a BOM, comma- or
semicolon-separated. Required columns: ``event_date``, ``latitude``, ``longitude``; every other
column of :data:`OPTIONAL_COLUMNS` is used when present and read as empty otherwise.

A row that cannot be dated or placed (no date, an unreadable date, a coordinate that is missing,
not a number or outside Haiti) is reported as ``incidents.csv:ROW: FIELD: message`` and left
out; the rest load. Row numbers are the file's line numbers (header = 1).

The result is a pandas frame with typed columns: ``date`` (datetime64), ``lat``/``lon``
(WGS84 degrees), ``fatalities`` (int), text columns as found. ACLED's terms forbid
redistributing its rows: this module only reads them for display and aggregation.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd

from dashboard.data.geography import HAITI_BOX
from dashboard.data.paths import DataDir
from dashboard.data.reader import Problem

REQUIRED_COLUMNS = ("event_date", "latitude", "longitude")
OPTIONAL_COLUMNS = (
    "event_id_cnty",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
    "timestamp",
)
#: At most this many rejected rows are listed one by one; the rest are counted.
MAX_LISTED = 20
#: Date spellings seen in ACLED files: ISO (API), "15 March 2024" (Export Tool), and variants.
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d %b %Y")
TEXT_COLUMNS = tuple(c for c in OPTIONAL_COLUMNS if c not in ("fatalities", "timestamp"))
FRAME_COLUMNS = ("date", "lat", "lon", "fatalities", *TEXT_COLUMNS)


def empty_frame() -> pd.DataFrame:
    """A frame with the loaded columns and no rows."""
    frame = pd.DataFrame({column: pd.Series(dtype=str) for column in FRAME_COLUMNS})
    return frame.astype({"date": "datetime64[ns]", "lat": float, "lon": float, "fatalities": int})


@dataclass
class AcledImport:
    """Loaded incidents, the problems found, and the data's access date (see :func:`access_date`)."""

    frame: pd.DataFrame = field(default_factory=empty_frame)
    problems: list[Problem] = field(default_factory=list)
    accessed: date | None = None
    rows_read: int = 0

    def __len__(self) -> int:
        return len(self.frame)


def load_incidents(directory: str | Path | DataDir | None) -> AcledImport:
    """``incidents.csv`` of a data directory, read by :func:`read_acled` (the app's, the CLI's
    and ``validate``'s one reader), with its access date: the newest ``timestamp`` in the file,
    else the file's modification date."""
    path = DataDir.resolve(directory).incidents
    result = read_acled(path)
    if result.accessed is None and path.exists() and len(result):
        result.accessed = file_date(path)
    return result


#: ACLED's terms ask every use to credit it with the date the data were accessed.
ACLED_CREDIT = "Armed Conflict Location & Event Data (ACLED), acleddata.com"


def attribution(accessed: date | None) -> str:
    """The attribution line for views and exports that use incidents, e.g. "Incidents: Armed
    Conflict Location & Event Data (ACLED), acleddata.com, accessed 1 June 2024"."""
    when = f", accessed {accessed.day} {accessed.strftime('%B %Y')}" if accessed else ""
    return f"Incidents: {ACLED_CREDIT}{when}"


def read_acled(path: Path) -> AcledImport:
    """Read an ACLED export at ``path`` (no file: an empty import, no problem)."""
    if not path.exists():
        return AcledImport()
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return AcledImport(
            problems=[Problem(name, None, None, f"not UTF-8 text ({error.reason} at byte {error.start})")]
        )
    if not text.strip():
        return AcledImport(problems=[Problem(name, None, None, "is empty (no header row)")])
    try:
        raw = pd.read_csv(
            io.StringIO(text), sep=_delimiter(text), dtype=str, keep_default_na=False, skip_blank_lines=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return AcledImport(problems=[Problem(name, None, None, f"not a readable CSV ({error})")])
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        found = ", ".join(c for c in raw.columns if not c.startswith("unnamed")) or "none"
        message = f"missing required column(s): {', '.join(missing)} (found: {found})"
        return AcledImport(problems=[Problem(name, 1, None, message)], rows_read=len(raw))
    raw = raw[~(raw == "").all(axis=1)]  # blank lines
    return _typed(name, raw)


def _delimiter(text: str) -> str:
    """``;`` when the header has more semicolons than commas (European spreadsheet exports)."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates in any of :data:`DATE_FORMATS` (first that fits, per cell); NaT where none does."""
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    cleaned = values.str.strip()
    for fmt in DATE_FORMATS:
        todo = result.isna() & (cleaned != "")
        if not todo.any():
            break
        result[todo] = pd.to_datetime(cleaned[todo], format=fmt, errors="coerce")
    return result


def _typed(name: str, raw: pd.DataFrame) -> AcledImport:
    when = parse_dates(raw["event_date"])
    lat = pd.to_numeric(raw["latitude"].str.strip(), errors="coerce")
    lon = pd.to_numeric(raw["longitude"].str.strip(), errors="coerce")
    inside = lat.between(HAITI_BOX.south, HAITI_BOX.north) & lon.between(HAITI_BOX.west, HAITI_BOX.east)
    good = inside & when.notna()
    problems = _rejections(name, raw, when, lat, lon, good)
    kept = raw[good]
    frame = pd.DataFrame({"date": when[good], "lat": lat[good], "lon": lon[good]})
    fatalities = kept["fatalities"] if "fatalities" in kept else pd.Series("", index=kept.index)
    frame["fatalities"] = pd.to_numeric(fatalities.str.strip(), errors="coerce").fillna(0).astype(int)
    for column in TEXT_COLUMNS:
        frame[column] = kept[column].str.strip() if column in kept else ""
    accessed = access_date(kept.get("timestamp"))
    return AcledImport(frame.reset_index(drop=True), problems, accessed, rows_read=len(raw))


def _rejections(
    name: str, raw: pd.DataFrame, when: pd.Series, lat: pd.Series, lon: pd.Series, good: pd.Series
) -> list[Problem]:
    bad = raw.index[~good]
    problems = [_problem_for(name, raw, when, lat, lon, index) for index in bad[:MAX_LISTED]]
    if len(bad) > MAX_LISTED:
        problems.append(Problem(name, None, None, f"… and {len(bad) - MAX_LISTED} more rows rejected"))
    return problems


def _problem_for(
    name: str, raw: pd.DataFrame, when: pd.Series, lat: pd.Series, lon: pd.Series, index: int
) -> Problem:
    row = int(index) + 2  # the header is row 1; pandas numbers data rows from 0
    if pd.isna(when[index]):
        value = raw.at[index, "event_date"]
        message = (
            "missing" if not value.strip() else f"not a date ({value!r}; e.g. 2024-03-15 or 15 March 2024)"
        )
        return Problem(name, row, "event_date", message)
    for column, parsed in (("latitude", lat), ("longitude", lon)):
        if pd.isna(parsed[index]):
            value = raw.at[index, column]
            return Problem(name, row, column, "missing" if not value.strip() else f"not a number: {value!r}")
    return Problem(name, row, "latitude", f"({lat[index]}, {lon[index]}) is outside Haiti")


def access_date(timestamps: pd.Series | None) -> date | None:
    """The newest ``timestamp`` (Unix seconds, ACLED's last-modified time) as a UTC date."""
    if timestamps is None:
        return None
    seconds = pd.to_numeric(timestamps.str.strip(), errors="coerce").dropna()
    if seconds.empty:
        return None
    return datetime.fromtimestamp(float(seconds.max()), tz=UTC).date()


def file_date(path: Path) -> date:
    """The file's modification date (UTC): the access date when the file has no timestamps."""
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).date()
