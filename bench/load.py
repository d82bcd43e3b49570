"""Load test of the Streamlit server alone (issue 18): simulated analysts, no browser.

    .venv/bin/python bench/load.py                       # starts one replica, ramps 1 → 50 sessions
    .venv/bin/python bench/load.py --max-sessions 30 --step 5 --duration 90
    .venv/bin/python bench/load.py --url http://127.0.0.1:8080 --server-pid 1234 --server-pid 1235

Each simulated session speaks Streamlit's own websocket protocol (``/_stcore/stream``, the
``BackMsg``/``ForwardMsg`` protobufs in ``streamlit.proto``), as the browser does, and follows an
analyst's path, pausing 1.5–4.5 s (seeded RNG) between steps:

1. ``open``: a new page load with a permalink (``?type=…&extent=pap``): new websocket, a
   ``rerun_script`` with that query string and no widget state;
2. ``filter``: add a type in the "Hotspot type" multiselect: a ``rerun_script`` carrying the
   widget's new ``string_array_value`` (the widget ids are read from the first run's deltas);
3. ``panel``: open the "Deployments" tab (the ``panel`` tabs widget, ``string_value``);
4. ``brief``: switch on the "Briefing view" toggle (``bool_value``; the URL becomes ``?view=brief``).

Then the session closes (the tab is left) and the analyst starts again with a new permalink. The
time of a step is from sending the ``rerun_script`` to receiving the run's ``script_finished``.
A step is an error if the socket fails, no ``script_finished`` comes within ``--step-timeout``,
the run did not finish successfully, the page shows an exception, or what the step opens (the
map, the panel's chart, the briefing map) is missing.

The ramp: concurrency levels 1, STEP, 2·STEP, … MAX_SESSIONS, each held for DURATION/levels
seconds; sessions are added (staggered) at each level and kept going. Bounded: at most 50
sessions, at most 120 s of load, and steps still in flight at the end get at most until 120 s
after the program started (at least 1 s) before they are cancelled; with the default 96 s and a
replica that starts in a few seconds, the whole run stays within 2 minutes. Targets 127.0.0.1
only. Without ``--url`` it starts one replica itself, pinned to ``--server-cpus`` (default: CPU 0,
so "one replica on one core"), and reads its RSS and CPU from /proc; with ``--url`` pass
``--server-pid`` for each server process to sample (e.g. the replicas behind HAProxy).

Writes ``bench/results/load-<UTC time>.json`` (or ``--out``) and prints a table. Not part of the
test suite: run it on demand.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

from dashboard.outputs.server import free_port, server_url, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
RESULTS = ROOT / "bench" / "results"

MAX_SESSIONS = 50
MAX_DURATION = 120.0
THINK = (1.5, 4.5)
STEPS = ("open", "filter", "panel", "brief")
TARGET_P95 = 1.0
PROGRAM_START = time.perf_counter()
OTHERS_WARN_PCT = 20  # other processes' CPU (in % of one core) above which the run is flagged

#: Permalinks the analysts open (query strings; the README's parameters).
PERMALINKS = (
    "type=town&type=junction&extent=pap",
    "type=neighbourhood&extent=pap",
    "type=town&area=Artibonite&extent=artibonite",
    "type=port_fuel&type=transport_hub&extent=pap&basemap=light",
    "type=government_police&type=neighbourhood&extent=pap&from=2025-01-01&to=2025-12-31",
)
TYPE_LABEL = "Hotspot type"
BRIEF_LABEL = "Briefing view"
PANEL_TAB = "Deployments"
MAP_COMPONENT = "streamlit_folium.st_folium"
FINISHED_OK = {0, 3}  # ScriptFinishedStatus: FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY


# --- one run of the script over the websocket -----------------------------------------------------


@dataclass
class RunResult:
    seconds: float
    bytes: int
    status: int | None
    exceptions: list[str]
    element_types: set[str]
    widgets: dict[str, object]  # label → the widget's proto (multiselect, checkbox)
    tabs_id: str | None
    query_string: str | None


class StepError(Exception):
    pass


class Session:
    """One browser tab: a websocket, the URL's query string and the widget states it sends."""

    def __init__(self, base_url: str, query: str, *, step_timeout: float):
        self.base_url = base_url.rstrip("/")
        self.query = query
        self.step_timeout = step_timeout
        self.widget_states: dict[str, WidgetState] = {}
        self.widgets: dict[str, object] = {}
        self.tabs_id: str | None = None
        self.ws = None
        self.cookie = ""
        self.expected_types = 0  # `type=` parameters the URL must show after the filter step

    async def connect(self) -> None:
        # As the frontend: an HTTP health ping first (HAProxy's SERVERID cookie arrives here),
        # then the websocket with the "streamlit" subprotocol.
        self.cookie = await asyncio.to_thread(self._health_cookie)
        parts = urllib.parse.urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await connect(
            f"{scheme}://{parts.netloc}{parts.path}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"{parts.scheme}://{parts.netloc}",
            additional_headers=headers,
            max_size=None,
            proxy=None,
            open_timeout=self.step_timeout,
            ping_interval=None,
        )

    def _health_cookie(self) -> str:
        request = urllib.request.Request(f"{self.base_url}/_stcore/health")
        with urllib.request.urlopen(request, timeout=self.step_timeout) as reply:
            cookies = reply.headers.get_all("Set-Cookie") or []
        return "; ".join(c.split(";", 1)[0] for c in cookies)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def rerun(self) -> RunResult:
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_script_hash = ""
        message.rerun_script.context_info.timezone = "America/Port-au-Prince"
        message.rerun_script.context_info.locale = "en-GB"
        message.rerun_script.context_info.url = f"{self.base_url}/?{self.query}"
        for state in self.widget_states.values():
            message.rerun_script.widget_states.widgets.append(state)
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        return await asyncio.wait_for(self._read_run(start), self.step_timeout)

    async def _read_run(self, start: float) -> RunResult:
        size = 0
        exceptions: list[str] = []
        types: set[str] = set()
        query = None
        while True:
            data = await self.ws.recv()
            size += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_type = element.WhichOneof("type")
                types.add(element_type)
                if element_type == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
                elif element_type == "component_instance":
                    types.add(element.component_instance.component_name)
                elif element_type in ("multiselect", "checkbox"):
                    widget = getattr(element, element_type)
                    self.widgets[widget.label] = widget
            elif kind == "delta" and forward.delta.WhichOneof("type") == "add_block":
                block = forward.delta.add_block
                if block.WhichOneof("type") == "tab_container" and block.tab_container.id:
                    self.tabs_id = block.tab_container.id
                types.add(block.WhichOneof("type") or "block")
            elif kind == "page_info_changed":
                query = forward.page_info_changed.query_string
                self.query = query  # the frontend puts it in the address bar
            elif kind == "script_finished":
                return RunResult(
                    time.perf_counter() - start,
                    size,
                    forward.script_finished,
                    exceptions,
                    types,
                    dict(self.widgets),
                    self.tabs_id,
                    query,
                )

    # --- the analyst's actions: each changes the widget state like a click would -----------------

    def choose_more_types(self, rng: random.Random) -> None:
        widget = self.widgets.get(TYPE_LABEL)
        if widget is None:
            raise StepError(f"no '{TYPE_LABEL}' multiselect in the first run")
        options = list(widget.options)
        current = list(widget.raw_values) if widget.raw_values else [options[i] for i in widget.default]
        missing = [o for o in options if o not in current]
        chosen = [*current, rng.choice(missing)] if missing else current[:-1]
        state = WidgetState(id=widget.id)
        state.string_array_value.data.extend(chosen)
        self.expected_types = len(chosen)
        self.widget_states[widget.id] = state

    def open_tab(self, label: str) -> None:
        if self.tabs_id is None:
            raise StepError("no tabs widget in the runs so far")
        self.widget_states[self.tabs_id] = WidgetState(id=self.tabs_id, string_value=label)

    def switch_on(self, label: str) -> None:
        widget = self.widgets.get(label)
        if widget is None:
            raise StepError(f"no '{label}' toggle in the runs so far")
        self.widget_states[widget.id] = WidgetState(id=widget.id, bool_value=True)


