""" "Why this intent": what the resolver did with an utterance, for the studio's pane."""

from __future__ import annotations

from typing import Any

from skill.simulator.resolver import FALLBACK, THRESHOLD, Resolution, Resolver

__all__ = ["METHODS", "explain"]

#: What each resolution method means, in the pane's words.
METHODS = {
    "launch": "the invocation name with a launch phrase (open, start, launch ...)",
    "exact": "a sample of the intent, word for word after normalising (slot words resolved)",
    "builtin": "a phrase of a built-in intent (yes, no, help, stop, repeat ...)",
    "scored": "the best-scoring sample: word overlap weighted by rarity, plus fuzzy ratios",
    "fallback": f"no sample scored {THRESHOLD:.0f} or more, so Alexa sends the Fallback intent",
    "red flag": "a phrase of the red-flag table: a safety intent, whatever else was said",
}


def _method_key(method: str) -> str:
    if method.startswith("red flag"):
        return "red flag"
    return method if method in METHODS else ""


def explain(resolver: Resolver, utterance: str, resolution: Resolution) -> dict[str, Any]:
    """The resolution of ``utterance`` as the pane shows it."""
    invocation = resolver.split_invocation(utterance)
    key = _method_key(resolution.method)
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
        "threshold": THRESHOLD,
        "method": resolution.method,
        "meaning": METHODS.get(key, ""),
        "fallback": resolution.intent == FALLBACK,
        "slots": slots,
        "candidates": [],
    }
