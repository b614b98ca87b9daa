"""``twitch-guide serve``: run the skill web service under gunicorn (or Flask's dev server).

gunicorn runs gevent workers: each connection is a greenlet, so clients that connect and then
send slowly or not at all hold no worker and no thread, and /health and every other request are
answered meanwhile.  Their time is bounded: the request line and headers must arrive within
``--keepalive`` seconds (gunicorn's keep-alive timeout, which under gevent covers a whole
header read), the body within ``--body-timeout`` (``skill.web.guard.BufferedBody``); then the
connection is closed.

Settings come from flags, else environment variables, else defaults:

    --bind ADDR          BIND                 host:port (overrides --host/--port)
    --host HOST          HOST                 127.0.0.1 (put a TLS reverse proxy in front)
    --port PORT          PORT                 8080
    --workers N          WEB_CONCURRENCY      2
    --connections N      WORKER_CONNECTIONS   1000 per worker
    --keepalive S        GUNICORN_KEEPALIVE   2 (whole seconds, at least 1)
    --body-timeout S     BODY_TIMEOUT         10
    --timeout S          GUNICORN_TIMEOUT     30
    --path PATH          SKILL_PATH           /
    SKILL_ID (required unless --no-verify); persistence as in ``skill.app.default_persistence``.

``--dev`` uses Flask's development server. ``--no-verify`` turns request verification off for
local experiments: it prints a warning and is refused unless the bind address is loopback.
"""

from __future__ import annotations

import argparse
import ipaddress
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

NO_VERIFY_WARNING = """\
************************************************************************
* WARNING: --no-verify: Alexa request verification is OFF.             *
* Anyone who can reach this server can invoke the skill. Use it only   *
* for local experiments, never behind a public endpoint.               *
************************************************************************"""


#: ``make_app(path=..., verify=..., body_timeout=...)``: builds the app in each worker.
AppFactory = Callable[..., "Flask"]


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


def build_parser() -> argparse.ArgumentParser:
    env = os.environ.get
    parser = argparse.ArgumentParser(
        prog="twitch-guide serve",
        description="Serve the skill over HTTP (gunicorn). Terminate TLS in front of it.",
    )
    parser.add_argument("--bind", default=env("BIND") or None, help="host:port ($BIND)")
    parser.add_argument("--host", default=env("HOST") or "127.0.0.1", help="($HOST)")
    parser.add_argument("--port", type=int, default=_env_int("PORT", 8080), help="($PORT)")
    parser.add_argument(
        "--workers", type=int, default=_env_int("WEB_CONCURRENCY", 2), help="($WEB_CONCURRENCY)"
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=_env_int("WORKER_CONNECTIONS", 1000),
        help="simultaneous connections per worker ($WORKER_CONNECTIONS)",
    )
    parser.add_argument(
        "--keepalive",
        type=int,
        default=_env_int("GUNICORN_KEEPALIVE", 2),
        help="seconds for the request line and headers to arrive, on a new or a kept-alive "
        "connection ($GUNICORN_KEEPALIVE)",
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=_env_float("BODY_TIMEOUT", 10.0),
        help="seconds for a request's body to arrive once its headers are in ($BODY_TIMEOUT)",
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=_env_int("GUNICORN_TIMEOUT", 30),
        help="seconds before a worker that stops responding is restarted ($GUNICORN_TIMEOUT)",
    )
    parser.add_argument("--path", default=env("SKILL_PATH") or "/", help="skill URL path")
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument("--dev", action="store_true", help="Flask development server")
    parser.add_argument(
        "--no-verify",
        action="store_true",
        help="DANGER: no request verification (loopback only, local experiments)",
    )
    return parser


def split_bind(bind: str) -> tuple[str, int]:
    """``"127.0.0.1:8080"`` / ``"[::1]:8080"`` -> (host, port)."""
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ValueError(f"bind address must be host:port, got {bind!r}")
    return host.strip("[]"), int(port)


def is_loopback(bind: str) -> bool:
    if bind.startswith(("unix:", "fd://")):
        return False
    try:
        host, _ = split_bind(bind)
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: Sequence[str], make_app: AppFactory | None = None) -> int:
    """``twitch-guide serve`` with ``argv = ["serve", *flags]``. ``make_app`` replaces
    ``skill.web.create_app`` (the tests serve their own certificate authority this way)."""
    args = build_parser().parse_args(list(argv[1:]))
    bind = args.bind or f"{args.host}:{args.port}"
    verify = not args.no_verify
    if not verify:
        print(NO_VERIFY_WARNING, file=sys.stderr)
        if not is_loopback(bind):
            print(
                f"twitch-guide serve: refusing --no-verify on non-loopback address {bind!r}",
                file=sys.stderr,
            )
            return 2
    elif not os.environ.get("SKILL_ID"):
        print("twitch-guide serve: set SKILL_ID (your skill's application id)", file=sys.stderr)
        return 2
    if args.workers < 1 or args.connections < 1 or args.keepalive < 1:
        print(
            "twitch-guide serve: --workers, --connections and --keepalive must be >= 1",
            file=sys.stderr,
        )
        return 2
    if not (math.isfinite(args.body_timeout) and args.body_timeout > 0):
        print("twitch-guide serve: --body-timeout must be a number > 0", file=sys.stderr)
        return 2

    factory = make_app if make_app is not None else _create_app
    settings = {"path": args.path, "verify": verify, "body_timeout": args.body_timeout}
    if args.dev:
        host, port = split_bind(bind)
        factory(**settings).run(host=host, port=port, threaded=True)
        return 0
    return _run_gunicorn(gunicorn_options(args, bind), lambda: factory(**settings))


def gunicorn_options(args: argparse.Namespace, bind: str) -> dict[str, Any]:
    return {
        "bind": [bind],
        "workers": args.workers,
        # Not gthread: there a client that sends part of a request and stops holds a thread
        # until it goes away, and a handful of them (workers x threads) stop the service.
        "worker_class": "gevent",
        "worker_connections": args.connections,
        # Under gevent this bounds the whole wait for a request line and headers (gunicorn
        # wraps it in a gevent timeout); 0 would switch that timeout off.
        "keepalive": args.keepalive,
        "timeout": args.timeout,
        "accesslog": "-" if args.access_log else None,
        "errorlog": "-",
        # gunicorn >= 24 opens a management socket under ~/.gunicorn by default: not needed.
        "control_socket_disable": True,
    }


def _create_app(**settings: Any) -> Flask:
    from skill.web import create_app

    return create_app(**settings)


def _run_gunicorn(options: dict[str, Any], load_app: Callable[[], Flask]) -> int:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if value is not None and key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self) -> Flask:
            # Runs in each worker, after gevent has patched the standard library there, so
            # nothing (a database handle, a lock) is shared across fork or made unpatched.
            return load_app()

    try:
        Server().run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
