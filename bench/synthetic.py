"""SYNTHETIC incident points for the scale benchmark: never real data, never shipped.

Writes ``incidents.csv`` with the exact ACLED export header into a *temporary* data directory
(a copy of ``data/``). Every row says it is synthetic (``event_id_cnty`` ``SYN…``, ``notes``,
``source``, actors), and the points are drawn with a fixed seed inside the Port-au-Prince area
(lat 18.45–18.65, lon -72.45 – -72.20), so two runs produce the same file.
"""

from __future__ import annotations

import csv
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ACLED_HEADER = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
SEED = 20241119
LAT_RANGE = (18.45, 18.65)
LON_RANGE = (-72.45, -72.20)
NOTE = "SYNTHETIC benchmark point — not real data"
#: (disorder_type, event_type, sub_event_type): ACLED's vocabulary, chosen at random.
EVENT_KINDS = (
    ("Political violence", "Battles", "Armed clash"),
    ("Political violence", "Violence against civilians", "Attack"),
    ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Demonstrations", "Protests", "Peaceful protest"),
    ("Demonstrations", "Riots", "Violent demonstration"),
    ("Strategic developments", "Strategic developments", "Looting/property destruction"),
)
COMMUNES = ("Port-au-Prince", "Delmas", "Tabarre", "Cité Soleil", "Pétion-Ville", "Carrefour")


def synthetic_rows(n: int, *, seed: int = SEED) -> list[dict[str, str]]:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    rows = []
    for index in range(1, n + 1):
        day = start + timedelta(days=rng.randrange(547))
        disorder, event_type, sub_event = rng.choice(EVENT_KINDS)
        commune = rng.choice(COMMUNES)
        rows.append(
            {
                "event_id_cnty": f"SYN{index:06d}",
                "event_date": day.isoformat(),
                "year": str(day.year),
                "time_precision": "1",
                "disorder_type": disorder,
                "event_type": event_type,
                "sub_event_type": sub_event,
                "actor1": "SYNTHETIC actor A",
                "assoc_actor_1": "",
                "inter1": "3",
                "actor2": "SYNTHETIC actor B",
                "assoc_actor_2": "",
                "inter2": "7",
                "interaction": "37",
                "civilian_targeting": "",
                "iso": "332",
                "region": "Caribbean",
                "country": "Haiti",
                "admin1": "Ouest",
                "admin2": "Port-au-Prince",
                "admin3": commune,
                "location": f"SYNTHETIC point near {commune}",
                "latitude": f"{rng.uniform(*LAT_RANGE):.4f}",
                "longitude": f"{rng.uniform(*LON_RANGE):.4f}",
                "geo_precision": "1",
                "source": "SYNTHETIC benchmark generator",
                "source_scale": "Other",
                "notes": NOTE,
                "fatalities": str(rng.choice((0, 0, 0, 1, 2, 3))),
                "tags": "synthetic",
                "timestamp": "1732000000",
            }
        )
    return rows


def write_incidents(path: Path, n: int, *, seed: int = SEED) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=ACLED_HEADER)
        writer.writeheader()
        writer.writerows(synthetic_rows(n, seed=seed))
    return path


def synthetic_data_dir(source: Path, target: Path, n: int) -> Path:
    """A copy of ``source`` (the bundled data) plus a synthetic ``incidents.csv`` of ``n`` rows."""
    shutil.copytree(source, target)
    write_incidents(target / "incidents.csv", n)
    (target / "SYNTHETIC-README.txt").write_text(
        f"Temporary benchmark data: incidents.csv holds {n} SYNTHETIC points ({NOTE}).\n",
        encoding="utf-8",
    )
    return target
