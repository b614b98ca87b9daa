"""Stored visit data is checked on every read (``skill.persistence.parse_visit``).

A record that does not match the schema gets the new-user welcome, one warning (the field,
never the user or the value), and is replaced by a valid record on that session's write.
Each bad record goes through the real skill with real envelopes, in the memory store and in
a SQLite file written in the first layout (one JSON document per user), the way the skill
stored visits before it checked them.  tests/test_dynamodb.py does the same for DynamoDB.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from skill.app import build_skill, lambda_handler_for
from skill.persistence import (
    _CHECKS,
    FIELDS,
    InvalidVisit,
    MemoryAdapter,
    SQLiteAdapter,
    Visit,
    parse_visit,
)
from skill.simulator.envelopes import Conversation
from tests.conftest import EN, SKILL_ID, speech

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
TODAY = "2026-11-25"
VALID = {"visits": 3, "first_visit": "2026-11-01", "last_visit": "2026-11-24"}
VALID_JSON = '{"visits": 3, "first_visit": "2026-11-01", "last_visit": "2026-11-24", '
INVALID_MESSAGE = "stored visit data invalid (%s), treating user as new and replacing it"

#: (field, the bad value as JSON text): each makes a stored record invalid.  The rest of the
#: record is valid (VALID, disclaimer heard); None as the value drops the field.
BAD_FIELDS = [
    ("visits", '"abc"'),
    ("visits", "[1]"),
    ("visits", "1e400"),  # float('inf') once read
    ("visits", "-5"),
    ("visits", "true"),
    ("visits", "2.5"),
    ("visits", "1e20"),  # a float, however whole
    ("visits", "null"),
    ("visits", None),
    ("first_visit", '"yesterday"'),
    ("first_visit", '"2026-13-01"'),
    ("first_visit", '"2026-02-30"'),
    ("last_visit", '"20261124"'),
    ("last_visit", "20261124"),
    ("last_visit", '"2026-11-24T10:00:00"'),
    ("disclaimer_heard", '"no"'),
    ("disclaimer_heard", '"true"'),
    ("disclaimer_heard", "null"),
    ("disclaimer_heard", None),
]
CASE_IDS = [f"{field}={value}" for field, value in BAD_FIELDS]


def bad_document(field: str, value: str | None) -> str:
    """A stored JSON document: VALID, disclaimer heard, and ``field`` set to ``value``."""
    parts = {**{k: json.dumps(v) for k, v in VALID.items()}, "disclaimer_heard": "true"}
    if value is None:
        del parts[field]
    else:
        parts[field] = value
    return "{" + ", ".join(f'"{k}": {v}' for k, v in parts.items()) + "}"


def envelope_of(conv: Conversation) -> RequestEnvelope:
    assert conv.last_request is not None
    envelope: RequestEnvelope = DefaultSerializer().deserialize(
        json.dumps(conv.last_request), "ask_sdk_model.RequestEnvelope"
    )
    return envelope


# -- the schema ---------------------------------------------------------------------------
def test_the_schema_checks_every_field_and_only_those() -> None:
    assert FIELDS == ("visits", "first_visit", "last_visit", "disclaimer_heard")
    assert tuple(_CHECKS) == FIELDS


def test_a_valid_record_parses() -> None:
    record = {**VALID, "disclaimer_heard": True}
    assert parse_visit(record) == Visit(3, "2026-11-01", "2026-11-24", True)
    assert parse_visit({**record, "visits": 0, "disclaimer_heard": False}) == Visit(
        0, "2026-11-01", "2026-11-24", False
    )
    assert Visit(3, "2026-11-01", "2026-11-24", True).record() == record


@pytest.mark.parametrize("nothing", [None, {}])
def test_nothing_stored_is_a_new_user(nothing: Any) -> None:
    assert parse_visit(nothing) is None


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=CASE_IDS)
def test_each_bad_field_is_named(field: str, value: str | None) -> None:
    with pytest.raises(InvalidVisit) as raised:
        parse_visit(json.loads(bad_document(field, value)))
    assert raised.value.field == field
    assert str(raised.value) == f"stored visit record: {field} does not match the schema"


class Unreadable(dict[str, Any]):
    def __iter__(self) -> Any:
        raise OSError("cannot iterate")


@pytest.mark.parametrize(
    ("stored", "field"),
    [
        ([1], "record"),
        ("visits", "record"),
        (3, "record"),
        ({**VALID, "disclaimer_heard": True, "topic": "als"}, "unknown fields"),
        ({**VALID, "disclaimer_heard": True, "visits": 2**53}, "visits"),
        (Unreadable(visits=1), "record"),
    ],
    ids=["list", "string", "number", "unknown field", "too many visits", "unreadable"],
)
def test_anything_else_is_invalid_and_nothing_else_is_raised(stored: Any, field: str) -> None:
    with pytest.raises(InvalidVisit) as raised:
        parse_visit(stored)
    assert raised.value.field == field


# -- through the skill --------------------------------------------------------------------
def first_layout_file(path: Path, user: str, document: str) -> None:
    """A visit store as the skill wrote it before reads were checked (one JSON per user)."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE visits (id TEXT PRIMARY KEY, data TEXT NOT NULL)")
        db.execute("INSERT INTO visits (id, data) VALUES (?, ?)", (user, document))
    db.close()


