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
from ask_sdk_model.canfulfill import (
    CanFulfillIntent,
    CanFulfillIntentValues,
    CanFulfillSlot,
    CanFulfillSlotValues,
    CanUnderstandSlotValues,
)
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import PlainTextOutputSpeech, Reprompt

from skill import attributes, content, replies, screens, slot_values
from skill.replies import render

log = logging.getLogger(__name__)


class LaunchHandler(AbstractRequestHandler):
    """ "Alexa, open muscle twitch guide": welcome (short for returning users)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        visit = attributes.request_attributes(handler_input).get(attributes.VISIT) or {}
        cat = replies.catalog_of(handler_input)
        return render(handler_input, replies.welcome(cat, bool(visit.get("returning"))))


class TopicHandler(AbstractRequestHandler):
    """An intent without slots that answers one content topic."""

    def __init__(self, topic_id: str) -> None:
        self.topic_id = topic_id
        self.intent_name = content.TOPICS[topic_id].intent

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        cat = replies.catalog_of(handler_input)
        return render(handler_input, replies.topic_reply(cat, self.topic_id))


class SafetyHandler(AbstractRequestHandler):
    """A safety intent (emergency, crisis, poisoning): the locale's number, unconditionally."""

    def __init__(self, answer_id: str) -> None:
        self.answer_id = answer_id
        self.intent_name = content.SAFETY_ANSWERS[answer_id][0]

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        cat = replies.catalog_of(handler_input)
        return render(handler_input, replies.safety(cat, self.answer_id))


class SlotTopicHandler(AbstractRequestHandler):
    """An intent whose answer is chosen by one slot's resolved value id.

    A value Alexa could not resolve (ER_SUCCESS_NO_MATCH) or an empty slot gets
    a helpful answer naming what the skill does know, then offers ``offer_topic``.
    """

    def __init__(self, shape: content.SlotShape) -> None:
        self.shape = shape
        self.intent_name = shape.intent

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        cat = replies.catalog_of(handler_input)
        value_id, heard = resolved_slot(handler_input, self.shape.slot, self.shape.slot_type)
        topic = cat.slot_topic(self.intent_name)
        entry = topic.entries.get(value_id) if value_id else None
        if entry is not None:
            return render(handler_input, replies.answer(cat, entry))
        return render(handler_input, replies.unknown(cat, topic, heard))


def resolved_slot(
    handler_input: HandlerInput, slot_name: str, slot_type: str
) -> tuple[str | None, str | None]:
    """The slot's value id and the words heard.

    The id is entity resolution's match; when Alexa sent no resolution for the slot, or
    resolution timed out or failed, the words heard are looked up in the model's own values
    and synonyms (``skill.slot_values``).  A definite no-match stays unknown.
    """
    request = handler_input.request_envelope.request
    intent = getattr(request, "intent", None)
    slot = (intent.slots or {}).get(slot_name) if intent else None
    if slot is None:
        return None, None
    heard = slot.value.strip() if isinstance(slot.value, str) and slot.value.strip() else None
    authorities = slot.resolutions.resolutions_per_authority if slot.resolutions else None
    no_match = False
    for authority in authorities or []:
        code = authority.status.code if authority.status else None
        if code == StatusCode.ER_SUCCESS_MATCH:
            for match in authority.values or []:
                if match.value and match.value.id:
                    return match.value.id, heard
        no_match = no_match or code == StatusCode.ER_SUCCESS_NO_MATCH
    if heard is None or no_match:
        return None, heard
    return slot_values.lookup(getattr(request, "locale", None), slot_type, heard), heard


class PromptHandler(AbstractRequestHandler):
    """One intent answered by one fixed prompt: Help, Stop, Cancel, Fallback, StartOver,
    NavigateHome (one instance each)."""

    def __init__(
        self,
        intent_name: str,
        answer: str,
        *,
        end_session: bool = False,
        with_card: bool = False,
    ) -> None:
        self.intent_name = intent_name
        self.answer = answer
        self.end_session = end_session
        self.with_card = with_card

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        answer = replies.catalog_of(handler_input).prompts[self.answer]
        reply = replies.prompt(answer, end_session=self.end_session, with_card=self.with_card)
        return render(handler_input, reply)


