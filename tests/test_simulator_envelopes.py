"""The simulator's envelopes are what Alexa sends, checked with the ASK SDK's own serializer."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import (
    IntentRequest,
    LaunchRequest,
    RequestEnvelope,
    SessionEndedReason,
    SessionEndedRequest,
)
from ask_sdk_model.slu.entityresolution import StatusCode

from skill.simulator import Conversation, Slot
from skill.simulator.envelopes import DEFAULT_SKILL_ID

SESSION_ID = re.compile(r"^amzn1\.echo-api\.session\.[0-9a-f-]{36}$")
REQUEST_ID = re.compile(r"^amzn1\.echo-api\.request\.[0-9a-f-]{36}$")
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def typed(envelope: dict[str, Any]) -> RequestEnvelope:
    result = DefaultSerializer().deserialize(json.dumps(envelope), "ask_sdk_model.RequestEnvelope")
    assert isinstance(result, RequestEnvelope)
    return result


def echo_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """A tiny skill: counts turns in session attributes and ends on AMAZON.StopIntent."""
    request = event["request"]
    attributes = dict(event["session"].get("attributes") or {})
    attributes["turns"] = attributes.get("turns", 0) + 1
    attributes.setdefault("first_request", request["type"])
    name = request.get("intent", {}).get("name")
    response: dict[str, Any] = {
        "outputSpeech": {"type": "PlainText", "text": f"{request['type']} {name}"}
    }
    if request["type"] == "SessionEndedRequest":
        return {"version": "1.0", "response": {}}
    if name == "AMAZON.StopIntent":
        response["shouldEndSession"] = True
    elif name != "Quiet":
        response["shouldEndSession"] = False
    return {"version": "1.0", "sessionAttributes": attributes, "response": response}


@pytest.fixture
def conv() -> Conversation:
    return Conversation(echo_handler, skill_id=DEFAULT_SKILL_ID)


def test_launch_envelope_shape(conv: Conversation) -> None:
    conv.launch()
    env = conv.last_request
    assert env is not None
    assert env["version"] == "1.0"
    assert set(env) == {"version", "session", "context", "request"}
    assert set(env["request"]) == {"type", "requestId", "timestamp", "locale"}
    req = typed(env)
    assert isinstance(req.request, LaunchRequest)
    assert REQUEST_ID.match(req.request.request_id)
    assert TIMESTAMP.match(env["request"]["timestamp"])
    assert req.request.locale == "en-US"
    assert req.session.new is True
    assert SESSION_ID.match(req.session.session_id)
    assert req.session.application.application_id == DEFAULT_SKILL_ID
    assert req.session.attributes == {}
    assert req.session.user.user_id == conv.user_id
    system = req.context.system
    assert system.application.application_id == DEFAULT_SKILL_ID
    assert system.user.user_id == conv.user_id
    assert system.device.device_id == conv.device_id
    assert system.api_endpoint == "https://api.amazonalexa.com"
    assert system.api_access_token
    assert "dialogState" not in env["request"]


def test_timestamp_from_clock_is_utc_without_microseconds() -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    conv = Conversation(echo_handler, clock=lambda: moment)
    conv.launch()
    assert conv.last_request is not None
    assert conv.last_request["request"]["timestamp"] == "2024-05-06T07:08:09Z"
    assert typed(conv.last_request).request.timestamp == moment.replace(microsecond=0)


def test_skill_id_defaults_to_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILL_ID", "amzn1.ask.skill.from-env")
    conv = Conversation(echo_handler)
    conv.launch()
    assert conv.last_request is not None
    assert conv.last_request["session"]["application"]["applicationId"] == (
        "amzn1.ask.skill.from-env"
    )


def test_intent_slots_match_no_match_and_empty(conv: Conversation) -> None:
    conv.intent(
        "CauseCheckIntent",
        {
            "cause": Slot("coffee", id="CAFFEINE", name="caffeine", slot_type="CauseType"),
            "other": Slot("gluten"),
            "bodyPart": None,
            "empty": Slot(None),
        },
    )
    env = conv.last_request
    assert env is not None
    req = typed(env)
    assert isinstance(req.request, IntentRequest)
    intent = req.request.intent
    assert intent.name == "CauseCheckIntent"
    assert intent.confirmation_status.value == "NONE"
    cause = intent.slots["cause"]
    assert cause.name == "cause"
    assert cause.value == "coffee"
    assert cause.source == "USER"
    assert cause.confirmation_status.value == "NONE"
    (authority,) = cause.resolutions.resolutions_per_authority
    assert authority.authority == f"amzn1.er-authority.echo-sdk.{DEFAULT_SKILL_ID}.CauseType"
    assert authority.status.code == StatusCode.ER_SUCCESS_MATCH
    (value,) = authority.values
    assert value.value.name == "caffeine"
    assert value.value.id == "CAFFEINE"
    other = intent.slots["other"]
    (authority,) = other.resolutions.resolutions_per_authority
    assert authority.status.code == StatusCode.ER_SUCCESS_NO_MATCH
    assert authority.authority.endswith(".OtherType")
    assert not authority.values
    assert (
        "values"
        not in env["request"]["intent"]["slots"]["other"]["resolutions"]["resolutionsPerAuthority"][
            0
        ]
    )
    for empty in ("bodyPart", "empty"):
        assert env["request"]["intent"]["slots"][empty] == {
            "name": empty,
            "confirmationStatus": "NONE",
        }
        assert intent.slots[empty].value is None
    assert "dialogState" not in env["request"]


def test_match_name_defaults_to_value_and_builtin_types_have_no_resolutions(
    conv: Conversation,
) -> None:
    conv.intent(
        "X",
        {"cause": Slot("stress", id="STRESS"), "n": Slot("3", slot_type="AMAZON.NUMBER")},
    )
    assert conv.last_request is not None
    intent = typed(conv.last_request).request.intent
    values = intent.slots["cause"].resolutions.resolutions_per_authority[0].values
    assert values[0].value.name == "stress"
    assert intent.slots["n"].value == "3"
    assert intent.slots["n"].resolutions is None


def test_intent_without_slots(conv: Conversation) -> None:
    conv.intent("AMAZON.HelpIntent")
    assert conv.last_request is not None
    assert conv.last_request["request"]["intent"] == {
        "name": "AMAZON.HelpIntent",
        "confirmationStatus": "NONE",
    }
    assert typed(conv.last_request).request.intent.name == "AMAZON.HelpIntent"


def test_session_ended_request_reasons(conv: Conversation) -> None:
    conv.launch()
    conv.end()
    assert conv.last_request is not None
    req = typed(conv.last_request)
    assert isinstance(req.request, SessionEndedRequest)
    assert req.request.reason == SessionEndedReason.USER_INITIATED
    assert req.request.error is None
    assert "error" not in conv.last_request["request"]
    assert not conv.session_open

    conv.launch()
    conv.end("ERROR", error_type="INVALID_RESPONSE", error_message="bad")
    assert conv.last_request is not None
    req = typed(conv.last_request)
    assert req.request.reason == SessionEndedReason.ERROR
    assert req.request.error.object_type.value == "INVALID_RESPONSE"
    assert req.request.error.message == "bad"


def test_end_without_session_is_refused(conv: Conversation) -> None:
    with pytest.raises(RuntimeError):
        conv.end()
    conv.launch()
    with pytest.raises(ValueError):
        conv.end("BORED")


def test_session_carry_over_and_close(conv: Conversation) -> None:
    conv.launch()
    assert conv.last_request is not None
    first = conv.last_request["session"]
    assert first["new"] is True

    conv.intent("AskIntent")
    second = conv.last_request["session"]
    assert second["new"] is False
    assert second["sessionId"] == first["sessionId"]
    assert second["attributes"] == {"turns": 1, "first_request": "LaunchRequest"}

    # shouldEndSession absent: the session stays open
    conv.intent("Quiet")
    assert conv.session_open
    conv.intent("AMAZON.StopIntent")
    assert conv.last_request["session"]["attributes"]["turns"] == 3
    assert not conv.session_open

    conv.intent("AskIntent")
    third = conv.last_request["session"]
    assert third["new"] is True
    assert third["sessionId"] != first["sessionId"]
    assert third["attributes"] == {}
    assert third["user"]["userId"] == first["user"]["userId"]


def test_new_session_forces_a_fresh_session(conv: Conversation) -> None:
    conv.launch()
    assert conv.last_request is not None
    launched = conv.last_request["session"]["sessionId"]
    conv.intent("AskIntent", new_session=True)
    session = conv.last_request["session"]
    assert session["new"] is True
    assert session["sessionId"] != launched
    assert session["attributes"] == {}


def test_session_ended_request_closes_session_and_keeps_user() -> None:
    conv = Conversation(echo_handler, user_id="amzn1.ask.account.TEST")
    conv.launch()
    conv.end()
    assert not conv.session_open
    response = conv.launch()
    assert conv.last_request is not None
    assert conv.last_request["session"]["new"] is True
    assert conv.last_request["session"]["user"]["userId"] == "amzn1.ask.account.TEST"
    assert response["response"]["outputSpeech"]["text"] == "LaunchRequest None"
    assert conv.last_response == response


def test_handler_returning_none_is_tolerated() -> None:
    conv = Conversation(lambda event, context: None)
    assert conv.launch() == {}
    assert conv.session_open


def test_envelopes_run_through_a_real_ask_sdk_skill() -> None:
    """A minimal SDK skill, invoked the way Lambda does, carries attributes across turns."""
    from ask_sdk_core.dispatch_components import AbstractRequestHandler
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_core.skill_builder import SkillBuilder
    from ask_sdk_model import Response

    class CountHandler(AbstractRequestHandler):  # type: ignore[misc]
        def can_handle(self, handler_input: HandlerInput) -> bool:
            return handler_input.request_envelope.request.object_type != "SessionEndedRequest"

        def handle(self, handler_input: HandlerInput) -> Response:
            attrs = handler_input.attributes_manager.session_attributes
            attrs["n"] = attrs.get("n", 0) + 1
            request = handler_input.request_envelope.request
            slots = getattr(getattr(request, "intent", None), "slots", None) or {}
            said = ",".join(f"{k}={v.value}" for k, v in sorted(slots.items()))
            builder = handler_input.response_builder.speak(f"turn {attrs['n']} {said}")
            return builder.set_should_end_session(attrs["n"] >= 3).response

    class EndedHandler(AbstractRequestHandler):  # type: ignore[misc]
        def can_handle(self, handler_input: HandlerInput) -> bool:
            return handler_input.request_envelope.request.object_type == "SessionEndedRequest"

        def handle(self, handler_input: HandlerInput) -> Response:
            return handler_input.response_builder.response

    builder = SkillBuilder()
    builder.skill_id = DEFAULT_SKILL_ID
    builder.add_request_handler(CountHandler())
    builder.add_request_handler(EndedHandler())
    conv = Conversation(builder.lambda_handler(), skill_id=DEFAULT_SKILL_ID)
    assert "turn 1" in conv.launch()["response"]["outputSpeech"]["ssml"]
    out = conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="CAFFEINE")})
    assert "turn 2 cause=coffee" in out["response"]["outputSpeech"]["ssml"]
    out = conv.intent("AMAZON.YesIntent")
    assert out["response"]["shouldEndSession"] is True
    assert not conv.session_open
    assert "turn 1" in conv.intent("AMAZON.HelpIntent")["response"]["outputSpeech"]["ssml"]
    conv.end()
    assert not conv.session_open
