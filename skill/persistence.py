"""Visit data: the only thing the skill remembers about a user.

What is stored per user (and nothing else - no questions, topics or symptoms,
as Alexa's health policy requires) is a :class:`Visit`::

    {"visits": 3, "first_visit": "2026-11-01", "last_visit": "2026-11-24",
     "disclaimer_heard": true}

It is used for one thing: a shorter welcome and disclaimer for returning
users.  The visit interceptors read once and write once per session, both on
the session's first request, and a storage fault never reaches the user: the
skill answers as for a new user and logs a warning.

Every read is checked against the schema (:func:`parse_visit`).  A record that
does not match it - a count that is not a whole number, a date that is not
``YYYY-MM-DD``, a disclaimer flag that is not a real bool - is treated as a new
visitor and replaced on that session's write, with one warning that names the
field but never the user or the value.

Adapters implement the ASK SDK's ``AbstractPersistenceAdapter``, so the
DynamoDB adapter of ``ask-sdk-dynamodb-persistence-adapter`` plugs in the same
way as the SQLite store used by the simulator and the memory store of the tests.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
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


# -- the record ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Visit:
    """One user's visit record: the schema of everything the skill stores.

    ``visits``: sessions so far, an ``int`` (not a ``bool``) from 0 to :data:`MAX_VISITS`;
    ``first_visit`` and ``last_visit``: dates as ``YYYY-MM-DD``; ``disclaimer_heard``: a ``bool``.
    """

    visits: int
    first_visit: str
    last_visit: str
    disclaimer_heard: bool

    @classmethod
    def first(cls, today: str) -> Visit:
        """The record after a user's first session (or after a replaced, invalid one)."""
        return cls(visits=1, first_visit=today, last_visit=today, disclaimer_heard=True)

    def after(self, today: str) -> Visit:
        """The record after one more session, on ``today``."""
        return Visit(self.visits + 1, self.first_visit, today, disclaimer_heard=True)

    def record(self) -> dict[str, Any]:
        """As stored: a plain dict of the four fields."""
        return {field: getattr(self, field) for field in FIELDS}


#: The keys of a stored record, in the order of :class:`Visit`.
FIELDS = tuple(field.name for field in dataclasses.fields(Visit))
STORED_KEYS = frozenset(FIELDS)
#: The largest count every store (and any JSON reader) holds exactly: 2**53 - 1.
MAX_VISITS = 2**53 - 1


class InvalidVisit(ValueError):
    """A stored record that does not match :class:`Visit`.

    ``field`` names what is wrong (a field of the record, ``"unknown fields"`` or
    ``"record"``); the message never contains a stored value.
    """

    def __init__(self, field: str) -> None:
        super().__init__(f"stored visit record: {field} does not match the schema")
        self.field = field


def _is_count(value: object) -> bool:
    return type(value) is int and 0 <= value <= MAX_VISITS


def _is_date(value: object) -> bool:
    """``YYYY-MM-DD`` exactly (``date.fromisoformat`` alone also takes ``20261124``)."""
    if not isinstance(value, str) or len(value) != 10 or value[4] + value[7] != "--":
        return False
    if not (value[:4] + value[5:7] + value[8:]).isdigit() or not value.isascii():
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_bool(value: object) -> bool:
    return type(value) is bool


#: What a valid value of each field is: the schema, in one place.
_CHECKS: dict[str, Callable[[object], bool]] = {
    "visits": _is_count,
    "first_visit": _is_date,
    "last_visit": _is_date,
    "disclaimer_heard": _is_bool,
}


def parse_visit(stored: object) -> Visit | None:
    """The stored record as a :class:`Visit`; ``None`` when nothing is stored.

    Raises :class:`InvalidVisit` when ``stored`` is anything but a record with exactly the
    four fields, each valid.  Never raises anything else, whatever ``stored`` is.
    """
    try:
        if stored is None or (isinstance(stored, Mapping) and len(stored) == 0):
            return None
        if not isinstance(stored, Mapping):
            raise InvalidVisit("record")
        if not set(stored) <= STORED_KEYS:
            raise InvalidVisit("unknown fields")
        for field in FIELDS:
            if field not in stored or not _CHECKS[field](stored[field]):
                raise InvalidVisit(field)
        return Visit(**{field: stored[field] for field in FIELDS})
    except InvalidVisit:
        raise
    except Exception:  # a mapping that fails to be read is no record either
        raise InvalidVisit("record") from None


# -- stores -------------------------------------------------------------------------------------
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


# -- the interceptors ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredVisit:
    """What the session's read found: a valid record, or ``None`` (none, or an invalid one)."""

    visit: Visit | None


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
        try:
            found = StoredVisit(parse_visit(stored))
        except InvalidVisit as invalid:
            log.warning(
                "stored visit data invalid (%s), treating user as new and replacing it",
                invalid.field,
            )
            found = StoredVisit(None)
        attributes[STORED_VISIT] = found
        returning = found.visit is not None and found.visit.disclaimer_heard
        attributes[VISIT] = {"returning": returning}


class VisitSaver(AbstractResponseInterceptor):
    """On a session's first request: one write with the updated visit data.

    Skipped when the read failed, so an outage never overwrites real data.
    """

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        found = request_attributes(handler_input).get(STORED_VISIT)
        if not isinstance(found, StoredVisit) or not _first_request(handler_input):
            return
        try:
            today = _request_date(handler_input)
            visit = Visit.first(today) if found.visit is None else found.visit.after(today)
            manager = handler_input.attributes_manager
            manager.persistent_attributes = visit.record()
            manager.save_persistent_attributes()
        except Exception as error:
            log.warning("could not save visit data: %s", error)
