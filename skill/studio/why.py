""" "Why this intent": what the resolver did with an utterance, for the studio's pane."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from typing import Any

from skill.simulator.resolver import FALLBACK, THRESHOLD, Resolution, Resolver

__all__ = ["METHODS", "TOP", "explain"]

log = logging.getLogger(__name__)

#: How many of the resolver's candidates the pane lists.
TOP = 5
#: Why a line fell to Fallback, when the resolver gives no reason of its own.
FALLBACK_REASON = (
    "Nothing matched: no sample word for word, no built-in phrase, and no scored sample reached"
    f" {THRESHOLD:.0f} (or too few of the words are ones the model knows)."
)

#: What each resolution method means, in the pane's words.
METHODS = {
    "launch": "the invocation name with a launch phrase (open, start, launch ...)",
    "exact": "a sample of the intent, word for word after normalising (slot words resolved)",
    "builtin": "a phrase of a built-in intent (yes, no, help, stop, repeat ...)",
    "scored": "the best-scoring sample: word overlap weighted by rarity, plus fuzzy ratios",
    "fallback": f"no sample scored {THRESHOLD:.0f} or more, so Alexa sends the Fallback intent",
    "red flag": "a phrase of the red-flag table: a safety intent, whatever else was said",
    "set aside": "the best-scoring sample once the values the line sets aside are left out",
    "out of domain": "a reason the line is not about one's twitching, so the Fallback intent",
    "learned": "the weights learned from the labelled development phrasings overruled the rules",
}


def _method_key(method: str) -> str:
    if method.startswith("red flag"):
        return "red flag"
    return method if method in METHODS else ""


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data (dataclasses and mappings become dicts)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _candidates(resolver: Resolver, utterance: str) -> tuple[list[Any], str | None]:
    """The resolver's top candidates and its reason for Fallback, where it can explain itself
    (``Resolver.explain(utterance, top=N)``); none otherwise."""
    explainer = getattr(resolver, "explain", None)
    if not callable(explainer):
        return [], None
    try:
        found = _plain(explainer(utterance, top=TOP))
    except Exception:  # the pane must never break a turn
        log.exception("the resolver could not explain an utterance")
        return [], None
    if isinstance(found, list):
        return found, None
    if not isinstance(found, dict):
        return [], None
    candidates = found.get("candidates") or []
    reason = found.get("reason") or found.get("fallback_reason")
    return (candidates if isinstance(candidates, list) else []), (str(reason) if reason else None)


def explain(resolver: Resolver, utterance: str, resolution: Resolution) -> dict[str, Any]:
    """The resolution of ``utterance`` as the pane shows it."""
    invocation = resolver.split_invocation(utterance)
    key = _method_key(resolution.method)
    candidates, reason = _candidates(resolver, utterance)
    if reason is None and resolution.intent == FALLBACK:
        reason = FALLBACK_REASON
    slots = [
        {
            "name": name,
            "value": slot.value,
            "id": slot.id,
            "status": (
                None
                if slot.value is None
                else "ER_SUCCESS_MATCH"
                if slot.id is not None
                else "ER_SUCCESS_NO_MATCH"
            ),
        }
        for name, slot in resolution.slots.items()
    ]
    return {
        "utterance": utterance,
        "heard": invocation.rest,
        "invoked": invocation.invoked,
        "kind": resolution.kind,
        "intent": resolution.intent,
        "score": resolution.score,
        "threshold": getattr(resolver, "threshold", THRESHOLD),
        "method": resolution.method,
        "meaning": METHODS.get(key, ""),
        "fallback": resolution.intent == FALLBACK,
        "slots": slots,
        "candidates": candidates,
        "reason": reason,
    }
