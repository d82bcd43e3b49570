"""Starting the app as a local Streamlit server: the one place that picks a port, writes the
command line and waits for ``/_stcore/health`` (used by the browser tests, the benchmark, the
load test and ``scripts/replicas.py``)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path

#: Loopback only: nothing started here listens beyond this machine.
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port on :data:`HOST` that is free now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


#: ``python -m`` this: the app's launcher (Streamlit with TCP_NODELAY on every connection, see
#: ``dashboard/ui/serve.py``), or ``"streamlit"`` for stock Streamlit (the benchmark's baseline).
LAUNCHER = "dashboard.ui.serve"
STOCK = "streamlit"


def streamlit_command(
    script: Path | str, port: int, options: Iterable[str] = (), *, launcher: str = LAUNCHER
) -> list[str]:
    """``python -m <launcher> run SCRIPT`` headless on ``HOST:port``; each option ``"name=value"``
    (e.g. ``"runner.postScriptGC=false"``) becomes ``--name value``."""
    extra = [arg for option in options for arg in (f"--{option.split('=', 1)[0]}", option.split("=", 1)[1])]
    return [
        sys.executable,
        "-m",
        launcher,
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        HOST,
        "--server.headless",
        "true",
        *extra,
    ]


def server_url(port: int) -> str:
    """The base URL of a server started with :func:`streamlit_command`."""
    return f"http://{HOST}:{port}"


def healthy(url: str, *, timeout: float = 1.0) -> bool:
    """Whether ``url``'s ``/_stcore/health`` answers 200 now."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as reply:
            return reply.status == 200
    except OSError:
        return False


def wait_healthy(
    url: str, *, process: subprocess.Popen | None = None, timeout: float = 60.0, poll: float = 0.05
) -> None:
    """Poll ``/_stcore/health`` every ``poll`` seconds until it answers; raise if ``process``
    exits first or ``timeout`` seconds pass. (Tools only: the tests wait on the server's log.)"""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        if healthy(url):
            return
        time.sleep(poll)
    raise RuntimeError(f"{url} did not answer /_stcore/health within {timeout:.0f} s")


def stop(process: subprocess.Popen, *, timeout: float = 10.0) -> None:
    """Terminate ``process`` and wait for it; kill it if it has not ended after ``timeout`` s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)
