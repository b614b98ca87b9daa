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
from datetime import date, datetime
from typing import Any, cast

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope

from skill import content, handlers
from skill.persistence import VisitLoader, VisitSaver

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


class EnvelopeSerializer(DefaultSerializer):
    """The SDK's serializer without two costs it pays on every request (about 30 % of a warm one).

    * Timestamps: the SDK parses them with ``dateutil.parser.parse`` (a general-purpose parser,
      a quarter of the time of a request); Alexa sends ISO 8601 (``2026-11-24T19:50:00Z``), which
      ``datetime.fromisoformat`` reads directly.  Anything it cannot read still goes to dateutil.
    * Model classes: the SDK resolves each class name of the envelope with ``__import__`` on every
      request; they are resolved once and kept.

    The SDK calls both through name-mangled private methods, so they are overridden under their
    mangled names (ask-sdk-core 1.19); every other step is the SDK's own.
    """

    def __init__(self) -> None:
        super().__init__()
        self._classes: dict[str, Any] = {}

    def _DefaultSerializer__deserialize_datetime(self, payload: Any, obj_type: Any) -> Any:
        if isinstance(payload, str):
            try:
                parsed = datetime.fromisoformat(payload)
            except ValueError:
                pass
            else:
                return parsed.date() if obj_type is date else parsed
        return self._sdk_deserialize_datetime(payload, obj_type)

    def _DefaultSerializer__load_class_from_name(self, class_name: str) -> Any:
        found = self._classes.get(class_name)
        if found is None:
            found = self._classes[class_name] = self._sdk_load_class_from_name(class_name)
        return found

    # The SDK's own implementations. Should a later SDK rename them, the overrides above are
    # simply never called (the SDK's behaviour), and these stay None instead of failing import.
    _sdk_deserialize_datetime: Any = getattr(
        DefaultSerializer, "_DefaultSerializer__deserialize_datetime", None
    )
    _sdk_load_class_from_name: Any = getattr(
        DefaultSerializer, "_DefaultSerializer__load_class_from_name", None
    )


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

    builder.add_request_handler(handlers.LaunchHandler())
    for topic_id in content.TOPICS:
        builder.add_request_handler(handlers.TopicHandler(topic_id))
    builder.add_request_handler(
        handlers.SlotTopicHandler(
            "CauseCheckIntent",
            "cause",
            content.CAUSES,
            content.UNKNOWN_CAUSE,
            content.MISSING_CAUSE,
            offer="everyday_causes",
        )
    )
    builder.add_request_handler(
        handlers.SlotTopicHandler(
            "RemedyDetailIntent",
            "remedy",
            content.REMEDIES,
            content.UNKNOWN_REMEDY,
            content.MISSING_REMEDY,
            offer="see_doctor",
        )
    )
    builder.add_request_handler(
        handlers.SlotTopicHandler(
            "BodyPartIntent",
            "body_part",
            content.BODY_PARTS,
            content.UNKNOWN_BODY_PART,
            content.MISSING_BODY_PART,
            offer="everyday_causes",
        )
    )
    builder.add_request_handler(handlers.HelpHandler())
    builder.add_request_handler(handlers.GoodbyeHandler("AMAZON.StopIntent"))
    builder.add_request_handler(handlers.GoodbyeHandler("AMAZON.CancelIntent"))
    builder.add_request_handler(handlers.FallbackHandler())
    builder.add_request_handler(handlers.HomeHandler("AMAZON.StartOverIntent"))
    builder.add_request_handler(handlers.HomeHandler("AMAZON.NavigateHomeIntent"))
    builder.add_request_handler(handlers.RepeatHandler())
    builder.add_request_handler(handlers.AcceptHandler("AMAZON.YesIntent", content.ASK_AWAY))
    builder.add_request_handler(handlers.NoHandler())
    builder.add_request_handler(handlers.AcceptHandler("AMAZON.NextIntent", content.NO_LIST))
    builder.add_request_handler(handlers.SessionEndedHandler())
    builder.add_request_handler(handlers.UnhandledHandler())  # last: takes anything left

    builder.add_exception_handler(handlers.ErrorHandler())
    builder.add_global_request_interceptor(RequestLogger())
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
        envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        response = skill.invoke(request_envelope=envelope, context=context)
        return cast(dict[str, Any], skill.serializer.serialize(response))

    return handle


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
