"""Genuine Alexa request envelopes and a session keeper (stdlib only).

The envelopes follow what Alexa sends a custom skill endpoint (request format version 1.0):
``session`` (only for in-session requests), ``context.System`` and ``request``. Slots carry entity
resolution (``resolutions.resolutionsPerAuthority``) the way Alexa fills it for custom slot types,
and are left without ``value`` when the user did not fill them. ``dialogState`` is omitted: Alexa
sends it only for skills with a dialog model.

:class:`Conversation` keeps one user's session the way Alexa does: ``session.new`` is true on the
first request, ``sessionAttributes`` of a response come back as ``session.attributes`` of the next
request, and a response with ``shouldEndSession: true`` (or a ``SessionEndedRequest``) closes the
session so that the next request opens a new one with empty attributes. A response that leaves
``shouldEndSession`` out keeps the session open (kept simple on purpose). ``user_id`` stays the
same across sessions, so persistence sees a returning user.
"""

from __future__ import annotations

import html
import os
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from skill.simulator.devices import DEFAULT_DEVICE, DEVICES, Device

__all__ = [
    "DEFAULT_DEVICE_ID",
    "DEFAULT_SKILL_ID",
    "DEFAULT_USER_ID",
    "Conversation",
    "Handler",
    "Slot",
    "build_envelope",
    "intent_request",
    "launch_request",
    "session_ended_request",
    "slot_payload",
    "ssml_to_text",
    "user_event_request",
]

#: A Lambda-style handler: event dict in, response envelope dict out.
Handler = Callable[[dict[str, Any], Any], Any]

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-0000000051a1"
DEFAULT_USER_ID = "amzn1.ask.account.AFSIMULATORUSER0000000000000000000000000000000000000000"
DEFAULT_DEVICE_ID = "amzn1.ask.device.AFSIMULATORDEVICE00000000000000000000000000000000000000"
API_ENDPOINT = "https://api.amazonalexa.com"
SESSION_ENDED_REASONS = frozenset({"USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"})


@dataclass(frozen=True)
class Slot:
    """One slot as Alexa's NLU filled it.

    ``id`` set -> ``ER_SUCCESS_MATCH`` resolving to (``name``, ``id``); ``value`` without ``id`` ->
    ``ER_SUCCESS_NO_MATCH``; ``value=None`` -> a slot Alexa left empty. ``name`` is the canonical
    value name of the resolution (defaults to ``value``). ``slot_type`` names the authority
    (``amzn1.er-authority.echo-sdk.<skill_id>.<slot_type>``); when ``None`` it is derived from the
    slot name (``cause`` -> ``CauseType``). Built-in ``AMAZON.*`` types carry no resolutions.
    """

    value: str | None
    id: str | None = None
    name: str | None = None
    slot_type: str | None = None


def _new_id(kind: str) -> str:
    return f"amzn1.echo-api.{kind}.{uuid.uuid4()}"


def _timestamp(now: datetime | None = None) -> str:
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_slot_type(slot_name: str) -> str:
    """``cause`` -> ``CauseType``, ``bodyPart`` -> ``BodyPartType``."""
    return slot_name[:1].upper() + slot_name[1:] + "Type"


def slot_payload(slot_name: str, slot: Slot | None, skill_id: str) -> dict[str, Any]:
    """The ``request.intent.slots[slot_name]`` object Alexa sends for ``slot``."""
    if slot is None or slot.value is None:
        return {"name": slot_name, "confirmationStatus": "NONE"}
    slot_type = slot.slot_type or default_slot_type(slot_name)
    payload: dict[str, Any] = {
        "name": slot_name,
        "value": slot.value,
        "confirmationStatus": "NONE",
        "source": "USER",
    }
    simple: dict[str, Any] = {"type": "Simple", "value": slot.value}
    if not slot_type.startswith("AMAZON."):
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{slot_type}",
        }
        if slot.id is not None:
            authority["status"] = {"code": "ER_SUCCESS_MATCH"}
            authority["values"] = [
                {
                    "value": {
                        "name": slot.name if slot.name is not None else slot.value,
                        "id": slot.id,
                    }
                }
            ]
        else:
            authority["status"] = {"code": "ER_SUCCESS_NO_MATCH"}
        resolutions = {"resolutionsPerAuthority": [authority]}
        payload["resolutions"] = resolutions
        simple["resolutions"] = resolutions
    payload["slotValue"] = simple
    return payload


