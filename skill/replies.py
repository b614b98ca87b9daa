"""Turn content entries into Alexa responses.

Handlers decide *what* to say by picking content; this module decides *how*:
it chunks lists, offers a follow-up question, adds the disclaimer to the first
response of a session, escapes text for SSML and remembers what was said so
that Repeat and Yes/No/Next can act on it.

Conversation state lives only in session attributes, which Alexa keeps for the
length of one session; nothing here is ever persisted.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill import content, screens
from skill.attributes import CATALOG, LAST, PENDING, VISIT, request_attributes, session_attributes

log = logging.getLogger(__name__)

#: Items spoken per list chunk (Alexa's guidance: lists of at most four).
CHUNK = 4
#: Alexa's limit on spoken output, in characters of SSML.
MAX_SPEECH_CHARS = 8000
#: Alexa's limit on a whole response, in bytes of JSON.
MAX_RESPONSE_BYTES = 24 * 1024
#: What the response envelope adds around the speech, reprompt and card (generously).
ENVELOPE_OVERHEAD_BYTES = 1024
#: Longest echo of something the user said (a slot value), in characters.
MAX_ECHO_CHARS = 60


@dataclass(frozen=True)
class Reply:
    """What to say, before it is rendered.

    ``pending`` is the action a "yes" would take: ``{"topic": id}`` or
    ``{"list": id, "offset": n}``; ``None`` means no yes/no question was asked.
    """

    speech: str
    reprompt: str | None = None
    card_title: str | None = None
    card_text: str | None = None
    end_session: bool = False
    pending: dict[str, Any] | None = None
    #: The question that closes the speech (a follow-up offer, "Want to hear more?").
    question: str | None = None
    #: False for replies that carry their own disclaimer (the welcome).
    needs_disclaimer: bool = True
    #: True when the answer must come before anything else (the safety answers):
    #: the first-response disclaimer then follows it instead of leading.
    urgent: bool = False
    #: What a screen shows (APL); None shows the title and speech as a plain answer.
    screen: screens.Screen | None = None


def prompt(p: content.Prompt, *, end_session: bool = False, with_card: bool = False) -> Reply:
    """A non-medical prompt (help, fallback, goodbye...)."""
    return Reply(
        speech=p.speech,
        reprompt=None if end_session else p.reprompt,
        card_title=p.title if with_card else None,
        card_text=p.speech if with_card else None,
        end_session=end_session,
    )


def welcome(cat: content.Catalog, returning: bool) -> Reply:
    """The launch greeting; it carries the disclaimer itself."""
    p = cat.prompts["welcome_returning" if returning else "welcome_new"]
    return Reply(
        speech=p.speech,
        reprompt=p.reprompt,
        card_title=p.title,
        card_text=f"{p.speech}\n\n{cat.phrases['card_footer']}",
        needs_disclaimer=False,
        screen=screens.Screen("answer", p.title, p.speech),
    )


def answer(cat: content.Catalog, entry: content.Entry) -> Reply:
    """A spoken answer with its card, ending in the entry's follow-up offer."""
    card = f"{entry.card}\n\n{cat.phrases['card_footer']}"
    screen = screens.Screen("answer", entry.title, entry.card, entry.section)
    return _with_offer(cat, entry.speech, entry.title, card, entry.follow_up, screen)


def unknown(cat: content.Catalog, topic: content.SlotTopic, heard: str | None) -> Reply:
    """A slot value the skill does not know (or none): say what it does know, then offer
    the slot topic's ``offer_topic``.  What the user said is echoed only as a short, clean
    phrase."""
    value = echo(heard)
    speech = topic.unknown.replace("{value}", value) if value else topic.missing
    return _with_offer(cat, speech, None, None, topic.offer_topic)


def safety(cat: content.Catalog, answer_id: str) -> Reply:
    """A safety answer: the action and the number first, then the session ends - or, for an
    answer with a repeat offer, the only question is whether to say the number again."""
    entry = cat.safety[answer_id]
    offer = entry.repeat_offer or None
    return Reply(
        speech=entry.speech,
        reprompt=offer,
        card_title=entry.title,
        card_text=entry.card,
        end_session=offer is None,
        pending={"safety": answer_id} if offer else None,
        question=offer,
        urgent=True,
        screen=_safety_screen(entry),
    )


