"""The web service in a real gunicorn process on 127.0.0.1, plus a bounded load test.

gunicorn loads ``tests.web_support:create_test_app()``: the production ``create_app`` and skill,
with the test CA as the only trusted root and the chains read from files (no network).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.test_web import FAILURES, valid_request
from tests.web_support import body_of, launch_envelope, signed_headers, write_pki

ROOT = Path(__file__).resolve().parents[1]
LOAD_REQUESTS = 2000
LOAD_CONCURRENCY = 16
LOAD_DEADLINE_SECONDS = 120.0

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"TABLE_NAME", "TWITCH_GUIDE_DB"}}
    env.update(extra)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def wait_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited {process.returncode}:\n{log.read_text()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server not healthy after 30 s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Server:
    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.log = log

    def post(
        self, body: bytes, headers: dict[str, str], path: str = "/"
    ) -> tuple[int, dict[str, Any]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, json.loads(data) if data else {}
        finally:
            conn.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("web-pki")
    env = server_env(write_pki(directory))
    port = free_port()
    log = directory / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--threads",
                "8",
                "--worker-class",
                "gthread",
                "--no-control-socket",
                "tests.web_support:create_test_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(port, process, log)
        yield Server(port, log)
    finally:
        stop(process)


def test_gunicorn_valid_request(server: Server) -> None:
    status, payload = server.post(*valid_request())
    assert status == 200
    assert payload["response"]["outputSpeech"]["ssml"]


@pytest.mark.parametrize("case", list(FAILURES))
def test_gunicorn_failure_is_400(server: Server, case: str) -> None:
    make, _ = FAILURES[case]
    status, payload = server.post(*make())
    assert status == 400
    assert payload == {"error": "bad request", "status": 400}


def test_gunicorn_health_and_405(server: Server) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/health")
    response = conn.getresponse()
    assert response.status == 200
    assert json.loads(response.read()) == {"status": "ok", "verification": True}
    conn.request("GET", "/")
    response = conn.getresponse()
    assert response.status == 405
    response.read()
    conn.close()


def test_gunicorn_oversized_body_is_413(server: Server) -> None:
    envelope = launch_envelope()
    envelope["padding"] = "x" * (256 * 1024)
    body = body_of(envelope)
    status, _ = server.post(body, signed_headers(body))
    assert status == 413


def test_gunicorn_oversized_chunked_body_is_413(server: Server) -> None:
    body = b"{" + b" " * (300 * 1024) + b"}"
    chunks = [body[i : i + 16 * 1024] for i in range(0, len(body), 16 * 1024)]
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(
            "POST", "/", body=iter(chunks), headers=signed_headers(body), encode_chunked=True
        )
        response = conn.getresponse()
        assert response.status == 413
    finally:
        conn.close()


def test_gunicorn_chunked_valid_request(server: Server) -> None:
    body, headers = valid_request()
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request(
            "POST", "/", body=iter([body[:100], body[100:]]), headers=headers, encode_chunked=True
        )
        response = conn.getresponse()
        assert response.status == 200, response.read()
    finally:
        conn.close()


def test_gunicorn_load(server: Server) -> None:
    """2,000 signed requests at concurrency 16 over keep-alive: zero errors, all 200."""
    requests = [valid_request() for _ in range(LOAD_REQUESTS)]
    deadline = time.monotonic() + LOAD_DEADLINE_SECONDS
    local = threading.local()
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def send(request: tuple[bytes, dict[str, str]]) -> float:
        if time.monotonic() > deadline:
            raise TimeoutError("load test deadline passed")
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        start = time.perf_counter()
        try:
            conn.request("POST", "/", body=request[0], headers=request[1])
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                local.conn = None
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            local.conn = None
            with lock:
                errors.append(repr(exc))
            return time.perf_counter() - start
        elapsed = time.perf_counter() - start
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
        return elapsed

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=LOAD_CONCURRENCY) as pool:
        latencies = list(pool.map(send, requests))
    wall = time.perf_counter() - started

    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000
    figures = {
        "requests": LOAD_REQUESTS,
        "concurrency": LOAD_CONCURRENCY,
        "workers": 2,
        "threads": 8,
        "seconds": round(wall, 2),
        "req_per_s": round(LOAD_REQUESTS / wall, 1),
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "statuses": statuses,
        "errors": len(errors),
    }
    print("\nweb load test:", json.dumps(figures))
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "web-load.json").write_text(json.dumps(figures, indent=2) + "\n")
    assert errors == []
    assert statuses == {200: LOAD_REQUESTS}
