"""The one place that builds the skill.

``build_skill`` wires handlers, interceptors and persistence into an ASK SDK
``CustomSkill``; ``lambda_handler_for`` turns it into the event-in, response-out
handler that Lambda (via ``default_handler``) and the simulator both run, and the
web service serves the same skill object.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from typing import Any, cast

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope, Session

from skill import content, handlers
from skill.attributes import CATALOG, request_attributes
from skill.persistence import VisitLoader, VisitSaver
from skill.serializer import EnvelopeSerializer

log = logging.getLogger(__name__)

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


class RequestLogger(AbstractRequestInterceptor):
    """Logs each request's type and intent: never user ids or slot values (health data)."""

    def process(self, handler_input: HandlerInput) -> None:
        if log.isEnabledFor(logging.INFO):
            request = handler_input.request_envelope.request
            intent = getattr(request, "intent", None)
            kind = request.object_type if request is not None else None
            log.info("request %s %s", kind, intent.name if intent is not None else "")


class CatalogPicker(AbstractRequestInterceptor):
    """Picks the catalog of the request's locale once, for every handler of the request
    (``content.for_request``: a locale the skill does not speak gets the default's)."""

    def process(self, handler_input: HandlerInput) -> None:
        locale = getattr(handler_input.request_envelope.request, "locale", None)
        request_attributes(handler_input)[CATALOG] = content.for_request(locale)


def build_skill(
    persistence_adapter: AbstractPersistenceAdapter | None = None,
    skill_id: str | None = None,
) -> CustomSkill:
    """Build the skill.

    ``skill_id`` defaults to ``$SKILL_ID``; when set, the SDK rejects requests
    for any other skill.  With a ``persistence_adapter`` the skill reads and
    writes visit data once per session (see ``skill.persistence``).
    """
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter)  # type: ignore[arg-type]
    builder.skill_id = skill_id if skill_id is not None else os.environ.get("SKILL_ID") or None  # type: ignore[assignment]

    # Safety first: nothing registered before these can take their intents.
    for answer_id in content.SAFETY_ANSWERS:
        builder.add_request_handler(handlers.SafetyHandler(answer_id))
    builder.add_request_handler(handlers.LaunchHandler())
    for topic_id in content.TOPICS:
        builder.add_request_handler(handlers.TopicHandler(topic_id))
    for slot_topic in content.SLOT_TOPICS:
        builder.add_request_handler(handlers.SlotTopicHandler(slot_topic))
    prompt_intents = [
        ("AMAZON.HelpIntent", "help", {"with_card": True}),
        ("AMAZON.StopIntent", "goodbye", {"end_session": True}),
        ("AMAZON.CancelIntent", "goodbye", {"end_session": True}),
        ("AMAZON.FallbackIntent", "fallback", {}),
        ("AMAZON.StartOverIntent", "home", {}),
        ("AMAZON.NavigateHomeIntent", "home", {}),
    ]
    for intent_name, answer, options in prompt_intents:
        builder.add_request_handler(handlers.PromptHandler(intent_name, answer, **options))
    builder.add_request_handler(handlers.RepeatHandler())
    builder.add_request_handler(handlers.TouchHandler())
    builder.add_request_handler(handlers.AcceptHandler("AMAZON.YesIntent", "ask_away"))
    builder.add_request_handler(handlers.NoHandler())
    builder.add_request_handler(handlers.AcceptHandler("AMAZON.NextIntent", "no_list"))
    builder.add_request_handler(handlers.SessionEndedHandler())
    builder.add_request_handler(handlers.ExceptionEncounteredHandler())
    builder.add_request_handler(handlers.SilentHandler())
    builder.add_request_handler(handlers.CanFulfillHandler())
    builder.add_request_handler(handlers.UnhandledHandler())  # last: takes anything left

    builder.add_exception_handler(handlers.ErrorHandler())
    builder.add_global_request_interceptor(RequestLogger())
    builder.add_global_request_interceptor(CatalogPicker())
    if persistence_adapter is not None:
        builder.add_global_request_interceptor(VisitLoader())
        builder.add_global_response_interceptor(VisitSaver(persistence_adapter))
    skill: CustomSkill = builder.create()
    skill.serializer = EnvelopeSerializer()
    return skill


