"""``twitch-guide serve``: flags and environment, the --no-verify guard, real gunicorn runs."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from skill.web import serve
from tests.test_web_gunicorn import free_port, server_env, stop
from tests.web_support import SKILL_ID, body_of, launch_envelope

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("bind", "loopback"),
    [
        ("127.0.0.1:8080", True),
        ("127.8.9.10:1", True),
        ("localhost:8080", True),
        ("[::1]:8080", True),
        ("0.0.0.0:8080", False),
        ("[::]:8080", False),
        ("192.168.1.20:8080", False),
        ("example.com:8080", False),
        ("unix:/tmp/skill.sock", False),
        ("127.0.0.1", False),
    ],
)
def test_is_loopback(bind: str, loopback: bool) -> None:
    assert serve.is_loopback(bind) is loopback


def test_no_verify_refused_on_public_bind(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve.main(["serve", "--no-verify", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "WARNING" in err and "verification is OFF" in err
    assert "refusing --no-verify" in err


def test_no_verify_refused_on_public_bind_from_env(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BIND", "0.0.0.0:9000")
    assert serve.main(["serve", "--no-verify"]) == 2
    assert "refusing --no-verify on non-loopback address '0.0.0.0:9000'" in capsys.readouterr().err


def test_serve_requires_skill_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SKILL_ID", raising=False)
    assert serve.main(["serve"]) == 2
    assert "SKILL_ID" in capsys.readouterr().err


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "PORT": "9123",
        "WEB_CONCURRENCY": "3",
        "WORKER_CONNECTIONS": "50",
        "GUNICORN_KEEPALIVE": "3",
        "BODY_TIMEOUT": "2.5",
        "HOST": "0.0.0.0",
    }.items():
        monkeypatch.setenv(name, value)
    args = serve.build_parser().parse_args([])
    assert (args.port, args.workers, args.connections, args.host) == (9123, 3, 50, "0.0.0.0")
    assert (args.keepalive, args.body_timeout) == (3, 2.5)
    args = serve.build_parser().parse_args(
        ["--port", "1", "--workers", "2", "--connections", "4", "--body-timeout", "1"]
    )
    assert (args.port, args.workers, args.connections, args.body_timeout) == (1, 2, 4, 1.0)
    options = serve.gunicorn_options(args, "127.0.0.1:1")
    assert options["worker_class"] == "gevent"
    assert (options["worker_connections"], options["keepalive"]) == (4, 3)


@pytest.mark.parametrize(
    "flags",
    [
        ["--workers", "0"],
        ["--connections", "0"],
        ["--keepalive", "0"],
        ["--body-timeout", "0"],
        ["--body-timeout", "inf"],
        ["--body-timeout", "nan"],
    ],
)
def test_serve_refuses_settings_without_a_bound(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, flags: list[str]
) -> None:
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    assert serve.main(["serve", *flags]) == 2
    assert "must be" in capsys.readouterr().err


def test_cli_dispatches_serve(capsys: pytest.CaptureFixture[str]) -> None:
    from skill.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0
    assert "--no-verify" in capsys.readouterr().out


@contextmanager
def serving(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "skill.cli", "serve", *args],
            cwd=ROOT,
            env=server_env(env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        stop(process)


def request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None
    finally:
        conn.close()


def wait_health(port: int, process: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            status, payload = request(port, "GET", "/health")
            if status == 200:
                return payload
        except OSError:
            time.sleep(0.1)
    raise AssertionError(log.read_text())


@pytest.mark.slow
def test_serve_under_gunicorn_from_environment(tmp_path: Path) -> None:
    port = free_port()
    env = {"SKILL_ID": SKILL_ID, "PORT": str(port), "WEB_CONCURRENCY": "2"}
    log = tmp_path / "serve.log"
    with serving([], env, log) as process:
        assert wait_health(port, process, log) == {"status": "ok", "verification": True}
        status, payload = request(port, "POST", "/", body_of(launch_envelope()))
        assert status == 400 and payload == {"error": "bad request", "status": 400}
        assert request(port, "GET", "/")[0] == 405
    assert process.returncode == 0, log.read_text()
    text = log.read_text()
    assert "Using worker: gevent" in text
    assert text.count("Booting worker") == 2
    assert "Alexa request rejected: missing SignatureCertChainUrl header" in text


@pytest.mark.slow
@pytest.mark.parametrize("dev", [False, True], ids=["gunicorn", "dev-server"])
def test_serve_no_verify_on_loopback(tmp_path: Path, dev: bool) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {k: "" for k in ("SKILL_ID", "BIND", "HOST")}
    args = ["--no-verify", "--port", str(port), "--path", "/alexa", *(["--dev"] if dev else [])]
    with serving(args, env, log) as process:
        assert wait_health(port, process, log) == {"status": "ok", "verification": False}
        status, payload = request(port, "POST", "/alexa", body_of(launch_envelope()))
        assert status == 200, log.read_text()
        assert payload["response"]["outputSpeech"]["ssml"]
    assert "verification is OFF" in log.read_text()
