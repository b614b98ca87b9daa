"""The skill's behaviour in every locale it speaks, with that locale's words and numbers."""

from __future__ import annotations

from typing import Any

import pytest

from skill import content, replies
from skill.simulator.envelopes import Conversation, Slot
from tests.conftest import ends, reprompt, speech

DISCLAIMERS = {"en": "not a substitute for professional medical advice"}
DISCLAIMERS["de"] = "ersetzt keine ärztliche Beratung"


def said(text: str, locale: str) -> str:
    """``text`` of the catalog as heard: the locale's numbers in place of the placeholders."""
    return replies.fill_numbers(text, content.numbers_for(locale), spoken=False)


@pytest.fixture(params=content.LOCALES)
def local(request: pytest.FixtureRequest, conv: Conversation) -> tuple[Conversation, Any]:
    conv.locale = request.param
    return conv, content.catalog(request.param)


def test_launch_says_the_disclaimer_in_the_locale(local: tuple[Conversation, Any]) -> None:
    conv, cat = local
    response = conv.launch()
    assert speech(response) == said(cat.prompts["welcome_new"].speech, cat.locale)
    assert DISCLAIMERS[cat.language] in speech(response)
    assert not ends(response)


def test_fallback_ends_with_the_locale_emergency_number(local: tuple[Conversation, Any]) -> None:
    conv, cat = local
    conv.launch()
    response = conv.intent("AMAZON.FallbackIntent")
    assert speech(response).endswith(said(cat.phrases["if_emergency"], cat.locale))
    assert cat.numbers.emergency in speech(response)


def test_a_list_in_chunks_then_yes(local: tuple[Conversation, Any]) -> None:
    conv, cat = local
    conv.launch()
    items = cat.topics["medical_conditions"].items
    first = conv.intent("MedicalConditionsIntent")
    assert speech(first).endswith(cat.phrases["more"])
    assert all(item.spoken in speech(first) for item in items[:4])
    second = conv.intent("AMAZON.YesIntent")
    assert all(item.spoken.lower() in speech(second).lower() for item in items[4:8])


@pytest.mark.parametrize("value_id", sorted(content.SLOT_TOPICS[0].entries))
def test_every_cause_is_answered_in_the_locale(
    local: tuple[Conversation, Any], value_id: str
) -> None:
    conv, cat = local
    conv.launch()
    response = conv.intent("CauseCheckIntent", {"cause": Slot(value_id, id=value_id)})
    assert cat.entries("CauseType")[value_id].speech in speech(response)
    assert reprompt(response)


def test_unknown_value_is_echoed_and_offers_a_topic(local: tuple[Conversation, Any]) -> None:
    conv, cat = local
    conv.launch()
    response = conv.intent("CauseCheckIntent", {"cause": Slot("gluten")})
    assert "gluten" in speech(response)
    assert speech(response).endswith(cat.topics["everyday_causes"].offer)


def test_stop_says_goodbye_and_ends(local: tuple[Conversation, Any]) -> None:
    conv, cat = local
    conv.launch()
    response = conv.intent("AMAZON.StopIntent")
    assert speech(response) == cat.prompts["goodbye"].speech
    assert ends(response)
