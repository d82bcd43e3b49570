"""The server plumbing shared by the browser tests, the benchmark, the load test and the replicas."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading

import pytest

from dashboard.outputs.server import HOST, STOCK, free_port, healthy, streamlit_command, wait_healthy


def test_command_turns_options_into_flags_after_the_loopback_address():
    command = streamlit_command("dashboard/app.py", 8123, ["runner.postScriptGC=false", "a.b=x=y"])
    assert command[:5] == [sys.executable, "-m", "dashboard.ui.serve", "run", "dashboard/app.py"]
    assert command[command.index("--server.port") + 1] == "8123"
    assert command[command.index("--server.address") + 1] == HOST == "127.0.0.1"
    assert command[-4:] == ["--runner.postScriptGC", "false", "--a.b", "x=y"]
    stock = streamlit_command("dashboard/app.py", 8123, launcher=STOCK)
    assert stock[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert stock[4:] == command[4:-4]


def test_free_port_can_be_bound():
    port = free_port()
    with socket.socket() as sock:
        sock.bind((HOST, port))


class _Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/_stcore/health" else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_healthy_reads_the_health_endpoint():
    server = http.server.HTTPServer((HOST, 0), _Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://{HOST}:{server.server_address[1]}"
        assert healthy(url)
        wait_healthy(url, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert not healthy(url)


def test_wait_healthy_stops_when_the_process_has_ended():
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    with pytest.raises(RuntimeError, match="exited with 3"):
        wait_healthy(f"http://{HOST}:{free_port()}", process=process, timeout=30)
