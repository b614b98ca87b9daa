"""Visit data: the only thing the skill remembers about a user.

What is stored per user (and nothing else - no questions, topics or symptoms,
as Alexa's health policy requires)::

    {"visits": 3, "first_visit": "2026-11-01", "last_visit": "2026-11-24",
     "disclaimer_heard": true}

It is used for one thing: a shorter welcome and disclaimer for returning
users.  The visit interceptors read once and write once per session, both on
the session's first request, and a storage fault never reaches the user: the
skill answers as for a new user and logs a warning.

Adapters implement the ASK SDK's ``AbstractPersistenceAdapter``, so the
DynamoDB adapter of ``ask-sdk-dynamodb-persistence-adapter`` plugs in the same
way as the SQLite store used by the simulator and the memory store of the tests.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import RequestEnvelope, Response

from skill.attributes import STORED_VISIT, VISIT, request_attributes

if TYPE_CHECKING:
    from pathlib import Path

log = logging.getLogger(__name__)

#: The keys a stored record may have; anything else is dropped before saving.
STORED_KEYS = frozenset({"visits", "first_visit", "last_visit", "disclaimer_heard"})


def user_key(request_envelope: RequestEnvelope) -> str:
    """The storage key: Alexa's per-skill user id (changes if the skill is re-enabled)."""
    context = request_envelope.context
    user = context.system.user if context and context.system else None
    if user is None or not user.user_id:
        raise ValueError("request has no user id")
    return str(user.user_id)


class MemoryAdapter(AbstractPersistenceAdapter):
    """Keeps visit data in a dict: for tests, and counts its calls."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.reads = 0
        self.writes = 0

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        self.reads += 1
        return dict(self.records.get(user_key(request_envelope), {}))

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        self.writes += 1
        self.records[user_key(request_envelope)] = dict(attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.records.pop(user_key(request_envelope), None)


class SQLiteAdapter(AbstractPersistenceAdapter):
    """An embedded store for local use (``twitch-guide chat`` and ``serve``).

    One small table, one JSON document per user.  Connections are per call,
    so the adapter is safe to share between gunicorn threads.
    """

    def __init__(self, path: str | Path) -> None:
        from pathlib import Path  # only the local store needs it; Lambda never imports it

        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        """A connection for one statement: committed on success, always closed."""
        import sqlite3  # only the local store needs it; Lambda never imports it

        if not self._ready:
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._ready = True
                with self._connect() as db:
                    db.execute(
                        "CREATE TABLE IF NOT EXISTS visits"
                        " (id TEXT PRIMARY KEY, data TEXT NOT NULL)"
                    )
        db = sqlite3.connect(self.path, timeout=2)
        try:
            with db:  # commits, or rolls back on an exception
                yield db
        finally:
            db.close()

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        with self._connect() as db:
            row = db.execute(
                "SELECT data FROM visits WHERE id = ?", (user_key(request_envelope),)
            ).fetchone()
        data = json.loads(row[0]) if row else {}
        return data if isinstance(data, dict) else {}

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO visits (id, data) VALUES (?, ?)",
                (user_key(request_envelope), json.dumps(attributes, sort_keys=True)),
            )

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM visits WHERE id = ?", (user_key(request_envelope),))


def _first_request(handler_input: HandlerInput) -> bool:
    """True on the first request of a session that will get a spoken answer."""
    envelope = handler_input.request_envelope
    if envelope.request is None or envelope.request.object_type == "SessionEndedRequest":
        return False
    return bool(envelope.session is None or envelope.session.new)


def _request_date(handler_input: HandlerInput) -> str:
    """The request's date (UTC) as ``YYYY-MM-DD``: the clock Alexa stamped, not ours."""
    request = handler_input.request_envelope.request
    stamp = request.timestamp if request is not None else None
    if stamp is None:
        from datetime import UTC, datetime

        stamp = datetime.now(UTC)
    return stamp.date().isoformat()


class VisitLoader(AbstractRequestInterceptor):
    """On a session's first request: one read, to know whether the user is returning."""

    def process(self, handler_input: HandlerInput) -> None:
        if not _first_request(handler_input):
            return
        attributes = request_attributes(handler_input)
        try:
            stored = handler_input.attributes_manager.persistent_attributes
        except Exception as error:  # any storage fault: answer as for a new user
            log.warning("visit data unavailable, treating user as new: %s", error)
            return
        attributes[STORED_VISIT] = {k: stored[k] for k in STORED_KEYS if k in stored}
        attributes[VISIT] = {"returning": bool(stored.get("disclaimer_heard"))}


class VisitSaver(AbstractResponseInterceptor):
    """On a session's first request: one write with the updated visit data.

    Skipped when the read failed, so an outage never overwrites real data.
    """

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        stored = request_attributes(handler_input).get(STORED_VISIT)
        if stored is None or not _first_request(handler_input):
            return
        today = _request_date(handler_input)
        record = {
            "visits": int(stored.get("visits", 0)) + 1,
            "first_visit": stored.get("first_visit", today),
            "last_visit": today,
            "disclaimer_heard": True,
        }
        manager = handler_input.attributes_manager
        manager.persistent_attributes = record
        try:
            manager.save_persistent_attributes()
        except Exception as error:
            log.warning("could not save visit data: %s", error)
