"""``twitch-guide ask`` / ``chat``: in-process through skill.cli.main and once as a subprocess."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from skill.cli import main
from skill.simulator import cli as sim_cli
from skill.simulator.cli import TURN_KEYS, ssml_to_text

ROOT = Path(__file__).resolve().parents[1]
KEYS = {
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
}


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def turns(out: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    for record in records:
        assert set(record) == KEYS
    return records


def test_turn_keys_are_the_documented_ones() -> None:
    assert set(TURN_KEYS) == KEYS


def test_ask_one_shot_json(capsys: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    code, out, _ = run(
        capsys,
        monkeypatch,
        [
            "ask",
            "--json",
            "--no-store",
            "Alexa, ask muscle twitch guide can coffee cause twitching",
        ],
    )
    assert code == 0
    (turn,) = turns(out)
    assert turn["request_type"] == "IntentRequest"
    assert turn["intent"] == "CauseCheckIntent"
    assert turn["slots"] == {
        "cause": {"value": "coffee", "id": "coffee", "status": "ER_SUCCESS_MATCH"}
    }
    assert turn["speech"] and "<" not in turn["speech"]
    assert turn["ssml"].startswith("<speak>")
    assert isinstance(turn["end_session"], bool)
    assert isinstance(turn["session_attributes"], dict)
    assert turn["card"] is None or set(turn["card"]) == {"title", "text"}


def test_ask_unknown_cause_is_no_match(capsys: Any, monkeypatch: Any) -> None:
    _, out, _ = run(
        capsys, monkeypatch, ["ask", "--json", "--no-store", "can gluten cause twitching"]
    )
    (turn,) = turns(out)
    assert turn["intent"] == "CauseCheckIntent"
    assert turn["slots"]["cause"] == {
        "value": "gluten",
        "id": None,
        "status": "ER_SUCCESS_NO_MATCH",
    }
    assert "gluten" in turn["speech"]


def test_ask_stdin_batch_is_independent_one_shots(capsys: Any, monkeypatch: Any) -> None:
    stdin = (
        "open muscle twitch guide\n"
        "\n"
        "# a comment\n"
        "why does my eye twitch\n"
        "yes\n"
        "what's the weather like\n"
    )
    code, out, _ = run(capsys, monkeypatch, ["ask", "--json", "--no-store"], stdin)
    assert code == 0
    records = turns(out)
    assert [r["utterance"] for r in records] == [
        "open muscle twitch guide",
        "why does my eye twitch",
        "yes",
        "what's the weather like",
    ]
    assert records[0]["request_type"] == "LaunchRequest"
    assert records[0]["intent"] is None
    assert records[1]["intent"] == "BodyPartIntent"
    assert records[1]["slots"]["body_part"]["id"] == "eye"
    # Every line is a new session: nothing carries over to the one-shot "yes".
    assert records[2]["intent"] == "AMAZON.YesIntent"
    assert records[3]["intent"] == "AMAZON.FallbackIntent"


def test_chat_session_carry_over(capsys: Any, monkeypatch: Any) -> None:
    stdin = "open muscle twitch guide\nwhat causes muscle twitching\nyes\nrepeat\nstop\n"
    code, out, _ = run(capsys, monkeypatch, ["chat", "--json", "--no-store"], stdin)
    assert code == 0
    launch, question, yes, repeat, stop = turns(out)
    assert launch["request_type"] == "LaunchRequest"
    assert not launch["end_session"]
    assert question["intent"] == "CausesIntent"
    assert yes["intent"] == "AMAZON.YesIntent"
    # "yes" followed the offer made by the previous answer, so it says something new ...
    assert yes["speech"] != question["speech"]
    assert question["session_attributes"]
    # ... and "repeat" repeats it, from the session attributes carried over.
    assert repeat["intent"] == "AMAZON.RepeatIntent"
    assert yes["speech"] in repeat["speech"] or repeat["speech"] in yes["speech"]
    assert stop["intent"] == "AMAZON.StopIntent"
    assert stop["end_session"] is True
    # The session closed with "stop": end of input sends nothing more.
    assert len(turns(out)) == 5


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The request envelopes the CLI sends to the real skill."""
    sent: list[dict[str, Any]] = []
    real = sim_cli.build_handler

    def spy_handler(db: str | None) -> Any:
        handler = real(db)

        def wrapped(event: dict[str, Any], context: Any) -> Any:
            sent.append(event)
            return handler(event, context)

        return wrapped

    monkeypatch.setattr(sim_cli, "build_handler", spy_handler)
    return sent


