"""Benchmark the dashboard against a bare baseline page, in one run (issue 6).

    .venv/bin/python bench/run.py [--quick] [--reps N] [--out bench/results/latest.json]

Measures, in headless Chromium (offline: every non-local request aborted), the app
(``dashboard/app.py``) and a bare baseline page (``bench/baseline_app.py``: one st_folium map of
the same 22 points), several repetitions each, and prints medians, ratios and targets. Also:
warm geocoding (in-process, sockets counted) and the scale case (SYNTHETIC incidents, clustered in
the browser, against one folium.Marker per row). Writes everything, samples included, as JSON.
``--quick`` is for the test suite: one repetition, small point counts; its numbers mean nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import harness, naive, synthetic  # noqa: E402
from bench.harness import MAP_FRAME, Visit, wait_idle, wait_map  # noqa: E402
from dashboard.outputs.chromium import launch  # noqa: E402
from dashboard.outputs.server import LAUNCHER, STOCK  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
DATA = ROOT / "data"
FILTER_TYPE = "town"  # the type the filter change removes ("Remove Town / commune")
CLUSTER = ".marker-cluster"
SHARED_ASSETS = r"/app/static/"
COMPONENT_BUNDLE = r"/component/streamlit_folium\.st_folium/"

#: Every figure the JSON holds, in table order: (key, label, unit).
FIGURES = (
    ("cold_start_s", "cold start: process start → markers visible", "s"),
    ("warm_load_s", "warm page load → markers visible", "s"),
    ("warm_load_same_server_s", "warm page load, baseline on the app's launcher", "s"),
    ("filter_change_s", "filter change → map updated", "s"),
    ("filter_rerun_s", "filter change: script rerun", "s"),
    ("reruns_pan", "reruns on pan", "count"),
    ("reruns_zoom", "reruns on zoom", "count"),
    ("reruns_marker_click", "reruns on marker click", "count"),
    ("reruns_filter_change", "reruns on filter change (check)", "count"),
    ("map_payload_bytes", "map HTML/JS per render (22 pts)", "bytes"),
    ("shared_assets_bytes", "shared assets (/app/static)", "bytes"),
    ("geocode_warm_s", "warm geocoding of all hotspots", "s"),
    ("geocode_network_requests", "geocoding network requests", "count"),
    ("scale_rerun_s", "scale: script rerun", "s"),
    ("scale_visible_s", "scale: filter change → clusters shown", "s"),
    ("scale_page_load_s", "scale: warm page load → clusters shown", "s"),
    ("scale_payload_bytes", "scale: map HTML/JS per render", "bytes"),
    ("naive_python_s", "naive: folium build + render", "s"),
    ("naive_browser_s", "naive: browser → all markers shown", "s"),
    ("naive_total_s", "naive: total", "s"),
    ("scale_speedup", "scale: naive total / clustered", "x"),
)
FIGURE_KEYS = tuple(key for key, _, _ in FIGURES)


# --- small helpers ----------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def expected_counts() -> tuple[int, int]:
    """(markers a first visit shows, markers after removing FILTER_TYPE), from the app's own
    view code (the default view shows the places of one MSS update, not every hotspot). Also
    tells the baseline to draw the same points (``BENCH_BASELINE_IDS``): the data hold more."""
    from dashboard.model.dataset import load_dataset
    from dashboard.views.render import shown_hotspots
    from dashboard.views.state import ViewState

    placed = [item for item in shown_hotspots(load_dataset(DATA), ViewState()) if item.location is not None]
    os.environ["BENCH_BASELINE_IDS"] = ",".join(item.hotspot.id for item in placed)
    return len(placed), sum(item.hotspot.type != FILTER_TYPE for item in placed)


def type_label(type_id: str) -> str:
    with (DATA / "hotspot_types.csv").open(newline="", encoding="utf-8") as handle:
        return next(row["label"] for row in csv.DictReader(handle) if row["id"] == type_id)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prepare_baseline(tmp: Path) -> Path:
    """The baseline script in a folder next to a copy of the app's static files (Streamlit serves
    the ``static/`` folder next to the entry script)."""
    folder = tmp / "baseline"
    folder.mkdir()
    shutil.copy(ROOT / "bench" / "baseline_app.py", folder / "baseline_app.py")
    shutil.copytree(ROOT / "dashboard" / "static", folder / "static")
    return folder / "baseline_app.py"


def remove_type(page) -> None:
    page.get_by_role("button", name=f"Remove {type_label(FILTER_TYPE)}").first.click()


# --- 1. cold start ------------------------------------------------------------------------------


def cold_start(
    browser, script: Path, logs: Path, n_all: int, env: dict | None = None, launcher: str = LAUNCHER
) -> dict:
    server = harness.start_server(
        script,
        log=logs / f"cold-{script.stem}-{time.monotonic_ns()}.log",
        env_extra=env,
        launcher=launcher,
    )
    try:
        with Visit(browser) as visit:
            visit.page.goto(server.url, wait_until="commit")
            wait_map(visit.page, count=n_all, timeout=120)
            ready = time.perf_counter()
            errors = list(visit.errors)
    finally:
        server.stop()
    return {
        "total_s": ready - server.spawned_at,
        "health_s": server.healthy_at - server.spawned_at,
        "page_errors": errors,
    }


# --- 2-5. on a running server ------------------------------------------------------------------


def on_running_server(
    browser,
    script: Path,
    logs: Path,
    reps: int,
    quiet: float,
    n_all: int,
    n_filtered: int,
    *,
    warm_up: bool = True,
    launcher: str = LAUNCHER,
) -> dict:
    server = harness.start_server(
        script, log=logs / f"warm-{script.stem}-{time.monotonic_ns()}.log", launcher=launcher
    )
    out: dict = {
        "launcher": launcher,
        "loads_s": [],
        "changes_s": [],
        "reruns_s": [],
        "payload_initial": [],
        "payload_after_change": [],
        "wire_bytes_change": [],
        "shared_assets": {},
        "component_bundle_bytes": None,
        "external_requests": [],
        "page_errors": [],
    }
    try:
        if warm_up:
            with Visit(browser) as visit:  # the server's first page (imports, caches): not timed
                visit.page.goto(server.url, wait_until="commit")
                wait_map(visit.page, count=n_all, timeout=120)
                wait_idle(visit.page, visit.recorder, quiet=quiet)
        for rep in range(reps):
            with Visit(browser) as visit:
                page, recorder = visit.page, visit.recorder
                page.goto(server.url, wait_until="commit")
                out["loads_s"].append(wait_map(page, count=n_all) / 1000)
                wait_idle(page, recorder, quiet=0.3)
                out["payload_initial"].extend(recorder.map_payloads(0)[-1:])
                if rep == 0:
                    out["shared_assets"] = visit.asset_bytes(SHARED_ASSETS)
                    out["component_bundle_bytes"] = sum(visit.asset_bytes(COMPONENT_BUNDLE).values())
                harness.install_click_clock(page)
                mark = recorder.mark()
                remove_type(page)
                done = wait_map(page, count=n_filtered, absent=f".hotspot-type-{FILTER_TYPE}")
                out["changes_s"].append((done - harness.click_time(page)) / 1000)
                wait_idle(page, recorder, mark=mark, quiet=0.3)
                out["reruns_s"].append(recorder.rerun_seconds(mark))
                out["payload_after_change"].extend(recorder.map_payloads(mark)[-1:])
                out["wire_bytes_change"].append(recorder.received_bytes(mark))
                out["external_requests"] += [u for u in visit.external if "tile" not in u]
                out["page_errors"] += visit.errors
        out["interactions"] = interactions(browser, server.url, quiet, n_all)
    finally:
        server.stop()
    return out


def interactions(browser, url: str, quiet: float, n_all: int) -> dict:
    """Script reruns caused by a marker click, a pan, a zoom, and (to check the method) a filter
    change: rerun requests (BackMsg.rerun_script) sent and script runs finished."""
    counts = {}
    with Visit(browser) as visit:
        page, recorder = visit.page, visit.recorder
        page.goto(url, wait_until="commit")
        wait_map(page, count=n_all, timeout=120)
        wait_idle(page, recorder, quiet=quiet)
        frame = page.frame_locator(MAP_FRAME)
        box = page.locator(MAP_FRAME).bounding_box()

        def count(name: str, action: Callable[[], None]) -> None:
            mark = recorder.mark()
            action()
            page.wait_for_timeout(quiet * 1000)
            if recorder.rerun_requests(mark):
                wait_idle(page, recorder, mark=mark, quiet=0.3)
            counts[name] = {
                "rerun_requests": recorder.rerun_requests(mark),
                "runs_finished": recorder.runs_finished(mark),
            }

        def click_marker() -> None:
            # Dispatched on the marker itself: at the fit-all zoom a neighbour may cover it, and
            # this figure counts reruns, not hit-testing.
            frame.locator(".hotspot-type-transport_hub").first.dispatch_event("click")
            frame.locator(".leaflet-popup-close-button, .leaflet-tooltip").first.wait_for(
                state="attached", timeout=5000
            )
            page.keyboard.press("Escape")

        def pan() -> None:
            x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.7
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + 160, y - 90, steps=12)
            page.mouse.up()

        def zoom() -> None:
            frame.locator(".leaflet-control-zoom-in").click()
            page.wait_for_timeout(400)
            page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
            page.mouse.wheel(0, 300)

        count("marker_click", click_marker)
        count("pan", pan)
        count("zoom", zoom)
        count("filter_change", lambda: remove_type(page))
    counts["method_validated"] = (
        counts["filter_change"]["rerun_requests"] >= 1 and counts["filter_change"]["runs_finished"] >= 1
    )
    return counts


# --- 6. warm geocoding ----------------------------------------------------------------------------


@contextmanager
def counted_connections():
    """Count every attempt to open a network connection (connect, connect_ex, DNS look-ups)."""
    attempts: list[str] = []
    originals = {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "getaddrinfo": socket.getaddrinfo,
        "create_connection": socket.create_connection,
    }

    def wrap_method(name):
        def wrapper(self, address, *args, **kwargs):
            attempts.append(f"{name} {address!r}")
            return originals[name](self, address, *args, **kwargs)

        return wrapper

    def wrap_function(name):
        def wrapper(*args, **kwargs):
            attempts.append(f"{name} {args[:2]!r}")
            return originals[name](*args, **kwargs)

        return wrapper

    socket.socket.connect = wrap_method("connect")
    socket.socket.connect_ex = wrap_method("connect_ex")
    socket.getaddrinfo = wrap_function("getaddrinfo")
    socket.create_connection = wrap_function("create_connection")
    try:
        yield attempts
    finally:
        socket.socket.connect = originals["connect"]
        socket.socket.connect_ex = originals["connect_ex"]
        socket.getaddrinfo = originals["getaddrinfo"]
        socket.create_connection = originals["create_connection"]


def geocoding(reps: int) -> dict:
    from dashboard.data import load_inputs
    from dashboard.geocoding import Gazetteer, resolve_all
    from dashboard.model import load_dataset

    inputs = load_inputs(DATA)
    hotspots, store, gazetteer = inputs.hotspots, inputs.store, Gazetteer(inputs.gazetteer)
    today = date.today()
    resolve_all(hotspots, store, gazetteer=gazetteer, online=None, today=today)  # warm-up
    load_dataset(DATA)
    resolve_s, dataset_s = [], []
    with counted_connections() as attempts:
        for _ in range(max(reps, 5)):
            started = time.perf_counter()
            results = resolve_all(hotspots, store, gazetteer=gazetteer, online=None, today=today)
            resolve_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            load_dataset(DATA)
            dataset_s.append(time.perf_counter() - started)
    statuses: dict[str, int] = {}
    for result in results:
        statuses[result.status] = statuses.get(result.status, 0) + 1
    return {
        "resolve_all_s": resolve_s,
        "load_dataset_s": dataset_s,
        "hotspots": len(results),
        "statuses": statuses,
        "network_attempts": len(attempts),
        "attempts": attempts[:10],
    }


# --- 7. the scale case ------------------------------------------------------------------------------


def scale(
    browser,
    tmp: Path,
    logs: Path,
    n: int,
    reps: int,
    quiet: float,
    cluster_timeout: float,
    n_all: int,
    n_filtered: int,
) -> dict:
    data_dir = synthetic.synthetic_data_dir(DATA, tmp / "synthetic-data", n)
    out: dict = {
        "n": n,
        "data_dir": str(data_dir),
        "synthetic": True,
        "reason": None,
        "first_load_s": None,
        "first_run_s": None,
        "loads_s": [],
        "changes_s": [],
        "reruns_s": [],
        "payload": [],
        "payload_after_change": [],
        "wire_bytes_change": [],
        "page_errors": [],
    }
    server = harness.start_server(
        APP, log=logs / "scale-app.log", env_extra={"DASHBOARD_DATA_DIR": str(data_dir)}
    )
    try:
        with Visit(browser) as visit:  # the first page parses incidents.csv (cache cold)
            page, recorder = visit.page, visit.recorder
            page.goto(server.url, wait_until="commit")
            wait_map(page, count=n_all, timeout=180)
            try:
                out["first_load_s"] = (
                    wait_map(page, count=n_all, cluster=CLUSTER, timeout=cluster_timeout) / 1000
                )
            except Exception:
                out["reason"] = (
                    f"no {CLUSTER} in the map within {cluster_timeout:.0f} s after the "
                    f"{n_all} hotspots appeared: the app does not draw incidents.csv "
                    "as a clustered layer (yet)"
                )
                out["page_errors"] += visit.errors
                return out
            wait_idle(page, recorder, quiet=quiet, timeout=180)
            out["first_run_s"] = recorder.rerun_seconds(0)
        for _ in range(reps):
            with Visit(browser) as visit:
                page, recorder = visit.page, visit.recorder
                page.goto(server.url, wait_until="commit")
                out["loads_s"].append(wait_map(page, count=n_all, cluster=CLUSTER, timeout=120) / 1000)
                wait_idle(page, recorder, quiet=0.3, timeout=120)
                out["payload"].extend(recorder.map_payloads(0)[-1:])
                harness.install_click_clock(page)
                mark = recorder.mark()
                remove_type(page)
                done = wait_map(
                    page,
                    count=n_filtered,
                    absent=f".hotspot-type-{FILTER_TYPE}",
                    cluster=CLUSTER,
                    timeout=120,
                )
                out["changes_s"].append((done - harness.click_time(page)) / 1000)
                wait_idle(page, recorder, mark=mark, quiet=0.3, timeout=120)
                out["reruns_s"].append(recorder.rerun_seconds(mark))
                out["payload_after_change"].extend(recorder.map_payloads(mark)[-1:])
                out["wire_bytes_change"].append(recorder.received_bytes(mark))
                out["page_errors"] += visit.errors
    finally:
        server.stop()
    return out


def naive_case(browser, tmp: Path, sizes: list[int], target_n: int, reps: int) -> dict:
    """One folium.Marker per row at each size; medians; a straight line to ``target_n`` when it
    was not measured directly."""
    folder = naive.prepare(tmp / "naive")
    runs = {n: [naive.measure(browser, folder, n) for _ in range(reps)] for n in sizes}
    per_size = {
        n: {key: median([r[key] for r in rs]) for key in ("python_s", "browser_s", "total_s")}
        for n, rs in runs.items()
    }
    if target_n in per_size:
        at_target, method = per_size[target_n], f"measured at n={target_n}"
    else:
        xs = sorted(per_size)
        at_target = {}
        for key in ("python_s", "browser_s", "total_s"):
            x0, x1 = xs[0], xs[-1]
            slope = (per_size[x1][key] - per_size[x0][key]) / (x1 - x0) if x1 > x0 else 0.0
            if slope > 0:  # the line through the smallest and the largest size
                at_target[key] = per_size[x1][key] + slope * (target_n - x1)
            else:  # one size, or noise: proportional to n from the largest size
                at_target[key] = per_size[x1][key] * target_n / x1
        method = f"EXTRAPOLATED linearly to n={target_n} from measurements at n={', '.join(map(str, xs))}"
    return {
        "sizes": sizes,
        "target_n": target_n,
        "method": method,
        "reps": reps,
        "per_size": {str(n): v for n, v in per_size.items()},
        "at_target": at_target,
        "runs": {str(n): rs for n, rs in runs.items()},
    }


# --- figures, targets, table ------------------------------------------------------------------------


def figure(
    unit: str,
    app=None,
    baseline=None,
    *,
    target: str | None = None,
    ok: bool | None = None,
    samples: dict | None = None,
    note: str | None = None,
    reason: str | None = None,
) -> dict:
    ratio = None
    if isinstance(app, int | float) and isinstance(baseline, int | float) and baseline:
        ratio = app / baseline
    return {
        "unit": unit,
        "app": app,
        "baseline": baseline,
        "ratio": ratio,
        "target": target,
        "pass": ok,
        "samples": samples or {},
        "note": note,
        "reason": reason,
    }


def check(value, predicate) -> bool | None:
    return None if value is None else bool(predicate(value))


def assemble(raw: dict, *, scale_n: int) -> dict:
    cold, warm, geo, sc, nv = (raw.get(k) or {} for k in ("cold", "warm", "geocoding", "scale", "naive"))
    app, base = warm.get("app") or {}, warm.get("baseline") or {}
    figs: dict[str, dict] = {}

    cold_app = median([r["total_s"] for r in cold.get("app", [])])
    cold_base = median([r["total_s"] for r in cold.get("baseline", [])])
    cold_fig = figure(
        "s",
        cold_app,
        cold_base,
        target="ratio ≤ 1.3",
        samples={
            "app": [r["total_s"] for r in cold.get("app", [])],
            "baseline": [r["total_s"] for r in cold.get("baseline", [])],
        },
        note="spawn `streamlit run` → /_stcore/health → navigate → all markers shown; "
        "browser already running",
    )
    cold_fig["pass"] = check(cold_fig["ratio"], lambda r: r <= 1.3)
    figs["cold_start_s"] = cold_fig
    for key, other in (
        ("warm_load_s", base),
        ("warm_load_same_server_s", warm.get("baseline_app_server") or {}),
    ):
        figs[key] = figure(
            "s",
            median(app.get("loads_s", [])),
            median(other.get("loads_s", [])),
            target="ratio ≤ 1.2",
            samples={"app": app.get("loads_s"), "baseline": other.get("loads_s")},
            note="navigation start → all markers shown, fresh browser context"
            + ("" if other is base else "; baseline page served by the app's launcher"),
        )
        figs[key]["pass"] = check(figs[key]["ratio"], lambda r: r <= 1.2)
    change = median(app.get("changes_s", []))
    figs["filter_change_s"] = figure(
        "s",
        change,
        median(base.get("changes_s", [])),
        target="app ≤ 0.300",
        ok=check(change, lambda v: v <= 0.300),
        samples={"app": app.get("changes_s"), "baseline": base.get("changes_s")},
        note=f"pointerdown on 'Remove {type_label(FILTER_TYPE)}' → map shows the remaining markers "
        "and no removed one (in-page clock)",
    )
    figs["filter_rerun_s"] = figure(
        "s",
        median(app.get("reruns_s", [])),
        median(base.get("reruns_s", [])),
        samples={"app": app.get("reruns_s"), "baseline": base.get("reruns_s")},
        note="BackMsg.rerun_script sent → ForwardMsg.script_finished received",
    )
    for name in ("pan", "zoom", "marker_click", "filter_change"):
        a = (app.get("interactions") or {}).get(name, {}).get("rerun_requests")
        b = (base.get("interactions") or {}).get(name, {}).get("rerun_requests")
        target, ok = None, None
        if name in ("pan", "zoom"):
            target, ok = "app = 0", check(a, lambda v: v == 0)
        elif name == "filter_change":
            validated = (app.get("interactions") or {}).get("method_validated")
            target, ok = "≥ 1 (validates the count)", validated
        fig = figure(
            "count",
            a,
            b,
            target=target,
            ok=ok,
            samples={
                "app": (app.get("interactions") or {}).get(name),
                "baseline": (base.get("interactions") or {}).get(name),
            },
            note="rerun requests (BackMsg.rerun_script) sent by the page; samples also "
            "give the script runs finished",
        )
        fig["ratio"] = None
        figs[f"reruns_{name}"] = fig
    payload = median(app.get("payload_initial", []))
    figs["map_payload_bytes"] = figure(
        "bytes",
        payload,
        median(base.get("payload_initial", [])),
        target="app ≤ 150,000",
        ok=check(payload, lambda v: v <= 150_000),
        samples={
            "app": app.get("payload_initial"),
            "baseline": base.get("payload_initial"),
            "app_after_filter_change": app.get("payload_after_change"),
            "baseline_after_filter_change": base.get("payload_after_change"),
            "app_websocket_bytes_filter_change": app.get("wire_bytes_change"),
            "baseline_websocket_bytes_filter_change": base.get("wire_bytes_change"),
        },
        note="st_folium json_args (map HTML + script + asset links) in the render's delta; the "
        "shared JS/CSS are separate requests (next figure)",
    )
    shared_app = sum((app.get("shared_assets") or {}).values()) if app.get("shared_assets") else None
    shared_base = sum((base.get("shared_assets") or {}).values()) if base.get("shared_assets") else None
    figs["shared_assets_bytes"] = figure(
        "bytes",
        shared_app,
        shared_base,
        samples={
            "app": app.get("shared_assets"),
            "baseline": base.get("shared_assets"),
            "component_bundle_bytes": {
                "app": app.get("component_bundle_bytes"),
                "baseline": base.get("component_bundle_bytes"),
            },
        },
        note="bodies of /app/static/… responses on a first visit (cacheable, once per visitor)",
    )

    figs["geocode_warm_s"] = figure(
        "s",
        median(geo.get("resolve_all_s", [])),
        samples={
            "resolve_all_s": geo.get("resolve_all_s"),
            "load_dataset_s": geo.get("load_dataset_s"),
            "statuses": geo.get("statuses"),
        },
        note="resolve_all(online=None) of every hotspot with the committed "
        "store; samples also give the whole load_dataset()",
    )
    requests = geo.get("network_attempts")
    figs["geocode_network_requests"] = figure(
        "count",
        requests,
        target="0",
        ok=check(requests, lambda v: v == 0),
        samples={"attempts": geo.get("attempts")},
        note="socket connect/connect_ex/getaddrinfo/create_connection calls during the timed runs",
    )

    reason = sc.get("reason") or raw.get("errors", {}).get("scale")
    synthetic_note = (
        f"n={sc.get('n', scale_n)} SYNTHETIC incidents (temporary data dir, seed {synthetic.SEED})"
    )
    rerun = median(sc.get("reruns_s", []))
    figs["scale_rerun_s"] = figure(
        "s",
        rerun,
        target="≤ 1.0",
        ok=check(rerun, lambda v: v <= 1.0),
        samples={"app": sc.get("reruns_s"), "first_run_s": sc.get("first_run_s")},
        note=f"{synthetic_note}; filter change rerun (cached data)",
        reason=reason if rerun is None else None,
    )
    visible = median(sc.get("changes_s", []))
    figs["scale_visible_s"] = figure(
        "s",
        visible,
        target="≤ 2.0",
        ok=check(visible, lambda v: v <= 2.0),
        samples={"app": sc.get("changes_s")},
        note=f"{synthetic_note}; pointerdown → updated map with clusters shown",
        reason=reason if visible is None else None,
    )
    load = median(sc.get("loads_s", []))
    figs["scale_page_load_s"] = figure(
        "s",
        load,
        samples={"app": sc.get("loads_s"), "first_load_s": sc.get("first_load_s")},
        note=f"{synthetic_note}; navigation start → hotspots and "
        "clusters shown (server running, data cached)",
        reason=reason if load is None else None,
    )
    scale_payload = median(sc.get("payload", []))
    figs["scale_payload_bytes"] = figure(
        "bytes",
        scale_payload,
        samples={
            "app": sc.get("payload"),
            "app_after_filter_change": sc.get("payload_after_change"),
            "app_websocket_bytes_filter_change": sc.get("wire_bytes_change"),
        },
        note=synthetic_note,
        reason=reason if scale_payload is None else None,
    )
    at = nv.get("at_target") or {}
    method = nv.get("method")
    naive_reason = raw.get("errors", {}).get("naive")
    for key, field_name, label in (
        ("naive_python_s", "python_s", "folium build + get_root().render()"),
        ("naive_browser_s", "browser_s", "file:// navigation → all markers shown"),
        ("naive_total_s", "total_s", "python + browser"),
    ):
        figs[key] = figure(
            "s",
            at.get(field_name),
            samples={"per_size": nv.get("per_size")},
            note=f"one folium.Marker per row, standalone HTML; {label}; {method}",
            reason=naive_reason if at.get(field_name) is None else None,
        )
    clustered = max((v for v in (visible, load) if v is not None), default=None)
    naive_total = at.get("total_s")
    speedup = naive_total / clustered if naive_total and clustered else None
    figs["scale_speedup"] = figure(
        "x",
        speedup,
        target="≥ 10",
        ok=check(speedup, lambda v: v >= 10),
        note="naive_total_s / max(scale_visible_s, scale_page_load_s) at the same n",
        reason=(reason or naive_reason or "missing figure") if speedup is None else None,
    )
    return figs


def fmt(value, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.2f} ms" if value < 0.01 else f"{value:.3f}"
    if unit == "bytes":
        return f"{value / 1000:,.1f} kB"
    if unit == "x":
        return f"{value:.1f}×"
    return f"{value:g}"


def table(figs: dict) -> str:
    rows = [("figure", "app", "baseline", "ratio", "target", "result")]
    for key, label, unit in FIGURES:
        f = figs[key]
        result = {True: "PASS", False: "FAIL", None: "—"}[f["pass"]]
        if f["app"] is None and f.get("reason"):
            result = "n/a"
        rows.append(
            (
                label,
                fmt(f["app"], unit),
                fmt(f["baseline"], unit),
                "—" if f["ratio"] is None else f"{f['ratio']:.2f}",
                f["target"] or "",
                result,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines = [
        "  ".join(
            c.ljust(w) if i in (0, 4) else c.rjust(w) if i < 4 else c
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


# --- main -------------------------------------------------------------------------------------------


def git_state() -> dict:
    def git(*args):
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except OSError:
            return None

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "dashboard"))}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="one repetition, small point counts (for the test suite; numbers mean nothing)",
    )
    parser.add_argument("--reps", type=int, help="repetitions per figure (default 5; --quick: 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument("--scale-n", type=int, help="synthetic incidents (default 50000; --quick: 2000)")
    parser.add_argument(
        "--naive-sizes",
        help="comma-separated n for the naive map (default: --scale-n; "
        "--quick: 500); others are extrapolated linearly",
    )
    parser.add_argument("--naive-reps", type=int, help="repetitions of the naive map (default min(reps, 3))")
    parser.add_argument(
        "--cluster-timeout",
        type=float,
        default=None,
        help="seconds to wait for a .marker-cluster (default 30; --quick: 15)",
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    reps = args.reps or (1 if args.quick else 5)
    scale_n = args.scale_n or (2000 if args.quick else 50_000)
    naive_sizes = (
        [int(s) for s in args.naive_sizes.split(",")]
        if args.naive_sizes
        else [500]
        if args.quick
        else [scale_n]
    )
    naive_reps = args.naive_reps or min(reps, 3)
    quiet = 0.8 if args.quick else 1.5
    cluster_timeout = args.cluster_timeout or (15.0 if args.quick else 30.0)
    n_all, n_filtered = expected_counts()
    started = time.perf_counter()
    load_start = _load()

    from playwright.sync_api import sync_playwright

    raw: dict = {"cold": {"app": [], "baseline": []}, "warm": {}, "errors": {}}
    with tempfile.TemporaryDirectory(prefix="hotspot-bench-") as tmp_name:
        tmp = Path(tmp_name)
        logs = tmp / "logs"
        logs.mkdir()
        # (script, launcher): the bare baseline runs on stock Streamlit, as a first attempt would;
        # "baseline_app_server" is the same page on the app's launcher (TCP_NODELAY, see
        # dashboard/ui/serve.py), to tell the page's cost from the server's.
        baseline = prepare_baseline(tmp)
        targets = {"app": (APP, LAUNCHER), "baseline": (baseline, STOCK)}
        warm_targets = {**targets, "baseline_app_server": (baseline, LAUNCHER)}

        def phase(name: str, work: Callable[[], object]):
            log(f"{name} …")
            try:
                return work()
            except Exception as error:
                raw["errors"][name] = f"{type(error).__name__}: {error}"
                log(f"{name} FAILED: {raw['errors'][name]}")
                traceback.print_exc(file=sys.stderr)
                return None

        raw["geocoding"] = phase("geocoding", lambda: geocoding(reps)) or {}
        with sync_playwright() as playwright:
            browser = launch(playwright)
            chromium_version = browser.version

            def cold_all():
                if not args.quick:  # one discarded start each: disk caches, .pyc files
                    for script, launcher in targets.values():
                        cold_start(browser, script, logs, n_all, launcher=launcher)
                for rep in range(reps):
                    order = list(targets.items()) if rep % 2 == 0 else list(targets.items())[::-1]
                    for name, (script, launcher) in order:
                        raw["cold"][name].append(cold_start(browser, script, logs, n_all, launcher=launcher))

            phase("cold start", cold_all)
            for name, (script, launcher) in warm_targets.items():
                raw["warm"][name] = (
                    phase(
                        f"running server: {name}",
                        lambda s=script, k=launcher: on_running_server(
                            browser,
                            s,
                            logs,
                            reps,
                            quiet,
                            n_all,
                            n_filtered,
                            warm_up=not args.quick,
                            launcher=k,
                        ),
                    )
                    or {}
                )
            raw["scale"] = (
                phase(
                    "scale",
                    lambda: scale(
                        browser, tmp, logs, scale_n, reps, quiet, cluster_timeout, n_all, n_filtered
                    ),
                )
                or {}
            )
            raw["naive"] = (
                phase("naive", lambda: naive_case(browser, tmp, naive_sizes, scale_n, naive_reps)) or {}
            )
            browser.close()
        if raw["errors"]:
            raw["server_logs"] = {
                p.name: p.read_text(errors="replace")[-3000:] for p in logs.iterdir() if p.stat().st_size
            }

    figs = assemble(raw, scale_n=scale_n)
    import folium
    import streamlit

    result = {
        "meta": {
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
            "quick": args.quick,
            "reps": reps,
            "scale_n": scale_n,
            "naive_sizes": naive_sizes,
            "naive_reps": naive_reps,
            "expected_markers": [n_all, n_filtered],
            "duration_s": round(time.perf_counter() - started, 1),
            "git": git_state(),
            "python": platform.python_version(),
            "cpus": _cpus(),
            "platform": platform.platform(),
            "chromium": chromium_version,
            "versions": {
                "streamlit": streamlit.__version__,
                "folium": folium.__version__,
                "streamlit_folium": metadata.version("streamlit-folium"),
                "playwright": metadata.version("playwright"),
            },
            "load_average": {"start": load_start, "end": _load()},
            "statistic": "median of the repetitions; ratio = app / baseline",
        },
        "figures": figs,
        "errors": raw["errors"],
        "raw": raw,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str, ensure_ascii=False), encoding="utf-8")
    print(table(figs))
    print(
        f"\n{'QUICK MODE: correctness only, the numbers mean nothing. ' if args.quick else ''}"
        f"reps={reps}, scale n={scale_n} (synthetic), naive: {(raw.get('naive') or {}).get('method')}; "
        f"{result['meta']['duration_s']} s; load average {load_start} → {_load()} on "
        f"{_cpus()} CPUs; JSON: {args.out}"
    )
    for name, error in raw["errors"].items():
        print(f"ERROR in {name}: {error}")
    return 1 if raw["errors"] else 0


def _cpus() -> int | None:
    return os.cpu_count()


def _load() -> list[float] | None:
    """1, 5 and 15-minute load averages: other work on the machine shows up here as noise."""
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except OSError:
        return None


if __name__ == "__main__":
    sys.exit(main())
