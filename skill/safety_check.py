"""The safety section of ``twitch-guide check``: rules for the answers that send people to help.

* Every safety answer (emergency, crisis, poisoning), in every locale of the numbers table,
  says its own number first - as a telephone number - and at least twice, shows it on the
  card, offers no topic, and ends the session or asks only whether to say the number again.
* No other answer says a safety number, except in the safety-net sentences
  (``content.SAFETY_NET`` phrases: the one that closes Fallback, and the one for a body
  part the skill knows nothing about).
* Every sample of a safety intent, understood as the simulator understands it, reaches a
  safety answer, and no such answer says "harmless" or "painless".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from skill import content, model_rules, replies

_SAY_AS = re.compile(r'<say-as interpret-as="telephone">([^<]*)</say-as>')
REASSURING = ("harmless", "painless")


def _ssml(envelope: dict[str, Any]) -> str:
    speech = envelope.get("response", {}).get("outputSpeech") or {}
    return str(speech.get("ssml", ""))


def _text(envelope: dict[str, Any]) -> str:
    from skill.simulator.envelopes import ssml_to_text

    return ssml_to_text(_ssml(envelope))


def all_numbers() -> set[str]:
    """Every safety number of every locale (as dialled)."""
    rows = content.SAFETY_NUMBERS.values()
    return {getattr(row, name) for row in rows for name in content.NUMBER_FIELDS} - {""}


def check_safety_answer(
    answer_id: str, locale: str, envelope: dict[str, Any], where: str
) -> list[str]:
    """The rules for one safety answer's response in ``locale``."""
    cat = content.for_request(locale)
    answer = cat.safety[answer_id]
    number = str(getattr(cat.numbers, answer.number))
    response = envelope.get("response", {})
    spoken = _SAY_AS.findall(_ssml(envelope))
    problems = []
    if not spoken or spoken[0] != number:
        problems.append(f"{where}: does not say {number} first (as a telephone number)")
    if spoken.count(number) < 2:
        problems.append(f"{where}: says {number} fewer than twice")
    card = response.get("card") or {}
    if number not in f"{card.get('title', '')} {card.get('content', '')}":
        problems.append(f"{where}: the card does not show {number}")
    text = _text(envelope)
    offers = [t.offer for t in cat.topics.values() if t.offer in text]
    if offers:
        problems.append(f"{where}: offers a topic: {offers[0]!r}")
    offers_only_the_number = bool(answer.repeat_offer) and text.endswith(answer.repeat_offer)
    if response.get("shouldEndSession") is not True and not offers_only_the_number:
        problems.append(f"{where}: keeps the session open without offering only the number")
    if any(word in text.lower() for word in REASSURING):
        problems.append(f"{where}: reassures ({', '.join(REASSURING)})")
    return problems


def check_no_stray_numbers(envelope: dict[str, Any], where: str) -> list[str]:
    """A response that is not a safety answer names no safety number outside the safety net."""
    text = _text(envelope)
    for locale in content.LOCALES:
        cat = content.catalog(locale)
        for name in content.SAFETY_NET:
            text = text.replace(
                replies.fill_numbers(cat.phrases[name], cat.numbers, spoken=False), ""
            )
    stray = sorted(
        n for n in all_numbers() if re.search(rf"(?<![\d-]){re.escape(n)}(?![\d-])", text)
    )
    return [f"{where}: names {', '.join(stray)} outside a safety answer"] if stray else []


def safety_problems(
    document: model_rules.Document,
    locale: str,
    ask: Callable[[str, str, dict[str, Any] | None, str], dict[str, Any]],
    resolve: Callable[[str], tuple[str | None, dict[str, Any] | None]],
) -> Iterable[str]:
    """Every safety rule for ``locale`` (whose model is ``document``), through
    ``ask(intent, locale, slots, where)`` (a new session) and ``resolve(utterance)`` (the
    simulator's understanding in that locale: intent and slots)."""
    by_intent = {intent: answer_id for answer_id, (intent, _) in content.SAFETY_ANSWERS.items()}
    for intent, answer_id in by_intent.items():
        where = f"{intent} ({locale})"
        yield from check_safety_answer(answer_id, locale, ask(intent, locale, None, where), where)
    for intent, sample in model_rules.samples_of(document):
        if intent not in by_intent:
            continue
        where = f"{intent} sample {sample!r} ({locale})"
        resolved, slots = resolve(sample)
        if resolved not in by_intent:
            yield f"{where}: understood as {resolved}"
            continue
        envelope = ask(resolved, locale, slots, where)
        yield from check_safety_answer(by_intent[resolved], locale, envelope, where)
