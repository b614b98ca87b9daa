"""The skill as a self-hosted web service (Flask + flask-ask-sdk, gunicorn).

``from skill.web import create_app, RequestVerifier``. Both are imported lazily, so that
``twitch-guide serve --help`` and the compatibility step cost nothing until they are needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skill.web import compat

# Before anything imports flask_ask_sdk (and through it oscrypto): see compat.py.
compat.install()

if TYPE_CHECKING:
    from skill.web.app import create_app
    from skill.web.verifier import RequestVerifier

__all__ = ["RequestVerifier", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from skill.web.app import create_app

        return create_app
    if name == "RequestVerifier":
        from skill.web.verifier import RequestVerifier

        return RequestVerifier
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
