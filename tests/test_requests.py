"""Every request type Alexa can send a custom skill, and hostile inputs, through the real handler.

Out-of-session requests (skill events, messages, ``System.ExceptionEncountered``) get an
empty response and never touch session attributes; unresolved slots fall back to the
model's own values; echoed slot text is capped; over-deep session attributes are ignored.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from skill import content, replies
from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.simulator.envelopes import build_envelope, intent_request, launch_request
from tests.conftest import EN, SKILL_ID, filled, speech

TIMESTAMP = "2026-12-04T10:00:00Z"


@pytest.fixture
def handler() -> Any:
    return lambda_handler_for(build_skill(MemoryAdapter(), skill_id=SKILL_ID))


def out_of_session(request: dict[str, Any]) -> dict[str, Any]:
    """An envelope without a session, as Alexa sends events and messages."""
    envelope = build_envelope(request, skill_id=SKILL_ID)
    del envelope["session"]
    return envelope


def base(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "requestId": "r-1", "timestamp": TIMESTAMP, "locale": "en-US", **fields}


EVENTS = [
    base("AlexaSkillEvent.SkillEnabled", eventCreationTime=TIMESTAMP),
    base("AlexaSkillEvent.SkillDisabled", eventCreationTime=TIMESTAMP),
    base(
        "AlexaSkillEvent.SkillPermissionAccepted",
        body={"acceptedPermissions": [{"scope": "alexa::profile:email:read"}]},
    ),
    base("AlexaSkillEvent.SkillPermissionChanged", body={"acceptedPermissions": []}),
    base("AlexaSkillEvent.SkillAccountLinked", body={"accessToken": "token"}),
    base("Messaging.MessageReceived", message={"hello": "world"}),
]
EXCEPTION_ENCOUNTERED = base(
    "System.ExceptionEncountered",
    error={"type": "INVALID_RESPONSE", "message": "Invalid SSML"},
    cause={"requestId": "r-0"},
)


@pytest.mark.parametrize("request_", [*EVENTS, EXCEPTION_ENCOUNTERED], ids=lambda r: r["type"])
def test_out_of_session_requests_get_an_empty_response(
    handler: Any, request_: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = handler(out_of_session(request_), None)
    assert response["response"] == {}
    assert "sessionAttributes" not in response or not response["sessionAttributes"]
    assert not [r for r in caplog.records if r.exc_info], "no traceback"


def test_exception_encountered_is_logged_without_user_data(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        handler(out_of_session(EXCEPTION_ENCOUNTERED), None)
    message = " ".join(r.getMessage() for r in caplog.records)
    assert "INVALID_RESPONSE" in message
    assert "Invalid SSML" in message
    assert "amzn1.ask.account" not in message


def _can_fulfill(handler: Any, intent: str, slots: dict[str, Any] | None = None) -> Any:
    request = base("CanFulfillIntentRequest", intent={"name": intent, "slots": slots or {}})
    response = handler(out_of_session(request), None)["response"]
    assert "outputSpeech" not in response
    return response["canFulfillIntent"]


def _cause(value: str, resolved_id: str | None) -> dict[str, Any]:
    authority: dict[str, Any] = {"authority": "a", "status": {"code": "ER_SUCCESS_NO_MATCH"}}
    if resolved_id:
        authority["status"] = {"code": "ER_SUCCESS_MATCH"}
        authority["values"] = [{"value": {"name": value, "id": resolved_id}}]
    return {"cause": {"name": "cause", "value": value, "confirmationStatus": "NONE",
                      "resolutions": {"resolutionsPerAuthority": [authority]}}}  # fmt: skip


@pytest.mark.parametrize("intent", sorted(t.intent for t in content.TOPICS.values()))
def test_can_fulfill_every_topic(handler: Any, intent: str) -> None:
    assert _can_fulfill(handler, intent)["canFulfill"] == "YES"


def test_can_fulfill_a_known_cause(handler: Any) -> None:
    verdict = _can_fulfill(handler, "CauseCheckIntent", _cause("coffee", "coffee"))
    assert verdict["canFulfill"] == "YES"
    assert verdict["slots"]["cause"] == {"canUnderstand": "YES", "canFulfill": "YES"}


def test_maybe_for_an_unknown_or_missing_cause(handler: Any) -> None:
    verdict = _can_fulfill(handler, "CauseCheckIntent", _cause("gluten", None))
    assert verdict["canFulfill"] == "MAYBE"
    assert verdict["slots"]["cause"] == {"canUnderstand": "MAYBE", "canFulfill": "NO"}
    assert _can_fulfill(handler, "CauseCheckIntent")["canFulfill"] == "MAYBE"


@pytest.mark.parametrize(
    "intent",
    ["EmergencyIntent", "CrisisIntent", "PoisoningIntent", "AMAZON.HelpIntent", "WeatherIntent"],
)
def test_no_for_safety_built_in_and_foreign_intents(handler: Any, intent: str) -> None:
    # Emergencies stay with Alexa's own handling; a name-free question is never diverted here.
    assert _can_fulfill(handler, intent)["canFulfill"] == "NO"


@pytest.mark.parametrize(
    "request_",
    [launch_request(), intent_request("CauseCheckIntent"), base("Some.FutureRequest")],
    ids=["launch", "intent", "unknown type"],
)
def test_requests_without_a_session_never_fail(handler: Any, request_: dict[str, Any]) -> None:
    response = handler(out_of_session(request_), None)
    assert "response" in response  # an answer, no exception


def test_unknown_request_type_in_session_gets_an_empty_response(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    envelope = build_envelope(base("Some.FutureRequest"), skill_id=SKILL_ID)
    with caplog.at_level(logging.WARNING):
        response = handler(envelope, None)
    assert response["response"] == {}
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] != []
    assert not [r for r in caplog.records if r.exc_info], "one line, no traceback"


def test_intent_the_skill_does_not_declare_gets_the_fallback(handler: Any) -> None:
    envelope = build_envelope(intent_request("AMAZON.PauseIntent"), skill_id=SKILL_ID)
    response = handler(envelope, None)
    assert speech(response).endswith(filled(EN.phrases["if_emergency"]))


# --- the error handler ---------------------------------------------------------------------
def test_error_handler_gives_no_speech_where_none_is_allowed(
    handler: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # A skill event whose body breaks the SDK's model still ends in an empty response.
    broken = out_of_session(base("AlexaSkillEvent.SkillEnabled", eventCreationTime="not a date"))
    with caplog.at_level(logging.ERROR):
        response = handler(broken, None)
    assert "outputSpeech" not in response.get("response", {})


# --- slots ---------------------------------------------------------------------------------
def _slot_envelope(value: str, resolutions: dict[str, Any] | None) -> dict[str, Any]:
    slot: dict[str, Any] = {"name": "cause", "value": value, "confirmationStatus": "NONE"}
    if resolutions is not None:
        slot["resolutions"] = resolutions
    request = intent_request("CauseCheckIntent")
    request["intent"]["slots"] = {"cause": slot}
    return build_envelope(request, skill_id=SKILL_ID)


def _authority(code: str) -> dict[str, Any]:
    return {"resolutionsPerAuthority": [{"authority": "a", "status": {"code": code}}]}


@pytest.mark.parametrize(
    "resolutions",
    [None, _authority("ER_ERROR_TIMEOUT"), _authority("ER_ERROR_EXCEPTION"), {}],
    ids=["no resolutions", "timeout", "exception", "empty"],
)
@pytest.mark.parametrize("heard", ["coffee", "Coffee", "too much coffee", "espresso"])
def test_known_value_without_resolution_is_still_known(
    handler: Any, resolutions: dict[str, Any] | None, heard: str
) -> None:
    response = handler(_slot_envelope(heard, resolutions), None)
    assert EN.entries("CauseType")["coffee"].speech in speech(response)


def test_a_definite_no_match_stays_unknown(handler: Any) -> None:
    response = handler(_slot_envelope("coffee", _authority("ER_SUCCESS_NO_MATCH")), None)
    assert EN.entries("CauseType")["coffee"].speech not in speech(response)


@pytest.mark.parametrize(
    "value", ["x" * 11_000, "word " * 3_000, "<" * 9_000, "&" * 9_000, "🙂" * 9_000, "{emergency}"]
)
def test_slot_echo_is_capped_and_clean(handler: Any, value: str) -> None:
    response = handler(_slot_envelope(value, _authority("ER_SUCCESS_NO_MATCH")), None)
    ssml = response["response"]["outputSpeech"]["ssml"]
    assert len(ssml) <= replies.MAX_SPEECH_CHARS
    assert len(json.dumps(response).encode()) <= replies.MAX_RESPONSE_BYTES
    assert len(speech(response)) < 600
    assert "<say-as" not in ssml  # a placeholder said by the user is not filled in


def test_echo_keeps_short_phrases_and_cuts_at_a_word() -> None:
    assert replies.echo("gluten-free bread") == "gluten-free bread"
    assert replies.echo("  tea!! ") == "tea"
    assert replies.echo("<&>") == ""
    long = replies.echo("banana " * 40)
    assert len(long) <= replies.MAX_ECHO_CHARS
    assert long.endswith("banana")


def test_reply_over_alexa_limits_is_replaced_by_the_error_prompt() -> None:
    # No content entry is this long; the guard is tested through the reply layer itself.
    from ask_sdk_core.attributes_manager import AttributesManager
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model import RequestEnvelope

    from skill.replies import Reply

    skill = build_skill(skill_id=SKILL_ID)
    envelope = build_envelope(launch_request(), skill_id=SKILL_ID)
    request_envelope = skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)

    def rendered(reply: Reply) -> Any:
        handler_input = HandlerInput(
            request_envelope=request_envelope,
            attributes_manager=AttributesManager(request_envelope=request_envelope),
        )
        return replies.render(handler_input, reply)

    too_long = rendered(Reply(speech="word " * 2_000))
    assert "word word" not in too_long.output_speech.ssml
    assert EN.prompts["error"].speech in too_long.output_speech.ssml
    too_big = rendered(Reply(speech="ok", card_title="t", card_text="x" * 30_000))
    assert too_big.card is None
    fine = rendered(Reply(speech="ok", card_title="t", card_text="x" * 100))
    assert fine.card is not None


# --- session attributes --------------------------------------------------------------------
def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


@pytest.mark.parametrize("depth", [40, 3_000, 20_000])
def test_deep_session_attributes_get_a_normal_answer(handler: Any, depth: int) -> None:
    envelope = build_envelope(
        intent_request("AboutTwitchingIntent"),
        skill_id=SKILL_ID,
        new=False,
        attributes={"pending": _nested(depth), "junk": _nested(depth)},
    )
    response = handler(envelope, None)
    assert EN.topics["about"].speech in speech(response)


@pytest.mark.parametrize(
    "pending",
    [{"list": "medical_conditions", "offset": True}, {"topic": ["about"]}, {"safety": {"x": 1}}, 7],
)
def test_odd_pending_attributes_are_ignored(handler: Any, pending: Any) -> None:
    envelope = build_envelope(
        intent_request("AMAZON.YesIntent"),
        skill_id=SKILL_ID,
        new=False,
        attributes={"pending": pending},
    )
    response = handler(envelope, None)
    assert speech(response) == EN.prompts["ask_away"].speech


@pytest.mark.parametrize(
    "request_",
    [*EVENTS, EXCEPTION_ENCOUNTERED, base("CanFulfillIntentRequest", intent={"name": "X"})],
    ids=lambda r: r["type"],
)
def test_requests_outside_a_session_never_touch_the_visit_store(request_: dict[str, Any]) -> None:
    store = MemoryAdapter()
    handler = lambda_handler_for(build_skill(store, skill_id=SKILL_ID))
    handler(out_of_session(request_), None)
    assert (store.reads, store.writes) == (0, 0)
    assert store.records == {}