def lambda_handler_for(skill: CustomSkill) -> LambdaHandler:
    """A Lambda-style handler (event dict in, response dict out) for ``skill``.

    The same steps as ``SkillBuilder.lambda_handler``, on a skill built once.
    """

    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        _drop_deep_session_attributes(event)
        try:
            envelope = skill.serializer.deserialize(
                payload=json.dumps(event), obj_type=RequestEnvelope
            )
        except SerializationException as error:
            # A request type the SDK does not know yet, or a malformed field: nothing to
            # answer, and nothing to say (speech could be forbidden for that type).
            log.warning("request could not be read: %s", str(error).splitlines()[0][:200])
            return EMPTY_RESPONSE
        problem = envelope_problem(envelope)
        if problem:
            log.warning("request refused: it has no %s", problem)
            return EMPTY_RESPONSE
        response = skill.invoke(request_envelope=envelope, context=context)
        return cast(dict[str, Any], skill.serializer.serialize(response))

    return handle


#: What a request that cannot be answered gets: no speech, nothing kept.
EMPTY_RESPONSE: dict[str, Any] = {"version": "1.0", "response": {}}


def envelope_problem(envelope: RequestEnvelope) -> str | None:
    """What an envelope Alexa would never send lacks (so it cannot be answered), or None.

    Alexa always sends a request and ``context.System`` with the application; the SDK's own
    checks fail with an ``AttributeError`` without them.  (Without a user the skill still
    answers: the visit store treats it as a storage fault.)
    """
    system = envelope.context.system if envelope.context is not None else None
    if envelope.request is None:
        return "request"
    if envelope.session is not None and not (
        isinstance(envelope.session, Session) and envelope.session.session_id
    ):
        return "session id"
    if system is None:
        return "context.System"
    if system.application is None:
        return "context.System.application"
    return None


#: Deepest nesting of session attributes the skill accepts.  Its own are two levels deep;
#: anything much deeper was not written by the skill and would exhaust recursive parsers.
MAX_ATTRIBUTE_DEPTH = 32


def _drop_deep_session_attributes(event: dict[str, Any]) -> None:
    """Empty the session attributes of ``event`` if they nest deeper than the skill ever
    writes them: the turn then goes on as if nothing had been said before."""
    session = event.get("session") if isinstance(event, dict) else None
    attributes = session.get("attributes") if isinstance(session, dict) else None
    if attributes and _deeper_than(attributes, MAX_ATTRIBUTE_DEPTH):
        log.warning("session attributes nested too deeply: ignored")
        session["attributes"] = {}  # type: ignore[index]


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether ``value`` nests dicts and lists more than ``limit`` deep (without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in item)
    return False


def default_persistence() -> AbstractPersistenceAdapter | None:
    """Persistence chosen from the environment.

    ``TABLE_NAME`` -> DynamoDB (Lambda); ``TWITCH_GUIDE_DB`` -> a local SQLite
    file; neither -> no persistence (every user is greeted as new).
    """
    table = os.environ.get("TABLE_NAME")
    if table:
        from skill.dynamodb import dynamodb_adapter

        adapter: AbstractPersistenceAdapter = dynamodb_adapter(table)
        return adapter
    path = os.environ.get("TWITCH_GUIDE_DB")
    if path:
        from skill.persistence import SQLiteAdapter

        return SQLiteAdapter(path)
    return None


def default_handler() -> LambdaHandler:
    """The skill as the environment configures it (``SKILL_ID``, persistence), as a handler."""
    return lambda_handler_for(build_skill(default_persistence()))
