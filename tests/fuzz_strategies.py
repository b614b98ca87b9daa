"""Hypothesis strategies for tests/test_fuzz.py: Alexa request envelopes, genuine and broken,
and malformed HTTP bodies.

Two placeholders keep falsifying examples readable: :class:`Deep` (a structure nested thousands
of levels deep, which neither Hypothesis nor ``repr`` could print, nor the C JSON encoder encode)
and :class:`Huge` (a string of up to 20,000 characters that prints as ``Huge('x' * 20000)``).
:func:`body_of` turns a drawn envelope into the JSON text Alexa would post.

Request types are the ones a custom skill can receive (Alexa's request types reference): Launch,
Intent, SessionEnded, System.ExceptionEncountered, the AlexaSkillEvent family,
Messaging.MessageReceived, CanFulfillIntentRequest, Alexa.Presentation.APL.UserEvent,
Connections.Response, plus other and unknown types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from skill.simulator.envelopes import DEFAULT_DEVICE_ID, DEFAULT_USER_ID
from tests.conftest import EN, ROOT, SKILL_ID

# --- the interaction model ---------------------------------------------------------------------
_MODEL = json.loads((ROOT / "interaction_model" / "en-US.json").read_text(encoding="utf-8"))
_LANGUAGE = _MODEL["interactionModel"]["languageModel"]
#: intent name -> {slot name: slot type}, for every intent of the model.
INTENT_SLOTS: dict[str, dict[str, str]] = {
    intent["name"]: {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
    for intent in _LANGUAGE["intents"]
}
#: slot type -> its value ids.
TYPE_IDS: dict[str, list[str]] = {
    slot_type["name"]: [value["id"] for value in slot_type["values"]]
    for slot_type in _LANGUAGE.get("types", [])
}
UNKNOWN_INTENTS = [
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.SelectIntent",
    "AMAZON.ScrollDownIntent",
    "NotInTheModelIntent",
    "",
]

#: Request types whose response must be empty: Alexa plays no speech for them.
SILENT_TYPES = frozenset(
    {
        "SessionEndedRequest",
        "System.ExceptionEncountered",
        "AlexaSkillEvent.SkillEnabled",
        "AlexaSkillEvent.SkillDisabled",
        "AlexaSkillEvent.SkillPermissionAccepted",
        "AlexaSkillEvent.SkillPermissionChanged",
        "AlexaSkillEvent.SkillAccountLinked",
        "Messaging.MessageReceived",
    }
)
#: Request types Alexa sends outside a session (no ``session`` key).
OUT_OF_SESSION_TYPES = frozenset(
    {t for t in SILENT_TYPES if t.startswith(("AlexaSkillEvent.", "Messaging."))}
)
#: Types the SDK's model knows but this skill does not declare, and types nobody knows.
OTHER_TYPES = [
    "AudioPlayer.PlaybackStarted",
    "PlaybackController.PlayCommandIssued",
    "Alexa.Presentation.APL.RuntimeError",
    "Display.ElementSelected",
    "Dialog.API.Invoked",
]
UNKNOWN_TYPES = ["Foo.Bar", "launchrequest", "Alexa.Unknown.Event", ""]


# --- placeholders ------------------------------------------------------------------------------
class Huge(str):
    """A long string whose repr stays short (``Huge('ab' * 10000)``)."""

    unit: str
    times: int

    @classmethod
    def of(cls, unit: str, times: int) -> Huge:
        """``unit`` repeated ``times``, but never longer than 20,000 characters."""
        times = max(1, min(times, 20000 // len(unit)))
        made = cls(unit * times)
        made.unit, made.times = unit, times
        return made

    def __repr__(self) -> str:
        return f"Huge({self.unit!r} * {self.times})"


@dataclass(frozen=True)
class Deep:
    """``depth`` levels of nesting: ``{"a": {"a": ...}}``, ``[[...]]`` or both alternating."""

    depth: int
    kind: str  # "dict", "list" or "mixed"

    def json_text(self) -> str:
        """The JSON text, written out without recursion (any depth)."""
        opening, closing = [], []
        for level in range(self.depth):
            as_dict = self.kind == "dict" or (self.kind == "mixed" and level % 2 == 0)
            opening.append('{"a":' if as_dict else "[")
            closing.append("}" if as_dict else "]")
        return "".join(opening) + '"bottom"' + "".join(reversed(closing))


_MARK = "@@deep-7f3c9a1e-{}@@"


def body_of(envelope: Any) -> bytes:
    """The JSON text Alexa would post for a drawn envelope (non-ASCII as \\u escapes, as Alexa
    sends it): each :class:`Huge` a plain string, each :class:`Deep` written out in place."""
    deep: list[Deep] = []

    def plain(value: Any) -> Any:
        if isinstance(value, Deep):
            deep.append(value)
            return _MARK.format(len(deep) - 1)
        if isinstance(value, Huge):
            return str(value)
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        return value

    text = json.dumps(plain(envelope), separators=(",", ":"))
    for index, structure in enumerate(deep):
        text = text.replace(f'"{_MARK.format(index)}"', structure.json_text(), 1)
    return text.encode("ascii")


# --- text --------------------------------------------------------------------------------------
#: Short strings that break naive code: markup, format fields, control characters, NUL, RTL,
#: emoji (with joiners), lone surrogates (JSON allows them as \ud800 escapes), BOM, noncharacters.
ODD_STRINGS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x07\x1b[31m",
    "\u202eevil\u202c",
    "\u200f",
    "مرحبا بالعالم",
    "שלום",
    "😀",
    "👩\u200d👩\u200d👧\u200d👦",
    "🇺🇸",
    "\ud800",
    "\udfff",
    "x\udc80y",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<speak>",
    "</speak>",
    '<audio src="https://example.com/x.mp3"/>',
    "<break time='10s'/>",
    "{value}",
    "{0}",
    "%s%n",
    "\\",
    '"',
    "\n\t\r",
    "\ufeff",
    "\uffff",
    "\x7f",
    "\u0085",
    "\u2028",
    "null",
    "a. l. s.",
    "stress",
]

# Every code point: Hypothesis leaves out surrogates unless asked for them by category.
_chars = st.one_of(
    st.characters(codec=None, exclude_categories=()), st.characters(categories=["Cs"])
)
short_text = st.one_of(
    st.sampled_from(ODD_STRINGS),
    st.text(_chars, max_size=30),
    st.lists(st.sampled_from(ODD_STRINGS), min_size=2, max_size=5).map("".join),
)
huge_text = st.builds(
    Huge.of,
    st.sampled_from(["x", "é", "😀", "<&>", "\x00", "\ud800", "مرحبا ", "a. "]),
    st.one_of(st.sampled_from([8001, 20000]), st.integers(min_value=1000, max_value=20000)),
)
#: Any text: mostly short and odd, sometimes up to 20,000 characters.
odd_text = st.one_of(short_text, huge_text)

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    short_text,
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(short_text, inner, max_size=3)
    ),
    max_leaves=8,
)
#: Nesting up to 3,000 deep. The depths keep clear of where Python's recursion limit (1,000
#: frames) starts to matter for a recursive walk that takes one frame per level (the json module:
#: from ~950) or two and more (copy.deepcopy, the SDK's serializer: from ~300 to ~450), so that
#: whether an example fails does not depend on how deep in the stack the test happens to run.
deep = st.builds(
    Deep,
    depth=st.one_of(
        st.sampled_from([150, 250, 600, 700, 2000, 3000]), st.integers(min_value=1, max_value=60)
    ),
    kind=st.sampled_from(["dict", "list", "mixed"]),
)


def _without(mapping: dict[str, Any], index: int, keep: str) -> dict[str, Any]:
    keys = [key for key in mapping if key != keep]
    if not keys:
        return mapping
    dropped = keys[index % len(keys)]
    return {key: value for key, value in mapping.items() if key != dropped}


def maybe_without_a_key(
    mappings: st.SearchStrategy[dict[str, Any]], keep: str = ""
) -> st.SearchStrategy[dict[str, Any]]:
    """``mappings``, and (a quarter of the time) one of them with a key other than ``keep``
    left out."""
    dropped = st.builds(_without, mappings, st.integers(0, 15), st.just(keep))
    return st.one_of(mappings, mappings, mappings, dropped)


# --- slots and intents -------------------------------------------------------------------------
ER_STATUSES = ["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH", "ER_ERROR_TIMEOUT", "ER_ERROR_EXCEPTION"]


def _value_ids(slot_type: str) -> st.SearchStrategy[Any]:
    known = TYPE_IDS.get(slot_type) or ["x"]
    return st.one_of(
        st.sampled_from(known),
        st.sampled_from(["gluten", "UNKNOWN_ID", known[0].upper(), known[0] + " "]),
        short_text,
        st.none(),
    )


def slot_payload(slot_name: str, slot_type: str) -> st.SearchStrategy[dict[str, Any]]:
    """One slot, as Alexa sends it or oddly: value missing, empty, odd or huge; resolutions
    missing, empty, or one or more authorities with any status and known or unknown ids."""
    value_entry = st.fixed_dictionaries(
        {},
        optional={
            "value": st.fixed_dictionaries(
                {}, optional={"name": odd_text, "id": _value_ids(slot_type)}
            )
        },
    )
    authority = st.fixed_dictionaries(
        {
            "authority": st.just(f"amzn1.er-authority.echo-sdk.{SKILL_ID}.{slot_type}"),
            "status": st.fixed_dictionaries({"code": st.sampled_from(ER_STATUSES)}),
        },
        optional={"values": st.lists(value_entry, max_size=3)},
    )
    resolutions = st.fixed_dictionaries(
        {}, optional={"resolutionsPerAuthority": st.lists(authority, max_size=3)}
    )
    optional = {
        "confirmationStatus": st.sampled_from(["NONE", "CONFIRMED", "DENIED"]),
        "source": st.just("USER"),
        "resolutions": resolutions,
    }
    value = st.one_of(
        st.sampled_from(TYPE_IDS.get(slot_type) or ["x"]), short_text, huge_text, huge_text
    )
    return st.one_of(
        st.fixed_dictionaries({"name": st.just(slot_name), "value": value}, optional=optional),
        st.fixed_dictionaries({"name": st.just(slot_name)}, optional=optional),  # left empty
    )


def _slots_for(intent_name: str) -> st.SearchStrategy[dict[str, Any]]:
    declared = INTENT_SLOTS.get(intent_name, {})
    # The intent's own slots, maybe slots the model does not give it (of types the skill knows).
    others = {"cause": "CauseType", "unknown_slot": "BodyPartType"}
    return st.fixed_dictionaries(
        {name: slot_payload(name, slot_type) for name, slot_type in declared.items()},
        optional={
            name: slot_payload(name, slot_type)
            for name, slot_type in others.items()
            if name not in declared
        },
    )


def intent_payload(name: str) -> st.SearchStrategy[dict[str, Any]]:
    """An intent with its slots (Alexa sends every slot of the intent, filled or not); sometimes
    without its name, confirmation status or slots."""
    return maybe_without_a_key(
        st.fixed_dictionaries(
            {
                "name": st.just(name),
                "confirmationStatus": st.sampled_from(["NONE", "CONFIRMED", "DENIED"]),
                "slots": _slots_for(name),
            }
        )
    )


# Built once per name: a strategy built inside every draw (flatmap) makes generation slow.
_INTENT_PAYLOADS = {name: intent_payload(name) for name in INTENT_SLOTS}
_SLOT_INTENTS = sorted(name for name, slots in INTENT_SLOTS.items() if slots)


def _renamed(intent: dict[str, Any], name: str) -> dict[str, Any]:
    return {**intent, "name": name} if "name" in intent else intent


#: Intents of the model (those with a slot more often), unknown ones and odd names (these
#: with the slots of the fallback intent: none of their own, maybe slots of other intents).
slot_intents = st.sampled_from(_SLOT_INTENTS).flatmap(_INTENT_PAYLOADS.__getitem__)
intents = st.one_of(
    slot_intents,
    st.sampled_from(sorted(INTENT_SLOTS)).flatmap(_INTENT_PAYLOADS.__getitem__),
    st.builds(
        _renamed,
        _INTENT_PAYLOADS["AMAZON.FallbackIntent"],
        st.one_of(st.sampled_from(UNKNOWN_INTENTS), short_text),
    ),
)


# --- requests ----------------------------------------------------------------------------------
TIMESTAMPS = [
    "2026-11-24T19:50:00Z",
    "2026-11-24T19:50:00.123Z",
    "2026-11-24T21:50:00+02:00",
    "2026-11-24T19:50:00",
    "20261124T195000Z",
    "2026-11-24",
    "Tue, 24 Nov 2026 19:50:00 GMT",
    "1999-12-31T23:59:60Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "yesterday",
    "",
]
LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "ja-JP", "ar-SA", "hi-IN", "EN-us", "en_US", "xx"]


def _typed_request(
    type_name: str, *, genuine: bool = False, **fields: st.SearchStrategy[Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """A ``request`` object: type, id, timestamp, locale and the type's ``fields``; unless
    ``genuine``, in any locale and sometimes without one of its keys."""
    request = st.fixed_dictionaries(
        {
            "type": st.just(type_name),
            "requestId": st.just("amzn1.echo-api.request.fuzz"),
            "timestamp": st.sampled_from(TIMESTAMPS[:3]),
            "locale": st.just("en-US") if genuine else st.sampled_from(LOCALES),
            **fields,
        }
    )
    return request if genuine else maybe_without_a_key(request, keep="type")


def _with_odd_common_fields(request: dict[str, Any], odd: dict[str, Any]) -> dict[str, Any]:
    return {**request, **odd}


odd_common_fields = st.fixed_dictionaries(
    {},
    optional={
        "timestamp": st.one_of(st.sampled_from(TIMESTAMPS), st.integers(0, 2**40)),
        "locale": st.one_of(st.sampled_from(LOCALES), short_text, st.none()),
        "requestId": st.one_of(short_text, st.none()),
    },
)

_error = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            [
                "INVALID_RESPONSE",
                "DEVICE_COMMUNICATION_ERROR",
                "INTERNAL_SERVICE_ERROR",
                "ENDPOINT_TIMEOUT",
            ]
        )
    },
    optional={"message": short_text},
)
_event_times = {
    "eventCreationTime": st.just("2026-11-24T19:50:00Z"),
    "eventPublishingTime": st.just("2026-11-24T19:50:01Z"),
}
_permissions = st.lists(
    st.fixed_dictionaries(
        {"scope": st.sampled_from(["alexa::profile:email:read", "alexa::alerts:reminders:skill"])}
    ),
    max_size=2,
)


def _requests(genuine: bool) -> dict[str, st.SearchStrategy[dict[str, Any]]]:
    """Every request type of the reference with its fields (see :func:`_typed_request`)."""

    def _request(type_name: str, **fields: st.SearchStrategy[Any]) -> Any:
        return _typed_request(type_name, genuine=genuine, **fields)

    ended_fields: dict[str, Any] = {
        "reason": st.sampled_from(["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"])
    }
    if not genuine:  # a genuine one carries an error only for reason ERROR: left out
        ended_fields["error"] = _error
    return {
        "LaunchRequest": _request("LaunchRequest"),
        "IntentRequest": _request("IntentRequest", intent=intents),
        "SessionEndedRequest": _request("SessionEndedRequest", **ended_fields),
        "System.ExceptionEncountered": _request(
            "System.ExceptionEncountered",
            error=_error,
            cause=st.fixed_dictionaries({"requestId": st.just("amzn1.echo-api.request.earlier")}),
        ),
        "AlexaSkillEvent.SkillEnabled": _request("AlexaSkillEvent.SkillEnabled", **_event_times),
        "AlexaSkillEvent.SkillDisabled": _request(
            "AlexaSkillEvent.SkillDisabled",
            body=st.fixed_dictionaries(
                {
                    "userInformationPersistenceStatus": st.sampled_from(
                        ["PERSISTED", "NOT_PERSISTED"]
                    )
                }
            ),
            **_event_times,
        ),
        "AlexaSkillEvent.SkillPermissionAccepted": _request(
            "AlexaSkillEvent.SkillPermissionAccepted",
            body=st.fixed_dictionaries({"acceptedPermissions": _permissions}),
            **_event_times,
        ),
        "AlexaSkillEvent.SkillPermissionChanged": _request(
            "AlexaSkillEvent.SkillPermissionChanged",
            body=st.fixed_dictionaries({"acceptedPermissions": _permissions}),
            **_event_times,
        ),
        "AlexaSkillEvent.SkillAccountLinked": _request(
            "AlexaSkillEvent.SkillAccountLinked",
            body=st.fixed_dictionaries({"accessToken": short_text}),
            **_event_times,
        ),
        "Messaging.MessageReceived": _request(
            "Messaging.MessageReceived",
            message=st.dictionaries(short_text, json_values, max_size=3),
        ),
        "CanFulfillIntentRequest": _request("CanFulfillIntentRequest", intent=intents),
        "Alexa.Presentation.APL.UserEvent": _request(
            "Alexa.Presentation.APL.UserEvent",
            token=short_text,
            arguments=st.lists(json_values, max_size=3),
            source=st.fixed_dictionaries(
                {"type": st.just("TouchWrapper"), "handler": st.just("Press")},
                optional={"id": short_text, "value": json_values},
            ),
            components=st.dictionaries(short_text, json_values, max_size=2),
        ),
        "Connections.Response": _request(
            "Connections.Response",
            name=st.one_of(st.sampled_from(["Buy", "Upsell", "Cancel", "AskFor"]), short_text),
            status=st.fixed_dictionaries(
                {"code": st.sampled_from(["200", "400", "500"]), "message": short_text}
            ),
            payload=st.dictionaries(short_text, json_values, max_size=3),
            token=short_text,
        ),
    }


REQUESTS = _requests(genuine=False)
GENUINE_REQUESTS = _requests(genuine=True)
REQUEST_TYPES = sorted(REQUESTS)

#: Intent requests for the intents with a slot: slot values are where odd input reaches speech.
slot_intent_requests = _typed_request(
    "IntentRequest",
    intent=slot_intents,
)
#: Requests of every type (intent requests, the richest, most often), with odd common fields,
#: of types the skill does not declare and of unknown types.
requests = st.one_of(
    slot_intent_requests,
    slot_intent_requests,
    st.sampled_from(REQUEST_TYPES).flatmap(REQUESTS.__getitem__),
    REQUESTS["IntentRequest"],
    st.builds(
        _with_odd_common_fields,
        st.sampled_from(REQUEST_TYPES).flatmap(REQUESTS.__getitem__),
        odd_common_fields,
    ),
    st.sampled_from(OTHER_TYPES + UNKNOWN_TYPES).flatmap(_typed_request),
)


# --- session attributes ------------------------------------------------------------------------
_topic_ids = sorted(EN.topics)
_list_ids = sorted(t for t, topic in EN.topics.items() if topic.items)


def _ssml(text: str) -> str:
    return f"<speak>{text}</speak>"


#: Attributes the skill itself writes (what Alexa hands back in the next request of a session).
skill_attributes = st.fixed_dictionaries(
    {
        "last": st.fixed_dictionaries(
            {
                "speech": st.sampled_from([_ssml(EN.prompts["help"].speech), _ssml("Okay.")]),
                # Never None: the skill leaves the reprompt out only when it ends the session.
                "reprompt": st.just(_ssml(EN.phrases["reprompt"])),
                "card_title": st.sampled_from([None, "Help"]),
                "card_text": st.sampled_from([None, "Some text."]),
            }
        ),
        "pending": st.one_of(
            st.none(),
            st.builds(lambda t: {"topic": t}, st.sampled_from(_topic_ids)),
            st.builds(
                lambda t, o: {"list": t, "offset": o},
                st.sampled_from(_list_ids),
                st.sampled_from([4, 8]),
            ),
        ),
    }
)

_odd_value = st.one_of(odd_text, json_scalars)
#: ``last`` as the skill writes it (speech, reprompt, card title and text) but with odd values,
#: sometimes without one of its keys; or not a dict at all.
_odd_last_dict = maybe_without_a_key(
    st.fixed_dictionaries(
        {
            "speech": _odd_value,
            "reprompt": st.one_of(st.none(), _odd_value),  # None: as after a goodbye
            "card_title": st.one_of(st.none(), _odd_value),
            "card_text": st.one_of(st.none(), _odd_value),
        }
    )
)
odd_last = st.one_of(
    _odd_last_dict,
    _odd_last_dict,
    json_scalars,
    st.lists(json_scalars, max_size=3),
    deep,
)
odd_pending = st.one_of(
    json_scalars,
    st.lists(json_scalars, max_size=3),
    st.fixed_dictionaries(
        {},
        optional={
            "topic": st.one_of(st.sampled_from(_topic_ids), json_scalars),
            "list": st.one_of(st.sampled_from(_list_ids), json_scalars),
            "offset": st.one_of(
                st.integers(min_value=-(2**70), max_value=2**70),
                st.sampled_from([0, 3, 4, 8, 11, 12, -1, True, 4.0, "4"]),
            ),
        },
    ),
    deep,
)
odd_attributes = st.one_of(
    st.fixed_dictionaries({"nested": deep}),
    st.fixed_dictionaries({"last": odd_last}, optional={"pending": odd_pending}),
    st.fixed_dictionaries({"nested": deep}, optional={"last": odd_last}),
    st.fixed_dictionaries({"pending": odd_pending}, optional={"last": odd_last}),
    st.fixed_dictionaries({"\u202eunicode \x00 key 😀": json_values}),
    st.dictionaries(short_text, st.one_of(json_values, deep), max_size=3),
    st.none(),
)


# --- session, context, envelope -----------------------------------------------------------------
def session(attributes: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "new": st.booleans(),
            "sessionId": st.just("amzn1.echo-api.session.fuzz"),
            "application": st.just({"applicationId": SKILL_ID}),
            "user": st.just({"userId": DEFAULT_USER_ID}),
        },
        optional={"attributes": attributes},
    )


def _context(system: dict[str, Any] | None) -> dict[str, Any]:
    return {"System": system} if system is not None else {}


_full_system = {
    "application": {"applicationId": SKILL_ID},
    "user": {"userId": DEFAULT_USER_ID},
    "device": {"deviceId": DEFAULT_DEVICE_ID, "supportedInterfaces": {}},
    "apiEndpoint": "https://api.amazonalexa.com",
    "apiAccessToken": "fuzz.token",
}
full_context = st.just(_context(_full_system))
#: A context.System that lacks parts: no user and device, a user without an id, an empty id.
partial_context = st.sampled_from(
    [
        _context({"application": {"applicationId": SKILL_ID}}),
        _context({**_full_system, "user": {}}),
        _context({**_full_system, "user": {"userId": ""}}),
    ]
)
#: No context.System at all: the key left out (None, see _envelope), an empty or a null one.
contexts_without_system = st.sampled_from([None, {}, {"System": None}])


def _envelope(
    request: dict[str, Any], session: dict[str, Any] | None, context: dict[str, Any] | None
) -> dict[str, Any]:
    envelope: dict[str, Any] = {"version": "1.0"}
    if session is not None:
        envelope["session"] = session
    if context is not None:
        envelope["context"] = context
    envelope["request"] = request
    return envelope


#: No session (out of session), or one with no, the skill's own, or odd attributes.
sessions = st.one_of(
    st.none(),
    session(st.just({})),
    session(skill_attributes),
    session(odd_attributes),
    session(odd_attributes),
)

#: Envelopes of every kind, genuine and broken: any request, with a session (new or not, genuine
#: or odd attributes) or without one, with a context.System that is full or lacks parts.
envelopes = st.builds(
    _envelope, requests, sessions, st.one_of(full_context, full_context, partial_context)
)
#: In-session intent requests, mostly of the intents with a slot: where input reaches speech.
spoken_envelopes = st.builds(
    _envelope,
    st.one_of(slot_intent_requests, REQUESTS["IntentRequest"]),
    session(st.one_of(st.just({}), skill_attributes, odd_attributes)),
    st.one_of(full_context, partial_context),
)
#: The intents that act on session attributes (Repeat replays ``last``; Yes, Next and No follow
#: ``pending``), in a session with odd attributes.
_SESSION_INTENTS = [
    "AMAZON.RepeatIntent",
    "AMAZON.YesIntent",
    "AMAZON.NextIntent",
    "AMAZON.NoIntent",
]
session_intent_envelopes = st.builds(
    _envelope,
    _typed_request(
        "IntentRequest",
        genuine=True,
        intent=st.sampled_from(_SESSION_INTENTS).flatmap(_INTENT_PAYLOADS.__getitem__),
    ),
    session(
        st.one_of(
            st.fixed_dictionaries({"last": odd_last}, optional={"pending": odd_pending}),
            st.fixed_dictionaries({"pending": odd_pending}, optional={"last": odd_last}),
            odd_attributes,
        )
    ),
    full_context,
)
#: Any request in a session whose attributes are odd (wrong types, deep nesting, unicode keys).
odd_session_envelopes = st.builds(
    _envelope, requests, session(odd_attributes), st.one_of(full_context, partial_context)
)
#: Every envelope with context.System; three quarters of them from the families where input
#: reaches the skill's output: in-session intent requests (slot values), requests with odd
#: session attributes, and the intents that act on those attributes.
any_envelopes = st.one_of(
    envelopes, spoken_envelopes, odd_session_envelopes, session_intent_envelopes
)
#: The same without context.System (Alexa always sends one).
envelopes_without_system = st.builds(_envelope, requests, sessions, contexts_without_system)
#: Requests whose response must be empty (:data:`SILENT_TYPES`), in a session or out of one.
silent_envelopes = st.builds(
    _envelope,
    st.sampled_from(sorted(SILENT_TYPES)).flatmap(REQUESTS.__getitem__),
    sessions,
    st.one_of(full_context, partial_context),
)


def _genuine(request: dict[str, Any], attributes: Any, new: bool) -> dict[str, Any]:
    if request["type"] in OUT_OF_SESSION_TYPES:
        return _envelope(request, None, _context(_full_system))
    in_session: dict[str, Any] = {
        "new": new,
        "sessionId": "amzn1.echo-api.session.fuzz",
        "application": {"applicationId": SKILL_ID},
        "user": {"userId": DEFAULT_USER_ID},
    }
    if not new:  # a new session starts with no attributes
        in_session["attributes"] = attributes
    return _envelope(request, in_session, _context(_full_system))


_plain_text = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "Zs", "Po"]), min_size=1, max_size=40
)


def _genuine_slot(slot_name: str, slot_type: str) -> st.SearchStrategy[dict[str, Any]]:
    authority = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.{slot_type}"
    matched = st.builds(
        lambda spoken, value_id: {
            "name": slot_name,
            "value": spoken,
            "confirmationStatus": "NONE",
            "source": "USER",
            "resolutions": {
                "resolutionsPerAuthority": [
                    {
                        "authority": authority,
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": value_id, "id": value_id}}],
                    }
                ]
            },
        },
        _plain_text,
        st.sampled_from(TYPE_IDS[slot_type]),
    )
    unmatched = st.builds(
        lambda spoken: {
            "name": slot_name,
            "value": spoken,
            "confirmationStatus": "NONE",
            "source": "USER",
            "resolutions": {
                "resolutionsPerAuthority": [
                    {"authority": authority, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
                ]
            },
        },
        _plain_text,
    )
    empty = st.just({"name": slot_name, "confirmationStatus": "NONE"})
    return st.one_of(matched, unmatched, empty)


def _genuine_intent(name: str) -> st.SearchStrategy[dict[str, Any]]:
    slots = INTENT_SLOTS[name]
    return st.fixed_dictionaries(
        {
            "name": st.just(name),
            "confirmationStatus": st.just("NONE"),
            **(
                {"slots": st.fixed_dictionaries({s: _genuine_slot(s, t) for s, t in slots.items()})}
                if slots
                else {}
            ),
        }
    )


_genuine_intents = st.sampled_from(sorted(INTENT_SLOTS)).flatmap(_genuine_intent)
_genuine_requests = st.one_of(
    st.sampled_from(
        [t for t in REQUEST_TYPES if t not in ("IntentRequest", "CanFulfillIntentRequest")]
    ).flatmap(GENUINE_REQUESTS.__getitem__),
    _typed_request("IntentRequest", genuine=True, intent=_genuine_intents),
    _typed_request("CanFulfillIntentRequest", genuine=True, intent=_genuine_intents),
)
#: Envelopes as Alexa sends them: a request type from the list above, in a session (with the
#: attributes the skill itself wrote) or, for skill events and messages, out of session; a full
#: context; intents of the model with slots resolved the way Alexa resolves them.
genuine_envelopes = st.builds(
    _genuine, _genuine_requests, st.one_of(st.just({}), skill_attributes), st.booleans()
)


# --- HTTP bodies -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Body:
    """A malformed body; its repr names how it was made instead of dumping the bytes."""

    how: str
    data: bytes

    def __repr__(self) -> str:
        shown = self.data if len(self.data) <= 120 else self.data[:100] + b"..."
        return f"Body({self.how!r}, {len(self.data)} bytes: {shown!r})"


def _deep_body(depth: int, kind: str) -> Body:
    return Body(f"nested {depth} deep ({kind})", body_of(Deep(depth, kind)))


def _truncated(envelope: Any, fraction: float) -> Body:
    data = body_of(envelope)
    return Body(f"truncated at {fraction:.2f}", data[: int(len(data) * fraction)])


def _wrong_shape(value: Any) -> Body:
    return Body("wrong shape", body_of(value))


def _oversize(size: int, valid: bool) -> Body:
    if valid:
        data = body_of(
            _envelope(
                {"type": "LaunchRequest", "requestId": "r", "timestamp": TIMESTAMPS[0]},
                {"new": True, "sessionId": "s", "attributes": {"pad": ""}},
                _context(_full_system),
            )
        )
        data = data.replace(b'"pad":""', b'"pad":"' + b"x" * (size - len(data)) + b'"')
    else:
        data = b"{" * size
    return Body(f"{len(data)} bytes ({'a valid envelope' if valid else 'junk'})", data)


_not_an_object = st.one_of(json_scalars, st.lists(json_values, max_size=3))
_wrong_field = st.one_of(json_scalars, st.lists(json_scalars, max_size=2))
_launch_envelope = st.builds(_envelope, REQUESTS["LaunchRequest"], st.none(), full_context)
#: JSON objects that are not request envelopes: no request, a request without a string type,
#: or session / context / System of the wrong type.
wrong_shape_objects = st.one_of(
    st.dictionaries(short_text.map(lambda key: f"x{key}"), json_values, max_size=3),
    st.fixed_dictionaries(
        {"version": st.just("1.0"), "request": _wrong_field}, optional={"context": full_context}
    ),
    st.fixed_dictionaries(
        {
            "version": st.just("1.0"),
            "context": full_context,
            "request": st.fixed_dictionaries(
                {"requestId": st.just("r")},
                optional={"type": st.one_of(st.none(), st.integers(), st.lists(st.none()))},
            ),
        }
    ),
    st.builds(
        lambda envelope, bad: {**envelope, "session": bad},
        _launch_envelope,
        st.one_of(st.booleans(), st.integers(), short_text, st.lists(json_scalars, max_size=2)),
    ),
    st.builds(
        lambda envelope, bad: {**envelope, "context": bad},
        _launch_envelope,
        st.one_of(_wrong_field, st.sampled_from([{"System": []}, {"System": "x"}])),
    ),
    envelopes_without_system,
)

#: Bodies that are not a JSON object (or not JSON at all), each of which must be refused with
#: 400 (413 when it is larger than the limit).
unreadable_bodies = st.one_of(
    st.binary(max_size=200).map(lambda b: Body("random bytes", b)),
    st.builds(_truncated, genuine_envelopes, st.floats(min_value=0.0, max_value=0.99)),
    st.builds(_wrong_shape, _not_an_object),
    st.builds(
        _deep_body,
        st.one_of(st.integers(1, 100), st.sampled_from([500, 2000, 5000])),
        st.just("list"),
    ),
    # Objects nested too deep for Python's JSON parser (shallower ones are wrong_shape_bodies).
    st.builds(_deep_body, st.sampled_from([2000, 5000]), st.sampled_from(["dict", "mixed"])),
    st.builds(
        lambda head, tail: Body("invalid UTF-8 or a raw control character", head + tail),
        st.just(b'{"version":"1.0","request":{"type":"LaunchRequest","locale":"'),
        st.sampled_from([b'\xff"}}', b'\xc3"}}', b'\xed\xa0\x80"}}', b'\x00"}}']),
    ),
    st.builds(_oversize, st.sampled_from([256 * 1024 + 1, 300 * 1024]), st.booleans()),
)
#: JSON objects that are not request envelopes (see ``wrong_shape_objects``).
wrong_shape_bodies = st.builds(_wrong_shape, wrong_shape_objects)
