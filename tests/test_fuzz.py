"""Property-based fuzzing (Hypothesis) of the skill's two entry points with request envelopes of
every type Alexa sends a custom skill, genuine and broken (tests/fuzz_strategies.py), and with
malformed HTTP bodies.

* The Lambda-style handler (``lambda_handler_for(build_skill(MemoryAdapter(), ...))``, as in
  ``tests/conftest.py``) gets the event the Lambda runtime would make of the body. For every
  envelope the ASK SDK's own ``DefaultSerializer`` can deserialize, no exception escapes, and the
  response follows Alexa's rules: output speech of at most 8,000 characters and well-formed SSML
  in ``<speak>``, a response of at most 24 KB, ``shouldEndSession: false`` only with a reprompt,
  and no speech or reprompt at all in reply to SessionEndedRequest, System.ExceptionEncountered,
  the skill events and messages. Genuine envelopes never make a handler fail.
* The web service (``create_app(verify=False)`` through Flask's test client) never answers 500,
  refuses malformed bodies with 400 (413 over 256 KiB) and answers an envelope the SDK
  understands with 200.

Examples are bounded and derandomized, with no example database, so a run is repeatable and
writes nothing into the repository or the home directory (Hypothesis' other files go to a
temporary directory too). No property is marked xfail: a failure here is a bug in the skill.
"""

from __future__ import annotations

import atexit
import io
import json
import logging
import shutil
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from flask.testing import FlaskClient
from hypothesis import HealthCheck, Phase, given, reject, settings, target
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.web import create_app
from skill.web.guard import MAX_JSON_DEPTH, json_too_deep
from tests.conftest import SKILL_ID
from tests.fuzz_strategies import (
    SILENT_TYPES,
    Body,
    any_envelopes,
    body_of,
    envelopes_without_system,
    genuine_envelopes,
    silent_envelopes,
    unreadable_bodies,
    wrong_shape_bodies,
)

#: Alexa's limits on a response: output speech (SSML included) and the whole response.
MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024
#: The web service's body limit (skill.web.app.MAX_BODY_BYTES, restated as the contract).
MAX_BODY_BYTES = 256 * 1024

