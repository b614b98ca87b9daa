"""The studio's conversation: the simulator around the one skill handler, turn by turn.

:class:`Studio` keeps what the page shows: every turn with its request and response
envelopes, what the resolver understood and why, a device log of events and directives, and
the typed lines since the last reset (exported as an ``ask dialog`` replay file). Lines go
through :class:`skill.simulator.cli.Simulator` exactly as in ``twitch-guide chat``; the handler
is the one ``twitch-guide chat`` builds (:func:`skill.simulator.cli.build_handler`).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from skill.content import LOCALES
from skill.simulator.cli import EXIT_WORDS, TOUCH_WORD, Simulator, turn_record
from skill.simulator.devices import DEFAULT_DEVICE, DEVICES
from skill.simulator.envelopes import DEFAULT_USER_ID, Handler
from skill.simulator.replay import Replay, parse_replay
from skill.simulator.resolver import Resolution
from skill.studio.why import explain

__all__ = ["Studio", "StudioError"]

#: Longest line the page may send (Alexa's own utterances are far shorter).
MAX_UTTERANCE = 500
#: Turns kept for the page; older ones are dropped (their lines stay in the recording).
MAX_TURNS = 500
#: Device log entries kept.
MAX_LOG = 2000
#: Largest ``arguments`` of a touch event, as JSON (a document's SendEvent sends a few ids).
MAX_EVENT_ARGUMENTS = 4096
USER_EVENT = "Alexa.Presentation.APL.UserEvent"


class StudioError(ValueError):
    """A request the studio cannot carry out (shown to the user as it is)."""


@dataclass
class _Timed:
    """The handler, timed: how long the skill took for the last request."""

    handler: Handler
    last_ms: float = 0.0

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        start = time.perf_counter()
        try:
            return self.handler(event, context)
        finally:
            self.last_ms = (time.perf_counter() - start) * 1000.0


@dataclass
class _Pending:
    """Turns produced by one action, before they are published."""

    turns: list[dict[str, Any]] = field(default_factory=list)


def _device_json(name: str) -> dict[str, Any]:
    """A device profile as the page needs it: its name, and its screen in dp (None: none)."""
    device = DEVICES[name]
    screen = None
    if device.has_screen:
        screen = {
            "shape": str(device.shape).lower(),
            "mode": device.mode.lower(),
            "width": device.width_dp,
            "height": device.height_dp,
            "pixelWidth": device.pixel_width,
            "pixelHeight": device.pixel_height,
            "dpi": device.dpi,
            "touch": device.touch,
            "profile": device.profile,
        }
    return {"name": name, "label": device.label, "viewport": screen}


def _now() -> str:
    return datetime.now(UTC).strftime("%H:%M:%S.%f")[:-3]


class Studio:
    """One simulated device talking to the skill; thread-safe (one lock around each action)."""

    def __init__(
        self,
        handler: Handler,
        *,
        locale: str = "en-US",
        device: str = DEFAULT_DEVICE,
        user_id: str = DEFAULT_USER_ID,
    ) -> None:
        self._handler = _Timed(handler)
        self._lock = threading.RLock()
        self.user_id = user_id
        self.turns: list[dict[str, Any]] = []
        self.log: list[dict[str, Any]] = []
        self.recording: list[str] = []
        self._count = 0
        self._pending = _Pending()
        self.locale = self._check_locale(locale)
        self.device = self._check_device(device)
        self.simulator = self._simulator()

    # -- setup ------------------------------------------------------------------------
    @staticmethod
    def _check_locale(locale: str) -> str:
        if locale not in LOCALES:
            raise StudioError(f"unknown locale {locale!r} (one of {', '.join(LOCALES)})")
        return locale

    @staticmethod
    def _check_device(device: str) -> str:
        if device not in DEVICES:
            raise StudioError(f"unknown device {device!r} (one of {', '.join(DEVICES)})")
        return device

    def _simulator(self) -> Simulator:
        return Simulator(
            self._handler,
            self._collect,
            user_id=self.user_id,
            locale=self.locale,
            device=self.device,
        )

    @property
    def session_open(self) -> bool:
        return self.simulator.conversation.session_open

    # -- actions ----------------------------------------------------------------------
    def say(self, utterance: str) -> list[dict[str, Any]]:
        """A typed line, as ``twitch-guide chat`` takes it: "exit" leaves the session,
        "touch N" touches item N of the list on the screen, anything else is said."""
        text = " ".join(str(utterance).split())
        if not text:
            raise StudioError("say something first")
        if len(text) > MAX_UTTERANCE:
            raise StudioError(f"a line is at most {MAX_UTTERANCE} characters")
        with self._lock:
            if text.lower().strip(" .!") in EXIT_WORDS:
                self._event("Exit", text)
                self.simulator.end(text)
            elif text.lower().startswith(TOUCH_WORD):
                self._event(USER_EVENT, text)
                problem = self.simulator.touch(text[len(TOUCH_WORD) :])
                if problem is not None:
                    raise StudioError(f"touch: {problem}")
            else:
                self._event("SpeechRecognizer.Recognize", text)
                self.simulator.say(text)
            self.recording.append(text)
            return self._publish()

    def user_event(
        self, arguments: Any, *, source: Any = None, token: Any = None
    ) -> list[dict[str, Any]]:
        """A touch on the display: the ``Alexa.Presentation.APL.UserEvent`` that the document's
        ``SendEvent`` command sends, with its ``arguments``."""
        if not isinstance(arguments, list):
            raise StudioError("'arguments' must be a list")
        if len(json.dumps(arguments)) > MAX_EVENT_ARGUMENTS:
            raise StudioError("the event's arguments are too long")
        if source is not None and not isinstance(source, dict):
            raise StudioError("'source' must be an object")
        if token is not None and not isinstance(token, str):
            raise StudioError("'token' must be a string")
        component = (source or {}).get("id") or ""
        with self._lock:
            described = ", ".join(str(a) for a in arguments)
            self._event(USER_EVENT, described)
            conversation = self.simulator.conversation
            response = conversation.touch(token or "", arguments, str(component))
            envelope = conversation.last_request
            assert envelope is not None
            self._collect(turn_record(None, envelope, response), None)
            self._pending.turns[-1]["event"] = described or "(no arguments)"
            return self._publish()

    def new_session(self) -> list[dict[str, Any]]:
        """Start over: the open session ends (SessionEndedRequest, USER_INITIATED), the
        conversation and the recording are cleared."""
        with self._lock:
            if self.session_open:
                self._event("New session", "the user left the open session")
                self.simulator.end(None)
                self._publish()
            self._clear()
            return []

    def configure(self, *, locale: str | None = None, device: str | None = None) -> None:
        """Switch the locale and/or the device; a new locale starts over (a replay file holds
        one locale)."""
        with self._lock:
            if device is not None and device != self.device:
                self.device = self._check_device(device)
                self.simulator.conversation.device = DEVICES[self.device]
                self._event("Device", DEVICES[self.device].label)
            if locale is not None and locale != self.locale:
                self.locale = self._check_locale(locale)
                if self.session_open:
                    self.simulator.conversation.close_session()
                self._clear()
                self.simulator = self._simulator()
                self._event("Locale", self.locale)

    def replay(self, data: Any) -> list[dict[str, Any]]:
        """Run a replay file (``ask dialog`` format) from a fresh start in its locale, line by
        line as ``twitch-guide chat --replay`` does (the session is left open to go on with)."""
        replay = parse_replay(data, default_locale=self.locale)
        with self._lock:
            self.configure(locale=replay.locale)
            if self.session_open:
                self.simulator.conversation.close_session()
            self._clear()
            self._event("Replay", f"{len(replay.lines())} lines")
            produced: list[dict[str, Any]] = []
            for line in replay.lines():
                if line.startswith("#"):  # chat skips comment lines too
                    continue
                try:
                    produced += self.say(line)
                except StudioError as exc:  # a touch with nothing to touch: as in chat, go on
                    self._event("Skipped", f"{line}: {exc}")
                if line.lower().strip(" .!") in EXIT_WORDS:  # chat stops reading there
                    break
            return produced

    def export(self) -> dict[str, Any]:
        """The lines since the last reset, as an ``ask dialog`` replay file."""
        with self._lock:
            conversation = self.simulator.conversation
            replay = Replay(self.locale, tuple(self.recording), conversation.skill_id)
            return replay.to_json()

    def turn(self, index: int) -> dict[str, Any]:
        """The turn numbered ``index``."""
        with self._lock:
            for turn in self.turns:
                if turn["index"] == index:
                    return turn
        raise StudioError(f"no turn {index}")

    def snapshot(self) -> dict[str, Any]:
        """Everything the page shows, for a page (re)load."""
        with self._lock:
            return {
                "locale": self.locale,
                "locales": list(LOCALES),
                "device": self.device,
                "devices": [_device_json(name) for name in DEVICES],
                "session_open": self.session_open,
                "attributes": dict(self.simulator.conversation.attributes),
                "turns": list(self.turns),
                "log": list(self.log),
                "recorded": len(self.recording),
            }

    # -- internals --------------------------------------------------------------------
    def _clear(self) -> None:
        """A fresh transcript and recording (the device log goes on)."""
        self.turns = []
        self.recording = []
        self._pending = _Pending()

    def _event(self, name: str, detail: str = "", kind: str = "event") -> dict[str, Any]:
        entry = {"time": _now(), "kind": kind, "name": name, "detail": detail}
        self.log.append(entry)
        del self.log[:-MAX_LOG]
        return entry

    def _collect(self, record: dict[str, Any], resolution: Resolution | None) -> None:
        """The simulator's ``emit``: one turn, with the envelopes just exchanged."""
        conversation = self.simulator.conversation
        request = conversation.last_request
        response = conversation.last_response or {}
        assert request is not None
        self._count += 1
        why = None
        if resolution is not None and record["utterance"] is not None:
            why = explain(self.simulator.resolver, record["utterance"], resolution)
        log = self._log_exchange(request, response)
        self._pending.turns.append(
            {
                "index": self._count,
                "utterance": record["utterance"],
                "event": None,
                "locale": self.locale,
                "device": self.device,
                "record": record,
                "request": request,
                "response": response,
                "why": why,
                "log": log,
                "skill_ms": round(self._handler.last_ms, 3),
                "session_new": bool(request.get("session", {}).get("new")),
                "session_open": conversation.session_open,
            }
        )

    def _log_exchange(
        self, request: Mapping[str, Any], response: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """Device log entries for one request and its response."""
        req = request["request"]
        what = req["type"]
        if what == "IntentRequest":
            what += f" ({req['intent']['name']})"
        elif what == "SessionEndedRequest":
            what += f" ({req.get('reason')})"
        entries = [self._event("Request", what, "request")]
        body = response.get("response") or {}
        if body.get("outputSpeech"):
            entries.append(self._event("SpeechSynthesizer.Speak", "", "directive"))
        for directive in body.get("directives") or []:
            detail = str(directive.get("token") or "")
            entries.append(self._event(str(directive.get("type")), detail, "directive"))
        card = body.get("card")
        if isinstance(card, Mapping):
            entries.append(self._event("Card", f"{card.get('type')}: {card.get('title')}", "card"))
        if body.get("shouldEndSession") is False or (
            body.get("reprompt") and body.get("shouldEndSession") is not True
        ):
            entries.append(self._event("SpeechRecognizer.ExpectSpeech", "", "directive"))
        if not self.simulator.conversation.session_open:
            entries.append(self._event("Session ended", "", "session"))
        return entries

    def _publish(self) -> list[dict[str, Any]]:
        produced = self._pending.turns
        self._pending = _Pending()
        self.turns += produced
        del self.turns[:-MAX_TURNS]
        return produced
