"""The skill as a web service: Flask + flask-ask-sdk's ``SkillAdapter``.

``create_app()`` returns a Flask app with ``POST <path>`` (the skill) and ``GET /health``.
Request verification is our own (``skill.web.verifier``, pyca/cryptography): the SDK's
certvalidator-based ``RequestVerifier``/``TimestampVerifier`` are switched off and ours are
passed to ``SkillAdapter`` as ``verifiers``. The body is read whole before anything else
(``skill.web.guard.BufferedBody``: 413 over 256 KiB, 408 when it takes longer than
``body_timeout`` under gevent). JSON nested deeper than 64 levels is 400 before any parser sees
it, every verification failure is HTTP 400 with a short JSON body, and the skill is only invoked
for verified requests. Each rejected request logs exactly one line: the reason, never the body
or anything from it.
"""

from __future__ import annotations

import json
import logging
import os
from typing import TYPE_CHECKING, Any

from ask_sdk_webservice_support.verifier import AbstractVerifier, VerificationException
from flask import Flask, Response, g, jsonify, request
from flask_ask_sdk.skill_adapter import (
    VERIFY_SIGNATURE_APP_CONFIG,
    VERIFY_TIMESTAMP_APP_CONFIG,
    SkillAdapter,
)
from werkzeug.exceptions import (
    BadRequest,
    HTTPException,
    InternalServerError,
)

from skill.app import envelope_problem
from skill.web.guard import MAX_JSON_DEPTH, BufferedBody, json_too_deep
from skill.web.verifier import (
    ApplicationIdVerifier,
    RequestVerifier,
    TimestampVerifier,
)

if TYPE_CHECKING:
    from ask_sdk_core.skill import CustomSkill

MAX_BODY_BYTES = 256 * 1024
#: Seconds a client has to send a request's body, once its headers are in (enforced under gevent).
BODY_TIMEOUT_SECONDS = 10.0
HEALTH_PATH = "/health"
_VERIFIED_FLAG = "alexa_request_verified"

log = logging.getLogger(__name__)


class _EnvelopeShape(AbstractVerifier):
    """Refuses an envelope Alexa would never send (no request, no ``context.System``), which
    the SDK would fail on with an ``AttributeError``: the caller's error, so 400."""

    def verify(
        self, headers: Any, serialized_request_env: Any, deserialized_request_env: Any
    ) -> None:
        problem = envelope_problem(deserialized_request_env)
        if problem:
            raise VerificationException(f"the envelope has no {problem}")


class _MarkVerified(AbstractVerifier):
    """Runs after every other verifier: from here on, a failure is the skill's, not the caller's."""

    def verify(
        self, headers: Any, serialized_request_env: Any, deserialized_request_env: Any
    ) -> None:
        setattr(g, _VERIFIED_FLAG, True)


# What flask-ask-sdk logs, with a traceback, when verification fails or the envelope cannot be
# deserialized (the second also when the skill itself fails, after verification).
_SDK_VERIFICATION_FAILED = "Request verification failed"
_SDK_DISPATCH_FAILED = "Skill dispatch exception"


class _DropSdkRejectionLog(logging.Filter):
    """flask-ask-sdk logs each rejected request with a traceback (and, for a malformed envelope,
    with what the caller sent); we log one line with the reason instead.  A failure of the skill
    itself, on a verified request, is still logged in full."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message == _SDK_VERIFICATION_FAILED:
            return False
        return not (message == _SDK_DISPATCH_FAILED and not getattr(g, _VERIFIED_FLAG, False))


def _one_line(reason: str, limit: int = 200) -> str:
    return " ".join(reason.split())[:limit]


def _error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message, status=status), status


def create_app(
    skill_id: str | None = None,
    verifier: RequestVerifier | None = None,
    skill: CustomSkill | None = None,
    path: str = "/",
    *,
    verify: bool = True,
    max_body_bytes: int = MAX_BODY_BYTES,
    body_timeout: float | None = BODY_TIMEOUT_SECONDS,
) -> Flask:
    """The web service for ``skill`` (default: ``skill.app.build_skill`` with persistence from
    the environment).

    ``skill_id`` defaults to ``$SKILL_ID`` and is required while ``verify`` is on.
    ``verifier`` checks certificate chain and signature (default: ``RequestVerifier()`` with
    certifi roots and an https fetch); its clock also drives the timestamp check.
    ``verify=False`` switches all request verification off: local experiments only.
    ``body_timeout``: seconds a client has to send the body once its headers are in (``None``:
    no limit); enforced when gunicorn's gevent worker runs the app (``twitch-guide serve``).
    """
    if skill_id is None:
        skill_id = os.environ.get("SKILL_ID") or None
    if not path.startswith("/") or path == HEALTH_PATH:
        raise ValueError(f"invalid skill path {path!r}")

    verifiers: list[AbstractVerifier] = []
    if verify:
        if not skill_id:
            raise ValueError("SKILL_ID is required: set it or pass skill_id=")
        request_verifier = verifier if verifier is not None else RequestVerifier()
        verifiers = [
            request_verifier,
            TimestampVerifier(now=request_verifier.now),
            ApplicationIdVerifier(skill_id),
        ]
    verifiers += [_EnvelopeShape(), _MarkVerified()]

    if skill is None:
        from skill.app import build_skill, default_persistence
        from skill.web.blocking import off_the_loop

        skill = build_skill(off_the_loop(default_persistence()), skill_id=skill_id)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    # The SDK's own signature/timestamp verifiers (certvalidator) are never used.
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    app.logger.addFilter(_DropSdkRejectionLog())
    adapter = SkillAdapter(
        skill=skill, skill_id=skill_id or "unverified", verifiers=verifiers, app=app
    )

    def invoke_skill() -> Any:
        body = request.get_data(cache=True)  # in memory already: see BufferedBody
        if json_too_deep(body, MAX_JSON_DEPTH):
            return _rejected(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        try:
            envelope = json.loads(body.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError and JSONDecodeError
            return _rejected("malformed JSON body")
        if not isinstance(envelope, dict):
            return _rejected("request body is not a JSON object")
        try:
            return adapter.dispatch_request()
        except BadRequest as exc:  # raised by SkillAdapter for a VerificationException
            return _rejected(str(exc.__context__ or "verification failed"))
        except InternalServerError as exc:
            if not getattr(g, _VERIFIED_FLAG, False):
                # The SDK could not even deserialize the envelope: the caller's fault. Its
                # message may quote the envelope, so only the exception's type is logged.
                cause = type(exc.__context__).__name__
                return _rejected(f"malformed request envelope ({cause})")
            raise

    def log_rejection(reason: str) -> None:
        app.logger.warning("Alexa request rejected: %s", _one_line(reason))

    def _rejected(reason: str) -> tuple[Response, int]:
        log_rejection(reason)
        return _error(400, "bad request")

    def health() -> Response:
        return jsonify(status="ok", verification=verify)

    def http_error(exc: HTTPException) -> tuple[Response, int]:
        code = exc.code or 500
        return _error(code, (exc.name or "error").lower())

    app.add_url_rule(path, "skill", invoke_skill, methods=["POST"])
    app.add_url_rule(HEALTH_PATH, "health", health, methods=["GET"])
    app.register_error_handler(HTTPException, http_error)
    app.wsgi_app = BufferedBody(  # type: ignore[method-assign]
        app.wsgi_app, max_bytes=max_body_bytes, timeout=body_timeout, reject=log_rejection
    )
    return app
