"""Shared fixtures: a scratch copy of the data, a local Nominatim-compatible server."""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.paths import BUNDLED_DATA_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(BUNDLED_DATA_DIR, target)
    return target


# --- a local server that speaks Nominatim's /search JSON ------------------------------------


@dataclass
class StubReply:
    status: int = 200
    body: object = field(default_factory=list)  # JSON-serialisable, or bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


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


def nominatim_place(name: str, lat: float, lon: float, *, country_code: str = "ht",
                    addresstype: str = "suburb", osm_id: int = 1234) -> dict:
    """One result as Nominatim's /search?format=json&addressdetails=1 returns it."""
    return {
        "place_id": 1, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "node", "osm_id": osm_id, "lat": str(lat), "lon": str(lon),
        "class": "place", "type": addresstype, "addresstype": addresstype,
        "display_name": name, "boundingbox": [str(lat - 0.01), str(lat + 0.01),
                                              str(lon - 0.01), str(lon + 0.01)],
        "address": {"country": "Haïti" if country_code == "ht" else "Elsewhere",
                    "country_code": country_code},
    }


@pytest.fixture
def nominatim_stub() -> Iterator[NominatimStub]:
    logging.getLogger("geopy").setLevel(logging.CRITICAL)
    import time

    stub = NominatimStub(port=0, requests=[], user_agents=[], reply=lambda q: StubReply())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            query = parse_qs(parsed.query)
            stub.requests.append({"path": [parsed.path], **query})
            stub.user_agents.append(self.headers.get("User-Agent", ""))
            reply = stub.reply(query.get("q", [""])[0])
            if reply.delay:
                time.sleep(reply.delay)
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                for key, value in reply.headers.items():
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
