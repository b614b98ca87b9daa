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

The write is one atomic increment in the store (``VisitStore.record_visit``):
concurrent first requests of one user each count.  The ASK SDK's
``AbstractPersistenceAdapter`` has only get/save/delete, so our adapters add
that method; any other SDK adapter still works, with a read-modify-write of the
whole record that concurrent sessions can undercount.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from abc import ABCMeta, abstractmethod
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


class VisitStore(AbstractPersistenceAdapter, metaclass=ABCMeta):
    """An SDK persistence adapter that can also count a visit in one atomic write."""

    @abstractmethod
    def record_visit(
        self,
        request_envelope: RequestEnvelope,
        today: str,
        seen: Visit | None,
        *,
        replace: bool = False,
    ) -> None:
        """Count one session of the user, on ``today`` (``YYYY-MM-DD``), in one write.

        Atomically: ``visits`` + 1 (1 for a new user), ``last_visit`` = today,
        ``first_visit`` kept (today for a new user), ``disclaimer_heard`` = True.
        ``seen`` is the valid record this session read, or ``None`` (nothing stored, or an
        invalid record); ``replace=True`` (the record read was invalid) overwrites whatever
        is stored with ``Visit.first(today)`` instead.
        """


class MemoryAdapter(VisitStore):
    """Keeps visit data in a dict: for tests, and counts its calls."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.reads = 0
        self.writes = 0
        self._lock = threading.Lock()

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

    def record_visit(
        self,
        request_envelope: RequestEnvelope,
        today: str,
        seen: Visit | None,
        *,
        replace: bool = False,
    ) -> None:
        key = user_key(request_envelope)
        with self._lock:  # what SQLite's upsert and DynamoDB's UpdateItem do in the store
            self.writes += 1
            current = self.records.get(key)
            if replace or current is None:
                self.records[key] = Visit.first(today).record()
            else:
                self.records[key] = {
                    **current,
                    "visits": current["visits"] + 1,
                    "first_visit": current.get("first_visit", today),
                    "last_visit": today,
                    "disclaimer_heard": True,
                }


#: The SQLite table: one row per user, one column per field (``NULL``: field absent).
#: ``disclaimer_heard`` is 0 or 1 (SQLite has no bool).
TABLE = "visit_records"
#: The table of the first layout (one JSON document per user), migrated on first use.
LEGACY_TABLE = "visits"
_CREATE_TABLE = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    id TEXT PRIMARY KEY,
    visits INTEGER,
    first_visit TEXT,
    last_visit TEXT,
    disclaimer_heard INTEGER
)"""
_SELECT = f"SELECT {', '.join(FIELDS)} FROM {TABLE} WHERE id = ?"
_INSERT = f"INSERT OR REPLACE INTO {TABLE} (id, {', '.join(FIELDS)}) VALUES (?, ?, ?, ?, ?)"
#: One statement, so one atomic write: concurrent sessions of one user each add their visit.
_RECORD_VISIT = f"""
INSERT INTO {TABLE} (id, visits, first_visit, last_visit, disclaimer_heard)
VALUES (:id, 1, :today, :today, 1)
ON CONFLICT(id) DO UPDATE SET
    visits = visits + 1,
    first_visit = COALESCE(first_visit, excluded.first_visit),
    last_visit = excluded.last_visit,
    disclaimer_heard = 1"""
_REPLACE_VISIT = f"""
INSERT INTO {TABLE} (id, visits, first_visit, last_visit, disclaimer_heard)
VALUES (:id, 1, :today, :today, 1)
ON CONFLICT(id) DO UPDATE SET
    visits = excluded.visits,
    first_visit = excluded.first_visit,
    last_visit = excluded.last_visit,
    disclaimer_heard = excluded.disclaimer_heard"""
_INT64 = range(-(2**63), 2**63)


def _to_column(field: str, value: Any) -> Any:
    """A record value as SQLite keeps it, so that it reads back as it was.

    A bool is 0/1 in ``disclaimer_heard``.  Values SQLite cannot hold as they are (a list, a
    bool elsewhere, an int beyond 64 bits) are kept as their JSON text, which reads back as a
    string: still invalid, as they were.
    """
    if field == "disclaimer_heard" and isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, str | float):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value in _INT64:
        return value
    return json.dumps(value, default=str)


def _from_column(field: str, value: Any) -> Any:
    if field == "disclaimer_heard" and type(value) is int and value in (0, 1):
        return bool(value)
    return value


