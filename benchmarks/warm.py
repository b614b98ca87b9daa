"""Warm latency, in process: one handler built once, invoked over and over with real envelopes.

The mix is a realistic session: Launch, CauseCheck with a resolved slot, Remedies, Yes, Repeat,
recorded through ``skill.simulator.envelopes.Conversation`` (so session attributes are what the
skill really sends back).  hello gets the same envelopes with intents it knows, the same session
attributes and padding, so that both parse exactly as many bytes.  Ours and hello alternate in
blocks so a noisy neighbour hits both alike.
"""

from __future__ import annotations

import copy
import gc
import json
import time
from typing import Any

from benchmarks.common import percentile

#: intent of the skill -> intent hello knows
HELLO_INTENTS = {
    "CauseCheckIntent": "HelloWorldIntent",
    "RemediesIntent": "HelloWorldIntent",
    "AMAZON.YesIntent": "AMAZON.HelpIntent",
    "AMAZON.RepeatIntent": "AMAZON.HelpIntent",
}


def ours_handler() -> Any:
    from skill.app import build_skill, lambda_handler_for

    return lambda_handler_for(build_skill(None))


def hello_handler() -> Any:
    from benchmarks.refs import hello

    return hello.handler


def session_mix(handler: Any, conversation: Any = None) -> list[dict[str, Any]]:
    """The five request envelopes of a realistic session, as the skill received them."""
    from skill.simulator.envelopes import Conversation, Slot

    conversation = conversation or Conversation(handler)
    recorded = []
    for step in (
        lambda: conversation.launch(),
        lambda: conversation.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")}),
        lambda: conversation.intent("RemediesIntent"),
        lambda: conversation.intent("AMAZON.YesIntent"),
        lambda: conversation.intent("AMAZON.RepeatIntent"),
    ):
        response = step()
        speech = response["response"]["outputSpeech"]["ssml"]
        if "Sorry" in speech:
            raise RuntimeError(f"the skill failed on {conversation.last_request}: {speech}")
        recorded.append(copy.deepcopy(conversation.last_request))
    return recorded  # type: ignore[return-value]


def size(envelope: dict[str, Any]) -> int:
    return len(json.dumps(envelope))


def hello_mix(ours: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same envelopes with intents hello knows, padded to the same JSON size."""
    mapped = []
    for envelope in ours:
        twin = copy.deepcopy(envelope)
        intent = twin["request"].get("intent")
        if intent is not None:
            intent["name"] = HELLO_INTENTS[intent["name"]]
        twin["session"]["attributes"]["pad"] = ""
        missing = size(envelope) - size(twin)
        if missing >= 0:
            twin["session"]["attributes"]["pad"] = "x" * missing
        else:  # hello's envelope is longer: shorten its (random) API access token instead
            system = twin["context"]["System"]
            system["apiAccessToken"] = system["apiAccessToken"][:missing]
        assert size(twin) == size(envelope), (size(twin), size(envelope))
        mapped.append(twin)
    return mapped


def _time_block(handler: Any, envelopes: list[dict[str, Any]], count: int, out: list[int]) -> None:
    clock = time.perf_counter_ns
    n = len(envelopes)
    for i in range(count):
        event = envelopes[i % n]
        start = clock()
        handler(event, None)
        out.append(clock() - start)


#: The device of the screen mix (a landscape hub: every answer renders an APL document).
SCREEN_DEVICE = "echo-show-8"
#: The answers whose responses are the largest (the longest lists, the safety screens).
LARGE_ANSWERS = (
    "MedicalConditionsIntent", "EverydayCausesIntent", "EmergencyIntent", "CrisisIntent",
    "PoisoningIntent", "SeeDoctorIntent", "AboutTwitchingIntent",
)  # fmt: skip


def largest_responses() -> dict[str, dict[str, Any]]:
    """Per device profile: the largest response (bytes of JSON) over :data:`LARGE_ANSWERS` in
    every locale, each the first response of a session (with the disclaimer)."""
    from skill.content import LOCALES
    from skill.simulator.devices import DEVICES
    from skill.simulator.envelopes import Conversation

    handler = ours_handler()
    found: dict[str, dict[str, Any]] = {}
    for name, profile in DEVICES.items():
        best = {"bytes": 0, "intent": "", "locale": ""}
        for locale in LOCALES:
            conversation = Conversation(handler, locale=locale, device=profile)
            for intent in LARGE_ANSWERS:
                response = conversation.intent(intent, new_session=True)
                if size(response) > best["bytes"]:
                    best = {"bytes": size(response), "intent": intent, "locale": locale}
        found[name] = best
    return found


def measure(invocations: int, block: int = 250) -> dict[str, Any]:
    from skill.simulator.devices import DEVICES
    from skill.simulator.envelopes import Conversation

    ours = ours_handler()
    hello = hello_handler()
    mixes: dict[str, list[dict[str, Any]]] = {}
    mixes["ours"] = session_mix(ours)
    mixes["hello"] = hello_mix(mixes["ours"])
    # The same session from a device with a screen; hello gets those envelopes too.
    mixes["ours_apl"] = session_mix(ours, Conversation(ours, device=DEVICES[SCREEN_DEVICE]))
    mixes["hello_apl"] = hello_mix(mixes["ours_apl"])
    for event in mixes["hello"] + mixes["hello_apl"]:  # hello must answer each of them
        speech = hello(event, None)["response"]["outputSpeech"]["ssml"]
        if "Sorry" in speech:
            raise RuntimeError(f"hello failed on {event['request']}")
    handlers = {"ours": ours, "hello": hello, "ours_apl": ours, "hello_apl": hello}
    samples: dict[str, list[int]] = {name: [] for name in mixes}
    # Warm-up: caches, lazy imports, branch predictors.
    for name, envelopes in mixes.items():
        _time_block(handlers[name], envelopes, min(500, invocations), [])
    gc.collect()
    while len(samples["ours"]) < invocations:
        count = min(block, invocations - len(samples["ours"]))
        for name, envelopes in mixes.items():
            _time_block(handlers[name], envelopes, count, samples[name])
    result: dict[str, Any] = {
        "invocations": invocations,
        "envelope_bytes": [size(e) for e in mixes["ours"]],
        "mix": [
            e["request"].get("intent", {}).get("name", e["request"]["type"]) for e in mixes["ours"]
        ],
        "screen_device": SCREEN_DEVICE,
        "largest_response": largest_responses(),
    }
    for name, values in samples.items():
        ordered = sorted(values)
        result[name] = {
            "p50_ms": round(percentile(ordered, 0.50) / 1e6, 4),
            "p99_ms": round(percentile(ordered, 0.99) / 1e6, 4),
            "max_ms": round(ordered[-1] / 1e6, 4),
        }
    return result
