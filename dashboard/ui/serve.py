"""Start the dashboard's Streamlit server: ``python -m dashboard.ui.serve run dashboard/app.py …``.

The same command line as ``python -m streamlit`` (``make run``, the browser tests, the benchmark,
the load test and ``scripts/replicas.py`` all start the app this way), with one fix to the server:
**every accepted connection has Nagle's algorithm off** (``TCP_NODELAY``).

Why: Streamlit 1.67 binds its listening socket as ``socket.socket(family)``, whose ``proto`` is 0,
and asyncio switches Nagle off only for sockets whose ``proto`` is ``IPPROTO_TCP``
(``asyncio.base_events._set_nodelay``). A response is written in two parts, headers then body,
so on a kept-alive connection the body waits for the browser's delayed ACK of the headers: about
40 ms per request. A first visit fetches over a hundred script files over six connections, and
every websocket message sent right after another waits the same way. The fix rebinds the listening
socket's file descriptor as an ``IPPROTO_TCP`` socket object; nothing else changes.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Sequence

BindSocket = Callable[[str, int, int], socket.socket]


def tcp_socket(sock: socket.socket) -> socket.socket:
    """The same listening socket (same file descriptor, options and address) as a socket object
    whose ``proto`` is ``IPPROTO_TCP``, so that asyncio sets ``TCP_NODELAY`` on each connection
    it accepts (accepted sockets inherit ``family``, ``type`` and ``proto`` from this object)."""
    if sock.proto == socket.IPPROTO_TCP:
        return sock
    return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


def with_tcp_proto(bind: BindSocket) -> BindSocket:
    """``bind`` (Streamlit's ``_bind_socket(address, port, backlog)``), returning :func:`tcp_socket`."""

    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        return tcp_socket(bind(address, port, backlog))

    bind_tcp.__wrapped__ = bind  # type: ignore[attr-defined]
    return bind_tcp


def fix_streamlit_sockets() -> bool:
    """Make Streamlit's server bind through :func:`with_tcp_proto`; ``False`` (and nothing
    changed) if this Streamlit has no ``_bind_socket`` to wrap (e.g. another server back end)."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if bind is None:
        return False
    if not hasattr(bind, "__wrapped__"):
        starlette_server._bind_socket = with_tcp_proto(bind)
    return True


def main(argv: Sequence[str] | None = None) -> None:
    """``streamlit`` with ``argv`` (default: this process's arguments), after the fix."""
    fix_streamlit_sockets()
    from streamlit.web import cli

    cli.main(args=list(sys.argv[1:] if argv is None else argv), prog_name="streamlit")


if __name__ == "__main__":
    main()
