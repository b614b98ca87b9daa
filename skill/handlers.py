"""Request handlers: one instance per intent, no prose.

Each handler picks content (``skill.content``) and hands it to
``skill.replies``; none holds a word of text.  Slot-less topics share one
class, ``TopicHandler``, instantiated once per topic, so adding a topic means
editing content and the interaction model, not this file.
"""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import PlainTextOutputSpeech, Reprompt

from skill import content, replies
from skill.replies import render

log = logging.getLogger(__name__)


class LaunchHandler(AbstractRequestHandler):
    """ "Alexa, open muscle twitch guide": welcome (short for returning users)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        visit = replies.request_attributes(handler_input).get(replies.VISIT) or {}
        return render(handler_input, replies.welcome(bool(visit.get("returning"))))


class TopicHandler(AbstractRequestHandler):
    """An intent without slots that answers one content topic."""

    def __init__(self, topic_id: str) -> None:
        self.topic_id = topic_id
        self.intent_name = content.TOPICS[topic_id].intent

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies.topic_reply(self.topic_id))


class SlotTopicHandler(AbstractRequestHandler):
    """An intent whose answer is chosen by one slot's resolved value id.

    A value Alexa could not resolve (ER_SUCCESS_NO_MATCH) or an empty slot gets
    a helpful answer naming what the skill does know, then offers a topic.
    """

    def __init__(
        self,
        intent_name: str,
        slot_name: str,
        entries: dict[str, content.Entry],
        unknown: str,
        missing: str,
        offer: str,
    ) -> None:
        self.intent_name = intent_name
        self.slot_name = slot_name
        self.entries = entries
        self.unknown = unknown
        self.missing = missing
        self.offer = offer

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        value_id, heard = resolved_slot(handler_input, self.slot_name)
        entry = self.entries.get(value_id) if value_id else None
        if entry is not None:
            return render(handler_input, replies.answer(entry))
        message = self.unknown if heard else self.missing
        return render(handler_input, replies.unknown(message, heard, self.offer))


def resolved_slot(handler_input: HandlerInput, slot_name: str) -> tuple[str | None, str | None]:
    """The slot's entity-resolution id (if Alexa matched one) and the words heard."""
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    slot = (intent.slots or {}).get(slot_name) if intent else None
    if slot is None:
        return None, None
    heard = (slot.value or "").strip() or None
    authorities = slot.resolutions.resolutions_per_authority if slot.resolutions else None
    for authority in authorities or []:
        if authority.status and authority.status.code == StatusCode.ER_SUCCESS_MATCH:
            for match in authority.values or []:
                if match.value and match.value.id:
                    return match.value.id, heard
    return None, heard


class HelpHandler(AbstractRequestHandler):
    """AMAZON.HelpIntent: example questions; the session stays open."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies.prompt(content.HELP, with_card=True))


class GoodbyeHandler(AbstractRequestHandler):
    """AMAZON.StopIntent or AMAZON.CancelIntent (one instance each): goodbye, end."""

    def __init__(self, intent_name: str) -> None:
        self.intent_name = intent_name

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies.prompt(content.GOODBYE, end_session=True))


class FallbackHandler(AbstractRequestHandler):
    """AMAZON.FallbackIntent: what the skill can answer, then a reprompt."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies.prompt(content.FALLBACK))


class HomeHandler(AbstractRequestHandler):
    """AMAZON.StartOverIntent or AMAZON.NavigateHomeIntent: back to the welcome."""

    def __init__(self, intent_name: str) -> None:
        self.intent_name = intent_name

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return render(handler_input, replies.prompt(content.HOME))


class RepeatHandler(AbstractRequestHandler):
    """AMAZON.RepeatIntent: the last response again, word for word.

    The pending question is left as it was, so "yes" still answers it.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        last = replies.session_attributes(handler_input).get(replies.LAST)
        if not (isinstance(last, dict) and isinstance(last.get("speech"), str)):
            return render(handler_input, replies.prompt(content.NOTHING_TO_REPEAT))
        return replies.build(handler_input, last, end_session=False)


class AcceptHandler(AbstractRequestHandler):
    """AMAZON.YesIntent or AMAZON.NextIntent (one instance each): do what the last question
    offered - the next chunk of a list, or the offered topic; ``nothing_asked`` otherwise."""

    def __init__(self, intent_name: str, nothing_asked: content.Prompt) -> None:
        self.intent_name = intent_name
        self.nothing_asked = nothing_asked

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = _follow_pending(handler_input) or replies.prompt(self.nothing_asked)
        return render(handler_input, reply)


class NoHandler(AbstractRequestHandler):
    """AMAZON.NoIntent: decline the offer and ask what else; with no offer, goodbye."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        if _pending(handler_input):
            return render(handler_input, replies.prompt(content.WHAT_ELSE))
        return render(handler_input, replies.prompt(content.GOODBYE, end_session=True))


def _pending(handler_input: HandlerInput) -> dict[str, Any] | None:
    pending = replies.session_attributes(handler_input).get(replies.PENDING)
    return pending if isinstance(pending, dict) else None


def _follow_pending(handler_input: HandlerInput) -> replies.Reply | None:
    """The reply a "yes" gives to the pending question, if it is one the skill asked.

    Session attributes come back from the device, so an id that is not (or no
    longer) in the content is treated as no question at all.
    """
    pending = _pending(handler_input) or {}
    topic_id, list_id, offset = pending.get("topic"), pending.get("list"), pending.get("offset")
    if topic_id in content.TOPICS:
        return replies.topic_reply(topic_id)
    if isinstance(list_id, str) and list_id in content.TOPICS and isinstance(offset, int):
        in_range = 0 <= offset < len(content.TOPICS[list_id].items)
        return replies.list_chunk(list_id, offset) if in_range else None
    return None


class SessionEndedHandler(AbstractRequestHandler):
    """SessionEndedRequest: log the reason; the response must be empty."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        reason = getattr(request, "reason", None)
        error = getattr(request, "error", None)
        if error is not None:
            log.warning("session ended with an error: %s", error)
        else:
            log.info("session ended: %s", reason)
        return handler_input.response_builder.response


class UnhandledHandler(AbstractRequestHandler):
    """Anything no other handler takes (an intent this skill does not use): fallback.

    Registered last.  Unlike the official sample's catch-all, it is tested.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        log.info("unhandled request: %s", getattr(request, "object_type", type(request).__name__))
        return render(handler_input, replies.prompt(content.FALLBACK))


class ErrorHandler(AbstractExceptionHandler):
    """Any exception: apologise and keep the session open.

    It must not fail itself, so if rendering the apology fails too it falls
    back to a bare response built from a constant.
    """

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("request failed", exc_info=exception)
        try:
            return render(handler_input, replies.prompt(content.ERROR))
        except Exception:
            log.exception("error handler could not render its reply")
            return _bare_error_response()


def _bare_error_response() -> Response:
    return Response(
        output_speech=PlainTextOutputSpeech(text=content.ERROR.speech),
        reprompt=Reprompt(output_speech=PlainTextOutputSpeech(text=content.REPROMPT)),
        should_end_session=False,
    )
