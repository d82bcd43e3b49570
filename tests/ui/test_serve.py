"""The server launcher: every connection Streamlit accepts has Nagle's algorithm off.

Each test serves a listening socket with asyncio exactly as uvicorn does (``create_server(sock=)``)
and reads ``TCP_NODELAY`` on the connection it accepts.
"""

from __future__ import annotations

import asyncio
import socket
import threading

from streamlit.web.server.starlette import starlette_server

from dashboard.ui import serve

STOCK_BIND = getattr(starlette_server._bind_socket, "__wrapped__", starlette_server._bind_socket)


def accepted_nodelay(listening: socket.socket) -> int:
    """``TCP_NODELAY`` (0 or 1) on the server side of one connection accepted on ``listening``."""

    async def connect_once() -> int:
        loop = asyncio.get_running_loop()
        seen: asyncio.Future[int] = loop.create_future()

        class Record(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await loop.create_server(Record, sock=listening)
        host, port = listening.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(seen, timeout=30)
        finally:
            writer.close()
            server.close()
            await server.wait_closed()

    # In a thread of its own: another test (Playwright's sync API) may hold this thread's loop.
    result: dict[str, int] = {}
    worker = threading.Thread(target=lambda: result.update(value=asyncio.run(connect_once())))
    worker.start()
    worker.join(timeout=60)
    return result["value"]


def test_stock_streamlit_leaves_nagle_on():
    """Why the launcher exists: if this fails, Streamlit has fixed it; delete the workaround."""
    listening = STOCK_BIND("127.0.0.1", 0, 8)
    assert listening.proto == 0
    assert accepted_nodelay(listening) == 0


def test_the_wrapped_bind_turns_nagle_off_on_the_same_address():
    listening = serve.with_tcp_proto(STOCK_BIND)("127.0.0.1", 0, 8)
    assert listening.proto == socket.IPPROTO_TCP
    assert listening.getsockname()[0] == "127.0.0.1"
    assert accepted_nodelay(listening) == 1


def test_a_tcp_socket_is_kept_as_it_is():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP) as sock:
        assert serve.tcp_socket(sock) is sock


def test_main_wraps_streamlit_once_then_runs_its_command_line(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", STOCK_BIND)
    calls = []
    monkeypatch.setattr("streamlit.web.cli.main", lambda **kwargs: calls.append(kwargs))
    serve.main(["run", "dashboard/app.py", "--server.port", "8123"])
    serve.main(["version"])
    assert starlette_server._bind_socket.__wrapped__ is STOCK_BIND  # wrapped once, not twice
    assert calls == [
        {"args": ["run", "dashboard/app.py", "--server.port", "8123"], "prog_name": "streamlit"},
        {"args": ["version"], "prog_name": "streamlit"},
    ]


def test_another_streamlit_is_left_alone(monkeypatch):
    monkeypatch.delattr(starlette_server, "_bind_socket")
    assert serve.fix_streamlit_sockets() is False
