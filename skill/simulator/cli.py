"""``twitch-guide ask`` and ``twitch-guide chat``: talk to the skill offline.

Each typed line goes through the offline NLU (:mod:`skill.simulator.resolver`), becomes a genuine
request envelope (:mod:`skill.simulator.envelopes`) and is handled by the real skill through
``skill.app.lambda_handler_for`` - the code path Lambda runs.

``ask "UTTERANCE"``
    One-shot in a new session ("Alexa, ask muscle twitch guide ..."). Without an argument, every
    line of standard input is an independent one-shot. "open muscle twitch guide" launches.
``chat``
    One conversation. "open muscle twitch guide" (optionally "alexa ...") sends a LaunchRequest,
    "ask / tell muscle twitch guide ..." a one-shot in a new session, other lines go to the open
    session (or, with none open, start one as a one-shot). "exit" or end of input sends a
    SessionEndedRequest (USER_INITIATED) when a session is open, and quits.

``--device`` picks the device (:mod:`skill.simulator.devices`): ``echo-dot`` has no screen; the
others show the APL document the skill renders, and in ``chat`` a line ``touch N`` (or ``touch``
and an item's words) touches item N of the list on the screen.

``chat --replay FILE`` says the lines of a replay file in the ASK CLI's ``ask dialog`` format
(:mod:`skill.simulator.replay`) instead of reading standard input, in the file's locale unless
``--locale`` is given.

``--json`` prints one JSON object per turn with the keys of :data:`TURN_KEYS`. ``--speak`` reads
the answers aloud with espeak-ng (or writes WAV files to ``--speak-dir``) when it is installed.
Visit data is kept in a local SQLite file (``$TWITCH_GUIDE_DB`` or
``~/.local/share/muscle-twitch-guide/visits.sqlite3``); ``--no-store`` keeps nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar, TextIO

from skill.content import LOCALES
from skill.simulator.devices import DEFAULT_DEVICE, DEVICES
from skill.simulator.envelopes import DEFAULT_USER_ID, Conversation, Handler, ssml_to_text
from skill.simulator.resolver import Resolution, Resolver, resolver_for

__all__ = ["TURN_KEYS", "Simulator", "build_handler", "main", "ssml_to_text", "turn_record"]

TURN_KEYS = (
    "utterance",
    "request_type",
    "intent",
    "slots",
    "speech",
    "ssml",
    "reprompt",
    "card",
    "end_session",
    "session_attributes",
    "directives",
)
DEFAULT_DB = Path("~/.local/share/muscle-twitch-guide/visits.sqlite3")
EXIT_WORDS = frozenset({"exit"})
#: A chat line starting so touches an item on the screen ("touch 2", "touch coffee").
TOUCH_WORD = "touch "


# -- output -----------------------------------------------------------------------------------
def _speech_of(output: Any) -> tuple[str | None, str | None]:
    """(plain text, ssml) of an ``outputSpeech`` object."""
    if not isinstance(output, dict):
        return None, None
    if output.get("type") == "SSML" or "ssml" in output:
        ssml = str(output.get("ssml", ""))
        return ssml_to_text(ssml), ssml
    text = output.get("text")
    return (str(text) if text is not None else None), None


def turn_record(
    utterance: str | None, request: dict[str, Any], response: dict[str, Any]
) -> dict[str, Any]:
    """One turn as the ``--json`` object (exactly :data:`TURN_KEYS`)."""
    req = request["request"]
    body = response.get("response") or {}
    slots: dict[str, dict[str, Any]] = {}
    for name, slot in (req.get("intent", {}).get("slots") or {}).items():
        authorities = (slot.get("resolutions") or {}).get("resolutionsPerAuthority") or [{}]
        authority = authorities[0]
        values = authority.get("values") or []
        slots[name] = {
            "value": slot.get("value"),
            "id": values[0]["value"]["id"] if values else None,
            "status": (authority.get("status") or {}).get("code"),
        }
    speech, ssml = _speech_of(body.get("outputSpeech"))
    reprompt, _ = _speech_of((body.get("reprompt") or {}).get("outputSpeech"))
    card = body.get("card")
    card_out = None
    if isinstance(card, dict):
        card_out = {"title": card.get("title"), "text": card.get("text", card.get("content"))}
    ended = body.get("shouldEndSession") is True or req["type"] == "SessionEndedRequest"
    record = {
        "utterance": utterance,
        "request_type": req["type"],
        "intent": req["intent"]["name"] if req["type"] == "IntentRequest" else None,
        "slots": slots,
        "speech": speech or "",
        "ssml": ssml,
        "reprompt": reprompt,
        "card": card_out,
        "end_session": ended,
        "session_attributes": response.get("sessionAttributes") or {},
        "directives": list(body.get("directives") or []),
    }
    assert tuple(record) == TURN_KEYS
    return record


class Printer:
    """Prints turns as JSON lines or as a readable transcript; optionally speaks them."""

    def __init__(
        self,
        out: TextIO,
        *,
        as_json: bool,
        verbose: bool,
        echo: bool,
        speaker: Speaker | None = None,
    ) -> None:
        self.out = out
        self.as_json = as_json
        self.verbose = verbose
        self.echo = echo
        self.speaker = speaker

    def turn(self, record: dict[str, Any], resolution: Resolution | None = None) -> None:
        if self.as_json:
            print(json.dumps(record, ensure_ascii=False), file=self.out, flush=True)
        else:
            if self.echo and record["utterance"] is not None:
                print(f"You: {record['utterance']}", file=self.out)
            if self.verbose:
                self._understood(record, resolution)
            if record["speech"]:
                print(f"Alexa: {record['speech']}", file=self.out)
            card = record["card"]
            if card:
                print(f"  (card: {card['title']})", file=self.out)
            for line in _screen_lines(record["directives"]):
                print(f"  {line}", file=self.out)
            verdict = record.get("can_fulfill")
            if verdict:
                print(f"  (can fulfill: {verdict.get('canFulfill')})", file=self.out)
            if record["end_session"]:
                print("(session ended)", file=self.out)
            self.out.flush()
        if self.speaker is not None and record["speech"]:
            self.speaker.say(record["speech"])

    def _understood(self, record: dict[str, Any], resolution: Resolution | None) -> None:
        what = record["intent"] or record["request_type"]
        slots = ", ".join(
            f"{name}={s['value']!r} -> {s['id'] or s['status']}"
            for name, s in record["slots"].items()
            if s["value"] is not None
        )
        score = f" score {resolution.score:.0f}" if resolution is not None else ""
        print(f"  [{what}{': ' + slots if slots else ''}{score}]", file=self.out)
        if resolution is not None and resolution.reason:
            print(f"  (why: {resolution.reason})", file=self.out)


def _screen_lines(directives: list[dict[str, Any]]) -> list[str]:
    """What a rendered document shows, in a few lines: its title and a list's numbered items."""
    lines: list[str] = []
    for directive in directives:
        screen = (directive.get("datasources") or {}).get("screen") or {}
        if directive.get("type") != "Alexa.Presentation.APL.RenderDocument" or not screen:
            continue
        lines.append(f"(screen: {ssml_to_text(str(screen.get('title', '')))})")
        for number, item in enumerate(screen.get("items") or [], start=1):
            lines.append(f"  [{number}] {ssml_to_text(str(item.get('text', '')))}")
        for row in screen.get("numbers") or []:
            lines.append(f"  {ssml_to_text(str(row.get('label', '')))}: {row.get('number')}")
    return lines


