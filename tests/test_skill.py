"""The real skill through the Lambda handler path, with real request envelopes."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.handler_input import HandlerInput

from skill import handlers
from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.simulator.envelopes import Conversation, Slot, build_envelope, launch_request
from tests.conftest import EN, SKILL_ID, ends, filled, reprompt, speech

DISCLAIMER = "not a substitute for professional medical advice"

TOPIC_INTENTS = {topic.intent: topic_id for topic_id, topic in EN.topics.items()}
SLOT_INTENTS = {t.intent: (t.slot, t.entries) for t in EN.slot_topics}


def assert_well_formed(response: dict[str, Any]) -> None:
    """Alexa's rules for every spoken response of this skill."""
    body = response["response"]
    ssml = body["outputSpeech"]["ssml"]
    root = ET.fromstring(ssml)  # valid XML after escaping
    assert root.tag == "speak"
    assert len(ssml) <= 8000
    if not ends(response):
        # An open session always ends in a question (Fallback then adds its emergency
        # sentence) and has a reprompt.
        text = speech(response).removesuffix(filled(EN.phrases["if_emergency"]))
        assert text.rstrip().endswith("?"), speech(response)
        assert reprompt(response), "open session without a reprompt"
    else:
        assert "reprompt" not in body


# --- launch, disclaimer, returning users -------------------------------------------------
def test_launch_welcomes_with_full_disclaimer(conv: Conversation) -> None:
    response = conv.launch()
    assert_well_formed(response)
    assert speech(response).startswith("Welcome to Muscle Twitch Guide.")
    assert DISCLAIMER in speech(response)
    assert response["response"]["card"]["title"] == EN.prompts["welcome_new"].title


def test_returning_user_gets_short_welcome(conv: Conversation, store: MemoryAdapter) -> None:
    conv.launch()
    conv.intent("AMAZON.StopIntent")
    response = conv.launch()
    assert speech(response).startswith("Welcome back")
    assert EN.phrases["disclaimer_short"] in speech(response)
    record = next(iter(store.records.values()))
    assert record["visits"] == 2
    assert record["disclaimer_heard"] is True


def test_one_read_and_one_write_per_session(conv: Conversation, store: MemoryAdapter) -> None:
    conv.launch()
    conv.intent("MedicalConditionsIntent")
    conv.intent("AMAZON.YesIntent")
    conv.intent("AMAZON.RepeatIntent")
    conv.intent("AMAZON.StopIntent")
    assert (store.reads, store.writes) == (1, 1)


def test_only_visit_data_is_stored(conv: Conversation, store: MemoryAdapter) -> None:
    conv.intent("CauseCheckIntent", {"cause": Slot("a. l. s.", id="als")}, new_session=True)
    conv.intent("BodyPartIntent", {"body_part": Slot("eyelid", id="eye")})
    (record,) = store.records.values()
    assert set(record) == {"visits", "first_visit", "last_visit", "disclaimer_heard"}
    assert "als" not in str(record) and "eye" not in str(record)


@pytest.mark.parametrize("intent", sorted(TOPIC_INTENTS))
def test_first_response_of_a_one_shot_has_disclaimer(conv: Conversation, intent: str) -> None:
    response = conv.intent(intent, new_session=True)
    assert DISCLAIMER in speech(response)
    follow_up = conv.intent("AMAZON.RepeatIntent") if not ends(response) else None
    if follow_up is not None:  # repeat is word for word, disclaimer included
        assert speech(follow_up) == speech(response)


