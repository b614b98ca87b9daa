"""Replay files in the ``ask dialog`` format: reading, checking, and ``chat --replay``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.cli import main
from skill.simulator.replay import Replay, ReplayError, load_replay, parse_replay

CONVERSATION = [
    "open muscle twitch guide",
    "why does my eyelid keep twitching",
    "yes",
    "stop",
]


def replay_file(tmp_path: Path, **fields: Any) -> Path:
    content = {
        "skillId": "amzn1.ask.skill.12345678-1234-1234-1234-123456789012",
        "locale": "en-US",
        "type": "text",
        "userInput": CONVERSATION,
    }
    content.update(fields)
    path = tmp_path / "replay.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def chat(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> tuple[int, list[dict[str, Any]], str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("this line is not read\n"))
    code = main(["chat", "--json", "--no-store", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_parse_keeps_what_ask_dialog_writes(tmp_path: Path) -> None:
    replay = load_replay(replay_file(tmp_path, locale="de-DE"))
    assert replay.locale == "de-DE"
    assert replay.user_input == tuple(CONVERSATION)
    assert replay.skill_id.startswith("amzn1.ask.skill.")
    assert list(replay.to_json()) == ["skillId", "locale", "type", "userInput"]
    assert parse_replay(replay.to_json()) == replay


def test_quit_ends_the_lines() -> None:
    replay = Replay("en-US", ("open muscle twitch guide", " ", ".quit", "help"))
    assert replay.lines() == ["open muscle twitch guide"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"type": "voice", "userInput": []}, "type 'text'"),
        ({"type": "text", "userInput": "hello"}, "list of strings"),
        ({"type": "text", "userInput": [1]}, "list of strings"),
        ({"type": "text", "locale": "fr-FR", "userInput": []}, "fr-FR"),
        ({"type": "text", "userInput": ["my name is ${name}"]}, "variable"),
    ],
)
def test_files_that_cannot_run_say_why(data: Any, message: str) -> None:
    with pytest.raises(ReplayError, match=message):
        parse_replay(data)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="cannot read"):
        load_replay(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(ReplayError, match="not JSON"):
        load_replay(tmp_path / "bad.json")


def test_chat_replay_runs_the_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, turns, _ = chat(capsys, monkeypatch, ["--replay", str(replay_file(tmp_path))])
    assert code == 0
    assert [t["utterance"] for t in turns] == CONVERSATION
    assert [t["request_type"] for t in turns] == ["LaunchRequest"] + ["IntentRequest"] * 3
    assert turns[1]["intent"] == "BodyPartIntent"
    assert turns[2]["intent"] == "AMAZON.YesIntent"
    assert turns[-1]["end_session"] is True


def test_chat_replay_uses_the_file_locale_unless_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = replay_file(tmp_path, locale="de-DE", userInput=["öffne muskelzucken ratgeber"])
    _, turns, _ = chat(capsys, monkeypatch, ["--replay", str(path)])
    assert "Willkommen" in turns[0]["speech"]
    _, turns, _ = chat(
        capsys, monkeypatch, ["--replay", str(replay_file(tmp_path)), "--locale", "en-GB"]
    )
    assert "Welcome" in turns[0]["speech"]


def test_chat_replay_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, turns, err = chat(capsys, monkeypatch, ["--replay", str(tmp_path / "none.json")])
    assert code == 2 and turns == []
    assert "cannot read" in err
