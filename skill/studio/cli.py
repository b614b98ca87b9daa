"""``twitch-guide studio``: the Test page on http://127.0.0.1:8800/, opened in the browser.

Options: ``--port N`` (default 8800; 0 picks a free one), ``--locale L``, ``--device D``,
``--no-browser``, and the visit store of ``twitch-guide chat`` (``--db PATH``, ``--no-store``).
The server listens on 127.0.0.1. ``--host H`` with any address that is not loopback also needs
``--allow-remote`` and prints a warning: whoever reaches the page can talk to the skill as the
simulated user (no request envelope is ever taken from outside; see
:mod:`skill.studio.server`).
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import sys
import threading
import webbrowser
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from skill.content import LOCALES
from skill.simulator.cli import add_user_arguments, build_handler, db_path
from skill.simulator.devices import DEFAULT_DEVICE, DEVICES
from skill.simulator.envelopes import DEFAULT_USER_ID

if TYPE_CHECKING:
    from werkzeug.serving import BaseWSGIServer

__all__ = ["DEFAULT_PORT", "main", "make_server"]

DEFAULT_PORT = 8800
DEFAULT_HOST = "127.0.0.1"
REMOTE_WARNING = """\
************************************************************************
* WARNING: the studio is listening on {host}, not on loopback.
* Anyone who can reach it can talk to the skill as the simulated user
* and read the conversation. Use it only on a network you trust.
************************************************************************"""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twitch-guide studio",
        description="The Alexa developer console's Test tab, offline, in the browser.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT} (0: any free port)"
    )
    parser.add_argument("--locale", default="en-US", choices=LOCALES, help="default en-US")
    parser.add_argument(
        "--device",
        default=DEFAULT_DEVICE,
        choices=DEVICES,
        help=f"the device profile to start with (default {DEFAULT_DEVICE}; the page can switch)",
    )
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"default {DEFAULT_HOST}")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="needed for a --host that is not loopback (prints a warning)",
    )
    add_user_arguments(parser)
    return parser


def make_server(
    host: str,
    port: int,
    *,
    db: str | None,
    locale: str = "en-US",
    device: str = DEFAULT_DEVICE,
    user_id: str = DEFAULT_USER_ID,
) -> BaseWSGIServer:
    """A threaded server for the studio on ``host:port`` (bound, not yet serving)."""
    from werkzeug.serving import make_server as werkzeug_server

    from skill.studio.server import create_studio_app
    from skill.studio.state import Studio
    from skill.studio.voice import find_voice

    studio = Studio(build_handler(db), locale=locale, device=device, user_id=user_id)
    app = create_studio_app(studio, voice=find_voice(), loopback_only=is_loopback(host))
    return werkzeug_server(host, port, app, threaded=True)


def main(argv: Sequence[str], open_page: Callable[[str], object] | None = None) -> int:
    """``argv = ["studio", *flags]``; ``open_page(url)`` defaults to ``webbrowser.open``."""
    args = _parser().parse_args(list(argv[1:]))
    if not is_loopback(args.host):
        if not args.allow_remote:
            print(
                f"twitch-guide studio: {args.host!r} is not loopback; add --allow-remote"
                " if you mean it",
                file=sys.stderr,
            )
            return 2
        print(REMOTE_WARNING.format(host=args.host), file=sys.stderr)
    try:
        server = make_server(
            args.host,
            args.port,
            db=db_path(args),
            locale=args.locale,
            device=args.device,
            user_id=args.user_id,
        )
    except OSError as exc:
        print(
            f"twitch-guide studio: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr
        )
        return 1
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown}:{server.server_port}/"
    print(f"Muscle Twitch Guide studio: {url}  (Ctrl-C stops it)", flush=True)
    # One line per request would bury the URL; errors still show.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if not args.no_browser:
        opener = open_page or webbrowser.open

        def open_it() -> None:
            if opener(url) is False:
                print(f"(no browser found: open {url} yourself)", flush=True)

        threading.Thread(target=open_it, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(file=sys.stderr)
    finally:
        server.server_close()
    return 0
