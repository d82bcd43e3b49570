#!/usr/bin/env python3
"""Profile the analyst's steps as script runs, with cProfile, in Streamlit's AppTest (issue 18).

    .venv/bin/python scripts/profile_rerun.py [--top 25] [--repeat 5] [--out bench/results/rerun.prof]

Runs ``dashboard/app.py`` headless (AppTest) on the bundled data: a warm-up, then ``--repeat``
times each step of the load test's path (open a permalink, add a type, open the Deployments
tab, switch on the briefing view), each profiled in the script thread (cProfile follows one
thread, so the ScriptRunner's thread is wrapped). AppTest skips the server's post-run work, so
the full ``gc.collect(2)`` that the server runs after every script run (``runner.postScriptGC``,
on by default) is timed separately after each step. Prints, per step, the mean wall time, the
mean full collection and the functions with the largest cumulative time; writes the pstats file.
Measures only; changes nothing. For the server under load, sample it with py-spy instead:
``py-spy record --gil --pid PID --format raw -o spy.txt`` while ``bench/load.py`` runs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

APP = ROOT / "dashboard" / "app.py"
PERMALINK = {"type": ["town", "junction"], "extent": ["pap"]}
PROFILE: dict[str, cProfile.Profile | None] = {"current": None}


def _profiled(original):
    def run_script_thread(self) -> None:
        profile = PROFILE["current"]
        if profile is None:
            return original(self)
        profile.enable()
        try:
            return original(self)
        finally:
            profile.disable()

    return run_script_thread


script_runner.ScriptRunner._run_script_thread = _profiled(script_runner.ScriptRunner._run_script_thread)


def fresh() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120)
    for name, values in PERMALINK.items():
        at.query_params[name] = values
    return at


def steps(at: AppTest):
    """The analyst's path as (name, action) pairs; each action triggers one script run."""
    yield "open", lambda: at.run()
    yield "filter", lambda: at.multiselect(key="type").select("neighbourhood").run()
    yield "panel", lambda: _open_tab(at, "Deployments")
    yield "brief", lambda: at.toggle(key="brief_toggle").set_value(True).run()


def _open_tab(at: AppTest, label: str):
    at.session_state["panel"] = label
    return at.run()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "rerun.prof")
    args = parser.parse_args(argv)

    warm = fresh()
    for _name, action in steps(warm):  # imports (Altair), caches: not measured
        action()
    names = ("open", "filter", "panel", "brief")
    # One profile per run: a fresh AppTest compiles the script anew, and pstats merges runs by
    # function name only through Stats.add.
    profiles: dict[str, list[cProfile.Profile]] = {name: [] for name in names}
    walls: dict[str, list[float]] = {name: [] for name in names}
    collects: dict[str, list[float]] = {name: [] for name in names}
    keep = []  # the sessions stay alive, as on a server with several analysts
    for _ in range(args.repeat):
        at = fresh()
        keep.append(at)
        for name, action in steps(at):
            profile = cProfile.Profile()
            profiles[name].append(profile)
            PROFILE["current"] = profile
            start = time.perf_counter()
            action()
            walls[name].append(time.perf_counter() - start)
            PROFILE["current"] = None
            start = time.perf_counter()
            gc.collect(2)
            collects[name].append(time.perf_counter() - start)
            if at.exception:
                print(f"{name}: the page shows an exception: {at.exception[0].value}", file=sys.stderr)
                return 1

    args.out.parent.mkdir(parents=True, exist_ok=True)
    combined = None
    for name in names:
        buffer = io.StringIO()
        stats = pstats.Stats(*profiles[name], stream=buffer)
        combined = pstats.Stats(*profiles[name]) if combined is None else combined.add(*profiles[name])
        mean = sum(walls[name]) / len(walls[name])
        collect = sum(collects[name]) / len(collects[name])
        print(
            f"\n=== {name}: mean {mean * 1000:.0f} ms per run over {len(walls[name])} runs "
            f"(AppTest wall time, profiler on); a full gc.collect(2) after it: {collect * 1000:.0f} ms "
            f"({len(gc.get_objects())} tracked objects)"
        )
        stats.sort_stats("cumulative").print_stats(args.top)
        print(
            "\n".join(
                line
                for line in buffer.getvalue().splitlines()
                if line.strip() and not line.startswith(("   Ordered by", "   List reduced"))
            )
        )
    combined.dump_stats(str(args.out))
    print(f"\npstats file (all steps): {args.out}  (e.g. python -m pstats {args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