class SQLiteAdapter(VisitStore):
    """An embedded store for local use (``twitch-guide chat`` and ``serve``).

    One small table, one row per user (:data:`TABLE`).  Connections are per call,
    so the adapter is safe to share between gunicorn threads (and processes).
    A file still in the first layout (table ``visits``, one JSON document per user)
    is migrated when first opened, in one transaction.
    """

    def __init__(self, path: str | Path, *, busy_timeout: float = 2.0) -> None:
        from pathlib import Path  # only the local store needs it; Lambda never imports it

        self.path = Path(path).expanduser()
        #: Seconds a write waits for another writer's lock before giving up (the user still
        #: gets the answer; the visit is not counted). Short, so no one waits on the store.
        self.busy_timeout = busy_timeout
        self._lock = threading.Lock()
        self._ready = False

    def _open(self) -> Any:
        import sqlite3  # only the local store needs it; Lambda never imports it

        # Autocommit: each statement is its own transaction; setup opens one explicitly.
        return sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)

    @contextmanager
    def _connect(self) -> Iterator[Any]:
        """A connection for one statement (committed by itself), always closed."""
        if not self._ready:
            with self._lock:
                if not self._ready:
                    self._set_up()
                    self._ready = True
        db = self._open()
        try:
            yield db
        finally:
            db.close()

    def _set_up(self) -> None:
        """Create the table; move the rows of the first layout into it, if there are any."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._open()
        try:
            db.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it
            try:
                db.execute(_CREATE_TABLE)
                legacy = db.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                    (LEGACY_TABLE,),
                ).fetchone()
                if legacy:
                    _migrate(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
            # Readers and the writer no longer wait for each other (many threads or processes
            # counting visits at once).  Kept in the file: switched by the first opener only.
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
        finally:
            db.close()

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        with self._connect() as db:
            row = db.execute(_SELECT, (user_key(request_envelope),)).fetchone()
        if row is None:
            return {}
        return {f: _from_column(f, v) for f, v in zip(FIELDS, row, strict=True) if v is not None}

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        """Store ``attributes`` as the user's record; only the record's fields can be stored."""
        unknown = set(attributes) - STORED_KEYS
        if unknown:
            raise ValueError(f"only visit data is stored, not {sorted(unknown)}")
        if not attributes:
            self.delete_attributes(request_envelope)
            return
        values = [_to_column(f, attributes.get(f)) for f in FIELDS]
        with self._connect() as db:
            db.execute(_INSERT, (user_key(request_envelope), *values))

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        with self._connect() as db:
            db.execute(f"DELETE FROM {TABLE} WHERE id = ?", (user_key(request_envelope),))

    def record_visit(
        self,
        request_envelope: RequestEnvelope,
        today: str,
        seen: Visit | None,
        *,
        replace: bool = False,
    ) -> None:
        with self._connect() as db:
            db.execute(
                _REPLACE_VISIT if replace else _RECORD_VISIT,
                {"id": user_key(request_envelope), "today": today},
            )


def _migrate(db: Any) -> None:
    """Rows of the first layout (``visits``: id, JSON document) into :data:`TABLE`.

    Every field of every document moves, valid or not (an invalid one is found, and
    replaced, on the user's next visit).  Only documents the first layout itself read as
    "no visit data" are left out: text that is not JSON, JSON that is not an object, an
    object without any of the fields.
    """
    moved = skipped = 0
    for user, data in db.execute(f"SELECT id, data FROM {LEGACY_TABLE}").fetchall():
        try:
            document = json.loads(data)
        except (TypeError, ValueError):
            document = None
        if not isinstance(document, dict) or not STORED_KEYS & set(document):
            skipped += 1
            continue
        values = [_to_column(f, document.get(f)) for f in FIELDS]
        db.execute(_INSERT, (user, *values))
        moved += 1
    db.execute(f"DROP TABLE {LEGACY_TABLE}")
    log.info("visit store migrated to one column per field: %d records, %d empty", moved, skipped)


# -- the interceptors ---------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredVisit:
    """What the session's read found: a valid record (or ``None``), and whether to replace it."""

    visit: Visit | None
    replace: bool = False


#: The requests a user makes by speaking to the skill: only these count as a visit.  Skill
#: events, messages, System.ExceptionEncountered and CanFulfillIntentRequest come without a
#: session and must neither read nor write the store.
VISIT_REQUESTS = frozenset({"LaunchRequest", "IntentRequest"})


def _first_request(handler_input: HandlerInput) -> bool:
    """True on the first request of a session that the user started by speaking."""
    envelope = handler_input.request_envelope
    kind = getattr(envelope.request, "object_type", None)
    return kind in VISIT_REQUESTS and envelope.session is not None and bool(envelope.session.new)


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
            found = StoredVisit(None, replace=True)
        attributes[STORED_VISIT] = found
        returning = found.visit is not None and found.visit.disclaimer_heard
        attributes[VISIT] = {"returning": returning}


class VisitSaver(AbstractResponseInterceptor):
    """On a session's first request: one write that counts the visit.

    Through ``adapter.record_visit`` (one atomic write) when the adapter is a
    :class:`VisitStore`, else by saving the whole record through the SDK.
    Skipped when the read failed, so an outage never overwrites real data.
    """

    def __init__(self, adapter: AbstractPersistenceAdapter | None = None) -> None:
        self.adapter = adapter

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        found = request_attributes(handler_input).get(STORED_VISIT)
        if not isinstance(found, StoredVisit) or not _first_request(handler_input):
            return
        try:
            today = _request_date(handler_input)
            if isinstance(self.adapter, VisitStore):
                self.adapter.record_visit(
                    handler_input.request_envelope, today, found.visit, replace=found.replace
                )
                return
            visit = Visit.first(today) if found.visit is None else found.visit.after(today)
            manager = handler_input.attributes_manager
            manager.persistent_attributes = visit.record()
            manager.save_persistent_attributes()
        except Exception as error:
            log.warning("could not save visit data: %s", error)
