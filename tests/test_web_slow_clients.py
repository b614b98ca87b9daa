"""Slow and stalled clients against the real server (``twitch-guide serve``, gevent workers).

Bounded by construction: loopback only, a fixed number of sockets, a timeout on every socket,
every wait with a deadline, and the server (a subprocess) stopped at the end.  The server runs
with short bounds (headers within 2 s, body within 2.5 s) so the test ends in a few seconds.
"""

from __future__ import annotations

import contextlib
import http.client
import select
import socket
import time
from collections.abc import Iterator

import pytest

from tests.test_web import valid_request
from tests.test_web_gunicorn import Server, running_server

pytestmark = pytest.mark.slow

KEEPALIVE = 2  # seconds for the request line and headers
BODY_TIMEOUT = 2.5  # seconds for the body
STALLED_BODIES = 64  # headers and part of the body sent, then nothing
STALLED_HEADERS = 16  # part of the headers sent, then nothing (half of them: nothing at all)
SLACK = 1.5  # seconds allowed past a bound (the server checks, writes and closes)
SOCKET_TIMEOUT = 5.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    flags = ("--keepalive", str(KEEPALIVE), "--body-timeout", str(BODY_TIMEOUT))
    with running_server(tmp_path_factory.mktemp("slow-clients"), *flags) as running:
        yield running


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT)
    sock.settimeout(SOCKET_TIMEOUT)
    return sock


def _stall_in_body(port: int) -> socket.socket:
    sock = _connect(port)
    sock.sendall(
        b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 4000\r\n\r\n" + b'{"version": "1.0", '
    )
    return sock


def _stall_in_headers(port: int, silent: bool) -> socket.socket:
    sock = _connect(port)
    if not silent:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
    return sock


def _timed_health(port: int) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
    try:
        conn.request("GET", "/health")
        response = conn.getresponse()
        response.read()
        assert response.status == 200
    finally:
        conn.close()
    return time.perf_counter() - start


def _timed_signed_post(port: int) -> float:
    body, headers = valid_request()
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
    try:
        conn.request("POST", "/", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        assert response.status == 200
    finally:
        conn.close()
    return time.perf_counter() - start


def _still_open(sock: socket.socket) -> bool:
    readable, _, _ = select.select([sock], [], [], 0)
    return not readable  # the server has neither answered nor closed


def _wait_closed(
    socks: dict[socket.socket, float], deadline: float, trickle: socket.socket | None = None
) -> dict[socket.socket, tuple[float, bytes]]:
    """Read every socket until the server closes it, or ``deadline``; return, per socket, the
    time it was closed (from its own start) and what the server sent before closing.  Sends
    one body byte every 0.2 s on ``trickle`` meanwhile."""
    received: dict[socket.socket, bytes] = {sock: b"" for sock in socks}
    closed: dict[socket.socket, tuple[float, bytes]] = {}
    next_trickle = time.monotonic()
    while len(closed) < len(socks) and time.monotonic() < deadline:
        open_socks = [sock for sock in socks if sock not in closed]
        readable, _, _ = select.select(open_socks, [], [], 0.05)
        now = time.monotonic()
        for sock in readable:
            try:
                data = sock.recv(4096)
            except OSError:  # reset: closed as well
                data = b""
            if data:
                received[sock] += data
            else:
                closed[sock] = (now - socks[sock], received[sock])
        if trickle is not None and trickle not in closed and now >= next_trickle:
            with contextlib.suppress(OSError):
                trickle.send(b" ")
            next_trickle = now + 0.2
    return closed


def test_stalled_clients_block_nothing_and_are_closed_in_time(server: Server) -> None:
    port = server.port
    _timed_health(port)  # both workers up, imports done
    _timed_signed_post(port)

    started: dict[socket.socket, float] = {}
    try:
        for _ in range(STALLED_BODIES):
            sock = _stall_in_body(port)
            started[sock] = time.monotonic()
        bodies = list(started)
        for index in range(STALLED_HEADERS):
            sock = _stall_in_headers(port, silent=index % 2 == 1)
            started[sock] = time.monotonic()
        trickle = _stall_in_body(port)  # keeps sending, one byte at a time: still bounded
        started[trickle] = time.monotonic()

        # While all of them are held open: the service answers at once.
        health = [_timed_health(port) for _ in range(3)]
        signed = [_timed_signed_post(port) for _ in range(3)]
        held = sum(_still_open(sock) for sock in started)
        assert held == len(started), f"only {held} of {len(started)} still open when measured"
        assert max(health) < 1.0, health
        assert max(signed) < 1.0, signed
        print(
            f"\n{len(started)} stalled connections held: /health max {max(health) * 1000:.1f} ms,"
            f" signed POST max {max(signed) * 1000:.1f} ms"
        )

        # Then the server closes every one of them within its bound.
        deadline = time.monotonic() + BODY_TIMEOUT + SLACK + 1
        closed = _wait_closed(started, deadline, trickle=trickle)
        assert len(closed) == len(started), f"{len(started) - len(closed)} still open"
        for sock in [*bodies, trickle]:
            after, answer = closed[sock]
            assert after < BODY_TIMEOUT + SLACK, after
            assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
        for sock in set(started) - set(bodies) - {trickle}:
            after, answer = closed[sock]
            assert after < KEEPALIVE + SLACK, after
        slowest = max(after for after, _ in closed.values())
        print(f"all closed by the server, the last after {slowest:.2f} s")
    finally:
        for sock in started:
            sock.close()

    # And the service is as before.
    assert _timed_health(port) < 1.0
    assert _timed_signed_post(port) < 1.0

    # Every 408 was logged, one line each, with the reason and nothing else.
    lines = server.log.read_text().splitlines()
    reason = f"rejected: body not received in {BODY_TIMEOUT} s"
    timeouts = [line for line in lines if reason in line]
    assert len(timeouts) == STALLED_BODIES + 1
    assert not [line for line in lines if "Traceback" in line or "Error" in line]
