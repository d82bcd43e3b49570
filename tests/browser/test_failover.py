"""Failover that keeps the view (issue 18): two replicas behind HAProxy, one is killed.

``scripts/replicas.py up`` starts two Streamlit replicas and HAProxy (``deploy/haproxy.cfg``,
cookie stickiness, health checks on ``/_stcore/health``). The page opens a permalink through the
proxy; the ``SERVERID`` cookie names the replica that serves it; that replica is killed
(SIGKILL, as in a crash). Streamlit's frontend reconnects by itself; HAProxy must send the
reconnect to the live replica, which reruns the script from the URL: the same view must be back
within 10 s. Only conditions are waited on (websocket events, ``expect``), never sleeps.

Self-contained: its own helpers; from ``tests/browser/conftest.py`` only the pytest-playwright
fixtures and the Chromium launch arguments it defines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
NOT_LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/]).*")
#: Types, extent, panel and dates in the URL. Town (5) + junction (3): 8 markers.
VIEW = "type=town&type=junction&extent=artibonite&panel=deployments&from=2025-01-01&to=2025-06-30"
MARKERS = 8
FAILOVER_SECONDS = 10.0

pytestmark = pytest.mark.browser


def _haproxy() -> str | None:
    return shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[dict]:
    """Two replicas behind HAProxy on free loopback ports; stopped (all of it) afterwards."""
    if _haproxy() is None:
        pytest.skip("haproxy is not installed: `make haproxy` (make test installs it)")
    supervisor = subprocess.Popen(
        [sys.executable, "scripts/replicas.py", "up", "-n", "2", "--port", "0", "--workdir", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = supervisor.stdout.readline()  # the JSON line, or "" if it failed (its waits are bounded)
        if not line:
            supervisor.wait(timeout=30)
            pytest.fail(f"scripts/replicas.py failed: {supervisor.stderr.read()}")
        yield json.loads(line)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        try:
            supervisor.wait(timeout=30)
        except subprocess.TimeoutExpired:
            supervisor.kill()
            supervisor.wait(timeout=10)


class Streams:
    """The page's Streamlit websockets (``/_stcore/stream``) and the script runs each finished."""

    def __init__(self, page):
        self.sockets: list = []
        self.finished: dict[int, int] = {}
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws) -> None:
        if "_stcore/stream" not in ws.url:
            return
        number = len(self.sockets)
        self.sockets.append(ws)
        self.finished[number] = 0

        def on_frame(payload) -> None:
            if _is_script_finished(payload):
                self.finished[number] += 1

        ws.on("framereceived", on_frame)


def _is_script_finished(payload) -> bool:
    message = ForwardMsg()
    try:
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode())
    except Exception:
        return False
    return message.WhichOneof("type") == "script_finished"


def _remaining_ms(deadline: float) -> float:
    return max(1.0, (deadline - time.monotonic()) * 1000)


def _expect_view(page, timeout_ms: float) -> None:
    """The view of VIEW: the deployments tab open with its dated panel, the 8 markers in the map
    (its tab is hidden), and no exception or error on the page."""
    tab = page.get_by_role("tab", name="Deployments")
    expect(tab).to_have_attribute("aria-selected", "true", timeout=timeout_ms)
    panel = page.get_by_role("tabpanel", name="Deployments")
    expect(panel.get_by_role("heading", name="Deployments")).to_be_visible(timeout=timeout_ms)
    expect(panel.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=timeout_ms)
    markers = page.frame_locator(MAP_FRAME).locator(".hotspot-marker")
    expect(markers).to_have_count(MARKERS, timeout=timeout_ms)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def _serving_replica(context, cluster: dict) -> dict:
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert "SERVERID" in cookies, f"HAProxy set no SERVERID cookie: {sorted(cookies)}"
    return next(r for r in cluster["replicas"] if r["cookie"] == cookies["SERVERID"])


def test_killing_the_serving_replica_keeps_the_view(page, cluster):
    page.route(NOT_LOCAL, lambda route: route.abort())
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1440, "height": 1000})
    streams = Streams(page)

    # 1. The permalink through the proxy, served by one replica.
    page.goto(f"{cluster['proxy']}/?{VIEW}")
    _expect_view(page, 30_000)
    assert streams.sockets
    assert streams.finished[0] >= 1
    query = parse_qs(urlsplit(page.url).query)
    assert sorted(query["type"]) == ["junction", "town"]
    assert query["extent"] == ["artibonite"]
    assert query["panel"] == ["deployments"]
    assert (query["from"], query["to"]) == (["2025-01-01"], ["2025-06-30"])
    before_url = page.url
    victim = _serving_replica(page.context, cluster)
    survivor = next(r for r in cluster["replicas"] if r is not victim)
    sockets_before = len(streams.sockets)

    # 2. Kill it (as in a crash) and wait for a new websocket (through the proxy) to finish a run.
    killed_at = time.monotonic()
    deadline = killed_at + FAILOVER_SECONDS
    is_stream = lambda ws: "_stcore/stream" in ws.url  # noqa: E731
    with page.expect_websocket(is_stream, timeout=_remaining_ms(deadline)) as info:
        os.kill(victim["pid"], signal.SIGKILL)
    new_socket = info.value
    assert new_socket.url.startswith(cluster["proxy"].replace("http", "ws", 1))
    new_socket.expect_event("framereceived", predicate=_is_script_finished, timeout=_remaining_ms(deadline))

    # 3. The same view, from the other replica.
    expect(page).to_have_url(before_url, timeout=_remaining_ms(deadline))
    _expect_view(page, _remaining_ms(deadline))
    elapsed = time.monotonic() - killed_at
    print(
        f"failover: {victim['name']} killed, the view is back from {survivor['name']} after {elapsed:.2f} s"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "failover-after.png"), full_page=True)
    assert elapsed <= FAILOVER_SECONDS, f"the view came back after {elapsed:.1f} s"
    assert len(streams.sockets) > sockets_before
    assert _serving_replica(page.context, cluster) == survivor
    assert errors == []
