"""Turn content entries into Alexa responses.

Handlers decide *what* to say by picking content; this module decides *how*:
it chunks lists, offers a follow-up question, adds the disclaimer to the first
response of a session, escapes text for SSML and remembers what was said so
that Repeat and Yes/No/Next can act on it.

Conversation state lives only in session attributes, which Alexa keeps for the
length of one session; nothing here is ever persisted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from skill import content

# The attribute functions live in skill.attributes (shared with skill.persistence); handlers.py
# still reaches them through this module, hence the explicit re-exports.
from skill.attributes import LAST as LAST
from skill.attributes import PENDING as PENDING
from skill.attributes import VISIT as VISIT
from skill.attributes import request_attributes as request_attributes
from skill.attributes import session_attributes as session_attributes

#: Items spoken per list chunk (Alexa's guidance: lists of at most four).
CHUNK = 4
#: Alexa's limit on spoken output, in characters of SSML.
MAX_SPEECH_CHARS = 8000


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
    #: False for replies that carry their own disclaimer (the welcome).
    needs_disclaimer: bool = True
    #: True when the answer must come before anything else (the emergency answer):
    #: the first-response disclaimer then follows it instead of leading.
    urgent: bool = False


def prompt(p: content.Prompt, *, end_session: bool = False, with_card: bool = False) -> Reply:
    """A non-medical prompt (help, fallback, goodbye...)."""
    return Reply(
        speech=p.speech,
        reprompt=None if end_session else p.reprompt,
        card_title=p.title if with_card else None,
        card_text=p.speech if with_card else None,
        end_session=end_session,
    )


def welcome(returning: bool) -> Reply:
    """The launch greeting; it carries the disclaimer itself."""
    p = content.WELCOME_RETURNING if returning else content.WELCOME_NEW
    return Reply(
        speech=p.speech,
        reprompt=p.reprompt,
        card_title=p.title,
        card_text=f"{p.speech}\n\n{content.CARD_FOOTER}",
        needs_disclaimer=False,
    )


def answer(entry: content.Entry, *, lead: str = "") -> Reply:
    """A spoken answer with its card, ending in the entry's follow-up offer.

    An entry without a follow-up ends the session (only the emergency answer):
    every open session must end in a question.
    """
    speech = f"{lead} {entry.speech}".strip()
    card = f"{entry.card}\n\n{content.CARD_FOOTER}"
    return _with_offer(speech, entry.title, card, entry.follow_up)


def unknown(message: str, value: str | None, follow_up: str) -> Reply:
    """A slot value the skill does not know: say what it does know, then offer it."""
    speech = message.format(value=value) if value else message
    return _with_offer(speech, None, None, follow_up)


def list_chunk(topic_id: str, offset: int = 0) -> Reply:
    """Items ``offset`` .. ``offset + CHUNK`` of a list topic.

    The first chunk is introduced; each chunk but the last asks "Want to hear
    more?"; the last closes the list and offers the follow-up topic.  The card
    always carries the whole list.
    """
    topic = content.TOPICS[topic_id]
    items = topic.items[offset : offset + CHUNK]
    spoken = _join([item.spoken for item in items])
    # The first chunk follows the list's introduction; later ones start a sentence.
    spoken = f"{topic.speech} {spoken}" if offset == 0 else spoken[:1].upper() + spoken[1:]
    card = "\n".join(
        [topic.card, *(f"- {item.card}" for item in topic.items), "", content.CARD_FOOTER]
    )
    next_offset = offset + CHUNK
    if next_offset < len(topic.items):
        return Reply(
            speech=f"{spoken}. {content.MORE}",
            reprompt=content.MORE_REPROMPT,
            card_title=topic.title,
            card_text=card,
            pending={"list": topic_id, "offset": next_offset},
        )
    closing = f"{spoken}. {topic.outro}".strip()
    return _with_offer(closing, topic.title, card, topic.follow_up)


def topic_reply(topic_id: str) -> Reply:
    """The answer for a slot-less topic: a list starts at its first chunk."""
    topic = content.TOPICS[topic_id]
    return list_chunk(topic_id) if topic.items else answer(topic)


def _with_offer(speech: str, title: str | None, card: str | None, follow_up: str | None) -> Reply:
    if follow_up is None:
        # Only an urgent answer (the emergency) ends the session without a question.
        return Reply(speech=speech, card_title=title, card_text=card, end_session=True, urgent=True)
    offer = content.TOPICS[follow_up].offer
    return Reply(
        speech=f"{speech} {offer}",
        reprompt=offer,
        card_title=title,
        card_text=card,
        pending={"topic": follow_up},
    )


def _join(words: list[str]) -> str:
    """``a, b, c and d`` - the way a list is spoken."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {content.AND} {words[-1]}"


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities, like ``xml.sax.saxutils.escape``.

    Written out because importing ``xml.sax.saxutils`` pulls in ``urllib.request`` (and with it
    ``http.client``, ``ssl`` and ``email``): about 50 ms of every cold start, for three replaces.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ssml(text: str) -> str:
    """Plain text as an SSML document, with XML special characters escaped."""
    return f"<speak>{escape(text)}</speak>"


def render(handler_input: HandlerInput, reply: Reply) -> Response:
    """Build the response and record what was said in the session.

    The first response of a session starts with the disclaimer (short for a
    returning user).  Every response that keeps the session open has a reprompt.
    """
    speech = reply.speech
    if reply.needs_disclaimer and _is_new_session(handler_input):
        disclaimer = _disclaimer(handler_input)
        speech = f"{speech} {disclaimer}" if reply.urgent else f"{disclaimer} {speech}"
    said = {
        "speech": ssml(speech),
        "reprompt": ssml(reply.reprompt) if reply.reprompt else None,
        "card_title": reply.card_title,
        "card_text": reply.card_text,
    }
    session = session_attributes(handler_input)
    session[LAST] = said
    session[PENDING] = reply.pending
    return build(handler_input, said, end_session=reply.end_session)


def build(handler_input: HandlerInput, said: dict[str, Any], *, end_session: bool) -> Response:
    """The SDK response for already-rendered speech (also used by Repeat)."""
    builder = handler_input.response_builder.speak(said["speech"])
    if said["reprompt"] and not end_session:
        builder.ask(said["reprompt"])
    if said["card_title"]:
        builder.set_card(SimpleCard(title=said["card_title"], content=said["card_text"]))
    builder.set_should_end_session(end_session)
    return builder.response


def _is_new_session(handler_input: HandlerInput) -> bool:
    session = handler_input.request_envelope.session
    return bool(session is None or session.new)


def _disclaimer(handler_input: HandlerInput) -> str:
    visit = request_attributes(handler_input).get(VISIT) or {}
    return content.DISCLAIMER_SHORT if visit.get("returning") else content.DISCLAIMER_FULL