@pytest.fixture(params=["memory", "sqlite"])
def seeded(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Any:  # a function: document -> (conversation, store)
    def seed(document: str) -> tuple[Conversation, MemoryAdapter | SQLiteAdapter]:
        user = f"amzn1.ask.account.TEST{uuid.uuid4().hex.upper()}"
        store: MemoryAdapter | SQLiteAdapter
        if request.param == "memory":
            store = MemoryAdapter()
            store.records[user] = json.loads(document)
        else:
            path = tmp_path / "visits.sqlite3"
            first_layout_file(path, user, document)
            store = SQLiteAdapter(path)
        handler = lambda_handler_for(build_skill(store, skill_id=SKILL_ID))
        conv = Conversation(handler, skill_id=SKILL_ID, user_id=user, clock=lambda: NOW)
        return conv, store

    return seed


def visit_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r for r in caplog.records if r.name == "skill.persistence" and r.levelno >= logging.WARNING
    ]


@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=CASE_IDS)
def test_bad_record_gets_the_new_user_welcome_and_is_replaced(
    seeded: Any, caplog: pytest.LogCaptureFixture, field: str, value: str | None
) -> None:
    conv, store = seeded(bad_document(field, value))
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        welcome = conv.launch()
    assert speech(welcome).startswith("Welcome to Muscle Twitch Guide.")
    assert EN.phrases["disclaimer_full"] in speech(welcome)
    (warning,) = visit_warnings(caplog)
    assert (warning.msg, warning.args) == (INVALID_MESSAGE, (field,))
    assert conv.user_id not in warning.getMessage()

    assert parse_visit(store.get_attributes(envelope_of(conv))) == Visit.first(TODAY)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        back = conv.launch()
    assert speech(back).startswith("Welcome back")
    assert visit_warnings(caplog) == []
    assert parse_visit(store.get_attributes(envelope_of(conv))) == Visit(2, TODAY, TODAY, True)


def test_a_valid_record_counts_on(seeded: Any, caplog: pytest.LogCaptureFixture) -> None:
    conv, store = seeded(VALID_JSON + '"disclaimer_heard": true}')
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        assert speech(conv.launch()).startswith("Welcome back")
    assert visit_warnings(caplog) == []
    assert parse_visit(store.get_attributes(envelope_of(conv))) == Visit(
        4, "2026-11-01", TODAY, True
    )


def test_disclaimer_not_heard_is_a_valid_record_of_a_new_listener(seeded: Any) -> None:
    """``false`` is a real bool: no warning, the full welcome, and the count goes on."""
    conv, store = seeded(VALID_JSON + '"disclaimer_heard": false}')
    assert speech(conv.launch()).startswith("Welcome to Muscle Twitch Guide.")
    assert parse_visit(store.get_attributes(envelope_of(conv))) == Visit(
        4, "2026-11-01", TODAY, True
    )


class GarbageStore(MemoryAdapter):
    """A store whose read returns something that is not a record at all."""

    def get_attributes(self, request_envelope: Any) -> Any:
        self.reads += 1
        return ["not", "a", "record"]


def test_store_returning_garbage_still_answers(caplog: pytest.LogCaptureFixture) -> None:
    store = GarbageStore()
    conv = Conversation(
        lambda_handler_for(build_skill(store, skill_id=SKILL_ID)), skill_id=SKILL_ID
    )
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        response = conv.intent("SeeDoctorIntent", new_session=True)
    assert EN.phrases["disclaimer_full"] in speech(response)
    assert "Sorry" not in speech(response)
    (warning,) = visit_warnings(caplog)
    assert warning.args == ("record",)
    assert (store.reads, store.writes) == (1, 1)  # and it was replaced


class ReadOnlyStore(MemoryAdapter):
    """A store whose writes fail (the read works)."""

    def save_attributes(self, request_envelope: Any, attributes: Any) -> None:
        raise ConnectionError("read-only")

    def record_visit(self, *args: Any, **kwargs: Any) -> None:
        raise ConnectionError("read-only")


def test_failed_write_still_answers(caplog: pytest.LogCaptureFixture) -> None:
    store = ReadOnlyStore()
    conv = Conversation(
        lambda_handler_for(build_skill(store, skill_id=SKILL_ID)), skill_id=SKILL_ID
    )
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        response = conv.launch()
    assert speech(response).startswith("Welcome to Muscle Twitch Guide.")
    assert "could not save visit data" in caplog.text