class Speaker:
    """Reads speech aloud with espeak-ng, or writes ``turn-NNN.wav`` files to a directory."""

    #: espeak-ng's voice for each locale the skill speaks.
    VOICES: ClassVar[dict[str, str]] = {
        "en-US": "en-us", "en-CA": "en-us", "en-GB": "en-gb", "en-AU": "en-gb", "en-IN": "en-gb",
        "de-DE": "de",
    }  # fmt: skip

    def __init__(self, binary: str, directory: Path | None, locale: str = "en-US") -> None:
        self.binary = binary
        self.directory = directory
        self.voice = self.VOICES.get(locale, "en-us")
        self.count = 0
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)

    @classmethod
    def create(cls, directory: str | None, err: TextIO, locale: str = "en-US") -> Speaker | None:
        binary = shutil.which("espeak-ng")
        if binary is None:
            print(
                "note: --speak needs espeak-ng (e.g. `apt-get install espeak-ng`);"
                " speech is shown as text only",
                file=err,
            )
            return None
        return cls(binary, Path(directory) if directory else None, locale)

    def say(self, text: str) -> None:
        self.count += 1
        command = [self.binary, "-v", self.voice]
        if self.directory is not None:
            command += ["-w", str(self.directory / f"turn-{self.count:03d}.wav")]
        subprocess.run([*command, "--", text], check=False, capture_output=True, timeout=120)


# -- the skill --------------------------------------------------------------------------------
def build_handler(db: str | None) -> Handler:
    """The real skill behind the Lambda-style handler, with a SQLite visit store at ``db``."""
    from skill.app import build_skill, lambda_handler_for

    adapter = None
    if db is not None:
        from skill.persistence import SQLiteAdapter

        adapter = SQLiteAdapter(db)
    return lambda_handler_for(build_skill(persistence_adapter=adapter))


