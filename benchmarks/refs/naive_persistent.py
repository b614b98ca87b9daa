"""The documented DynamoDB pattern: ``StandardSkillBuilder(table_name, auto_create_table=True)``.

Package ``ask-sdk``.  Every request reads the persistent attributes and saves them back, the way
the SDK's persistence examples do (a visit counter).  The table name comes from ``$TABLE_NAME``
(default ``naive-persistent``); the endpoint from botocore's own configuration
(``AWS_ENDPOINT_URL_DYNAMODB``), as for the skill.
"""

import os
from typing import Any

from ask_sdk.standard import StandardSkillBuilder
from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

sb = StandardSkillBuilder(
    table_name=os.environ.get("TABLE_NAME", "naive-persistent"), auto_create_table=True
)


def _count_visit(handler_input: HandlerInput) -> int:
    attributes = handler_input.attributes_manager.persistent_attributes
    attributes["visits"] = int(attributes.get("visits", 0)) + 1
    handler_input.attributes_manager.save_persistent_attributes()
    return int(attributes["visits"])


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        visits = _count_visit(handler_input)
        speech = f"Welcome back. This is visit number {visits}." if visits > 1 else "Welcome!"
        return handler_input.response_builder.speak(speech).ask("Say hello.").response


class AnyIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        visits = _count_visit(handler_input)
        end = is_intent_name("AMAZON.StopIntent")(handler_input) or is_intent_name(
            "AMAZON.CancelIntent"
        )(handler_input)
        speech = f"Hello. Visit {visits}."
        builder = handler_input.response_builder.speak(speech)
        if not end:
            builder.ask("Anything else?")
        return builder.set_should_end_session(end).response


class SessionEndedRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response


class AllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        speech = "Sorry, something went wrong."
        return handler_input.response_builder.speak(speech).ask(speech).response


sb.add_request_handler(LaunchRequestHandler())
sb.add_request_handler(AnyIntentHandler())
sb.add_request_handler(SessionEndedRequestHandler())
sb.add_exception_handler(AllExceptionHandler())

handler: Any = sb.lambda_handler()
