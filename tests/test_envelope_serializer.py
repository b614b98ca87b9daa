"""skill.serializer.EnvelopeSerializer: the SDK deserializer, minus dateutil and imports."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from skill.app import build_skill
from skill.serializer import EnvelopeSerializer
from skill.simulator.envelopes import Slot, build_envelope, intent_request, launch_request

TIMESTAMPS = (
    "2026-11-24T19:50:00Z",
    "2026-11-24T19:50:00.123Z",
    "2026-11-24T19:50:00",
    "2026-11-24T20:50:00+01:00",
    "Nov 24 2026 7:50pm",  # not ISO 8601: still read, by dateutil
)


def _envelopes() -> list[dict[str, Any]]:
    return [
        build_envelope(launch_request()),
        build_envelope(intent_request("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})),
    ]


def test_the_sdk_still_has_the_methods_it_overrides() -> None:
    # If a new ask-sdk-core renames them, the overrides silently stop working: fail here instead.
    assert callable(EnvelopeSerializer._sdk_deserialize_datetime)
    assert callable(EnvelopeSerializer._sdk_load_class_from_name)


@pytest.mark.parametrize("stamp", TIMESTAMPS)
def test_same_envelope_as_the_sdk(stamp: str) -> None:
    ours, sdk = EnvelopeSerializer(), DefaultSerializer()
    for envelope in _envelopes():
        envelope["request"]["timestamp"] = stamp
        payload = json.dumps(envelope)
        a = ours.deserialize(payload, RequestEnvelope)
        b = sdk.deserialize(payload, RequestEnvelope)
        assert a == b
        assert a.request.timestamp.utcoffset() == b.request.timestamp.utcoffset()


def test_alexa_timestamps_do_not_go_through_dateutil(monkeypatch: pytest.MonkeyPatch) -> None:
    import dateutil.parser

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("dateutil.parser.parse called")

    monkeypatch.setattr(dateutil.parser, "parse", refuse)
    skill = build_skill()
    assert isinstance(skill.serializer, EnvelopeSerializer)
    for envelope in _envelopes():
        skill.serializer.deserialize(json.dumps(envelope), RequestEnvelope)