def test_disclaimer_only_on_first_response(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("SleepTwitchIntent")
    assert DISCLAIMER not in speech(response)


# --- every custom intent ---------------------------------------------------------------
@pytest.mark.parametrize("intent", sorted(TOPIC_INTENTS))
def test_topic_intents_answer_from_content(conv: Conversation, intent: str) -> None:
    conv.launch()
    response = conv.intent(intent)
    assert_well_formed(response)
    topic = EN.topics[TOPIC_INTENTS[intent]]
    assert topic.speech in speech(response)
    assert response["response"]["card"]["title"] == topic.title


@pytest.mark.parametrize(
    ("intent", "slot_name", "value_id"),
    [(i, s, v) for i, (s, entries) in SLOT_INTENTS.items() for v in entries],
)
def test_every_slot_value_has_an_answer(
    conv: Conversation, intent: str, slot_name: str, value_id: str
) -> None:
    conv.launch()
    response = conv.intent(intent, {slot_name: Slot(value_id.replace("_", " "), id=value_id)})
    assert_well_formed(response)
    entry = SLOT_INTENTS[intent][1][value_id]
    assert entry.speech in speech(response)
    assert response["response"]["card"] == {
        "type": "Simple",
        "title": entry.title,
        "content": f"{entry.card}\n\n{EN.phrases['card_footer']}",
    }


@pytest.mark.parametrize("intent", sorted(SLOT_INTENTS))
def test_unresolved_slot_value_gets_a_helpful_answer(conv: Conversation, intent: str) -> None:
    conv.launch()
    slot_name = SLOT_INTENTS[intent][0]
    response = conv.intent(intent, {slot_name: Slot("gluten & <chips>")})
    assert_well_formed(response)
    assert "gluten chips" in speech(response)  # echoed as a clean phrase
    assert "<chips>" not in speech(response)
    yes = conv.intent("AMAZON.YesIntent")  # the offer that follows works
    assert_well_formed(yes)


@pytest.mark.parametrize("intent", sorted(SLOT_INTENTS))
def test_missing_slot_gets_a_helpful_answer(conv: Conversation, intent: str) -> None:
    conv.launch()
    response = conv.intent(intent, {SLOT_INTENTS[intent][0]: None})
    assert_well_formed(response)
    assert "Sorry" not in speech(response)


def test_resolved_id_unknown_to_content_is_treated_as_unknown(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("CauseCheckIntent", {"cause": Slot("gluten", id="gluten")})
    assert EN.slot_topics[0].unknown.replace("{value}", "gluten") in speech(response)


def test_serious_condition_reassures_and_points_to_a_doctor(conv: Conversation) -> None:
    response = conv.intent("CauseCheckIntent", {"cause": Slot("als", id="als")}, new_session=True)
    text = speech(response)
    assert "not always a sign of serious illness" in text
    assert "neurologist" in text
    assert "harmless" not in text  # the article does not say so of a condition
    assert not text.lower().startswith("yes")  # never sounds like a diagnosis


# --- lists in chunks, yes / no / next / repeat ----------------------------------------
def test_list_in_chunks_of_four_with_full_card(conv: Conversation) -> None:
    conv.launch()
    items = EN.topics["medical_conditions"].items
    first = conv.intent("MedicalConditionsIntent")
    assert speech(first).endswith(EN.phrases["more"])
    spoken = [item.spoken for item in items]
    assert all(s in speech(first) for s in spoken[:4])
    assert not any(s in speech(first) for s in spoken[4:])
    assert all(item.card in first["response"]["card"]["content"] for item in items)
    second = conv.intent("AMAZON.YesIntent")
    assert all(s.lower() in speech(second).lower() for s in spoken[4:8])
    third = conv.intent("AMAZON.NextIntent")
    assert all(s.lower() in speech(third).lower() for s in spoken[8:])
    assert EN.phrases["more"] not in speech(third)
    assert EN.topics["see_doctor"].offer in speech(third)


def test_dialog_launch_question_yes_repeat_stop(conv: Conversation) -> None:
    conv.launch()
    answer = conv.intent("AboutTwitchingIntent")
    assert speech(answer).endswith(EN.topics["causes"].offer)
    yes = conv.intent("AMAZON.YesIntent")
    assert EN.topics["causes"].speech in speech(yes)
    again = conv.intent("AMAZON.RepeatIntent")
    assert again["response"] == yes["response"]
    yes_after_repeat = conv.intent("AMAZON.YesIntent")  # repeat kept the pending offer
    assert EN.topics["everyday_causes"].speech in speech(yes_after_repeat)
    stop = conv.intent("AMAZON.StopIntent")
    assert speech(stop) == EN.prompts["goodbye"].speech
    assert ends(stop)
    assert not conv.session_open


def test_no_declines_offer_then_no_again_says_goodbye(conv: Conversation) -> None:
    conv.launch()
    conv.intent("SleepTwitchIntent")
    declined = conv.intent("AMAZON.NoIntent")
    assert_well_formed(declined)
    assert speech(declined) == EN.prompts["what_else"].speech
    bye = conv.intent("AMAZON.NoIntent")
    assert ends(bye)


@pytest.mark.parametrize(
    ("intent", "expected"),
    [
        ("AMAZON.YesIntent", EN.prompts["ask_away"]),
        ("AMAZON.NextIntent", EN.prompts["no_list"]),
        ("AMAZON.RepeatIntent", EN.prompts["nothing_to_repeat"]),
    ],
)
def test_built_ins_with_nothing_asked(conv: Conversation, intent: str, expected: Any) -> None:
    conv.launch()
    conv.intent("AMAZON.NoIntent")  # nothing pending after the welcome: goodbye
    response = conv.intent(intent, new_session=True)
    assert_well_formed(response)
    assert expected.speech in speech(response)


def test_tampered_pending_attribute_is_ignored(conv: Conversation) -> None:
    conv.launch()
    conv.attributes["pending"] = {"list": "medical_conditions", "offset": 99}
    response = conv.intent("AMAZON.YesIntent")
    assert speech(response) == EN.prompts["ask_away"].speech


# --- help, stop, cancel, fallback, home, session end ----------------------------------
def test_help_keeps_session_open(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("AMAZON.HelpIntent")
    assert_well_formed(response)
    assert speech(response) == EN.prompts["help"].speech
    assert not ends(response)


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
def test_stop_and_cancel_say_goodbye(conv: Conversation, intent: str) -> None:
    conv.launch()
    response = conv.intent(intent)
    assert speech(response) == EN.prompts["goodbye"].speech
    assert ends(response)


def test_fallback_says_what_skill_can_do(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("AMAZON.FallbackIntent")
    assert_well_formed(response)
    assert speech(response) == filled(EN.prompts["fallback"].speech)


@pytest.mark.parametrize("intent", ["AMAZON.StartOverIntent", "AMAZON.NavigateHomeIntent"])
def test_start_over_returns_to_welcome(conv: Conversation, intent: str) -> None:
    conv.launch()
    conv.intent("MedicalConditionsIntent")
    response = conv.intent(intent)
    assert speech(response) == EN.prompts["home"].speech
    assert conv.attributes["pending"] is None


def test_intent_the_skill_does_not_use_gets_fallback(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("AMAZON.PauseIntent")
    assert speech(response) == filled(EN.prompts["fallback"].speech)


@pytest.mark.parametrize("reason", ["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"])
def test_session_ended_gets_empty_response(conv: Conversation, reason: str) -> None:
    conv.launch()
    response = conv.end(reason)
    assert response["response"] == {}


# --- errors ------------------------------------------------------------------------------
def test_exception_handler_answers_and_keeps_session(caplog: pytest.LogCaptureFixture) -> None:
    # A handler that raises, in a skill built the way skill.app builds one.
    from ask_sdk_core.dispatch_components import AbstractRequestHandler
    from ask_sdk_core.skill_builder import CustomSkillBuilder

    class Boom(AbstractRequestHandler):
        def can_handle(self, handler_input: HandlerInput) -> bool:
            return True

        def handle(self, handler_input: HandlerInput) -> Any:
            raise RuntimeError("boom")

    builder = CustomSkillBuilder()
    builder.add_request_handler(Boom())
    builder.add_exception_handler(handlers.ErrorHandler())
    conv = Conversation(lambda_handler_for(builder.create()), skill_id=SKILL_ID)
    conv.launch()
    with caplog.at_level(logging.ERROR):
        response = conv.intent("SleepTwitchIntent")
    assert speech(response) == EN.prompts["error"].speech
    assert not ends(response)
    assert "request failed: RuntimeError" in caplog.text


def test_repeat_with_a_corrupt_record_says_there_is_nothing_to_repeat(conv: Conversation) -> None:
    conv.launch()
    conv.intent("SleepTwitchIntent")
    conv.attributes["last"] = {"speech": "<speak>hi</speak>", "reprompt": 5}
    response = conv.intent("AMAZON.RepeatIntent")
    assert speech(response) == EN.prompts["nothing_to_repeat"].speech


def test_exception_handler_cannot_fail_itself() -> None:
    envelope = build_envelope(
        launch_request(), skill_id=SKILL_ID, user_id="u", device_id="d", session_id="s", new=True
    )
    import json

    from ask_sdk_core.serialize import DefaultSerializer

    request_envelope = DefaultSerializer().deserialize(
        json.dumps(envelope), "ask_sdk_model.RequestEnvelope"
    )
    broken = HandlerInput(request_envelope=request_envelope, attributes_manager=None)
    response = handlers.ErrorHandler().handle(broken, RuntimeError("boom"))
    assert response.output_speech.text == EN.prompts["error"].speech
    assert response.should_end_session is False


def test_skill_id_verification_rejects_other_skills() -> None:
    handler = lambda_handler_for(build_skill(MemoryAdapter(), skill_id=SKILL_ID))
    other = Conversation(handler, skill_id="amzn1.ask.skill.someone-else")
    with pytest.raises(AskSdkException):
        other.launch()


def test_skill_id_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    handler = lambda_handler_for(build_skill())
    assert speech(Conversation(handler, skill_id=SKILL_ID).launch())
    with pytest.raises(AskSdkException):
        Conversation(handler, skill_id="amzn1.ask.skill.other").launch()


class BrokenStore(MemoryAdapter):
    def get_attributes(self, request_envelope: Any) -> dict[str, Any]:
        raise ConnectionError("storage is down")


def test_storage_outage_still_answers_as_new_user(caplog: pytest.LogCaptureFixture) -> None:
    store = BrokenStore()
    conv = Conversation(lambda_handler_for(build_skill(store)))
    with caplog.at_level(logging.WARNING):
        response = conv.launch()
    assert speech(response).startswith("Welcome to Muscle Twitch Guide.")
    assert store.writes == 0  # never overwrite real data after a failed read
    assert "visit data unavailable" in caplog.text
