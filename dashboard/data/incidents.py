"""ACLED incident exports (``data/incidents.csv``, optional): a large point layer.

The file is an ACLED export as downloaded (its standard header). Rows are read with pandas in
one pass (tens of thousands of rows load in well under a second); a row whose coordinate is
missing, not a number or outside Haiti is rejected and reported, the rest are kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.data.geography import HAITI_BOX
from dashboard.data.paths import DataDir
from dashboard.data.reader import Problem

#: The ACLED columns this layer uses (an export has more; they are ignored).
USED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "fatalities",
    "source",
)
#: At most this many rejected rows are listed one by one; the rest are counted.
MAX_LISTED = 20


@dataclass
class Incidents:
    """Placed incidents: a DataFrame with ``lat``, ``lon`` (WGS84 degrees) and ``label``."""

    frame: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["lat", "lon", "label"]))
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.frame)


def load_incidents(directory: Path | DataDir) -> Incidents:
    """Read ``incidents.csv`` from ``directory`` (no file: no incidents, no problem)."""
    path = DataDir.resolve(directory).incidents
    if not path.exists():
        return Incidents()
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return Incidents(problems=[Problem(path.name, None, None, f"not a readable CSV ({error})")])
    missing = [c for c in USED_COLUMNS if c not in raw.columns]
    if missing:
        return Incidents(problems=[Problem(path.name, 1, None, f"missing column(s): {', '.join(missing)}")])
    lat = pd.to_numeric(raw["latitude"].str.strip(), errors="coerce")
    lon = pd.to_numeric(raw["longitude"].str.strip(), errors="coerce")
    inside = lat.between(HAITI_BOX.south, HAITI_BOX.north) & lon.between(HAITI_BOX.west, HAITI_BOX.east)
    problems = _rejections(path.name, raw, lat, lon, inside)
    kept = raw[inside]
    label = (
        kept["event_date"].str.strip()
        + " · "
        + kept["event_type"].str.strip()
        + " · "
        + kept["location"].str.strip()
        + " ("
        + kept["admin1"].str.strip()
        + ") · fatalities: "
        + kept["fatalities"].str.strip()
        + " · "
        + kept["event_id_cnty"].str.strip()
    )
    frame = pd.DataFrame({"lat": lat[inside].round(5), "lon": lon[inside].round(5), "label": label})
    return Incidents(frame.reset_index(drop=True), problems)


def _rejections(
    name: str, raw: pd.DataFrame, lat: pd.Series, lon: pd.Series, inside: pd.Series
) -> list[Problem]:
    bad = raw.index[~inside]
    problems = []
    for index in bad[:MAX_LISTED]:
        row = int(index) + 2  # header is row 1
        if pd.isna(lat[index]) or pd.isna(lon[index]):
            field_name = "latitude" if pd.isna(lat[index]) else "longitude"
            value = raw.at[index, field_name]
            problems.append(Problem(name, row, field_name, f"not a number: {value!r}"))
        else:
            problems.append(Problem(name, row, "latitude", f"({lat[index]}, {lon[index]}) is outside Haiti"))
    if len(bad) > MAX_LISTED:
        problems.append(Problem(name, None, None, f"… and {len(bad) - MAX_LISTED} more rows rejected"))
    return problems


def rows_json(incidents: Incidents) -> str:
    """``[[lat, lon, label], …]`` as compact JSON (labels are shown as text, never as HTML)."""
    frame = incidents.frame
    return json.dumps(
        [
            [lat, lon, label]
            for lat, lon, label in zip(frame["lat"], frame["lon"], frame["label"], strict=True)
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