def check(step: str, run: RunResult, session: Session) -> str | None:
    """What is wrong with a step's run, or None: it must finish, show no exception and show
    what the step opens (the map; the new filter in the URL; the panel's chart; the briefing)."""
    if run.status not in FINISHED_OK:
        return f"script_finished status {run.status}"
    if run.exceptions:
        return "exception shown: " + run.exceptions[0]
    params = urllib.parse.parse_qs(session.query, keep_blank_values=True)
    if step in ("open", "filter", "brief") and MAP_COMPONENT not in run.element_types:
        return f"no {MAP_COMPONENT} in the run"
    if step == "filter" and len(params.get("type", [])) != session.expected_types:
        return f"the URL does not show the new type filter: {session.query!r}"
    if step == "panel" and not run.element_types & {"arrow_vega_lite_chart", "vega_lite_chart"}:
        return "the deployments panel sent no chart"
    if step == "brief" and params.get("view") != ["brief"]:
        return f"the URL does not show the briefing view: {session.query!r}"
    return None


# --- the ramp -------------------------------------------------------------------------------------


@dataclass
class Sample:
    step: str
    level: int  # index of the ramp level when the request was sent
    sessions: int  # open sessions at that moment
    seconds: float | None
    bytes: int
    error: str | None
    t: float  # seconds since the load started


