"""The memory and SQLite visit stores: atomic visit counts, the SQLite layout and its migration.

Concurrency goes through the real skill: many threads, each a user's session sending its
first request, all for one user, against one store shared the way gunicorn's threads share
it.  Every session must count.  (tests/test_dynamodb.py does the same against DynamoDB.)
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from skill.app import build_skill, lambda_handler_for
from skill.persistence import (
    LEGACY_TABLE,
    TABLE,
    InvalidVisit,
    MemoryAdapter,
    SQLiteAdapter,
    Visit,
    VisitStore,
    parse_visit,
)
from skill.simulator.envelopes import Conversation
from tests.conftest import SKILL_ID, hammer, speech
from tests.test_visit_data import (
    BAD_FIELDS,
    CASE_IDS,
    NOW,
    TODAY,
    bad_document,
    envelope_of,
)

USER = "amzn1.ask.account.TESTCONCURRENTUSER"


def hammer_store(store: VisitStore, threads: int, sessions: int) -> list[str]:
    """``threads`` x ``sessions`` first requests of USER at once; the speech of any failure."""
    handler = lambda_handler_for(build_skill(store, skill_id=SKILL_ID))
    return hammer(handler, USER, threads, sessions, clock=lambda: NOW)


def stored(store: VisitStore, user: str = USER) -> Any:
    conv = Conversation(lambda envelope, context: {}, skill_id=SKILL_ID, user_id=user)
    conv.launch()
    return store.get_attributes(envelope_of(conv))


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_concurrent_first_requests_all_count(
    kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """16 threads x 125 sessions of one user: 2,000 visits, not one lost.

    (Before the atomic write, the same run left the count at 242-525 on SQLite.)
    """
    # A generous lock wait: on a busy machine 16 writers can queue for more than the default
    # 2 s, and this test is about lost updates, not about how long a writer waits.
    store = (
        MemoryAdapter()
        if kind == "memory"
        else SQLiteAdapter(tmp_path / "visits.sqlite3", busy_timeout=30)
    )
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        failures = hammer_store(store, threads=16, sessions=125)
    assert failures == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert parse_visit(stored(store)) == Visit(2000, TODAY, TODAY, True)


# -- SQLite: get, save, delete --------------------------------------------------------------
@pytest.fixture
def sqlite_store(tmp_path: Path) -> SQLiteAdapter:
    return SQLiteAdapter(tmp_path / "visits.sqlite3")


def envelope_for(user: str) -> Any:
    conv = Conversation(lambda envelope, context: {}, skill_id=SKILL_ID, user_id=user)
    conv.launch()
    return envelope_of(conv)


def test_sqlite_get_save_delete(sqlite_store: SQLiteAdapter) -> None:
    envelope = envelope_for(USER)
    assert sqlite_store.get_attributes(envelope) == {}
    record = Visit(3, "2026-11-01", "2026-11-24", True).record()
    sqlite_store.save_attributes(envelope, record)
    assert sqlite_store.get_attributes(envelope) == record
    sqlite_store.save_attributes(envelope, {**record, "disclaimer_heard": False})
    assert sqlite_store.get_attributes(envelope)["disclaimer_heard"] is False
    sqlite_store.delete_attributes(envelope)
    assert sqlite_store.get_attributes(envelope) == {}
    sqlite_store.save_attributes(envelope, record)
    sqlite_store.save_attributes(envelope, {})  # an empty record is no record
    assert sqlite_store.get_attributes(envelope) == {}


def test_sqlite_stores_visit_data_only(sqlite_store: SQLiteAdapter) -> None:
    with pytest.raises(ValueError, match="only visit data"):
        sqlite_store.save_attributes(envelope_for(USER), {"visits": 1, "topic": "als"})


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=CASE_IDS)
def test_sqlite_keeps_an_invalid_record_invalid(
    sqlite_store: SQLiteAdapter, field: str, value: str | None
) -> None:
    """Whatever is saved reads back as invalid as it was (then the skill replaces it)."""
    envelope = envelope_for(USER)
    sqlite_store.save_attributes(envelope, json.loads(bad_document(field, value)))
    with pytest.raises(InvalidVisit) as raised:
        parse_visit(sqlite_store.get_attributes(envelope))
    assert raised.value.field == field


def test_sqlite_one_row_per_user_one_column_per_field(sqlite_store: SQLiteAdapter) -> None:
    handler = lambda_handler_for(build_skill(sqlite_store, skill_id=SKILL_ID))
    conv = Conversation(handler, skill_id=SKILL_ID, user_id=USER, clock=lambda: NOW)
    conv.launch()
    conv.launch()
    with sqlite3.connect(sqlite_store.path) as db:
        rows = db.execute(f"SELECT * FROM {TABLE}").fetchall()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert rows == [(USER, 2, TODAY, TODAY, 1)]
    assert tables == {TABLE}


# -- SQLite: migration from the first layout -------------------------------------------------
def first_layout(path: Path, documents: dict[str, str]) -> None:
    """A store in the first layout: table ``visits``, one JSON document per user."""
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE {LEGACY_TABLE} (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
        db.executemany(f"INSERT INTO {LEGACY_TABLE} VALUES (?, ?)", documents.items())
    db.close()


def test_migration_moves_every_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "visits.sqlite3"
    valid = {
        f"amzn1.ask.account.USER{n}": Visit(n, "2026-01-0" + str(n), "2026-11-24", n % 2 == 0)
        for n in range(1, 8)
    }
    first_layout(
        path,
        {
            **{user: json.dumps(visit.record()) for user, visit in valid.items()},
            "amzn1.ask.account.INVALID": bad_document("visits", '"abc"'),
            "amzn1.ask.account.EXTRA": json.dumps({**Visit.first(TODAY).record(), "x": 1}),
            "amzn1.ask.account.EMPTY": "{}",
            "amzn1.ask.account.LIST": "[1]",
            "amzn1.ask.account.TEXT": "not json",
        },
    )
    store = SQLiteAdapter(path)
    with caplog.at_level(logging.INFO, logger="skill.persistence"):
        for user, visit in valid.items():
            assert parse_visit(store.get_attributes(envelope_for(user))) == visit
    assert "9 records, 3 empty" in caplog.text  # 7 valid, the invalid one, the extra key
    with pytest.raises(InvalidVisit):  # still invalid: the skill replaces it on the next visit
        parse_visit(store.get_attributes(envelope_for("amzn1.ask.account.INVALID")))
    # The one key that is not visit data is not carried over.
    extra = store.get_attributes(envelope_for("amzn1.ask.account.EXTRA"))
    assert parse_visit(extra) == Visit.first(TODAY)
    for user in ("EMPTY", "LIST", "TEXT"):  # what the first layout read as "no visit data"
        assert store.get_attributes(envelope_for(f"amzn1.ask.account.{user}")) == {}
    with sqlite3.connect(path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert tables == {TABLE}


def test_migrated_users_count_on(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite3"
    first_layout(path, {USER: json.dumps(Visit(5, "2026-01-01", "2026-11-24", True).record())})
    store = SQLiteAdapter(path)
    handler = lambda_handler_for(build_skill(store, skill_id=SKILL_ID))
    conv = Conversation(handler, skill_id=SKILL_ID, user_id=USER, clock=lambda: NOW)
    assert speech(conv.launch()).startswith("Welcome back")
    assert parse_visit(stored(store)) == Visit(6, "2026-01-01", TODAY, True)


def test_migration_runs_once_when_processes_open_the_file_together(tmp_path: Path) -> None:
    """Eight stores (as eight processes would) open a first-layout file at once.

    Each sees the one migrated record.  An opener that waits longer than the store's lock
    timeout (2 s) fails that read, as the skill's read fails in an outage, and sets up again
    on its next call: so each may try a few times, on a slow machine.
    """
    path = tmp_path / "visits.sqlite3"
    first_layout(path, {USER: json.dumps(Visit(5, "2026-01-01", "2026-11-24", True).record())})
    stores = [SQLiteAdapter(path) for _ in range(8)]
    start = threading.Barrier(len(stores))
    seen: list[Any] = []

    def read(store: SQLiteAdapter) -> None:
        start.wait(timeout=30)
        for _ in range(4):
            try:
                seen.append(parse_visit(stored(store)))
                return
            except sqlite3.OperationalError:
                continue

    workers = [threading.Thread(target=read, args=(s,), daemon=True) for s in stores]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert seen == [Visit(5, "2026-01-01", "2026-11-24", True)] * len(stores)
    with sqlite3.connect(path) as db:
        assert db.execute(f"SELECT COUNT(*) FROM {TABLE}").fetchone() == (1,)
    db.close()


def test_a_failed_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration is one transaction: if it fails, the first layout is left as it was."""
    import skill.persistence

    path = tmp_path / "visits.sqlite3"
    document = json.dumps(Visit(5, "2026-01-01", "2026-11-24", True).record())
    first_layout(path, {USER: document})

    def broken(field: str, value: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(skill.persistence, "_to_column", broken)
    with pytest.raises(RuntimeError):
        SQLiteAdapter(path).get_attributes(envelope_for(USER))
    with sqlite3.connect(path) as db:
        rows = db.execute(f"SELECT id, data FROM {LEGACY_TABLE}").fetchall()
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    db.close()
    assert rows == [(USER, document)]
    assert tables == {LEGACY_TABLE}
    monkeypatch.undo()
    assert parse_visit(SQLiteAdapter(path).get_attributes(envelope_for(USER))) is not None
