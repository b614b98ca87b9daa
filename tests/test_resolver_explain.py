"""``Resolver.explain``: the resolution, the best candidates and the rule that decided."""

from __future__ import annotations

import dataclasses

import pytest

from skill.simulator.resolver import (
    FALLBACK,
    Candidate,
    Explanation,
    default_resolver,
    resolver_for,
)


def test_explanation_fields_are_the_contract() -> None:
    explanation = resolver_for("en-US").explain("why does my eyelid keep twitching")
    assert isinstance(explanation, Explanation)
    assert [f.name for f in dataclasses.fields(Explanation)] == [
        "resolution",
        "candidates",
        "reason",
    ]
    assert [f.name for f in dataclasses.fields(Candidate)] == ["intent", "score", "sample", "slots"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        explanation.reason = "x"  # type: ignore[misc]
    assert explanation.resolution.intent == "BodyPartIntent"
    assert explanation.reason.startswith("exact sample")
    first = explanation.candidates[0]
    assert first.intent == "BodyPartIntent"
    assert first.sample == "why does my {body_part} keep twitching"
    assert first.slots == {"body_part": "eye"}


def test_explain_agrees_with_resolve() -> None:
    resolver = default_resolver()
    for utterance in [
        "can coffee cause twitching",
        "what is the weather like",
        "my husband is having a seizure",
        "yes please",
        "open muscle twitch guide",
        "what do you call the thing where your muscle jumps about",
    ]:
        resolution = resolver.resolve(utterance)
        explanation = resolver.explain(utterance)
        assert explanation.resolution == resolution
        assert explanation.reason == resolution.reason
        assert explanation.reason.endswith(".")


@pytest.mark.parametrize(
    ("utterance", "start"),
    [
        ("my husband is having a seizure", "red flag phrase"),
        ("start over", "built-in phrase"),
        ("open muscle twitch guide", "launch phrase"),
        ("how tall is mount everest", "domain gate -> Fallback"),
        ("my dog twitches in his sleep", "domain gate -> Fallback"),
        ("why do i get cramps at night", "domain gate -> Fallback"),
        ("why do my muscles keep twitching all day long", "scored match"),
    ],
)
def test_reason_names_the_rule(utterance: str, start: str) -> None:
    assert default_resolver().explain(utterance).reason.startswith(start)


def test_candidates_are_one_per_intent_best_first() -> None:
    explanation = default_resolver().explain("what helps against twitching in my calf", top=3)
    intents = [c.intent for c in explanation.candidates]
    assert len(intents) == len(set(intents)) <= 3
    scores = [c.score for c in explanation.candidates]
    assert scores == sorted(scores, reverse=True)
    assert default_resolver().explain("what helps", top=0).candidates == []


def test_fallback_has_a_reason() -> None:
    explanation = default_resolver().explain("tell me a joke about pirates")
    assert explanation.resolution.intent == FALLBACK
    assert "Fallback" in explanation.reason