class Simulator:
    """Typed lines in, turns out: NLU + Alexa's session keeping around one skill handler."""

    def __init__(
        self,
        handler: Handler,
        emit: Callable[[dict[str, Any], Resolution | None], None],
        *,
        resolver: Resolver | None = None,
        user_id: str = DEFAULT_USER_ID,
        locale: str = "en-US",
        device: str = DEFAULT_DEVICE,
    ) -> None:
        self.conversation = Conversation(
            handler, user_id=user_id, locale=locale, device=DEVICES[device]
        )
        self.resolver = resolver or resolver_for(locale)
        self.emit = emit

    def one_shot(self, utterance: str) -> None:
        """A line said as "Alexa, ask muscle twitch guide ..." (always a new session)."""
        self._send(utterance, always_new=True)

    def say(self, utterance: str) -> None:
        """A line of a conversation: launch, one-shot, or a turn in the open session."""
        self._send(utterance, always_new=False)

    def _send(self, utterance: str, *, always_new: bool) -> None:
        resolution = self.resolver.resolve(utterance)
        if resolution.kind == "launch":
            response = self.conversation.launch()
        else:
            assert resolution.intent is not None
            new_session = always_new or resolution.one_shot
            response = self.conversation.intent(
                resolution.intent, resolution.slots, new_session=new_session
            )
        self._emit(utterance, response, resolution)

    def can_fulfill(self, utterance: str) -> None:
        """A question asked without the skill's name: Alexa asks the skill first whether it can
        answer it (a CanFulfillIntentRequest, outside any session); the record gets the
        skill's verdict under ``can_fulfill``."""
        from skill.simulator.envelopes import build_envelope, intent_request

        resolution = self.resolver.resolve(utterance)
        intent = resolution.intent or "AMAZON.FallbackIntent"
        conv = self.conversation
        request = intent_request(
            intent, resolution.slots, skill_id=conv.skill_id, locale=conv.locale
        )
        request["type"] = "CanFulfillIntentRequest"
        envelope = build_envelope(request, skill_id=conv.skill_id, user_id=conv.user_id)
        del envelope["session"]
        response = conv.handler(envelope, None)
        record = turn_record(utterance, envelope, response)
        record["can_fulfill"] = response.get("response", {}).get("canFulfillIntent")
        self.emit(record, resolution)

    def touch(self, what: str) -> str | None:
        """Touch an item of the list on the screen: its number (from 1), or words of its text
        or id. Sends the ``UserEvent`` the item's ``SendEvent`` sends; returns why not, if not."""
        document = self._shown_list()
        if document is None:
            return "there is no list on the screen to touch"
        token, screen = document
        items = screen.get("items") or []
        wanted = what.strip().lower()
        chosen = None
        if wanted.isdigit() and 1 <= int(wanted) <= len(items):
            chosen = items[int(wanted) - 1]
        else:
            chosen = next(
                (
                    item
                    for item in items
                    if wanted
                    and (
                        wanted == str(item.get("id")).lower()
                        or wanted in str(item.get("text")).lower()
                    )
                ),
                None,
            )
        if chosen is None:
            return f"no item {what!r} on the screen (1 to {len(items)}, or words of one)"
        arguments = ["item", screen.get("listId"), chosen.get("id")]
        response = self.conversation.touch(token, arguments, f"item-{chosen.get('id')}")
        self._emit(f"touch {what}", response, None)
        return None

    def _shown_list(self) -> tuple[str, dict[str, Any]] | None:
        """(token, screen data) of the document on the screen, when it shows a list."""
        response = self.conversation.last_response or {}
        for directive in (response.get("response") or {}).get("directives") or []:
            screen = (directive.get("datasources") or {}).get("screen") or {}
            if screen.get("items"):
                return str(directive.get("token")), screen
        return None

    def end(self, utterance: str | None) -> None:
        """The user leaves: a SessionEndedRequest (USER_INITIATED) if a session is open."""
        if self.conversation.session_open:
            response = self.conversation.end("USER_INITIATED")
            self._emit(utterance, response, None)

    def _emit(
        self, utterance: str | None, response: dict[str, Any], resolution: Resolution | None
    ) -> None:
        request = self.conversation.last_request
        assert request is not None
        self.emit(turn_record(utterance, request, response), resolution)


