"""SYNTHETIC ACLED rows for tests (the Export Tool's full header); never real data."""

from __future__ import annotations

from pathlib import Path

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)


def row(
    event_id: str,
    lat: float | str,
    lon: float | str,
    *,
    when: str = "2024-11-19",
    event_type: str = "Battles",
    sub_type: str = "Armed clash",
    actor1: str = "SYNTHETIC gang A",
    actor2: str = "SYNTHETIC police",
    location: str = "Delmas",
    fatalities: int = 2,
    notes: str = "SYNTHETIC note",
    timestamp: int = 1732000000,
) -> str:
    """One Export Tool row (fields with commas or quotes are quoted)."""

    def cell(value: object) -> str:
        text = str(value)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text

    values = [
        event_id, when, when[:4], 1, "Political violence", event_type, sub_type, actor1, "", 3,
        actor2, "", 1, 13, "", 332, "Caribbean", "Haiti", "Ouest", "Port-au-Prince", "Delmas",
        location, lat, lon, 1, "SYNTHETIC source", "National", notes, fatalities, "", timestamp,
    ]  # fmt: skip
    return ",".join(cell(v) for v in values)


def write(path: Path, rows: list[str]) -> Path:
    """``rows`` under :data:`HEADER` as ``path`` (UTF-8)."""
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path