def test_chat_exit_sends_session_ended_request(
    capsys: Any, monkeypatch: Any, requests: list[dict[str, Any]]
) -> None:
    _, out, _ = run(
        capsys, monkeypatch, ["chat", "--json", "--no-store"], "open muscle twitch guide\nexit\n"
    )
    records = turns(out)
    assert [r["request_type"] for r in records] == ["LaunchRequest", "SessionEndedRequest"]
    assert records[1]["utterance"] == "exit"
    assert records[1]["end_session"] is True
    ended = requests[-1]
    assert ended["request"]["type"] == "SessionEndedRequest"
    assert ended["request"]["reason"] == "USER_INITIATED"
    assert ended["session"]["sessionId"] == requests[0]["session"]["sessionId"]
    assert ended["session"]["new"] is False

    # End of input with an open session does the same; with none open, nothing is sent.
    requests.clear()
    _, out, _ = run(
        capsys, monkeypatch, ["chat", "--json", "--no-store"], "open muscle twitch guide\n"
    )
    assert [r["request_type"] for r in turns(out)] == ["LaunchRequest", "SessionEndedRequest"]
    assert turns(out)[1]["utterance"] is None
    requests.clear()
    _, out, _ = run(capsys, monkeypatch, ["chat", "--json", "--no-store"], "help\nstop\nexit\n")
    assert [r["request_type"] for r in turns(out)] == ["IntentRequest", "IntentRequest"]


def test_chat_one_shot_starts_a_new_session(
    capsys: Any, monkeypatch: Any, requests: list[dict[str, Any]]
) -> None:
    stdin = "open muscle twitch guide\nask muscle twitch guide what causes muscle twitching\nyes\n"
    _, out, _ = run(capsys, monkeypatch, ["chat", "--json", "--no-store", "-v"], stdin)
    _launch, one_shot, yes, ended = turns(out)
    assert one_shot["intent"] == "CausesIntent"
    assert yes["intent"] == "AMAZON.YesIntent"
    assert ended["request_type"] == "SessionEndedRequest"
    sessions = [r["session"] for r in requests]
    assert [s["new"] for s in sessions] == [True, True, False, False]
    assert sessions[1]["sessionId"] != sessions[0]["sessionId"]
    assert sessions[1]["attributes"] == {}
    assert sessions[2]["attributes"] == one_shot["session_attributes"]


def test_chat_transcript(capsys: Any, monkeypatch: Any) -> None:
    stdin = "alexa, open muscle twitch guide\nwhy does my eye twitch\nstop\n"
    _, out, _ = run(capsys, monkeypatch, ["chat", "--no-store", "-v"], stdin)
    lines = out.splitlines()
    assert lines[0] == "You: alexa, open muscle twitch guide"
    assert any(line.startswith("Alexa: ") for line in lines)
    assert "  [BodyPartIntent: body_part='eye' -> eye score 100]" in lines
    assert "  (why: exact sample 'why does my {body_part} twitch' of BodyPartIntent" in out
    assert any(line.startswith("  (card: ") for line in lines)
    assert lines[-1] == "(session ended)"
    assert "<speak>" not in out


def test_persistence_sees_a_returning_user(capsys: Any, monkeypatch: Any, tmp_path: Path) -> None:
    db = tmp_path / "visits.sqlite3"
    _, first, _ = run(
        capsys, monkeypatch, ["ask", "--json", "--db", str(db), "open muscle twitch guide"]
    )
    _, second, _ = run(
        capsys, monkeypatch, ["ask", "--json", "--db", str(db), "open muscle twitch guide"]
    )
    assert db.exists()
    assert turns(first)[0]["speech"] != turns(second)[0]["speech"]

    monkeypatch.setenv("TWITCH_GUIDE_DB", str(tmp_path / "env.sqlite3"))
    run(capsys, monkeypatch, ["ask", "--json", "open muscle twitch guide"])
    assert (tmp_path / "env.sqlite3").exists()


