"""Benchmark: activity per hotspot at scale (SYNTHETIC incidents, never real data).

For 50,000 and 200,000 synthetic incidents (:mod:`bench.synthetic`, fixed seed) around
Port-au-Prince, against the bundled hotspots, measures in-process (no browser):

* reading ``incidents.csv`` (:func:`dashboard.data.acled.load_incidents`) and the loaded frame's
  memory (``DataFrame.memory_usage(deep=True)``);
* the once-per-load preparation (vocabulary and haversine proximity within 5 km);
* per-hotspot counts for a new period (:func:`dashboard.views.incidents.activity_table`; issue
  14's target: ≤ 100 ms), the popup activity with monthly series, the shown count;
* the browser payload (JSON) serialisation and its size.

Timings are medians of ``--reps`` runs over several periods. Run: ``.venv/bin/python
bench/activity.py`` (``--sizes 2000`` for a quick look); writes bench/results/activity.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from dashboard.data.acled import load_incidents  # noqa: E402
from dashboard.data.paths import BUNDLED_DATA_DIR  # noqa: E402
from dashboard.maps.incident_layer import incident_payload  # noqa: E402
from dashboard.model import load_dataset  # noqa: E402
from dashboard.views.incidents import activity_table, popup_activity, prepare, shown_count  # noqa: E402
from dashboard.views.state import ViewState  # noqa: E402

TARGET_MS = 100
#: New periods a user may pick (the synthetic dates run 1 Jan 2024 – 30 Jun 2025).
PERIODS = (
    (date(2024, 3, 1), date(2024, 3, 31)),
    (date(2024, 7, 1), date(2024, 9, 30)),
    (date(2025, 1, 1), date(2025, 6, 30)),
    (date(2024, 1, 1), date(2025, 6, 30)),
)


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return (time.perf_counter() - start) * 1000, result


def median_ms(work: Callable[[], object], reps: int) -> float:
    return statistics.median(timed(work)[0] for _ in range(reps))


def measure(n: int, reps: int, located) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        synthetic.write_incidents(folder / "incidents.csv", n)
        read_ms, loaded = timed(lambda: load_incidents(folder))
    prepare_ms, data = timed(lambda: prepare(loaded, located))
    states = [ViewState(dates=period, radius_km=radius) for period in PERIODS for radius in (1.0, 5.0)]

    def each(work: Callable[[ViewState], object]) -> float:
        return statistics.median(median_ms(lambda s=s: work(s), reps) for s in states)

    payload_ms, payload = timed(lambda: incident_payload(data.frame, data.vocabulary))
    counts_ms = [median_ms(lambda s=s: activity_table(s, data), reps) for s in states]
    return {
        "n": n,
        "rows_loaded": len(loaded),
        "problems": len(loaded.problems),
        "read_ms": round(read_ms),
        "frame_memory_mb": round(data.frame.memory_usage(deep=True).sum() / 2**20, 1),
        "prepare_ms": round(prepare_ms),
        "pairs_within_5km": int(sum(len(rows) for rows in data.near.rows.values())),
        "counts_ms_median": round(statistics.median(counts_ms), 1),
        "counts_ms_max": round(max(counts_ms), 1),
        "counts_within_target": max(counts_ms) <= TARGET_MS,
        "shown_count_ms": round(each(lambda s: shown_count(s, data)), 1),
        "popup_activity_ms": round(each(lambda s: popup_activity(s, data)), 1),
        "payload_ms": round(payload_ms),
        "payload_mb": round(len(payload.encode()) / 2**20, 1),
        "hotspots": len(data.near.rows),
    }


def table(results: list[dict]) -> str:
    rows = [
        ("per-hotspot counts, new period (median / max)", "counts_ms_median", "counts_ms_max", "ms"),
        ("shown count (filter)", "shown_count_ms", None, "ms"),
        ("popup activity incl. monthly series", "popup_activity_ms", None, "ms"),
        ("read incidents.csv", "read_ms", None, "ms"),
        ("prepare once per load (haversine pairs ≤ 5 km)", "prepare_ms", None, "ms"),
        ("loaded frame memory", "frame_memory_mb", None, "MB"),
        ("browser payload (serialise, once per load)", "payload_ms", None, "ms"),
        ("browser payload size", "payload_mb", None, "MB"),
    ]
    head = "| measure | " + " | ".join(f"{r['n']:,} incidents" for r in results) + " |"
    lines = [head, "|---|" + "---:|" * len(results)]
    for label, key, extra, unit in rows:
        cells = [f"{r[key]}" + (f" / {r[extra]}" if extra else "") + f" {unit}" for r in results]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50000,200000", help="comma-separated numbers of incidents")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per timing (median)")
    args = parser.parse_args(argv)
    located = load_dataset(BUNDLED_DATA_DIR).located
    results = [measure(int(n), args.reps, located) for n in args.sizes.split(",")]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "activity.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\ntarget: per-hotspot counts for a new period ≤ {TARGET_MS} ms;", end=" ")
    print("met" if all(r["counts_within_target"] for r in results) else "NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
