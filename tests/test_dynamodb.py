"""Visit data in DynamoDB, over HTTP against a real DynamoDB-compatible server (moto).

The skill is the real one (``skill.app.build_skill``) with the real adapter
(``skill.dynamodb.dynamodb_adapter``), configured only through the environment
the way Lambda configures it.  Calls are counted with botocore's event hooks
on the adapter's own client.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from skill import dynamodb
from skill.app import build_skill, lambda_handler_for
from skill.dynamodb import (
    ATTRIBUTE_NAME,
    WORST_CALL_SECONDS,
    DynamoDbVisitAdapter,
    dynamodb_adapter,
)
from skill.persistence import STORED_KEYS, Visit, parse_visit
from skill.simulator.envelopes import DEFAULT_SKILL_ID, Conversation, Slot
from tests.conftest import hammer
from tests.dynamo_server import DynamoServer, aws_env, dynamo_server, set_aws_env, start_server
from tests.test_visit_data import (
    BAD_FIELDS,
    CASE_IDS,
    INVALID_MESSAGE,
    NOW,
    TODAY,
    bad_document,
    envelope_of,
)

__all__ = ["aws_env", "dynamo_server"]  # fixtures, imported for pytest

ROOT = Path(__file__).resolve().parent.parent
WELCOME_NEW = "Welcome to Muscle Twitch Guide."
WELCOME_BACK = "Welcome back to Muscle Twitch Guide."
DISCLAIMER = "not a substitute for professional medical advice"


class Calls:
    """API calls (``before-call``) and HTTP attempts (``before-send``) of one client."""

    def __init__(self, adapter: DynamoDbVisitAdapter) -> None:
        self.calls: Counter[str] = Counter()
        self.attempts = 0
        events = adapter.client().meta.events
        events.register("before-call.dynamodb", self._call)
        events.register("before-send.dynamodb", self._send)

    def _call(self, model: Any, **_: Any) -> None:
        self.calls[model.name] += 1

    def _send(self, **_: Any) -> None:
        self.attempts += 1


def new_user() -> str:
    return f"amzn1.ask.account.TEST{uuid.uuid4().hex.upper()}"


def conversation(
    table: str, clock: Callable[[], datetime] | None = None
) -> tuple[Conversation, DynamoDbVisitAdapter]:
    adapter = dynamodb_adapter(table)
    assert isinstance(adapter, DynamoDbVisitAdapter)
    handler = lambda_handler_for(build_skill(adapter, skill_id=DEFAULT_SKILL_ID))
    conv = Conversation(handler, skill_id=DEFAULT_SKILL_ID, user_id=new_user(), clock=clock)
    return conv, adapter


def stored_item(server: DynamoServer, user: str) -> dict[str, Any]:
    """The user's item as DynamoDB holds it (read with a client of the test's own)."""
    item: dict[str, Any] = server.client().get_item(
        TableName=server.table_name, Key={"id": {"S": user}}, ConsistentRead=True
    )["Item"]
    return item


def speech(envelope: dict[str, Any]) -> str:
    return str(envelope["response"]["outputSpeech"]["ssml"])


def open_session(envelope: dict[str, Any]) -> bool:
    return envelope["response"].get("shouldEndSession") is False


def test_endpoint_and_region_come_from_the_environment(aws_env: DynamoServer) -> None:
    adapter = dynamodb_adapter(aws_env.table_name)
    assert isinstance(adapter, DynamoDbVisitAdapter)
    client = adapter.client()
    assert client.meta.endpoint_url == aws_env.endpoint  # AWS_ENDPOINT_URL_DYNAMODB, natively
    assert client.meta.region_name == "us-east-1"
    config = client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (0.5, 1.0)
    assert config.retries == {"total_max_attempts": 2, "mode": "standard"}


def test_one_read_and_one_write_per_session(aws_env: DynamoServer) -> None:
    conv, adapter = conversation(aws_env.table_name)
    calls = Calls(adapter)

    first = conv.launch()
    assert WELCOME_NEW in speech(first)
    answer = conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})
    assert "coffee" in speech(answer).lower() and open_session(answer)
    assert open_session(conv.intent("AMAZON.YesIntent"))
    assert speech(conv.intent("AMAZON.RepeatIntent"))
    bye = conv.intent("AMAZON.StopIntent")
    assert bye["response"]["shouldEndSession"] is True
    assert calls.calls == Counter({"GetItem": 1, "UpdateItem": 1})
    assert calls.attempts == 2

    back = conv.launch()
    assert WELCOME_BACK in speech(back) and DISCLAIMER in speech(back)
    assert calls.calls == Counter({"GetItem": 2, "UpdateItem": 2})

    item = stored_item(aws_env, conv.user_id)
    assert set(item) == {"id"} | STORED_KEYS  # visit data only: no topics, no symptoms
    assert item["visits"] == {"N": "2"}
    assert item["disclaimer_heard"] == {"BOOL": True}


def test_building_opens_no_connection_and_reads_nothing() -> None:
    """Importing lambda_function with TABLE_NAME set: no socket, no region, no credentials.

    Without credentials a boto3 client created at import would ask the instance
    metadata service (a connection); under SnapStart, the container endpoint.
    """
    probe = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError(f'network at init: {args}')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "sys.path.insert(0, 'lambda')\n"
        "import lambda_function\n"
        "from skill.dynamodb import DynamoDbVisitAdapter\n"
        "assert 'boto3' not in sys.modules and 'ask_sdk_dynamodb' not in sys.modules\n"
        "print('built')\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key != "TWITCH_GUIDE_DB"
    }
    env.update(
        TABLE_NAME="visits",
        AWS_REGION="us-east-1",  # as Lambda sets it: with a region, the adapter module's
        AWS_DEFAULT_REGION="us-east-1",  # default argument would reach 169.254.169.254
        AWS_CONFIG_FILE="/nonexistent/aws-config",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent/aws-credentials",
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "built"


def test_server_stopped_mid_session(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    server = start_server()
    set_aws_env(monkeypatch, server.endpoint)
    conv, _ = conversation(server.table_name)
    assert WELCOME_NEW in speech(conv.launch())
    assert WELCOME_BACK in speech(conv.launch())  # the store works before the outage

    conv.intent("AMAZON.StopIntent")
    assert WELCOME_BACK in speech(conv.launch())
    server.stop()
    # Later turns of the session never touch the store.
    answer = conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})
    assert "coffee" in speech(answer).lower() and open_session(answer)
    assert open_session(conv.intent("AMAZON.YesIntent"))
    conv.intent("AMAZON.StopIntent")

    # A new session while the store is down: answered as for a new user, quickly.
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        started = time.monotonic()
        first = conv.intent("SeeDoctorIntent", new_session=True)
        elapsed = time.monotonic() - started
    assert DISCLAIMER in speech(first) and open_session(first)
    assert "error" not in speech(first).lower()
    assert elapsed < 4, elapsed
    assert any("visit data unavailable" in r.getMessage() for r in caplog.records)


class _FakeDynamo(BaseHTTPRequestHandler):
    """Answers every DynamoDB call the way DynamoDB does when it throttles."""

    targets: list[str]
    mode: str

    def do_POST(self) -> None:
        self.targets.append(self.headers.get("X-Amz-Target", ""))
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.mode == "hang":
            time.sleep(5)
            return
        body = json.dumps(
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                "message": "The level of configured provisioned throughput for the table was "
                "exceeded.",
            }
        ).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake_dynamo(request: pytest.FixtureRequest) -> Iterator[tuple[str, list[str]]]:
    targets: list[str] = []
    handler = type("Handler", (_FakeDynamo,), {"targets": targets, "mode": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", targets
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("fake_dynamo", ["throttle", "hang"], indirect=True)
def test_throttled_or_hanging_store(
    fake_dynamo: tuple[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Throttling (moto does not throttle; this server answers as DynamoDB does) and a
    server that accepts but never answers (read timeout): new-user answer, within budget."""
    endpoint, targets = fake_dynamo
    set_aws_env(monkeypatch, endpoint)
    conv, _ = conversation("visits")
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        started = time.monotonic()
        first = conv.launch()
        elapsed = time.monotonic() - started
    assert WELCOME_NEW in speech(first) and open_session(first)
    assert elapsed < WORST_CALL_SECONDS + 0.5, elapsed  # one failed read, no write
    # Two attempts at the read (standard retry mode), and no write after a failed read.
    assert targets == ["DynamoDB_20120810.GetItem"] * 2
    assert any("visit data unavailable" in r.getMessage() for r in caplog.records)
    answer = conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})
    assert "coffee" in speech(answer).lower()
    assert len(targets) == 2