@dataclass
class Load:
    base_url: str
    seed: int
    step_timeout: float
    samples: list[Sample] = field(default_factory=list)
    open_sessions: int = 0
    level: int = 0
    t0: float = 0.0

    def record(self, step, level, sessions, seconds, size, error) -> None:
        self.samples.append(
            Sample(step, level, sessions, seconds, size, error, round(time.perf_counter() - self.t0, 3))
        )

    async def analyst(self, index: int, stop: asyncio.Event) -> None:
        rng = random.Random(self.seed * 1000 + index)
        while not stop.is_set():
            session = Session(self.base_url, rng.choice(PERMALINKS), step_timeout=self.step_timeout)
            try:
                for number, step in enumerate(STEPS):
                    if stop.is_set():
                        return
                    if number and await _think(rng, stop):
                        return
                    level, sessions = self.level, self.open_sessions
                    start = time.perf_counter()
                    try:
                        if step == "open":
                            await session.connect()
                            self.open_sessions += 1
                            sessions = self.open_sessions
                        elif step == "filter":
                            session.choose_more_types(rng)
                        elif step == "panel":
                            session.open_tab(PANEL_TAB)
                        else:
                            session.switch_on(BRIEF_LABEL)
                        run = await session.rerun()
                    except Exception as exc:  # any failure is the step's error
                        self.record(
                            step,
                            level,
                            sessions,
                            time.perf_counter() - start,
                            0,
                            f"{type(exc).__name__}: {exc}"[:300],
                        )
                        break
                    self.record(step, level, sessions, run.seconds, run.bytes, check(step, run, session))
            finally:
                if session.ws is not None:
                    self.open_sessions -= 1
                    with contextlib.suppress(Exception):  # the server may be gone
                        await session.close()
            if await _think(rng, stop):
                return


async def _think(rng: random.Random, stop: asyncio.Event) -> bool:
    """Pause 1.5–4.5 s; True if the load ended meanwhile."""
    try:
        await asyncio.wait_for(stop.wait(), rng.uniform(*THINK))
        return True
    except TimeoutError:
        return False


def ramp_levels(max_sessions: int, step: int) -> list[int]:
    levels = [1, *range(step, max_sessions + 1, step)]
    if levels[-1] != max_sessions:
        levels.append(max_sessions)
    return sorted(set(levels))


# --- the server process: RSS and CPU from /proc ------------------------------------------------------


