"""The studio's Flask app: the page, its static files and a small JSON API.

Routes (all under the studio blueprint):

``GET /``                       the page (``static/index.html``)
``GET /static/...``             its CSS and JavaScript, served from the package
``GET /api/state``              everything the page shows (turns, log, settings)
``POST /api/say``               ``{"utterance": "..."}``: a typed line, as ``twitch-guide chat``
``POST /api/event``             ``{"arguments": [...], "source": {...}, "token": "..."}``: a touch
                                on the display (``Alexa.Presentation.APL.UserEvent``)
``POST /api/new-session``       end the open session and start over
``POST /api/settings``          ``{"locale": "de-DE", "device": "echo-show-8"}``
``POST /api/replay``            a replay file (``ask dialog`` format): run it from a fresh start
``GET /api/export``             the conversation as a replay file (a download)
``GET /api/speech/<n>.wav``     turn ``n``'s answer spoken by espeak-ng (404 when not installed)

No route takes a request envelope: the server builds every envelope itself from typed text, as
the simulator does, so nothing here bypasses Alexa's request verification for anyone else. A
POST must be JSON (``Content-Type: application/json``), so a web page on another site cannot
send one without the browser asking first (and the studio answers no such question); while the
server listens on loopback, a request must also name a loopback host (no DNS rebinding).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request

from skill.simulator.replay import ReplayError
from skill.studio.state import Studio, StudioError
from skill.studio.voice import Voice

__all__ = ["LOOPBACK_HOSTS", "STATIC", "create_studio_app", "host_name"]

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
#: Largest body the API accepts (a replay file of a long conversation is a few KiB).
MAX_BODY = 256 * 1024

studio_api = Blueprint("studio", __name__, static_folder=str(STATIC), static_url_path="/static")


def _studio() -> Studio:
    studio: Studio = current_app.extensions["studio"]
    return studio


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    return data


def _problem(message: str, code: int = 400) -> tuple[Response, int]:
    return jsonify(error=message), code


def _answer(turns: list[dict[str, Any]]) -> Response:
    return jsonify(turns=turns, state=_summary())


def _summary() -> dict[str, Any]:
    snapshot = _studio().snapshot()
    del snapshot["turns"]
    snapshot["voice"] = _voice_name()
    return snapshot


def _voice_name() -> str | None:
    voice: Voice | None = current_app.extensions.get("studio_voice")
    return voice.name if voice is not None else None


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without the port: ``[::1]:8800`` -> ``[::1]``."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


@studio_api.before_app_request
def _guard() -> tuple[Response, int] | None:
    allowed: frozenset[str] | None = current_app.config.get("STUDIO_HOSTS")
    if allowed is not None and host_name(request.host) not in allowed:
        return _problem("this host name is not served here", 403)
    if request.method == "POST" and not request.is_json:
        return _problem("send JSON (Content-Type: application/json)", 415)
    return None


#: Everything the page loads comes from the studio itself (offline, and nothing injected
#: can reach elsewhere); no other site may frame it.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "media-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


@studio_api.after_app_request
def _headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@studio_api.get("/")
def page() -> Response:
    response = Response((STATIC / "index.html").read_bytes(), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@studio_api.get("/api/state")
def state() -> Response:
    snapshot = _studio().snapshot()
    snapshot["voice"] = _voice_name()
    return jsonify(snapshot)


@studio_api.post("/api/say")
def say() -> Response | tuple[Response, int]:
    utterance = _body().get("utterance")
    if not isinstance(utterance, str):
        return _problem("'utterance' must be a string")
    try:
        return _answer(_studio().say(utterance))
    except StudioError as exc:
        return _problem(str(exc))


@studio_api.post("/api/event")
def event() -> Response | tuple[Response, int]:
    body = _body()
    try:
        turns = _studio().user_event(
            body.get("arguments"), source=body.get("source"), token=body.get("token")
        )
    except StudioError as exc:
        return _problem(str(exc))
    return _answer(turns)


@studio_api.post("/api/new-session")
def new_session() -> Response:
    return _answer(_studio().new_session())


@studio_api.post("/api/settings")
def settings() -> Response | tuple[Response, int]:
    body = _body()
    locale, device = body.get("locale"), body.get("device")
    if not isinstance(locale, str | None) or not isinstance(device, str | None):
        return _problem("'locale' and 'device' are strings")
    try:
        _studio().configure(locale=locale, device=device)
    except StudioError as exc:
        return _problem(str(exc))
    return _answer([])


@studio_api.post("/api/replay")
def replay() -> Response | tuple[Response, int]:
    try:
        return _answer(_studio().replay(_body()))
    except (ReplayError, StudioError) as exc:
        return _problem(str(exc))


@studio_api.get("/api/export")
def export() -> Response:
    body = json.dumps(_studio().export(), indent=2, ensure_ascii=False) + "\n"
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="replay.json"'
    return response


@studio_api.get("/api/speech/<int:index>.wav")
def speech(index: int) -> Response | tuple[Response, int]:
    voice: Voice | None = current_app.extensions.get("studio_voice")
    if voice is None:
        return _problem("espeak-ng is not installed: the browser speaks instead", 404)
    try:
        turn = _studio().turn(index)
    except StudioError as exc:
        return _problem(str(exc), 404)
    text = turn["record"]["speech"]
    if not text:
        return _problem("this turn has no speech", 404)
    audio = voice.wav(text, turn["locale"])
    if not audio:
        return _problem("espeak-ng could not speak this", 500)
    response = Response(audio, mimetype="audio/wav")
    # Turn numbers start again with the server: never let a browser reuse an old answer.
    response.headers["Cache-Control"] = "no-store"
    return response


def create_studio_app(
    studio: Studio, *, voice: Voice | None = None, loopback_only: bool = True
) -> Flask:
    """The studio's app around ``studio``. ``loopback_only``: answer only requests that name a
    loopback host (set it while the server listens on loopback)."""
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config["STUDIO_HOSTS"] = LOOPBACK_HOSTS if loopback_only else None
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["studio"] = studio
    app.extensions["studio_voice"] = voice
    app.register_blueprint(studio_api)

    @app.errorhandler(400)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def _http_error(exc: Any) -> tuple[Response, int]:
        code = int(getattr(exc, "code", 500) or 500)
        return jsonify(error=str(getattr(exc, "description", "") or "error")), code

    return app