def safety_closing(cat: content.Catalog, answer_id: str) -> Reply:
    """The answer to "no" after a safety answer's repeat offer: the number once more, end."""
    entry = cat.safety[answer_id]
    return Reply(speech=entry.closing, end_session=True, urgent=True, screen=_safety_screen(entry))


def _safety_screen(entry: content.SafetyAnswer) -> screens.Screen:
    return screens.Screen("safety", entry.title, section=entry.section, number=entry.number)


def touched(cat: content.Catalog, list_id: str, item_id: str) -> Reply | None:
    """The answer for a touch on item ``item_id`` of list ``list_id``, or None when that list
    has no such item (the screen it came from is not one this skill shows now)."""
    shape = content.TOPICS.get(list_id)
    if shape is None or item_id not in shape.items:
        return None
    for topic in cat.slot_topics:
        entry = topic.entries.get(item_id)
        if entry is not None:
            return answer(cat, entry)
    return None


_UNSAFE_ECHO = re.compile(r"[^\w' -]+")
_SPACES = re.compile(r"\s+")


def echo(heard: str | None) -> str:
    """What the user said, fit to be spoken back: letters, digits, spaces, apostrophes and
    hyphens only, at most ``MAX_ECHO_CHARS`` characters (cut at a word).  Empty if nothing
    speakable is left, and then the reply is the one for a missing value."""
    text = _SPACES.sub(" ", _UNSAFE_ECHO.sub(" ", heard or "")).strip(" '-")
    if len(text) > MAX_ECHO_CHARS:
        text = text[:MAX_ECHO_CHARS].rsplit(" ", 1)[0].strip(" '-")
    return text


def list_chunk(cat: content.Catalog, topic_id: str, offset: int = 0) -> Reply:
    """Items ``offset`` .. ``offset + CHUNK`` of a list topic.

    The first chunk is introduced; each chunk but the last asks "Want to hear
    more?"; the last closes the list and offers the follow-up topic.  The card
    always carries the whole list.
    """
    topic = cat.topics[topic_id]
    items = topic.items[offset : offset + CHUNK]
    spoken = _join(cat, [item.spoken for item in items])
    # The first chunk follows the list's introduction; later ones start a sentence.
    spoken = f"{topic.speech} {spoken}" if offset == 0 else spoken[:1].upper() + spoken[1:]
    card = "\n".join(
        [topic.card, *(f"- {item.card}" for item in topic.items), "", cat.phrases["card_footer"]]
    )
    screen = screens.Screen(
        "list",
        topic.title,
        topic.card,
        topic.section,
        items=tuple(
            (item_id, item.card)
            for item_id, item in zip(content.TOPICS[topic_id].items, topic.items, strict=True)
        ),
        list_id=topic_id,
    )
    next_offset = offset + CHUNK
    if next_offset < len(topic.items):
        return Reply(
            speech=f"{spoken}.",
            reprompt=cat.phrases["more_reprompt"],
            card_title=topic.title,
            card_text=card,
            pending={"list": topic_id, "offset": next_offset},
            question=cat.phrases["more"],
            screen=screen,
        )
    closing = f"{spoken}. {topic.outro}".strip()
    return _with_offer(cat, closing, topic.title, card, topic.follow_up, screen)


def topic_reply(cat: content.Catalog, topic_id: str) -> Reply:
    """The answer for a slot-less topic: a list starts at its first chunk."""
    topic = cat.topics[topic_id]
    return list_chunk(cat, topic_id) if topic.items else answer(cat, topic)


def _with_offer(
    cat: content.Catalog,
    speech: str,
    title: str | None,
    card: str | None,
    follow_up: str | None,
    screen: screens.Screen | None = None,
) -> Reply:
    """``speech`` closed by the offer of topic ``follow_up``; without one, the session ends."""
    if follow_up is None:
        return Reply(
            speech=speech, card_title=title, card_text=card, end_session=True, screen=screen
        )
    offer = cat.topics[follow_up].offer
    return Reply(
        speech=speech,
        reprompt=offer,
        card_title=title,
        card_text=card,
        pending={"topic": follow_up},
        question=offer,
        screen=screen,
    )


