#!/usr/bin/env python3
"""N Streamlit replicas of the dashboard behind HAProxy, on loopback, for local trials (issue 18).

    .venv/bin/python scripts/replicas.py up                  # 2 replicas, proxy on 127.0.0.1:8080
    .venv/bin/python scripts/replicas.py up -n 3 --port 9000 --state /tmp/replicas.json
    .venv/bin/python scripts/replicas.py down --state /tmp/replicas.json   # from another shell

``up`` starts the replicas on free loopback ports, waits until each answers ``/_stcore/health``,
renders ``deploy/haproxy.cfg`` with those ports (its ``bind`` line and the lines between
``# BEGIN servers`` / ``# END servers``), starts ``haproxy -db`` on it and prints one JSON line:

    {"proxy": "http://127.0.0.1:8080", "haproxy_pid": …, "config": …,
     "replicas": [{"name": "r1", "cookie": "r1", "url": "http://127.0.0.1:…", "port": …, "pid": …}, …]}

It then stays in the foreground until Ctrl-C / SIGTERM (or ``down``), and stops HAProxy and every
replica cleanly (SIGTERM, then SIGKILL after 10 s). A replica that dies meanwhile is reported and
not restarted (that is what the failover test needs); if HAProxy dies, everything stops.
The replicas run with two server settings measured by ``bench/load.py`` (README, "Briefing
day"): ``runner.postScriptGC=false`` and ``server.fileWatcherType=none`` (as environment
variables; a value already in the environment wins; ``--as-is`` runs Streamlit's defaults).
Logs: ``<workdir>/r1.log``…, ``haproxy.log`` (``--workdir``, default a temporary directory that is
removed on exit unless ``--keep``). HAProxy comes from Debian (``make haproxy``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dashboard.outputs.server import free_port, server_url, stop, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
CONFIG = ROOT / "deploy" / "haproxy.cfg"
SERVERS = re.compile(r"(?ms)^([ \t]*)# BEGIN servers\n.*?^[ \t]*# END servers$")
BIND = re.compile(r"(?m)^([ \t]*)bind [^\n]*$")
#: Server settings for replicas (see the README's sizing): no forced full garbage collection after
#: every script run, no source-file watcher (the code does not change under a running replica).
REPLICA_ENV = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "false", "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}


def render_config(template: str, *, bind: str, servers: list[tuple[str, int]]) -> str:
    """``template`` with its frontend ``bind`` and its server block replaced."""
    if not SERVERS.search(template) or not BIND.search(template):
        raise ValueError("the HAProxy template has no '# BEGIN servers … # END servers' block or no bind")

    def block(match: re.Match) -> str:
        indent = match.group(1)
        lines = [f"{indent}# BEGIN servers"]
        lines += [f"{indent}server {name} 127.0.0.1:{port} cookie {name}" for name, port in servers]
        lines.append(f"{indent}# END servers")
        return "\n".join(lines)

    text = SERVERS.sub(block, template, count=1)
    return BIND.sub(lambda m: f"{m.group(1)}bind {bind}", text, count=1)


class Replicas:
    def __init__(
        self, count: int, port: int, workdir: Path, data_dir: str | None, haproxy: str, as_is: bool = False
    ):
        self.count, self.port, self.workdir, self.as_is = count, port, workdir, as_is
        self.data_dir, self.haproxy = data_dir, haproxy
        self.replicas: list[dict] = []
        self.processes: list[subprocess.Popen] = []
        self.proxy: subprocess.Popen | None = None

    def start(self) -> dict:
        env = dict(os.environ) if self.as_is else {**REPLICA_ENV, **os.environ}
        if self.data_dir:
            env["DASHBOARD_DATA_DIR"] = self.data_dir
        for index in range(1, self.count + 1):
            name, port = f"r{index}", free_port()
            with (self.workdir / f"{name}.log").open("wb") as log:
                process = subprocess.Popen(
                    streamlit_command(APP, port),
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            self.processes.append(process)
            self.replicas.append(
                {
                    "name": name,
                    "cookie": name,
                    "url": server_url(port),
                    "port": port,
                    "pid": process.pid,
                }
            )
        for replica, process in zip(self.replicas, self.processes, strict=True):
            wait_healthy(replica["url"], process=process, poll=0.2)
        config = self.workdir / "haproxy.cfg"
        config.write_text(
            render_config(
                CONFIG.read_text(encoding="utf-8"),
                bind=f"127.0.0.1:{self.port}",
                servers=[(r["name"], r["port"]) for r in self.replicas],
            ),
            encoding="utf-8",
        )
        checked = subprocess.run(
            [self.haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True
        )
        if checked.returncode:
            raise RuntimeError(f"haproxy -c rejected {config}:\n{checked.stdout}{checked.stderr}")
        with (self.workdir / "haproxy.log").open("wb") as log:
            self.proxy = subprocess.Popen(
                [self.haproxy, "-db", "-f", str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        url = f"http://127.0.0.1:{self.port}"
        wait_healthy(url, process=self.proxy, timeout=15, poll=0.2)
        return {
            "proxy": url,
            "haproxy_pid": self.proxy.pid,
            "config": str(config),
            "workdir": str(self.workdir),
            "replicas": self.replicas,
        }

    def stop(self) -> None:
        if self.proxy is not None:
            stop(self.proxy)
        for process in self.processes:
            stop(process)

    def watch(self, stopping) -> int:
        """Until asked to stop; reports replicas that die. 1 if HAProxy died."""
        reported: set[int] = set()
        while not stopping():
            if self.proxy is not None and self.proxy.poll() is not None:
                print(f"replicas: haproxy exited with {self.proxy.returncode}; stopping", file=sys.stderr)
                return 1
            for replica, process in zip(self.replicas, self.processes, strict=True):
                if process.poll() is not None and process.pid not in reported:
                    reported.add(process.pid)
                    print(
                        f"replicas: {replica['name']} (pid {process.pid}) exited with "
                        f"{process.returncode}; not restarted",
                        file=sys.stderr,
                        flush=True,
                    )
            time.sleep(0.2)
        return 0


def up(args) -> int:
    haproxy = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if haproxy is None:
        print("replicas: haproxy not found: run `make haproxy` (apt-get install haproxy)", file=sys.stderr)
        return 2
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="replicas-"))
    workdir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    received: list[int] = []

    def on_signal(signum, _frame) -> None:
        received.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    cluster = Replicas(args.replicas, port, workdir, args.data_dir, haproxy, as_is=args.as_is)
    status = 0
    try:
        info = {**cluster.start(), "supervisor_pid": os.getpid()}
        if args.state:
            Path(args.state).write_text(json.dumps(info, indent=1), encoding="utf-8")
        print(json.dumps(info), flush=True)
        print(
            f"replicas: {args.replicas} replica(s) behind {info['proxy']}; Ctrl-C to stop",
            file=sys.stderr,
            flush=True,
        )
        status = cluster.watch(lambda: bool(received))
    except Exception as exc:
        print(f"replicas: {exc}", file=sys.stderr)
        status = 1
    finally:
        cluster.stop()
        if args.state:
            with contextlib.suppress(FileNotFoundError):
                Path(args.state).unlink()
        if not args.workdir and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return status


def down(args) -> int:
    try:
        info = json.loads(Path(args.state).read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"replicas: no state file {args.state}: nothing running", file=sys.stderr)
        return 0
    pid = info["supervisor_pid"]
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and Path(args.state).exists():
        time.sleep(0.2)
    return 0 if not Path(args.state).exists() else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="start N replicas + HAProxy; stay in the foreground")
    start.add_argument("-n", "--replicas", type=int, default=2, help="number of Streamlit replicas")
    start.add_argument("--port", type=int, default=8080, help="HAProxy's port on 127.0.0.1 (0: a free one)")
    start.add_argument("--data-dir", default=None, help="DASHBOARD_DATA_DIR of the replicas (read-only)")
    start.add_argument("--state", default=None, help="write the JSON line here too (for `down`)")
    start.add_argument("--workdir", default=None, help="config and logs here (kept)")
    start.add_argument("--keep", action="store_true", help="keep the temporary workdir on exit")
    start.add_argument(
        "--as-is",
        action="store_true",
        help="Streamlit's default server settings (no postScriptGC/fileWatcherType change)",
    )
    stopper = commands.add_parser("down", help="stop what `up --state FILE` started")
    stopper.add_argument("--state", required=True)
    args = parser.parse_args(argv)
    if args.command == "up" and not 1 <= args.replicas <= 16:
        parser.error("--replicas must be between 1 and 16")
    return up(args) if args.command == "up" else down(args)


if __name__ == "__main__":
    raise SystemExit(main())