def sdk_adapter(server: DynamoServer) -> Any:
    """ask-sdk-dynamodb-persistence-adapter's own adapter on the same table."""
    import boto3
    from ask_sdk_dynamodb.adapter import DynamoDbAdapter

    resource = boto3.resource("dynamodb", endpoint_url=server.endpoint, region_name="us-east-1")
    return DynamoDbAdapter(server.table_name, create_table=False, dynamodb_resource=resource)


def test_items_of_the_sdk_adapter_are_read_and_moved_up(aws_env: DynamoServer) -> None:
    """Items in the layout of ask-sdk-dynamodb-persistence-adapter (and of this skill before it
    counted atomically: the record as a map under ``attributes``) are read, and the user's
    next session moves them to top-level fields in its one write, keeping count and first visit.
    """
    conv, adapter = conversation(aws_env.table_name, clock=lambda: NOW)
    conv.launch()
    envelope = envelope_of(conv)
    record = {"visits": 7, "first_visit": "2026-01-01", "last_visit": "2026-11-24"}
    sdk_adapter(aws_env).save_attributes(envelope, {**record, "disclaimer_heard": True})
    assert set(stored_item(aws_env, conv.user_id)) == {"id", "attributes"}
    assert adapter.get_attributes(envelope) == {**record, "disclaimer_heard": True}

    calls = Calls(adapter)
    assert WELCOME_BACK in speech(conv.launch())
    assert calls.calls == Counter({"GetItem": 1, "UpdateItem": 1})
    assert stored_item(aws_env, conv.user_id) == {
        "id": {"S": conv.user_id},
        "visits": {"N": "8"},
        "first_visit": {"S": "2026-01-01"},
        "last_visit": {"S": TODAY},
        "disclaimer_heard": {"BOOL": True},
    }