# -- command line -----------------------------------------------------------------------------
def _parser(command: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"twitch-guide {command}",
        description=(
            "One-shot question(s) to the skill, offline: each is said as 'Alexa, ask muscle "
            "twitch guide ...' in a new session. Without UTTERANCE, one per line of stdin."
            if command == "ask"
            else "A conversation with the skill, offline. 'open muscle twitch guide' launches; "
            "'exit' (or end of input) leaves."
        ),
    )
    if command == "ask":
        parser.add_argument("utterance", nargs="*", help="what you would say to Alexa")
        parser.add_argument(
            "--nfi",
            action="store_true",
            help="ask without the skill's name: send a CanFulfillIntentRequest, show the verdict",
        )
    else:
        parser.add_argument(
            "--replay",
            metavar="FILE",
            help="say the lines of an 'ask dialog' replay file (JSON) instead of reading stdin",
        )
    parser.add_argument("--json", action="store_true", help="one JSON object per turn")
    parser.add_argument("-v", "--verbose", action="store_true", help="show what was understood")
    add_user_arguments(parser)
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        help="the device's locale: its model, its catalog, its numbers (default en-US; with"
        " --replay, the file's)",
    )
    parser.add_argument(
        "--device",
        default=DEFAULT_DEVICE,
        choices=DEVICES,
        help="the device talked to: echo-dot has no screen; the others show APL documents "
        f"(default {DEFAULT_DEVICE})",
    )
    parser.add_argument("--speak", action="store_true", help="read answers aloud (espeak-ng)")
    parser.add_argument(
        "--speak-dir", metavar="DIR", help="with --speak: write turn-NNN.wav files here instead"
    )
    return parser


def add_user_arguments(parser: argparse.ArgumentParser) -> None:
    """``--db`` / ``--no-store`` (the visit store) and ``--user-id``: the simulated user, the
    same for ``ask``, ``chat`` and ``studio``."""
    store = parser.add_mutually_exclusive_group()
    store.add_argument(
        "--db",
        metavar="PATH",
        help=f"SQLite visit store (default: $TWITCH_GUIDE_DB or {DEFAULT_DB})",
    )
    store.add_argument("--no-store", action="store_true", help="keep no visit data")
    parser.add_argument("--user-id", default=DEFAULT_USER_ID, help="the simulated Alexa user")


def db_path(args: argparse.Namespace) -> str | None:
    """The visit store the arguments of :func:`add_user_arguments` chose (None: no store)."""
    if args.no_store:
        return None
    if args.db:
        return str(args.db)
    return os.environ.get("TWITCH_GUIDE_DB") or str(DEFAULT_DB.expanduser())


def _lines(stream: TextIO, prompt: str | None) -> Iterator[str]:
    """Lines of ``stream``; with a prompt (interactive), read through ``input``."""
    if prompt is not None:
        while True:
            try:
                yield input(prompt)
            except EOFError:
                print(file=sys.stdout)
                return
    else:
        for line in stream:
            yield line.rstrip("\n")


def _meaningful(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        text = line.strip()
        if text and not text.startswith("#"):
            yield text


def main(argv: list[str]) -> int:
    """``argv = [subcommand, *rest]`` with subcommand ``ask`` or ``chat``."""
    if not argv or argv[0] not in {"ask", "chat"}:
        print("usage: twitch-guide {ask,chat} [options]", file=sys.stderr)
        return 2
    command = argv[0]
    args = _parser(command).parse_args(argv[1:])
    replay: list[str] | None = None
    if getattr(args, "replay", None):
        from skill.simulator.replay import ReplayError, load_replay

        try:
            loaded = load_replay(args.replay)
        except ReplayError as exc:
            print(f"twitch-guide chat: {exc}", file=sys.stderr)
            return 2
        replay = loaded.lines()
        args.locale = args.locale or loaded.locale
    args.locale = args.locale or "en-US"
    if args.speak_dir and not args.speak:
        args.speak = True
    speaker = Speaker.create(args.speak_dir, sys.stderr, args.locale) if args.speak else None
    interactive = command == "chat" and replay is None and sys.stdin.isatty() and not args.json
    printer = Printer(
        sys.stdout,
        as_json=args.json,
        verbose=args.verbose,
        echo=not interactive,
        speaker=speaker,
    )
    simulator = Simulator(
        build_handler(db_path(args)),
        printer.turn,
        user_id=args.user_id,
        locale=args.locale,
        device=args.device,
    )

    if command == "ask":
        utterances = [" ".join(args.utterance)] if args.utterance else list(_meaningful(sys.stdin))
        for utterance in utterances:
            if args.nfi:
                simulator.can_fulfill(utterance)
            else:
                simulator.one_shot(utterance)
        return 0

    if interactive:
        print("Muscle Twitch Guide (offline). Say 'open muscle twitch guide'; 'exit' leaves.")
    lines = replay if replay is not None else _lines(sys.stdin, "You: " if interactive else None)
    for line in _meaningful(lines):
        if line.lower().strip(" .!") in EXIT_WORDS:
            simulator.end(line)
            return 0
        if line.lower().startswith(TOUCH_WORD):
            problem = simulator.touch(line[len(TOUCH_WORD) :])
            if problem is not None:
                print(f"(touch: {problem})", file=sys.stderr)
            continue
        simulator.say(line)
    simulator.end(None)
    return 0