def _join(cat: content.Catalog, words: list[str]) -> str:
    """``a, b, c and d`` - the way a list is spoken."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {cat.phrases['and']} {words[-1]}"


#: Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities, like ``xml.sax.saxutils.escape``.

    Written out because importing ``xml.sax.saxutils`` pulls in ``urllib.request`` (and with it
    ``http.client``, ``ssl`` and ``email``): about 50 ms of every cold start, for three replaces.
    """
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_FIELDS = "|".join(content.NUMBER_FIELDS + content.NAME_FIELDS)
_PLACEHOLDER = re.compile(rf"\{{({_FIELDS})\}}")


def fill_numbers(text: str, numbers: content.SafetyNumbers, *, spoken: bool) -> str:
    """Put the locale's safety numbers (and services' names) in place of their placeholders.

    Spoken (``text`` already escaped for SSML), a number becomes a telephone ``say-as`` so
    Alexa reads it digit by digit; on a card it is shown as dialled.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = str(getattr(numbers, name))
        if name in content.NAME_FIELDS:
            return escape(found) if spoken else found
        return f'<say-as interpret-as="telephone">{found}</say-as>' if spoken else found

    return _PLACEHOLDER.sub(value, text)


def ssml(text: str, numbers: content.SafetyNumbers | None = None) -> str:
    """Plain text as an SSML document, with XML special characters escaped and the safety
    numbers' placeholders filled in."""
    body = escape(text)
    if numbers is not None:
        body = fill_numbers(body, numbers, spoken=True)
    return f"<speak>{body}</speak>"


def render(handler_input: HandlerInput, reply: Reply) -> Response:
    """Build the response and record what was said in the session.

    The first response of a session starts with the disclaimer (short for a returning user);
    after an urgent answer it follows the answer instead.  Every response that keeps the
    session open has a reprompt.  A reply too long for Alexa is replaced by the error prompt.
    """
    said = _said(handler_input, reply)
    rendered = _fitted(handler_input, said)
    if rendered is None:
        log.error("reply too long for Alexa; the error prompt is said instead")
        said = _said(handler_input, prompt(catalog_of(handler_input).prompts["error"]))
        rendered = _rendered(handler_input, said)
        reply = replace(reply, pending=None, end_session=False)
    if handler_input.request_envelope.session is not None:
        session = session_attributes(handler_input)
        session[LAST] = said
        session[PENDING] = reply.pending
    return _build(handler_input, rendered, end_session=reply.end_session)


def replay(handler_input: HandlerInput, last: Any) -> Response | None:
    """The last response again, word for word, from what the session recorded (Repeat).

    Session attributes come back from the device, so the record is checked like any input:
    text only, escaped again when spoken, within Alexa's limits; None if it is not usable.
    """
    if not isinstance(last, dict):
        return None
    said: dict[str, Any] = {key: last.get(key) for key in SAID_KEYS}
    if not isinstance(said["speech"], str) or not said["speech"].strip():
        return None
    if not all(v is None or isinstance(v, str) for v in said.values()):
        return None
    cat = catalog_of(handler_input)
    said["reprompt"] = said["reprompt"] or cat.phrases["reprompt"]
    screen = screens.Screen.from_record(last.get("screen"))
    said["screen"] = (screen or _plain_screen(cat, said["card_title"], said["speech"])).record()
    rendered = _fitted(handler_input, said)
    return None if rendered is None else _build(handler_input, rendered, end_session=False)


#: What the session records of a response: its text (placeholders unfilled), not its SSML;
#: the record also holds its screen (``screen``, see :meth:`screens.Screen.record`).
SAID_KEYS = ("speech", "reprompt", "card_title", "card_text")