def launch_request(locale: str = "en-US", *, now: datetime | None = None) -> dict[str, Any]:
    """The ``request`` object of a ``LaunchRequest``."""
    return {
        "type": "LaunchRequest",
        "requestId": _new_id("request"),
        "timestamp": _timestamp(now),
        "locale": locale,
    }


def intent_request(
    intent_name: str,
    slots: Mapping[str, Slot | None] | None = None,
    *,
    skill_id: str = DEFAULT_SKILL_ID,
    locale: str = "en-US",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``request`` object of an ``IntentRequest``."""
    intent: dict[str, Any] = {"name": intent_name, "confirmationStatus": "NONE"}
    if slots:
        intent["slots"] = {name: slot_payload(name, slot, skill_id) for name, slot in slots.items()}
    return {
        "type": "IntentRequest",
        "requestId": _new_id("request"),
        "timestamp": _timestamp(now),
        "locale": locale,
        "intent": intent,
    }


def session_ended_request(
    reason: str = "USER_INITIATED",
    *,
    error_type: str = "INTERNAL_SERVICE_ERROR",
    error_message: str = "An error occurred.",
    locale: str = "en-US",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``request`` object of a ``SessionEndedRequest`` (``error`` only for ``ERROR``)."""
    if reason not in SESSION_ENDED_REASONS:
        raise ValueError(f"unknown SessionEndedRequest reason {reason!r}")
    request: dict[str, Any] = {
        "type": "SessionEndedRequest",
        "requestId": _new_id("request"),
        "timestamp": _timestamp(now),
        "locale": locale,
        "reason": reason,
    }
    if reason == "ERROR":
        request["error"] = {"type": error_type, "message": error_message}
    return request


def user_event_request(
    token: str,
    arguments: Any,
    *,
    component_id: str = "",
    locale: str = "en-US",
    now: datetime | None = None,
) -> dict[str, Any]:
    """The ``request`` of an ``Alexa.Presentation.APL.UserEvent``: a touch on a component
    whose ``SendEvent`` command carries ``arguments``, in the document rendered with
    ``token``."""
    return {
        "type": "Alexa.Presentation.APL.UserEvent",
        "requestId": _new_id("request"),
        "timestamp": _timestamp(now),
        "locale": locale,
        "token": token,
        "arguments": list(arguments) if isinstance(arguments, list | tuple) else arguments,
        "source": {
            "type": "TouchWrapper",
            "handler": "Press",
            "id": component_id,
        },
    }


def build_envelope(
    request: dict[str, Any],
    *,
    skill_id: str = DEFAULT_SKILL_ID,
    user_id: str = DEFAULT_USER_ID,
    device_id: str = DEFAULT_DEVICE_ID,
    session_id: str | None = None,
    new: bool = True,
    attributes: Mapping[str, Any] | None = None,
    device: Device | None = None,
) -> dict[str, Any]:
    """Wrap a ``request`` object into a full request envelope (``version`` 1.0), sent from
    ``device`` (default: a device without a screen)."""
    application = {"applicationId": skill_id}
    user = {"userId": user_id}
    profile = device or DEVICES[DEFAULT_DEVICE]
    envelope = {
        "version": "1.0",
        "session": {
            "new": new,
            "sessionId": session_id or _new_id("session"),
            "application": dict(application),
            "attributes": dict(attributes or {}),
            "user": dict(user),
        },
        "context": {
            "System": {
                "application": dict(application),
                "user": dict(user),
                "device": {
                    "deviceId": device_id,
                    "supportedInterfaces": profile.supported_interfaces(),
                },
                "apiEndpoint": API_ENDPOINT,
                "apiAccessToken": "simulator." + uuid.uuid4().hex,
            },
            **profile.context(),
        },
        "request": request,
    }
    return envelope


def ssml_to_text(ssml: str) -> str:
    """Plain text of an SSML string: tags removed, entities decoded, spaces collapsed."""
    text = re.sub(r"<break[^>]*>", " ", ssml)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(html.unescape(text).split())


class Conversation:
    """One user talking to the skill through ``handler``, sessions kept the way Alexa does."""

    def __init__(
        self,
        handler: Handler,
        *,
        skill_id: str | None = None,
        user_id: str = DEFAULT_USER_ID,
        device_id: str = DEFAULT_DEVICE_ID,
        locale: str = "en-US",
        clock: Callable[[], datetime] | None = None,
        device: Device | None = None,
    ) -> None:
        self.handler = handler
        self.device = device or DEVICES[DEFAULT_DEVICE]
        self.skill_id = skill_id or os.environ.get("SKILL_ID") or DEFAULT_SKILL_ID
        self.user_id = user_id
        self.device_id = device_id
        self.locale = locale
        self._clock = clock
        self.session_id: str | None = None
        self.attributes: dict[str, Any] = {}
        self._requests_in_session = 0
        self.last_request: dict[str, Any] | None = None
        self.last_response: dict[str, Any] | None = None

    # -- state --------------------------------------------------------------------------
    @property
    def session_open(self) -> bool:
        """True while a session is open (the next request continues it)."""
        return self.session_id is not None

    def close_session(self) -> None:
        """Forget the open session without telling the skill (Alexa timing out silently)."""
        self.session_id = None
        self.attributes = {}
        self._requests_in_session = 0

    # -- requests -----------------------------------------------------------------------
    def launch(self) -> dict[str, Any]:
        """ "Alexa, open muscle twitch guide": a ``LaunchRequest`` in a new session."""
        self.close_session()
        return self._send(launch_request(self.locale, now=self._now()))

    def intent(
        self,
        name: str,
        slots: Mapping[str, Slot | None] | None = None,
        *,
        new_session: bool = False,
    ) -> dict[str, Any]:
        """An ``IntentRequest``; ``new_session=True`` for a one-shot ("ask ... to ...")."""
        if new_session:
            self.close_session()
        request = intent_request(
            name, slots, skill_id=self.skill_id, locale=self.locale, now=self._now()
        )
        return self._send(request)

    def touch(self, token: str, arguments: list[Any], component_id: str = "") -> dict[str, Any]:
        """A touch on the screen: the ``UserEvent`` a ``SendEvent`` command sends."""
        request = user_event_request(
            token, arguments, component_id=component_id, locale=self.locale, now=self._now()
        )
        return self._send(request)

    def end(
        self,
        reason: str = "USER_INITIATED",
        *,
        error_type: str = "INTERNAL_SERVICE_ERROR",
        error_message: str = "An error occurred.",
    ) -> dict[str, Any]:
        """A ``SessionEndedRequest`` for the open session; the session is closed afterwards."""
        if not self.session_open:
            raise RuntimeError("no session is open: Alexa sends SessionEndedRequest only in one")
        request = session_ended_request(
            reason,
            error_type=error_type,
            error_message=error_message,
            locale=self.locale,
            now=self._now(),
        )
        return self._send(request)

    # -- internals ----------------------------------------------------------------------
    def _now(self) -> datetime | None:
        return self._clock() if self._clock is not None else None

    def _send(self, request: dict[str, Any]) -> dict[str, Any]:
        new = not self.session_open
        if new:
            self.session_id = _new_id("session")
            self.attributes = {}
            self._requests_in_session = 0
        envelope = build_envelope(
            request,
            skill_id=self.skill_id,
            user_id=self.user_id,
            device_id=self.device_id,
            session_id=self.session_id,
            new=new,
            attributes=self.attributes,
            device=self.device,
        )
        self.last_request = envelope
        self._requests_in_session += 1
        raw = self.handler(envelope, None)
        response: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
        self.last_response = response
        attributes = response.get("sessionAttributes")
        self.attributes = dict(attributes) if isinstance(attributes, Mapping) else {}
        body = response.get("response")
        should_end = isinstance(body, Mapping) and body.get("shouldEndSession") is True
        if should_end or request["type"] == "SessionEndedRequest":
            self.close_session()
        return response