# Hypothesis stops looking shortly after the first failure it finds, so each rule and each
# family of inputs is its own test: a bug in one cannot hide a bug in another.
# No explain phase: it reruns each failing example hundreds of times (seconds per failure) to
# annotate which parts of it do not matter.
FUZZ = settings(
    max_examples=300,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Hypothesis keeps caches (constants of the project's modules, scanned when pytest collects this
# file; character tables) in ``.hypothesis/`` of the working directory. Set at import, that is
# before the collection hook runs: a temporary directory, removed when the test run ends.
_HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="twitch-guide-hypothesis-")
set_hypothesis_home_dir(_HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, _HYPOTHESIS_HOME, ignore_errors=True)


# Hypothesis warns when it builds the repr of these (large, nested) strategies; harmless.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@pytest.fixture(autouse=True)
def _no_persistence_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every skill here gets a MemoryAdapter; make sure nothing could reach a real store.
    monkeypatch.delenv("TABLE_NAME", raising=False)
    monkeypatch.delenv("TWITCH_GUIDE_DB", raising=False)


class SkillLog(logging.Filter):
    """Takes every record the skill and the web app log, keeps the errors (the ErrorHandler's
    "request failed", the app's 500s) with their exceptions, and lets none through: thousands of
    examples would fill pytest's report with tracebacks. The assertions report what matters."""

    LOGGERS = ("skill.app", "skill.handlers", "skill.persistence", "skill.web.app")

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[tuple[str, BaseException | None]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            error = record.exc_info[1] if record.exc_info else None
            self.errors.append((record.getMessage(), error))
        return False

    def summary(self) -> str:
        return "; ".join(f"{message}: {describe(error)}" for message, error in self.errors)

    def first_exception(self) -> BaseException | None:
        return next((error for _, error in self.errors if error is not None), None)


@pytest.fixture(autouse=True, scope="module")
def _skill_log() -> Iterator[None]:
    for name in SkillLog.LOGGERS:
        logging.getLogger(name).addFilter(_SKILL_LOG)
    yield
    for name in SkillLog.LOGGERS:
        logging.getLogger(name).removeFilter(_SKILL_LOG)


_SKILL_LOG = SkillLog()


@contextmanager
def skill_errors() -> Iterator[SkillLog]:
    """The errors the skill and the web app log inside the block."""
    _SKILL_LOG.errors.clear()
    yield _SKILL_LOG


@contextmanager
def default_recursion_limit() -> Iterator[None]:
    """The code under test gets the 1,000 frames of Python's default recursion limit, counted from
    the caller: Hypothesis raises the limit while it runs a test; Lambda's runtime does not."""
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 1000)
    try:
        yield
    finally:
        sys.setrecursionlimit(saved)


# --- oracles ------------------------------------------------------------------------------------
def sdk_deserializes(body: bytes) -> bool:
    """True if the ASK SDK's own serializer turns ``body`` into a ``RequestEnvelope``."""
    try:
        with default_recursion_limit():
            DefaultSerializer().deserialize(body.decode("ascii"), "ask_sdk_model.RequestEnvelope")
    except Exception:  # SerializationException, and whatever else the SDK lets through
        return False
    return True


def shape_problem(body: bytes) -> str | None:
    """Why ``body`` is not a request envelope at all, or None.

    Alexa's envelope is a JSON object with a ``request`` object that has a string ``type``, and a
    ``context`` object with a ``System`` object; ``session``, when present, is an object.  The
    web service refuses JSON nested deeper than ``MAX_JSON_DEPTH`` before parsing it.
    """
    try:
        with default_recursion_limit():
            envelope = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        return f"not JSON that Python can read: {type(error).__name__}"
    if json_too_deep(body, MAX_JSON_DEPTH):
        return f"nested deeper than {MAX_JSON_DEPTH} levels (refused before parsing)"
    if not isinstance(envelope, dict):
        return "not a JSON object"
    request = envelope.get("request")
    if not isinstance(request, dict) or not isinstance(request.get("type"), str):
        return "no request object with a string type"
    context = envelope.get("context")
    if not isinstance(context, dict) or not isinstance(context.get("System"), dict):
        return "no context.System object"
    if envelope.get("session") is not None and not isinstance(envelope["session"], dict):
        return "session is not an object"
    return None


def speeches(response: dict[str, Any]) -> list[dict[str, Any]]:
    """The output speech of a response envelope and of its reprompt, where present."""
    body = response["response"]
    found = [body.get("outputSpeech"), (body.get("reprompt") or {}).get("outputSpeech")]
    return [speech for speech in found if speech]


def speech_text(speech: dict[str, Any]) -> str:
    text = speech.get("ssml") if speech.get("type") == "SSML" else speech.get("text")
    assert isinstance(text, str), f"output speech without text: {speech}"
    return text


def ssml_problem(ssml: str) -> str | None:
    """Why ``ssml`` is not a well-formed XML document with a ``<speak>`` root, or None."""
    try:
        root = ET.fromstring(ssml)
    except (ET.ParseError, UnicodeEncodeError) as error:  # lone surrogates cannot be encoded
        return f"{type(error).__name__}: {error}"
    return None if root.tag == "speak" else f"root element <{root.tag}>, not <speak>"


def response_size(response: dict[str, Any]) -> int:
    """Bytes of the response as JSON: compact, non-ASCII as UTF-8 (the smallest honest size)."""
    text = json.dumps(response, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return len(text.encode("utf-8", "surrogatepass"))


def recursion_summary(error: RecursionError) -> str:
    """Where a RecursionError happened: the function that recursed and what called it (its
    traceback, a thousand frames, is not worth printing)."""
    frames = traceback.extract_tb(error.__traceback__)
    places = [f"{Path(frame.filename).name}:{frame.name}" for frame in frames] or ["?"]
    recursing, count = Counter(places).most_common(1)[0]
    if count < 10:  # recursion in C code (the json module): no repeated Python frame
        return f"RecursionError: {error} (in {places[-1]})"
    first = places.index(recursing)
    caller = places[first - 1] if first > 0 else "?"
    return f"RecursionError: {error} (recursing in {recursing}, called from {caller})"


def escaped(error: BaseException | None) -> BaseException | None:
    """The exception to chain to a failure: None for a RecursionError (summarised instead)."""
    return None if isinstance(error, RecursionError) else error


def describe(error: BaseException | None) -> str:
    if isinstance(error, RecursionError):
        return recursion_summary(error)
    return f"{type(error).__name__}: {error}"


def shown(value: Any, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


# --- the Lambda path ----------------------------------------------------------------------------
def lambda_event(envelope: Any) -> tuple[dict[str, Any], Any]:
    """The event the Lambda runtime makes of the envelope's body, and the request's type.

    Rejects (Hypothesis draws another) bodies the runtime's JSON parser cannot read and envelopes
    the ASK SDK's own serializer cannot deserialize: those never reach the skill's code.
    """
    body = body_of(envelope)
    try:
        with default_recursion_limit():
            event = json.loads(body)
    except RecursionError:
        reject()
    if not sdk_deserializes(body):
        reject()
    request = event.get("request")
    return event, request.get("type") if isinstance(request, dict) else None


def invoke_lambda(event: dict[str, Any]) -> dict[str, Any]:
    """The skill as conftest builds it (memory store, skill id), fresh for every example."""
    handler = lambda_handler_for(build_skill(MemoryAdapter(), skill_id=SKILL_ID))
    with default_recursion_limit():
        return handler(event, None)


def answer(envelope: Any) -> tuple[Any, dict[str, Any]]:
    """The request type and the handler's response; rejects envelopes on which the handler
    raises (the ``never_raises`` tests own that rule)."""
    event, request_type = lambda_event(envelope)
    try:
        return request_type, invoke_lambda(event)
    except Exception:
        reject()


@settings(FUZZ, max_examples=1000)
@given(any_envelopes)
def test_lambda_handler_never_raises(envelope: dict[str, Any]) -> None:
    event, _ = lambda_event(envelope)
    try:
        invoke_lambda(event)  # no exception may escape
    except RecursionError as error:
        raise AssertionError(f"escaped the handler: {recursion_summary(error)}") from None


@settings(FUZZ, max_examples=100)
@given(envelopes_without_system)
def test_lambda_handler_never_raises_without_context_system(envelope: dict[str, Any]) -> None:
    """Alexa always sends context.System, but the SDK deserializes an envelope without it."""
    event, _ = lambda_event(envelope)
    invoke_lambda(event)


@settings(FUZZ, max_examples=1000)
@given(any_envelopes)
def test_lambda_speech_is_at_most_8000_characters(envelope: dict[str, Any]) -> None:
    request_type, response = answer(envelope)
    target(float(max((len(speech_text(s)) for s in speeches(response)), default=0)))
    for speech in speeches(response):
        text = speech_text(speech)
        assert len(text) <= MAX_SPEECH_CHARS, (
            f"{request_type}: output speech of {len(text):,} characters "
            f"(Alexa's limit: {MAX_SPEECH_CHARS:,}): {shown(text)}"
        )


@settings(FUZZ, max_examples=1000)
@given(any_envelopes)
def test_lambda_speech_is_well_formed_ssml(envelope: dict[str, Any]) -> None:
    request_type, response = answer(envelope)
    for speech in speeches(response):
        if speech.get("type") == "SSML":
            problem = ssml_problem(speech_text(speech))
            assert problem is None, (
                f"{request_type}: SSML is not well-formed XML in <speak> ({problem}): "
                f"{shown(speech['ssml'])}"
            )


@settings(FUZZ, max_examples=1000)
@given(any_envelopes)
def test_lambda_response_is_at_most_24_kb(envelope: dict[str, Any]) -> None:
    request_type, response = answer(envelope)
    size = response_size(response)
    target(float(size))
    assert size <= MAX_RESPONSE_BYTES, (
        f"{request_type}: response of {size:,} bytes (Alexa's limit: 24 KB = "
        f"{MAX_RESPONSE_BYTES:,}); its parts: "
        + ", ".join(f"{key} {response_size(value):,}" for key, value in response.items())
    )


@settings(FUZZ, max_examples=1000)
@given(any_envelopes)
def test_lambda_open_session_has_a_reprompt(envelope: dict[str, Any]) -> None:
    request_type, response = answer(envelope)
    body = response["response"]
    if body.get("shouldEndSession") is False:
        assert "reprompt" in body, (
            f"{request_type}: shouldEndSession is false but there is no reprompt: {shown(body)}"
        )


@settings(FUZZ, max_examples=200)
@given(silent_envelopes)
def test_lambda_silent_requests_get_an_empty_response(envelope: dict[str, Any]) -> None:
    """SessionEndedRequest, System.ExceptionEncountered, the skill events and messages: Alexa
    speaks nothing in reply, so the response carries no outputSpeech and no reprompt."""
    request_type, response = answer(envelope)
    assert request_type in SILENT_TYPES
    body = response["response"]
    heard = sorted({"outputSpeech", "reprompt"} & set(body))
    assert not heard, f"{request_type} must get an empty response, got {heard}: {shown(body)}"


@settings(FUZZ, max_examples=500)
@given(genuine_envelopes)
def test_lambda_genuine_requests_never_fail_inside_the_skill(envelope: dict[str, Any]) -> None:
    """Envelopes as Alexa sends them (types of the request reference; sessions as Alexa keeps
    them, with the attributes the skill wrote itself; skill events and messages out of session)
    are answered without any handler raising into ``ErrorHandler`` (which apologises)."""
    event, request_type = lambda_event(envelope)
    with skill_errors() as spy:
        invoke_lambda(event)
    if spy.errors:
        raise AssertionError(
            f"{request_type}: the skill failed inside: {spy.summary()}"
        ) from escaped(spy.first_exception())


# --- the web service ----------------------------------------------------------------------------
@cache
def web_service() -> tuple[FlaskClient, CustomSkill]:
    """The web app with verification off, built once (each app adds a filter to the shared
    ``skill.web.app`` logger), and its skill."""
    skill = build_skill(MemoryAdapter(), skill_id=SKILL_ID)
    return create_app(skill_id=SKILL_ID, skill=skill, verify=False).test_client(), skill


def post(body: bytes, chunked: bool) -> int:
    """POST ``body`` to the web app and return the status; an HTTP 500 fails with the exception
    the app logged chained to it. ``chunked``: without Content-Length, the way gunicorn hands a
    chunked request to the app."""
    client, skill = web_service()
    skill.persistence_adapter = MemoryAdapter()  # every example starts without visit data
    with skill_errors() as spy, default_recursion_limit():
        if chunked:
            response = client.post(
                "/",
                input_stream=io.BytesIO(body),
                headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                environ_overrides={"wsgi.input_terminated": True},
            )
        else:
            response = client.post("/", data=body, content_type="application/json")
    if response.status_code == 500:
        raise AssertionError(f"HTTP 500: {spy.summary()}") from escaped(spy.first_exception())
    return response.status_code


@settings(FUZZ, max_examples=500)
@given(any_envelopes, st.booleans())
def test_web_never_answers_an_envelope_with_500(envelope: dict[str, Any], chunked: bool) -> None:
    body = body_of(envelope)
    status = post(body, chunked)
    if len(body) > MAX_BODY_BYTES:
        assert status == 413, f"a {len(body):,}-byte body got {status}"
    elif shape_problem(body) is not None:
        assert status == 400, f"not an envelope ({shape_problem(body)}) but got {status}"
    elif sdk_deserializes(body):
        assert status == 200, f"an envelope the SDK deserializes got {status}"
    else:
        assert status == 400, f"an envelope the SDK cannot deserialize got {status}"


@settings(FUZZ, max_examples=300)
@given(unreadable_bodies, st.booleans())
def test_web_refuses_unreadable_bodies_with_400_or_413(body: Body, chunked: bool) -> None:
    """Random bytes, truncated JSON, invalid UTF-8, JSON that is not an object, nesting up to
    5,000 deep, bodies over 256 KiB."""
    oversize = len(body.data) > MAX_BODY_BYTES
    assert oversize or shape_problem(body.data) is not None, "the strategy made a real envelope"
    status = post(body.data, chunked)
    expected = 413 if oversize else 400
    assert status == expected, f"{status}, expected {expected} ({shape_problem(body.data)})"


@settings(FUZZ, max_examples=300)
@given(wrong_shape_bodies, st.booleans())
def test_web_refuses_envelopes_of_the_wrong_shape_with_400(body: Body, chunked: bool) -> None:
    """JSON objects without a request object with a string type or without context.System, or
    with a session that is not an object."""
    problem = shape_problem(body.data)
    assert problem is not None, "the strategy made a real envelope"
    status = post(body.data, chunked)
    assert status == 400, f"{status}, expected 400 ({problem})"
