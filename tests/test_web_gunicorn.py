"""The web service in a real gunicorn process on 127.0.0.1, plus a bounded load test.

The server is ``twitch-guide serve`` with its default settings (gunicorn, 2 gevent workers),
started through ``tests.web_server`` so that it serves ``tests.web_support:create_test_app()``:
the production ``create_app`` and skill, with the test CA as the only trusted root and the chains
read from files (no network).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.test_web import FAILURES, valid_request
from tests.web_support import (
    CERT_BASE,
    CERT_SERVER_ENV,
    CertServer,
    body_of,
    launch_envelope,
    signed_headers,
    write_pki,
)

ROOT = Path(__file__).resolve().parents[1]
LOAD_REQUESTS = 2000
LOAD_CONCURRENCY = 16
LOAD_DEADLINE_SECONDS = 120.0
CERT_MISSING = CERT_BASE + "missing.pem"

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


@contextmanager
def running_server(
    directory: Path, *flags: str, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """``twitch-guide serve --port PORT *flags`` serving the test app (``tests.web_server``);
    stopped on exit.  ``directory`` gets the test CA's files and the server's log."""
    port = free_port()
    log = directory / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.web_server", "--port", str(port), *flags],
            cwd=ROOT,
            env=server_env({**write_pki(directory), **(env or {})}),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_healthy(port, process, log)
        yield Server(port, log)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("web-pki")) as running:
        yield running


def test_gunicorn_runs_gevent_workers(server: Server) -> None:
    text = server.log.read_text()
    assert "Using worker: gevent" in text
    assert text.count("Booting worker") == 2
    assert "MonkeyPatchWarning" not in text


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
        "worker_class": "gevent",
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


def test_certificate_fetch_over_tls_in_a_gevent_worker(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """gevent patches socket and ssl in each worker: the verifier's https fetch (urllib, ssl,
    certifi-style trust store) and cryptography still work there, and a failed fetch is
    remembered rather than repeated.  Chains come from a local https server that counts."""
    directory = tmp_path_factory.mktemp("web-tls")
    with CertServer(directory, tls=True) as certs:
        env = {CERT_SERVER_ENV: certs.base}
        with running_server(directory, env=env) as server:
            body = body_of(launch_envelope())
            forged = signed_headers(body, cert_url=CERT_MISSING)
            for _ in range(6):
                assert server.post(*valid_request())[0] == 200
                assert server.post(body, forged)[0] == 400
            log = server.log.read_text()
    # At most one fetch per worker and URL: the good chain is cached, the failure remembered.
    assert 1 <= certs.paths.count("/echo.api/good.pem") <= 2, certs.paths
    assert 1 <= certs.paths.count("/echo.api/missing.pem") <= 2, certs.paths
    assert "could not be fetched: HTTP Error 404" in log
    assert "not fetched again" in log
    assert "MonkeyPatchWarning" not in log and "Traceback" not in log


def test_locked_sqlite_file_does_not_stop_the_worker(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """With visits in SQLite, a request waiting for the database file (locked here by the test,
    as a second worker or a slow disk would) must not stop the other connections of its
    worker: one worker, so /health is served by the same process."""
    directory = tmp_path_factory.mktemp("web-sqlite")
    database = directory / "visits.sqlite3"
    env = {"TWITCH_GUIDE_DB": str(database)}
    with running_server(directory, "--workers", "1", env=env) as server:
        assert server.post(*valid_request())[0] == 200  # creates the table
        outcome: list[int] = []
        lock = sqlite3.connect(database, timeout=1, isolation_level=None)
        try:
            lock.execute("BEGIN EXCLUSIVE")
            waiting = threading.Thread(
                target=lambda: outcome.append(server.post(*valid_request())[0])
            )
            waiting.start()
            time.sleep(0.3)  # the launch request is now waiting for the lock
            assert waiting.is_alive()
            start = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            conn.request("GET", "/health")
            assert conn.getresponse().status == 200
            conn.close()
            health = time.perf_counter() - start
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        waiting.join(timeout=15)
        log = server.log.read_text()
    assert health < 0.5, health
    assert outcome == [200]  # the skill answers even when the store cannot be reached
    assert "Traceback" not in log, log[-3000:]
