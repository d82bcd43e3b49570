"""Browser and server plumbing for the benchmark: start Streamlit, drive Chromium, read the websocket.

Every measurement runs in a fresh browser context (a new visitor: empty HTTP cache) on which any
request to a host other than the local server is aborted, as with no internet (map tiles
included). Times are taken *inside the page* where possible (``performance.now()`` polled on
every animation frame), so Playwright's own round trips do not count.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from dashboard.outputs.server import LAUNCHER, free_port, server_url, stop, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
NOT_LOCAL = re.compile(r"^https?://(?!127\.0\.0\.1[:/]|localhost[:/]).*")
VIEWPORT = {"width": 1440, "height": 1000}


# --- the Streamlit server ---------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    spawned_at: float  # time.perf_counter() just before Popen
    healthy_at: float
    log: Path

    def stop(self) -> None:
        stop(self.process)


def start_server(
    script: Path,
    *,
    log: Path,
    env_extra: dict[str, str] | None = None,
    timeout: float = 60.0,
    launcher: str = LAUNCHER,
) -> Server:
    """``python -m <launcher> run script`` from the repository root (so ``.streamlit/config.toml``
    applies): the app's launcher by default, ``STOCK`` (``streamlit``) for the bare baseline."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    url = server_url(port)
    handle = log.open("wb")
    spawned = time.perf_counter()
    process = subprocess.Popen(
        streamlit_command(script, port, launcher=launcher),
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
    handle.close()
    try:
        wait_healthy(url, process=process, timeout=timeout)
    except RuntimeError as error:
        process.kill()
        process.wait(timeout=10)
        raise RuntimeError(f"{script.name}: {error}; see {log}") from error
    return Server(process, url, spawned, time.perf_counter(), log)


# --- the websocket: reruns and map payload ------------------------------------------------------


@dataclass
class Frame:
    t: float  # time.perf_counter() when Playwright delivered the frame
    direction: str  # "sent" (BackMsg) or "received" (ForwardMsg)
    kind: str  # the message's oneof, e.g. "rerun_script", "script_finished", "delta"
    size: int  # bytes of the frame
    map_args: int | None = None  # bytes of st_folium's json_args (the map's HTML/JS) in a delta


@dataclass
class StreamRecorder:
    """Records Streamlit's websocket traffic (``/_stcore/stream``), decoded with Streamlit's protos.

    A script run is requested by a ``BackMsg.rerun_script`` (sent by the browser on load and on
    every widget or component value change) and ends with a ``ForwardMsg.script_finished``.
    """

    frames: list[Frame] = field(default_factory=list)

    def attach(self, page) -> StreamRecorder:
        page.on("websocket", self._on_websocket)
        return self

    def _on_websocket(self, ws) -> None:
        if "_stcore/stream" in ws.url:
            ws.on("framesent", lambda payload: self._frame("sent", payload))
            ws.on("framereceived", lambda payload: self._frame("received", payload))

    def _frame(self, direction: str, payload) -> None:
        t = time.perf_counter()
        data = payload if isinstance(payload, bytes) else payload.encode()
        message = BackMsg() if direction == "sent" else ForwardMsg()
        try:
            message.ParseFromString(data)
            kind = message.WhichOneof("type") or "?"
        except Exception:
            self.frames.append(Frame(t, direction, "undecodable", len(data)))
            return
        map_args = None
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if (
                element.WhichOneof("type") == "component_instance"
                and element.component_instance.component_name == "streamlit_folium.st_folium"
            ):
                map_args = len(element.component_instance.json_args.encode())
        self.frames.append(Frame(t, direction, kind, len(data), map_args))

    def mark(self) -> int:
        return len(self.frames)

    def since(self, mark: int) -> list[Frame]:
        return self.frames[mark:]

    def rerun_requests(self, mark: int = 0) -> int:
        return sum(f.direction == "sent" and f.kind == "rerun_script" for f in self.since(mark))

    def runs_finished(self, mark: int = 0) -> int:
        return sum(f.direction == "received" and f.kind == "script_finished" for f in self.since(mark))

    def map_payloads(self, mark: int = 0) -> list[int]:
        return [f.map_args for f in self.since(mark) if f.map_args is not None]

    def received_bytes(self, mark: int = 0) -> int:
        return sum(f.size for f in self.since(mark) if f.direction == "received")

    def rerun_seconds(self, mark: int = 0) -> float | None:
        """From the first rerun request after ``mark`` to the next finished script run."""
        start = next(
            (f.t for f in self.since(mark) if f.direction == "sent" and f.kind == "rerun_script"), None
        )
        if start is None:
            return None
        end = next(
            (
                f.t
                for f in self.since(mark)
                if f.direction == "received" and f.kind == "script_finished" and f.t >= start
            ),
            None,
        )
        return None if end is None else end - start


def wait_idle(
    page, recorder: StreamRecorder, *, mark: int = 0, quiet: float = 0.3, timeout: float = 60.0
) -> None:
    """Until a script run after ``mark`` has finished and no frame arrived for ``quiet`` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        page.wait_for_timeout(50)
        if (
            recorder.runs_finished(mark) >= 1
            and recorder.frames
            and time.perf_counter() - recorder.frames[-1].t >= quiet
        ):
            return
    raise TimeoutError("the script run did not finish")


# --- the browser ------------------------------------------------------------------------------


class Visit:
    """A fresh context and page (empty cache), offline, with a websocket recorder and the
    responses it received (for the bytes of shared assets)."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.page = self.context.new_page()
        self.external: list[str] = []
        self.errors: list[str] = []
        self.responses = []
        self.page.route(NOT_LOCAL, self._block)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("response", lambda response: self.responses.append(response))
        self.recorder = StreamRecorder().attach(self.page)

    def _block(self, route) -> None:
        self.external.append(route.request.url)
        route.abort()

    def asset_bytes(self, pattern: str) -> dict[str, int]:
        """Body sizes of the responses whose URL matches ``pattern`` (e.g. the vendored files)."""
        sizes = {}
        for response in self.responses:
            if re.search(pattern, response.url) and response.ok:
                try:
                    sizes[response.url] = len(response.body())
                except Exception:
                    continue
        return sizes

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: Polled on every animation frame in the top page; returns performance.now() once the map in the
#: st_folium iframe shows what ``want`` says (the iframe is same-origin: allow-same-origin).
MAP_READY_JS = """
(want) => {
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  if (!frame || frame.getBoundingClientRect().height <= 0) return false;
  const doc = frame.contentDocument;
  if (!doc) return false;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const markers = doc.querySelectorAll(want.marker);
  if (want.count !== null && markers.length !== want.count) return false;
  if (markers.length === 0 || !shown(markers[markers.length - 1])) return false;
  if (want.absent && doc.querySelector(want.absent)) return false;
  if (want.cluster) {
    const cluster = doc.querySelector(want.cluster);
    if (!cluster || !shown(cluster)) return false;
  }
  return performance.now();
}
"""


def wait_map(
    page,
    *,
    count: int | None,
    marker: str = ".hotspot-marker",
    absent: str | None = None,
    cluster: str | None = None,
    timeout: float = 60.0,
) -> float:
    """Wait for the map to show ``count`` markers (and a cluster, and no ``absent`` element);
    returns the page's ``performance.now()`` (ms since navigation start) at that frame."""
    handle = page.wait_for_function(
        MAP_READY_JS,
        arg={"marker": marker, "count": count, "absent": absent, "cluster": cluster},
        polling="raf",
        timeout=timeout * 1000,
    )
    return float(handle.json_value())


def install_click_clock(page) -> None:
    """Record ``performance.now()`` at the next pointerdown anywhere in the page."""
    page.evaluate("""() => {
      window.__benchClick = null;
      document.addEventListener('pointerdown', () => {
        if (window.__benchClick === null) window.__benchClick = performance.now();
      }, {capture: true});
    }""")


def click_time(page) -> float:
    value = page.evaluate("() => window.__benchClick")
    if value is None:
        raise RuntimeError("the click was not seen by the page")
    return float(value)