def test_the_sdk_adapter_cannot_read_our_items(aws_env: DynamoServer) -> None:
    """The price of the atomic count: compatibility with the SDK's adapter is one way now.

    Same table and key (``id``, the user id), but the SDK adapter reads only the map under
    ``attributes``, which our items no longer have.
    """
    from ask_sdk_core.exceptions import PersistenceException

    conv, _ = conversation(aws_env.table_name)
    conv.launch()
    with pytest.raises(PersistenceException, match="attributes"):
        sdk_adapter(aws_env).get_attributes(envelope_of(conv))


def test_get_save_delete(aws_env: DynamoServer) -> None:
    conv, adapter = conversation(aws_env.table_name)
    conv.launch()
    envelope = envelope_of(conv)
    record = Visit(3, "2026-11-01", "2026-11-24", False).record()
    adapter.save_attributes(envelope, record)
    assert adapter.get_attributes(envelope) == record
    assert set(stored_item(aws_env, conv.user_id)) == {"id"} | STORED_KEYS
    with pytest.raises(ValueError, match="only visit data"):
        adapter.save_attributes(envelope, {**record, "topic": "als"})
    adapter.delete_attributes(envelope)
    assert adapter.get_attributes(envelope) == {}


@pytest.fixture
def patient_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """Generous client timeouts: on a loaded test machine the local server can take longer
    than the skill's 1 s read timeout, and a timed-out call is an outage (no count), which is
    what the fault tests are for.  These tests are about atomic counting."""
    monkeypatch.setattr(dynamodb, "READ_TIMEOUT", 30.0)
    monkeypatch.setattr(dynamodb, "CONNECT_TIMEOUT", 10.0)


def storage_faults(caplog: pytest.LogCaptureFixture) -> int:
    """Sessions whose read or write failed (the local server under load): each counts no visit
    by design (an outage never overwrites data), so it is not a counting error."""
    faults = ("visit data unavailable", "could not save visit data")
    return sum(r.getMessage().startswith(faults) for r in caplog.records)


@pytest.mark.usefixtures("patient_client")
def test_concurrent_first_requests_all_count(
    aws_env: DynamoServer, caplog: pytest.LogCaptureFixture
) -> None:
    """8 threads x 25 sessions of one user at once: 200 visits, counted by DynamoDB itself.

    (Before UpdateItem, with a read-modify-write PutItem, the same run left 39-40.)
    """
    conv, adapter = conversation(aws_env.table_name)
    handler = lambda_handler_for(build_skill(adapter, skill_id=DEFAULT_SKILL_ID))
    with caplog.at_level(logging.WARNING):
        assert (
            hammer(handler, conv.user_id, threads=8, sessions=25, skill_id=DEFAULT_SKILL_ID) == []
        )
    faults = storage_faults(caplog)
    assert faults <= 5, "the local server failed too often to measure counting"
    assert stored_item(aws_env, conv.user_id)["visits"] == {"N": str(200 - faults)}