def rss_bytes(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def host_busy_seconds() -> float | None:
    """CPU seconds spent busy by every process on the machine (all CPUs), from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    ticks = [int(v) for v in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def others_seconds(pids: list[int]) -> float | None:
    """Busy CPU seconds of the machine minus the servers' and this load generator's: other work
    that competes for the cores (another test suite on a shared machine spoils the figures)."""
    busy = host_busy_seconds()
    mine = total([*(cpu_seconds(p) for p in pids), cpu_seconds(os.getpid())])
    return None if busy is None or mine is None else busy - mine


def total(values):
    values = [v for v in values if v is not None]
    return sum(values) if values else None


@dataclass
class LevelStats:
    level: int
    target_sessions: int
    start: float
    end: float
    max_open_sessions: int = 0
    rss_max: int | None = None
    rss_end: int | None = None
    cpu_start: float | None = None
    cpu_end: float | None = None
    others_start: float | None = None
    others_end: float | None = None


async def monitor(pids: list[int], levels: list[LevelStats], load: Load, stop: asyncio.Event) -> None:
    while not stop.is_set():
        stats = levels[load.level]
        rss = total(rss_bytes(pid) for pid in pids)
        if rss is not None:
            stats.rss_max = max(stats.rss_max or 0, rss)
            stats.rss_end = rss
        stats.max_open_sessions = max(stats.max_open_sessions, load.open_sessions)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.5)


async def run_load(args, pids: list[int]) -> tuple[Load, list[LevelStats], float]:
    levels = ramp_levels(args.max_sessions, args.step)
    hold = args.duration / len(levels)
    load = Load(args.url, args.seed, args.step_timeout)
    stop = asyncio.Event()
    stats: list[LevelStats] = []
    tasks: list[asyncio.Task] = []
    load.t0 = time.perf_counter()
    monitor_stop = asyncio.Event()
    stats.append(
        LevelStats(
            0,
            levels[0],
            0.0,
            hold,
            cpu_start=total(cpu_seconds(p) for p in pids),
            others_start=others_seconds(pids),
        )
    )
    watcher = asyncio.create_task(monitor(pids, stats, load, monitor_stop))
    stagger = random.Random(args.seed)
    for index, target in enumerate(levels):
        if index:
            cpu = total(cpu_seconds(p) for p in pids)
            others = others_seconds(pids)
            stats[-1].cpu_end, stats[-1].others_end = cpu, others
            stats.append(
                LevelStats(
                    index, target, index * hold, (index + 1) * hold, cpu_start=cpu, others_start=others
                )
            )
            load.level = index
        level_start = time.perf_counter()
        new = target - len(tasks)
        spread = min(THINK[1], hold / 3)
        offsets = sorted(stagger.uniform(0, spread) for _ in range(new))
        for offset in offsets:
            delay = level_start + offset - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(load.analyst(len(tasks), stop)))
        remaining = level_start + hold - time.perf_counter()
        if remaining > 0:
            await asyncio.sleep(remaining)
    stats[-1].cpu_end = total(cpu_seconds(p) for p in pids)
    stats[-1].others_end = others_seconds(pids)
    stop.set()
    # Steps in flight may finish (their think pauses end at once), as long as the whole run stays
    # within MAX_DURATION of the program's start (at least 1 s); then everything is cancelled.
    grace = max(1.0, min(args.step_timeout, MAX_DURATION - (time.perf_counter() - PROGRAM_START)))
    _done, pending = await asyncio.wait(tasks, timeout=grace)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    monitor_stop.set()
    await watcher
    return load, stats, time.perf_counter() - load.t0


# --- starting a replica ---------------------------------------------------------------------------


def start_replica(cpus: set[int] | None, log: Path, options: list[str] = ()) -> tuple[subprocess.Popen, str]:
    port = free_port()
    handle = log.open("wb")

    def pin() -> None:
        if cpus:
            os.sched_setaffinity(0, cpus)

    command = streamlit_command(APP, port, options)
    process = subprocess.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, preexec_fn=pin)
    handle.close()
    url = server_url(port)
    try:
        wait_healthy(url, process=process, poll=0.2)
    except Exception:
        process.kill()
        process.wait()
        raise
    return process, url


async def warm_up(url: str, timeout: float) -> None:
    """One analyst path, not measured: imports (Altair, …) and caches happen here."""
    session = Session(url, PERMALINKS[0], step_timeout=timeout)
    await session.connect()
    try:
        await session.rerun()
        session.choose_more_types(random.Random(0))
        await session.rerun()
        session.open_tab(PANEL_TAB)
        await session.rerun()
        session.switch_on(BRIEF_LABEL)
        await session.rerun()
    finally:
        await session.close()


# --- the report -------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summarise(samples: list[Sample]) -> dict:
    ok = sorted(s.seconds for s in samples if s.error is None and s.seconds is not None)
    return {
        "steps": len(samples),
        "errors": sum(s.error is not None for s in samples),
        "p50_s": _round(percentile(ok, 50)),
        "p95_s": _round(percentile(ok, 95)),
        "max_s": _round(ok[-1] if ok else None),
    }


def _round(value, digits=3):
    return None if value is None else round(value, digits)


def report(load: Load, stats: list[LevelStats], baseline_rss: int | None) -> dict:
    rows = []
    first_rss = None
    for level in stats:
        samples = [s for s in load.samples if s.level == level.level]
        row = {
            "level": level.level,
            "target_sessions": level.target_sessions,
            "max_open_sessions": level.max_open_sessions,
            "t_start_s": round(level.start, 1),
            "t_end_s": round(level.end, 1),
            **summarise(samples),
        }
        row["by_step"] = {step: summarise([s for s in samples if s.step == step]) for step in STEPS}
        row["rss_mb"] = _round(level.rss_max / 2**20 if level.rss_max else None, 1)
        if first_rss is None:
            first_rss = (level.rss_max, level.target_sessions)
        extra = level.target_sessions - first_rss[1]
        row["rss_per_extra_session_mb"] = (
            _round((level.rss_max - first_rss[0]) / extra / 2**20, 2)
            if extra > 0 and level.rss_max and first_rss[0]
            else None
        )
        cpu = (
            (level.cpu_end - level.cpu_start)
            if level.cpu_end is not None and level.cpu_start is not None
            else None
        )
        row["server_cpu_pct"] = _round(100 * cpu / (level.end - level.start), 0) if cpu is not None else None
        others = (
            (level.others_end - level.others_start)
            if level.others_end is not None and level.others_start is not None
            else None
        )
        row["other_processes_cpu_pct"] = (
            _round(max(0.0, 100 * others / (level.end - level.start)), 0) if others is not None else None
        )
        row["errors_seen"] = sorted({s.error for s in samples if s.error})[:5]
        rows.append(row)
    meets = [
        r["target_sessions"]
        for r in rows
        if r["errors"] == 0 and r["p95_s"] is not None and r["p95_s"] <= TARGET_P95
    ]
    # The largest level such that it and every level below it met the target.
    held = 0
    for r in rows:
        if r["errors"] == 0 and r["p95_s"] is not None and r["p95_s"] <= TARGET_P95:
            held = r["target_sessions"]
        else:
            break
    return {
        "levels": rows,
        "by_step": {step: summarise([s for s in load.samples if s.step == step]) for step in STEPS},
        "all": summarise(load.samples),
        "baseline_rss_mb": _round(baseline_rss / 2**20 if baseline_rss else None, 1),
        "sessions_meeting_target": held,
        "levels_meeting_target": meets,
    }


def print_table(summary: dict) -> None:
    head = (
        "sessions",
        "open",
        "steps",
        "p50 s",
        "p95 s",
        "max s",
        "errors",
        "RSS MB",
        "MB/extra",
        "CPU %",
        "others %",
    )
    lines = [head]
    for r in summary["levels"]:
        lines.append(
            (
                r["target_sessions"],
                r["max_open_sessions"],
                r["steps"],
                r["p50_s"],
                r["p95_s"],
                r["max_s"],
                r["errors"],
                r["rss_mb"],
                r["rss_per_extra_session_mb"],
                r["server_cpu_pct"],
                r["other_processes_cpu_pct"],
            )
        )
    text = [[("—" if v is None else str(v)) for v in line] for line in lines]
    widths = [max(len(row[i]) for row in text) for i in range(len(head))]
    for number, row in enumerate(text):
        print("  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print()
    print(
        "per step (whole run):  "
        + "   ".join(
            f"{step}: p50 {v['p50_s']} s, p95 {v['p95_s']} s, {v['errors']} err ({v['steps']})"
            for step, v in summary["by_step"].items()
        )
    )
    print(f"idle RSS after warm-up: {summary['baseline_rss_mb']} MB")
    print(
        f"largest level with p95 ≤ {TARGET_P95:g} s and 0 errors (and every level below it): "
        f"{summary['sessions_meeting_target']} sessions"
    )
    for r in summary["levels"]:
        for error in r["errors_seen"]:
            print(f"  error at {r['target_sessions']} sessions: {error}")
    busy = [
        r["other_processes_cpu_pct"] for r in summary["levels"] if r["other_processes_cpu_pct"] is not None
    ]
    if busy and max(busy) > OTHERS_WARN_PCT:
        print(
            f"WARNING: other processes used up to {max(busy):g} % of a CPU during a level "
            "('others %'): the machine was shared, so these latencies are too high."
        )


# --- command line -------------------------------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Load test of the Streamlit server alone: simulated analysts over Streamlit's "
        "websocket protocol (no browser). Bounded: ≤ 50 sessions, ≤ 120 s of load, "
        "127.0.0.1 only.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--max-sessions",
        type=int,
        default=50,
        help=f"concurrent sessions at the last ramp level (1–{MAX_SESSIONS})",
    )
    parser.add_argument(
        "--step",
        type=int,
        default=10,
        help="sessions added per ramp level (levels: 1, STEP, 2·STEP, …, MAX_SESSIONS)",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=96.0,
        help=f"seconds of load in all, shared equally by the levels (≤ {MAX_DURATION:g})",
    )
    parser.add_argument(
        "--url",
        default=None,
        help="an already running server or the HAProxy front (http://127.0.0.1:PORT); "
        "default: start one replica",
    )
    parser.add_argument(
        "--server-pid",
        type=int,
        action="append",
        default=[],
        help="with --url: a server process whose RSS/CPU to sample (repeatable)",
    )
    parser.add_argument(
        "--server-cpus",
        default="0",
        help="without --url: CPUs the started replica is pinned to ('' for no pinning); "
        "the load generator runs on the others when there are any",
    )
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="without --url: a Streamlit config option for the started replica, e.g. "
        "runner.postScriptGC=false (repeatable; to measure a setting before "
        "putting it in .streamlit/config.toml)",
    )
    parser.add_argument("--seed", type=int, default=18, help="seed of the think times and choices")
    parser.add_argument(
        "--step-timeout",
        type=float,
        default=30.0,
        help="seconds a step may take before it counts as an error",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="JSON file to write (default: bench/results/load-<UTC time>.json)",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.max_sessions <= MAX_SESSIONS:
        parser.error(f"--max-sessions must be between 1 and {MAX_SESSIONS}")
    if not 1 <= args.step <= args.max_sessions:
        parser.error("--step must be between 1 and --max-sessions")
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be in (0, {MAX_DURATION:g}] seconds")
    if any("=" not in option for option in args.server_option):
        parser.error("--server-option takes KEY=VALUE")
    if args.url is not None:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            parser.error("--url must point at this machine (127.0.0.1): this is a load test")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = args.out or RESULTS / f"load-{stamp}.json"
    process = None
    pids = list(args.server_pid)
    cpus = {int(c) for c in args.server_cpus.split(",") if c.strip()} if args.server_cpus else None
    if args.url is None:
        process, args.url = start_replica(cpus, RESULTS / f"load-{stamp}-server.log", args.server_option)
        pids = [process.pid]
        others = set(os.sched_getaffinity(0)) - (cpus or set())
        if cpus and others:
            os.sched_setaffinity(0, others)
    else:
        wait_healthy(args.url, timeout=10)
    try:
        asyncio.run(warm_up(args.url, args.step_timeout))
        time.sleep(1.0)
        baseline = total(rss_bytes(pid) for pid in pids)
        print(
            f"load: {args.url}, ramp {ramp_levels(args.max_sessions, args.step)} over "
            f"{args.duration:g} s, think {THINK[0]}–{THINK[1]} s, seed {args.seed}",
            flush=True,
        )
        load, stats, elapsed = asyncio.run(run_load(args, pids))
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    summary = report(load, stats, baseline)
    result = {
        "when": stamp,
        "url": args.url,
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "path": list(STEPS),
        "permalinks": list(PERMALINKS),
        "think_s": list(THINK),
        "target": {"p95_s": TARGET_P95, "errors": 0},
        "elapsed_s": round(elapsed, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "server_cpus": sorted(cpus) if cpus and process else None,
            "python": platform.python_version(),
            "streamlit": metadata.version("streamlit"),
        },
        "summary": summary,
        "samples": [asdict(s) for s in load.samples],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print()
    print_table(summary)
    print(f"\nload time {elapsed:.1f} s; JSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
