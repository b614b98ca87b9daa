"""Shared fixtures: the real skill, driven with real request envelopes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.simulator.envelopes import Conversation, ssml_to_text

ROOT = Path(__file__).resolve().parents[1]
SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"


@pytest.fixture
def store() -> MemoryAdapter:
    return MemoryAdapter()


@pytest.fixture
def conv(store: MemoryAdapter) -> Conversation:
    """One user talking to the real skill (with a memory store) through the Lambda path."""
    return Conversation(
        lambda_handler_for(build_skill(store, skill_id=SKILL_ID)), skill_id=SKILL_ID
    )


def filled(text: str, locale: str = "en-US") -> str:
    """``text`` with the locale's safety numbers in place of their placeholders, as heard."""
    from skill import content, replies

    return replies.fill_numbers(text, content.numbers_for(locale), spoken=False)


def speech(response: dict[str, Any]) -> str:
    """The plain text of a response's output speech (SSML tags removed)."""
    return ssml_to_text(response["response"].get("outputSpeech", {}).get("ssml", ""))


def reprompt(response: dict[str, Any]) -> str | None:
    output = (response["response"].get("reprompt") or {}).get("outputSpeech")
    return ssml_to_text(output["ssml"]) if output else None


def ends(response: dict[str, Any]) -> bool:
    return bool(response["response"].get("shouldEndSession"))