@pytest.mark.usefixtures("patient_client")
def test_concurrent_sessions_moving_an_sdk_item_up_all_count(
    aws_env: DynamoServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Sessions that all read the map layout at once: the count moves up exactly once."""
    conv, adapter = conversation(aws_env.table_name, clock=lambda: NOW)
    conv.launch()
    record = {"visits": 7, "first_visit": "2026-01-01", "last_visit": "2026-11-24"}
    sdk_adapter(aws_env).save_attributes(envelope_of(conv), {**record, "disclaimer_heard": True})
    handler = lambda_handler_for(build_skill(adapter, skill_id=DEFAULT_SKILL_ID))
    with caplog.at_level(logging.WARNING):
        assert (
            hammer(handler, conv.user_id, threads=8, sessions=10, skill_id=DEFAULT_SKILL_ID) == []
        )
    faults = storage_faults(caplog)
    assert faults <= 4, "the local server failed too often to measure counting"
    item = stored_item(aws_env, conv.user_id)
    assert item["visits"] == {"N": str(87 - faults)}
    assert item["first_visit"] == {"S": "2026-01-01"}
    assert "attributes" not in item


@pytest.mark.parametrize(
    "record",
    [
        {
            "visits": 3,
            "first_visit": "2026-11-01",
            "last_visit": "2026-11-24",
            "disclaimer_heard": True,
        },
        {},
        {"nested": {"a": None, "b": 1.5, "c": -2}},
    ],
)
def test_attribute_values_round_trip(record: dict[str, Any]) -> None:
    from skill.dynamodb import from_attribute_value, to_attribute_value

    assert from_attribute_value(to_attribute_value(record)) == record


def test_reading_never_fails_on_what_dynamodb_holds() -> None:
    """Lists and the types a record never has read as values the schema then refuses."""
    from skill.dynamodb import from_attribute_value

    assert from_attribute_value({"L": [{"N": "1"}, {"S": "a"}]}) == [1, "a"]
    assert from_attribute_value({"SS": ["a"]}) == {"SS": ["a"]}
    assert from_attribute_value({"B": b"x"}) == {"B": b"x"}


def test_unsupported_value_is_refused() -> None:
    from skill.dynamodb import to_attribute_value

    with pytest.raises(TypeError):
        to_attribute_value({"topics": ["als"]})


#: The largest number DynamoDB holds: it refuses 1e400 (and so does moto), so the bad count
#: "1e400" is stored as this one, which reads as a float just the same.
LARGEST_NUMBER = "9.9999999999999999999999999999999999999E+125"


def stored_value(value: Any) -> dict[str, Any]:
    """Any JSON value as a DynamoDB attribute value, as another writer could have stored it."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, float) and value == float("inf"):
        return {"N": LARGEST_NUMBER}
    if isinstance(value, int | float):
        return {"N": repr(value)}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, list):
        return {"L": [stored_value(v) for v in value]}
    return {"M": {k: stored_value(v) for k, v in value.items()}}


@pytest.mark.parametrize("layout", ["top-level", "map"])
@pytest.mark.parametrize(("field", "value"), BAD_FIELDS, ids=CASE_IDS)
def test_bad_record_gets_the_new_user_welcome_and_is_replaced(
    aws_env: DynamoServer,
    caplog: pytest.LogCaptureFixture,
    field: str,
    value: str | None,
    layout: str,
) -> None:
    """As tests/test_visit_data.py, with the record in DynamoDB, in either layout."""
    conv, adapter = conversation(aws_env.table_name, clock=lambda: NOW)
    document = json.loads(bad_document(field, value))
    item = {"id": {"S": conv.user_id}}
    if layout == "map":
        item[ATTRIBUTE_NAME] = stored_value(document)
    else:
        item.update({name: stored_value(v) for name, v in document.items()})
    aws_env.client().put_item(TableName=aws_env.table_name, Item=item)
    with caplog.at_level(logging.WARNING, logger="skill.persistence"):
        welcome = conv.launch()
    assert WELCOME_NEW in speech(welcome) and DISCLAIMER in speech(welcome)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.msg, r.args) for r in warnings] == [(INVALID_MESSAGE, (field,))]
    assert conv.user_id not in warnings[0].getMessage()
    assert parse_visit(adapter.get_attributes(envelope_of(conv))) == Visit.first(TODAY)
    assert set(stored_item(aws_env, conv.user_id)) == {"id"} | STORED_KEYS
    assert WELCOME_BACK in speech(conv.launch())
