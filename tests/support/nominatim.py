"""A local server that speaks Nominatim's /search JSON, an HTTP adapter that turns its
"timed out" answers into geopy timeouts (no real waiting), and a fake clock."""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from geopy import exc as geopy_exc
from geopy.adapters import RequestsAdapter

from dashboard.geocoding import NominatimGeocoder

#: The stub sets this header on a reply that stands for a timeout.
TIMEOUT_HEADER = "X-Stub-Timeout"


@dataclass
class StubReply:
    status: int = 200
    body: object = field(default_factory=list)  # JSON-serialisable, or bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)
    #: Answer as if the request had timed out (see :class:`StubAdapter`): no real wait.
    timeout: bool = False


@dataclass
class NominatimStub:
    """Replies with ``reply(query)``; records every request's query string."""

    port: int
    requests: list[dict[str, list[str]]]
    user_agents: list[str]
    reply: Callable[[str], StubReply]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def nominatim_place(
    name: str,
    lat: float,
    lon: float,
    *,
    country_code: str = "ht",
    addresstype: str = "suburb",
    osm_id: int = 1234,
) -> dict:
    """One result as Nominatim's /search?format=json&addressdetails=1 returns it."""
    return {
        "place_id": 1,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "node",
        "osm_id": osm_id,
        "lat": str(lat),
        "lon": str(lon),
        "class": "place",
        "type": addresstype,
        "addresstype": addresstype,
        "display_name": name,
        "boundingbox": [str(lat - 0.01), str(lat + 0.01), str(lon - 0.01), str(lon + 0.01)],
        "address": {
            "country": "Haïti" if country_code == "ht" else "Elsewhere",
            "country_code": country_code,
        },
    }


@contextlib.contextmanager
def nominatim_server() -> Iterator[NominatimStub]:
    """A local server answering Nominatim's /search with ``stub.reply(query)``."""
    logging.getLogger("geopy").setLevel(logging.CRITICAL)
    stub = NominatimStub(port=0, requests=[], user_agents=[], reply=lambda q: StubReply())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            query = parse_qs(parsed.query)
            stub.requests.append({"path": [parsed.path], **query})
            stub.user_agents.append(self.headers.get("User-Agent", ""))
            reply = stub.reply(query.get("q", [""])[0])
            headers = {**reply.headers, **({TIMEOUT_HEADER: "1"} if reply.timeout else {})}
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address) -> None:
            pass

    server = Server(("127.0.0.1", 0), Handler)
    stub.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()


class StubAdapter(RequestsAdapter):
    """geopy's requests adapter (no urllib3 retries) that raises geopy's timeout when the
    stub's reply stands for one: the timeout path, deterministically and at once."""

    def __init__(self, **kwargs):
        super().__init__(max_retries=0, **kwargs)

    def _request(self, url, *, timeout, headers):
        reply = super()._request(url, timeout=timeout, headers=headers)
        if reply.headers.get(TIMEOUT_HEADER):
            raise geopy_exc.GeocoderTimedOut("Service timed out")
        return reply


class FakeTime:
    """A clock that only moves when code sleeps: tests never really wait. Thread-safe; each
    thread's last reading is kept (``last_read()``), i.e. when it was granted its slot."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    def clock(self) -> float:
        with self._lock:
            self._local.last = self.now
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds

    def last_read(self) -> float:
        return self._local.last


def stub_geocoder(url: str, fake_time: FakeTime, **options) -> NominatimGeocoder:
    """A geocoder for ``url`` with the fake clock and the stub adapter (timeouts at once)."""
    scheme, _, domain = url.partition("://")
    return NominatimGeocoder(
        scheme=scheme,
        domain=domain,
        clock=fake_time.clock,
        sleep=fake_time.sleep,
        adapter_factory=StubAdapter,
        **options,
    )
