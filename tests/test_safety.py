"""Safety answers: emergency, suicidal crisis and poisoning reach the locale's numbers first.

Each answer is driven through the real skill with real envelopes; the SSML is parsed, the
telephone numbers are read out of their ``say-as`` elements, and the card and the session's
end are checked.  The check's rules (``skill.safety_check``) are also shown to fail on
answers that break them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from skill import content, safety_check
from skill.simulator.envelopes import Conversation
from tests.conftest import EN, ends, filled, reprompt, speech

US = content.SAFETY_NUMBERS["en-US"]
SAFETY_INTENTS = {answer.intent: key for key, answer in EN.safety.items()}
#: The numbers each answer must give (en-US), in the order it gives them first.
EXPECTED_NUMBERS = {
    "EmergencyIntent": [US.emergency],
    "CrisisIntent": [US.crisis, US.emergency],
    "PoisoningIntent": [US.poison, US.emergency],
}


def telephone_numbers(response: dict[str, Any]) -> list[str]:
    root = ET.fromstring(response["response"]["outputSpeech"]["ssml"])
    return [
        element.text or ""
        for element in root.iter("say-as")
        if element.get("interpret-as") == "telephone"
    ]


def test_en_us_numbers_are_the_verified_ones() -> None:
    assert (US.emergency, US.crisis, US.poison) == ("911", "988", "1-800-222-1222")


@pytest.mark.parametrize("intent", sorted(SAFETY_INTENTS))
@pytest.mark.parametrize("new_session", [True, False])
def test_action_and_number_come_first(conv: Conversation, intent: str, new_session: bool) -> None:
    if not new_session:
        conv.launch()
        conv.intent("MedicalConditionsIntent")  # in the middle of a list
    response = conv.intent(intent, new_session=new_session)
    text = speech(response)
    numbers = telephone_numbers(response)
    primary = EXPECTED_NUMBERS[intent][0]
    assert numbers[0] == primary
    assert numbers.count(primary) >= 2  # said twice
    assert set(EXPECTED_NUMBERS[intent]) <= set(numbers)
    assert re.match(r"^(Call|Please call)\b", text), text  # the action, unconditionally
    assert text.index(primary) < 40
    for word in ("harmless", "painless", "usually"):
        assert word not in text.lower()
    for topic in EN.topics.values():
        assert topic.offer not in text  # no topic offers


@pytest.mark.parametrize("intent", sorted(SAFETY_INTENTS))
def test_disclaimer_follows_short_on_a_first_response(conv: Conversation, intent: str) -> None:
    text = speech(conv.intent(intent, new_session=True))
    assert EN.phrases["disclaimer_short"] in text
    assert text.index(EN.phrases["disclaimer_short"]) > text.index(EXPECTED_NUMBERS[intent][0])
    assert EN.phrases["disclaimer_full"] not in text


@pytest.mark.parametrize("intent", sorted(SAFETY_INTENTS))
def test_card_shows_the_numbers(conv: Conversation, intent: str) -> None:
    card = conv.intent(intent, new_session=True)["response"]["card"]
    answer = EN.safety[SAFETY_INTENTS[intent]]
    assert card["title"] == filled(answer.title)
    assert card["content"] == filled(answer.card)
    for number in EXPECTED_NUMBERS[intent]:
        assert number in card["content"]
    assert "{" not in card["title"] + card["content"]


@pytest.mark.parametrize("intent", ["EmergencyIntent", "PoisoningIntent"])
def test_emergency_and_poisoning_end_the_session(conv: Conversation, intent: str) -> None:
    response = conv.intent(intent, new_session=True)
    assert ends(response)
    assert "reprompt" not in response["response"]
    assert not conv.session_open


def test_crisis_offers_only_to_say_the_number_again(conv: Conversation) -> None:
    answer = EN.safety["crisis"]
    response = conv.intent("CrisisIntent", new_session=True)
    assert not ends(response)
    assert speech(response).endswith(answer.repeat_offer)
    assert reprompt(response) == answer.repeat_offer
    again = conv.intent("AMAZON.YesIntent")
    assert telephone_numbers(again)[0] == US.crisis
    assert speech(again).startswith(filled(answer.speech))
    closing = conv.intent("AMAZON.NoIntent")
    assert speech(closing) == filled(answer.closing)
    assert telephone_numbers(closing) == [US.crisis]
    assert ends(closing)


def test_crisis_repeat_is_word_for_word(conv: Conversation) -> None:
    first = conv.intent("CrisisIntent", new_session=True)
    again = conv.intent("AMAZON.RepeatIntent")
    assert again["response"]["outputSpeech"] == first["response"]["outputSpeech"]


def test_tampered_safety_pending_is_ignored(conv: Conversation) -> None:
    conv.launch()
    conv.attributes = {"pending": {"safety": "not-a-safety-answer"}}
    response = conv.intent("AMAZON.YesIntent")
    assert speech(response) == filled(EN.prompts["ask_away"].speech)


@pytest.mark.parametrize("locale", ["fr-FR", "es-US", ""])
def test_a_locale_without_its_own_numbers_gets_the_default(conv: Conversation, locale: str) -> None:
    conv.locale = locale
    response = conv.intent("EmergencyIntent", new_session=True)
    default = content.SAFETY_NUMBERS[content.DEFAULT_LOCALE]
    assert telephone_numbers(response)[0] == default.emergency


def test_say_as_is_valid_ssml(conv: Conversation) -> None:
    for intent in SAFETY_INTENTS:
        ssml = conv.intent(intent, new_session=True)["response"]["outputSpeech"]["ssml"]
        root = ET.fromstring(ssml)
        for element in root.iter("say-as"):
            assert element.attrib == {"interpret-as": "telephone"}
            assert re.fullmatch(r"[0-9-]+", element.text or "")


# --- the rest of the skill never gives a number, except its safety-net sentences -------------
def test_fallback_closes_with_the_emergency_number(conv: Conversation) -> None:
    conv.launch()
    response = conv.intent("AMAZON.FallbackIntent")
    assert speech(response).endswith(f"call {US.emergency}.")
    assert telephone_numbers(response) == [US.emergency]


@pytest.mark.parametrize("place", ["heart", "chest", "tongue", "throat", "baby"])
def test_unknown_body_part_does_not_reassure(conv: Conversation, place: str) -> None:
    from skill.simulator.envelopes import Slot

    conv.launch()
    text = speech(conv.intent("BodyPartIntent", {"body_part": Slot(place)}))
    assert "painless" not in text
    assert "harmless" not in text
    assert "doctor" in text
    assert f"call {US.emergency}" in text


# --- the check's rules fail where they should ---------------------------------------------
def _envelope(ssml: str, *, end: bool = True, card: str = "") -> dict[str, Any]:
    response: dict[str, Any] = {
        "outputSpeech": {"type": "SSML", "ssml": ssml},
        "shouldEndSession": end,
    }
    if card:
        response["card"] = {"type": "Simple", "title": "t", "content": card}
    return {"version": "1.0", "response": response}


def _say(number: str) -> str:
    return f'<say-as interpret-as="telephone">{number}</say-as>'


def test_check_accepts_a_good_emergency_answer() -> None:
    ok = _envelope(f"<speak>Call {_say('911')} now. Again: {_say('911')}.</speak>", card="911")
    assert safety_check.check_safety_answer("emergency", "en-US", ok, "x") == []


@pytest.mark.parametrize(
    ("ssml", "card", "end", "problem"),
    [
        (
            f"If someone is hurt, call {_say('112')}. {_say('911')} {_say('911')}",
            "911",
            True,
            "first",
        ),
        (f"Call {_say('911')} now.", "911", True, "fewer than twice"),
        (f"Call {_say('911')} now. {_say('911')}", "", True, "card"),
        (f"Call {_say('911')}. {_say('911')}. It's usually harmless.", "911", True, "reassures"),
        (
            f"Call {_say('911')}. {_say('911')}. Would you like to know when to see a doctor?",
            "911",
            False,
            "offers a topic",
        ),
    ],
)
def test_check_rejects_a_bad_emergency_answer(
    ssml: str, card: str, end: bool, problem: str
) -> None:
    envelope = _envelope(f"<speak>{ssml}</speak>", end=end, card=card)
    problems = safety_check.check_safety_answer("emergency", "en-US", envelope, "x")
    assert any(problem in p for p in problems), problems


def test_check_finds_a_stray_number() -> None:
    stray = _envelope(f"<speak>Coffee can cause twitching. Call {_say('911')}.</speak>")
    assert safety_check.check_no_stray_numbers(stray, "x")
    net = _envelope(f"<speak>Sorry. If this is an emergency, call {_say('911')}.</speak>")
    assert safety_check.check_no_stray_numbers(net, "x") == []


# --- every locale's safety answers give that locale's numbers ----------------------------------
@pytest.mark.parametrize("locale", content.LOCALES)
@pytest.mark.parametrize("answer_id", sorted(content.SAFETY_ANSWERS))
def test_each_locale_gives_its_own_numbers(conv: Conversation, locale: str, answer_id: str) -> None:
    conv.locale = locale
    intent, number_field = content.SAFETY_ANSWERS[answer_id]
    response = conv.intent(intent, new_session=True)
    numbers = content.SAFETY_NUMBERS[locale]
    spoken = telephone_numbers(response)
    primary = getattr(numbers, number_field)
    assert spoken[0] == primary
    assert spoken.count(primary) >= 2
    others = (
        {
            getattr(row, field)
            for other, row in content.SAFETY_NUMBERS.items()
            for field in content.NUMBER_FIELDS
            if other != locale
        }
        - {getattr(numbers, field) for field in content.NUMBER_FIELDS}
        - {""}
    )
    assert not set(spoken) & others, f"{locale} says another locale's number"
    problems = safety_check.check_safety_answer(answer_id, locale, response, locale)
    assert problems == []


def test_a_british_crisis_answer_never_says_988(conv: Conversation) -> None:
    conv.locale = "en-GB"
    response = conv.intent("CrisisIntent", new_session=True)
    assert "988" not in response["response"]["outputSpeech"]["ssml"]
    assert "116 123" in speech(response)
    assert "Samaritans" in speech(response)