def test_speak_without_espeak_prints_a_note(capsys: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(sim_cli.shutil, "which", lambda name: None)
    code, out, err = run(capsys, monkeypatch, ["ask", "--no-store", "--speak", "help"])
    assert code == 0
    assert "espeak-ng" in err
    assert "Alexa: " in out


def test_speak_dir_writes_wav_files(capsys: Any, monkeypatch: Any, tmp_path: Path) -> None:
    if sim_cli.shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    code, _, _ = run(
        capsys, monkeypatch, ["ask", "--no-store", "--speak-dir", str(tmp_path), "help"]
    )
    assert code == 0
    (wav,) = tmp_path.glob("turn-*.wav")
    assert wav.read_bytes()[:4] == b"RIFF"


def test_usage_errors(capsys: Any, monkeypatch: Any) -> None:
    assert sim_cli.main(["serve"]) == 2
    with pytest.raises(SystemExit):
        main(["ask", "--bogus"])


def test_ssml_to_text() -> None:
    assert ssml_to_text('<speak>Hi &amp; bye.<break time="1s"/>Next</speak>') == "Hi & bye. Next"


def test_skill_runtime_does_not_import_the_simulator() -> None:
    code = (
        "import sys, skill.app, skill.handlers, skill.content, skill.persistence\n"
        "bad = sorted(m for m in sys.modules\n"
        "             if m.startswith('skill.simulator') or m == 'rapidfuzz')\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.slow
def test_real_subprocess(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "twitch-guide"
    env = {**os.environ, "TWITCH_GUIDE_DB": str(tmp_path / "visits.sqlite3")}
    result = subprocess.run(
        [str(exe), "ask", "--json", "ask muscle twitch guide why do I twitch when I fall asleep"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    (turn,) = turns(result.stdout)
    assert turn["intent"] == "SleepTwitchIntent"
    assert (tmp_path / "visits.sqlite3").exists()


def test_batch_throughput_including_the_skill(monkeypatch: pytest.MonkeyPatch) -> None:
    """NLU + envelope + the real skill through the Lambda path: > 200 utterances/s."""
    import time

    from skill.simulator.cli import Simulator, build_handler
    from tests.test_resolver import ALL_SAMPLES, VARIATIONS

    utterances = [s.replace("{", "").replace("}", "") for _, s in ALL_SAMPLES]
    utterances += [u for u, _, _ in VARIATIONS]
    records: list[dict[str, Any]] = []
    simulator = Simulator(build_handler(None), lambda record, _: records.append(record))
    simulator.resolver.resolve("warm up")
    start = time.perf_counter()
    for utterance in utterances:
        simulator.one_shot(utterance)
    rate = len(utterances) / (time.perf_counter() - start)
    assert len(records) == len(utterances)
    assert rate > 200, f"{rate:.0f} utterances/s"


def test_ask_nfi_shows_the_can_fulfill_verdict(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    lines = "why does my eye twitch\ncan gluten cause twitching\nwhat's the weather\n"
    code, out, _ = run(capsys, monkeypatch, ["ask", "--json", "--no-store", "--nfi"], lines)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [set(r) for r in records] == [KEYS | {"can_fulfill"}] * 3
    assert [r["request_type"] for r in records] == ["CanFulfillIntentRequest"] * 3
    assert [r["can_fulfill"]["canFulfill"] for r in records] == ["YES", "MAYBE", "NO"]
    assert all(r["speech"] == "" for r in records)


def test_json_directives_are_empty_without_a_screen(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    _, out, _ = run(
        capsys, monkeypatch, ["ask", "--json", "--no-store", "what are the everyday causes"]
    )
    (record,) = turns(out)
    assert record["directives"] == []


@pytest.mark.parametrize(
    "device", ["echo-spot", "echo-show-5", "echo-show-8", "echo-show-15", "fire-tv"]
)
def test_json_directives_show_the_document_on_a_screen(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any, device: str
) -> None:
    _, out, _ = run(
        capsys,
        monkeypatch,
        ["ask", "--json", "--no-store", "--device", device, "what are the everyday causes"],
    )
    (record,) = turns(out)
    (directive,) = record["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert directive["token"] == "twitch-guide.list.everyday_causes"
    assert len(directive["datasources"]["screen"]["items"]) == 8


def test_chat_touch_sends_the_user_event_of_the_shown_list(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    lines = "\n".join(
        [
            "what diseases can cause twitching",
            "touch 4",
            "what are the everyday causes",
            "touch 99",
            "touch coffee",
            "exit",
        ]
    )
    _, out, err = run(
        capsys, monkeypatch, ["chat", "--json", "--no-store", "--device", "echo-show-8"], lines
    )
    records = turns(out)
    touches = [r for r in records if r["request_type"] == "Alexa.Presentation.APL.UserEvent"]
    assert [t["utterance"] for t in touches] == ["touch 4", "touch coffee"]
    assert (
        "Lateral Sclerosis" in touches[0]["card"]["title"] or "ALS" in touches[0]["card"]["title"]
    )
    assert "coffee" in touches[1]["card"]["title"].lower()
    assert all(not t["end_session"] for t in touches)
    assert "no item '99'" in err


def test_chat_touch_without_a_screen_says_why(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    _, out, err = run(
        capsys,
        monkeypatch,
        ["chat", "--json", "--no-store"],
        "what are the everyday causes\ntouch 1\n",
    )
    assert "no list on the screen" in err
    assert not any(r["request_type"].endswith("UserEvent") for r in turns(out))