class TouchHandler(AbstractRequestHandler):
    """A touch on a list item of a document the skill rendered (``Alexa.Presentation.APL.
    UserEvent``): the answer for that item, with its own screen, in the same session.

    The event comes from the device like any input: a token this skill did not render now, or
    arguments naming no item of that list, get a helpful prompt instead of an error.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("Alexa.Presentation.APL.UserEvent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        if not _speaks(handler_input):
            return handler_input.response_builder.response
        request = handler_input.request_envelope.request
        item = screens.touched_item(
            getattr(request, "token", None), getattr(request, "arguments", None)
        )
        cat = replies.catalog_of(handler_input)
        reply = replies.touched(cat, *item) if item is not None else None
        if reply is None:
            return render(handler_input, _prompt(handler_input, "touch_stale"))
        return render(handler_input, reply)


class RepeatHandler(AbstractRequestHandler):
    """AMAZON.RepeatIntent: the last response again, word for word.

    The pending question is left as it was, so "yes" still answers it.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        last = attributes.session_attributes(handler_input).get(attributes.LAST)
        response = replies.replay(handler_input, last)
        if response is None:
            return render(handler_input, _prompt(handler_input, "nothing_to_repeat"))
        return response


class AcceptHandler(AbstractRequestHandler):
    """AMAZON.YesIntent or AMAZON.NextIntent (one instance each): do what the last question
    offered - the next chunk of a list, or the offered topic; ``nothing_asked`` otherwise."""

    def __init__(self, intent_name: str, nothing_asked: str) -> None:
        self.intent_name = intent_name
        self.nothing_asked = nothing_asked

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent_name)(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        reply = _follow_pending(handler_input) or _prompt(handler_input, self.nothing_asked)
        return render(handler_input, reply)


class NoHandler(AbstractRequestHandler):
    """AMAZON.NoIntent: decline the offer and ask what else; with no offer, goodbye."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        pending = _pending(handler_input)
        cat = replies.catalog_of(handler_input)
        if pending and pending.get("safety") in content.SAFETY_ANSWERS:
            return render(handler_input, replies.safety_closing(cat, pending["safety"]))
        if pending:
            return render(handler_input, replies.prompt(cat.prompts["what_else"]))
        return render(handler_input, replies.prompt(cat.prompts["goodbye"], end_session=True))


def _pending(handler_input: HandlerInput) -> dict[str, Any] | None:
    if handler_input.request_envelope.session is None:
        return None
    pending = attributes.session_attributes(handler_input).get(attributes.PENDING)
    return pending if isinstance(pending, dict) else None


def _follow_pending(handler_input: HandlerInput) -> replies.Reply | None:
    """The reply a "yes" gives to the pending question, if it is one the skill asked.

    Session attributes come back from the device, so an id that is not (or no
    longer) in the content is treated as no question at all.
    """
    pending = _pending(handler_input) or {}
    cat = replies.catalog_of(handler_input)
    topic_id, list_id, offset = pending.get("topic"), pending.get("list"), pending.get("offset")
    safety_id = pending.get("safety")
    if isinstance(safety_id, str) and safety_id in content.SAFETY_ANSWERS:
        return replies.safety(cat, safety_id)
    if isinstance(topic_id, str) and topic_id in content.TOPICS:
        return replies.topic_reply(cat, topic_id)
    if (
        isinstance(list_id, str)
        and list_id in content.TOPICS
        and isinstance(offset, int)
        and not isinstance(offset, bool)
    ):
        in_range = 0 <= offset < len(content.TOPICS[list_id].items)
        return replies.list_chunk(cat, list_id, offset) if in_range else None
    return None


def _prompt(handler_input: HandlerInput, name: str) -> replies.Reply:
    """The reply for the prompt ``name`` of the request's catalog."""
    return replies.prompt(replies.catalog_of(handler_input).prompts[name])


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


class ExceptionEncounteredHandler(AbstractRequestHandler):
    """System.ExceptionEncountered: Alexa reports that our last response failed on the device.

    Logged (error type and message, no user data); the response must carry no speech.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("System.ExceptionEncountered")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        error = getattr(handler_input.request_envelope.request, "error", None)
        log.warning(
            "Alexa reported an error in our response: %s: %s",
            getattr(error, "object_type", None) or getattr(error, "type", None),
            getattr(error, "message", None),
        )
        return handler_input.response_builder.response


class SilentHandler(AbstractRequestHandler):
    """Requests outside a session that expect no speech: skill events (enabled, disabled,
    permissions, account linking) and messages (``Messaging.MessageReceived``).

    Each gets an empty response; none touches session attributes (there is no session).
    """

    PREFIXES = ("AlexaSkillEvent.", "Messaging.")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        kind = getattr(request, "object_type", None) or ""
        return kind.startswith(self.PREFIXES)

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = getattr(handler_input.request_envelope.request, "object_type", None)
        log.info("event %s", kind)
        return handler_input.response_builder.response


class CanFulfillHandler(AbstractRequestHandler):
    """CanFulfillIntentRequest (a question asked without the skill's name): can we answer it?

    YES for a topic intent, and for a slot intent whose value the skill has an answer for;
    MAYBE for a slot intent whose value is unknown or missing (the skill answers with what it
    does know); NO for anything else - and for the safety intents, so that Alexa's own
    handling of an emergency is never diverted to a skill.  No side effects: nothing is read
    or stored (there is no session).
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("CanFulfillIntentRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        verdict = can_fulfill(handler_input)
        return handler_input.response_builder.set_can_fulfill_intent(verdict).response


def can_fulfill(handler_input: HandlerInput) -> CanFulfillIntent:
    """The verdict on a CanFulfillIntentRequest (see :class:`CanFulfillHandler`)."""
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    name = getattr(intent, "name", None)
    if name in {topic.intent for topic in content.TOPICS.values()}:
        return CanFulfillIntent(can_fulfill=CanFulfillIntentValues.YES, slots={})
    shape = next((t for t in content.SLOT_TOPICS if t.intent == name), None)
    if shape is None:
        return CanFulfillIntent(can_fulfill=CanFulfillIntentValues.NO, slots={})
    value_id, heard = resolved_slot(handler_input, shape.slot, shape.slot_type)
    if value_id in shape.entries:
        slot = CanFulfillSlot(CanUnderstandSlotValues.YES, CanFulfillSlotValues.YES)
        return CanFulfillIntent(can_fulfill=CanFulfillIntentValues.YES, slots={shape.slot: slot})
    slots = {}
    if heard is not None:
        slots[shape.slot] = CanFulfillSlot(CanUnderstandSlotValues.MAYBE, CanFulfillSlotValues.NO)
    return CanFulfillIntent(can_fulfill=CanFulfillIntentValues.MAYBE, slots=slots)


class UnhandledHandler(AbstractRequestHandler):
    """Anything no other handler takes (an intent this skill does not use): fallback.

    Outside a session (a request type nobody expects speech for) the response is empty.
    Registered last.  Unlike the official sample's catch-all, it is tested.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        log.info("unhandled request: %s", getattr(request, "object_type", type(request).__name__))
        if not _speaks(handler_input):
            return handler_input.response_builder.response
        return render(handler_input, _prompt(handler_input, "fallback"))


class ErrorHandler(AbstractExceptionHandler):
    """Any exception: apologise and keep the session open - or, for a request that must get
    no speech, an empty response.

    It must not fail itself, so if rendering the apology fails too it falls
    back to a bare response built from a constant.
    """

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("request failed: %s", type(exception).__name__, exc_info=exception)
        try:
            if not _speaks(handler_input):
                return Response()
            return render(handler_input, _prompt(handler_input, "error"))
        except Exception:
            log.exception("error handler could not render its reply")
            return _bare_error_response()


#: Request types answered with speech: everything else gets an empty response.
SPOKEN_REQUESTS = frozenset({"LaunchRequest", "IntentRequest", "Alexa.Presentation.APL.UserEvent"})


def _speaks(handler_input: HandlerInput) -> bool:
    """Whether the request expects speech: a launch or an intent, within a session."""
    envelope = handler_input.request_envelope
    kind = getattr(envelope.request, "object_type", None)
    return envelope.session is not None and kind in SPOKEN_REQUESTS


def _bare_error_response() -> Response:
    """The error prompt of the default catalog as plain text; if even that cannot be had, an
    empty response that ends the session."""
    try:
        error = content.catalog(content.DEFAULT_LOCALE).prompts["error"]
    except Exception:
        return Response(should_end_session=True)
    return Response(
        output_speech=PlainTextOutputSpeech(text=error.speech),
        reprompt=Reprompt(output_speech=PlainTextOutputSpeech(text=error.reprompt)),
        should_end_session=False,
    )