def _said(handler_input: HandlerInput, reply: Reply) -> dict[str, Any]:
    """What the reply says in full: the disclaimer placed, the question last."""
    parts = [reply.speech]
    if reply.needs_disclaimer and _is_new_session(handler_input):
        # After an urgent answer the disclaimer follows it, in its short form.
        if reply.urgent:
            parts.append(catalog_of(handler_input).phrases["disclaimer_short"])
        else:
            parts.insert(0, _disclaimer(handler_input))
    if reply.question:
        parts.append(reply.question)
    plain = f"{reply.speech} {reply.question}" if reply.question else reply.speech
    screen = reply.screen or _plain_screen(catalog_of(handler_input), reply.card_title, plain)
    return {
        "speech": " ".join(parts),
        "reprompt": reply.reprompt,
        "card_title": reply.card_title,
        "card_text": reply.card_text,
        "screen": screen.record(),
    }


def _plain_screen(cat: content.Catalog, title: str | None, text: str) -> screens.Screen:
    """The screen of a reply that names none (a prompt): its title and its words."""
    return screens.Screen("answer", title or cat.phrases["skill_title"], text)


def _rendered(handler_input: HandlerInput, said: dict[str, Any]) -> dict[str, Any]:
    """``said`` for this request's locale: SSML speech and reprompt, the card's text."""
    cat = catalog_of(handler_input)
    numbers = cat.numbers
    title, text = said["card_title"], said["card_text"]
    return {
        "speech": ssml(said["speech"], numbers),
        "reprompt": ssml(said["reprompt"], numbers) if said["reprompt"] else None,
        "card_title": fill_numbers(title, numbers, spoken=False) if title else None,
        "card_text": fill_numbers(text, numbers, spoken=False) if text else None,
        "apl": _apl(handler_input, cat, said.get("screen")),
    }


def _apl(handler_input: HandlerInput, cat: content.Catalog, record: Any) -> dict[str, Any] | None:
    """The screen's document and data, for a device that shows APL (None for any other).

    Its texts are escaped like the speech (APL text reads the same entities) and show the
    safety numbers as the card does."""
    screen = screens.Screen.from_record(record)
    if screen is None or not screens.supports_apl(handler_input):
        return None

    def shown(text: str) -> str:
        return fill_numbers(escape(text), cat.numbers, spoken=False)

    data = screens.datasource(screen, cat, shown)
    return {"kind": screen.kind, "token": screen.token, "datasources": data}


def _fitted(handler_input: HandlerInput, said: dict[str, Any]) -> dict[str, Any] | None:
    """``said`` rendered, or None if the response would break Alexa's limits on speech or
    size (the session attributes, which carry ``said`` again, included)."""
    rendered = _rendered(handler_input, said)
    if len(rendered["speech"]) > MAX_SPEECH_CHARS:
        return None
    size = len(json.dumps([rendered, said], ensure_ascii=False).encode())
    if rendered["apl"] is not None:
        size += screens.document_bytes(rendered["apl"]["kind"])
    return None if size + ENVELOPE_OVERHEAD_BYTES > MAX_RESPONSE_BYTES else rendered


def _locale(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    locale = getattr(request, "locale", None)
    return locale if isinstance(locale, str) else None


def _build(handler_input: HandlerInput, rendered: dict[str, Any], *, end_session: bool) -> Response:
    """The SDK response for a rendered reply (see :func:`_rendered`)."""
    builder = handler_input.response_builder.speak(rendered["speech"])
    if rendered["reprompt"] and not end_session:
        builder.ask(rendered["reprompt"])
    if rendered["card_title"]:
        builder.set_card(SimpleCard(title=rendered["card_title"], content=rendered["card_text"]))
    if rendered["apl"] is not None:
        builder.add_directive(screens.directive(**rendered["apl"]))
    builder.set_should_end_session(end_session)
    return builder.response


def _is_new_session(handler_input: HandlerInput) -> bool:
    session = handler_input.request_envelope.session
    return bool(session is None or session.new)


def _disclaimer(handler_input: HandlerInput) -> str:
    visit = request_attributes(handler_input).get(VISIT) or {}
    phrases = catalog_of(handler_input).phrases
    return phrases["disclaimer_short" if visit.get("returning") else "disclaimer_full"]


def catalog_of(handler_input: HandlerInput) -> content.Catalog:
    """The catalog of the request's locale (picked once per request, kept in its attributes)."""
    attributes = request_attributes(handler_input)
    cat = attributes.get(CATALOG)
    if not isinstance(cat, content.Catalog):
        cat = attributes[CATALOG] = content.for_request(_locale(handler_input))
    return cat
