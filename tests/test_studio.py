"""The studio's server: its API around the simulator, its guards and its command line.

The page itself is tested in a real browser in ``tests/test_studio_browser.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from typing import Any

import pytest
from flask.testing import FlaskClient

from skill.cli import COMMANDS
from skill.simulator.cli import Simulator, build_handler, turn_record
from skill.studio import cli as studio_cli
from skill.studio.server import create_studio_app, host_name
from skill.studio.state import Studio
from skill.studio.voice import find_voice
from tests.conftest import ROOT

#: The README's example conversation.
EXAMPLE = [
    "open muscle twitch guide",
    "why does my eyelid keep twitching",
    "yes",
    "could it be a. l. s.",
    "no",
    "stop",
]


def expected_turns(lines: list[str], locale: str = "en-US") -> list[dict[str, Any]]:
    """What ``twitch-guide chat --json --no-store`` says for ``lines``."""
    records: list[dict[str, Any]] = []
    simulator = Simulator(build_handler(None), lambda r, _: records.append(r), locale=locale)
    for line in lines:
        simulator.say(line)
    return records


@pytest.fixture
def client() -> FlaskClient:
    app = create_studio_app(Studio(build_handler(None)), voice=find_voice())
    return app.test_client()


def post(client: FlaskClient, path: str, body: Any) -> Any:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_studio_is_a_subcommand() -> None:
    assert COMMANDS["studio"][0] == "skill.studio.cli"


def test_production_paths_never_import_the_studio() -> None:
    """Lambda's handler and the web service run without the studio (development tooling)."""
    code = (
        "import json, sys; sys.path.insert(0, 'lambda'); import lambda_function, skill.app, "
        "skill.web.app, skill.web.serve; print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert [m for m in json.loads(out.stdout) if m.startswith("skill.studio")] == []


def test_the_page_and_its_files_are_served(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and b"Skill I/O" in page.data
    for name in ("studio.js", "studio.css", "display.js", "apl.js"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert b"http" not in client.get("/static/studio.css").data  # nothing from a CDN
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Content-Type-Options"] == "nosniff"


def test_conversation_matches_chat(client: FlaskClient) -> None:
    turns = [t for line in EXAMPLE for t in post(client, "/api/say", {"utterance": line})["turns"]]
    expected = expected_turns(EXAMPLE)
    assert [t["record"]["speech"] for t in turns] == [r["speech"] for r in expected]
    assert [t["record"]["intent"] for t in turns] == [r["intent"] for r in expected]
    assert turns[0]["session_new"] and not any(t["session_new"] for t in turns[1:])
    assert turns[-1]["session_open"] is False
    # The envelopes exchanged, as the handler saw them.
    ask = turns[1]
    assert ask["request"]["request"]["intent"]["name"] == "BodyPartIntent"
    assert ask["request"]["session"]["attributes"] == turns[0]["response"]["sessionAttributes"]
    assert turn_record(ask["utterance"], ask["request"], ask["response"]) == ask["record"]
    assert ask["why"]["intent"] == "BodyPartIntent" and ask["why"]["slots"][0]["id"] == "eye"
    state = client.get("/api/state").get_json()
    assert len(state["turns"]) == len(EXAMPLE) and state["session_open"] is False
    names = [entry["name"] for entry in state["log"]]
    assert names.count("SpeechRecognizer.Recognize") == len(EXAMPLE)
    assert "Session ended" in names and "SpeechRecognizer.ExpectSpeech" in names


def test_fallback_is_explained(client: FlaskClient) -> None:
    (turn,) = post(client, "/api/say", {"utterance": "ask muscle twitch guide what's the weather"})[
        "turns"
    ]
    why = turn["why"]
    assert why["intent"] == "AMAZON.FallbackIntent" and why["fallback"] is True
    assert why["invoked"] is True and why["heard"] == "what's the weather"
    # the domain gate's reason: most of its words are none the model uses
    assert why["method"] == "out of domain" and "not about one's twitching" in why["meaning"]
    assert "outweigh" in why["reason"]


def test_new_session_ends_the_open_one(client: FlaskClient) -> None:
    post(client, "/api/say", {"utterance": "open muscle twitch guide"})
    state = post(client, "/api/new-session", {})["state"]
    assert state["session_open"] is False and state["recorded"] == 0
    assert "Request SessionEndedRequest (USER_INITIATED)" in {
        f"{e['name']} {e['detail']}" for e in state["log"]
    }
    assert client.get("/api/state").get_json()["turns"] == []


def test_locale_switch_starts_over_in_that_locale(client: FlaskClient) -> None:
    post(client, "/api/say", {"utterance": "open muscle twitch guide"})
    state = post(client, "/api/settings", {"locale": "de-DE"})["state"]
    assert state["locale"] == "de-DE" and state["session_open"] is False
    (turn,) = post(client, "/api/say", {"utterance": "öffne muskelzucken ratgeber"})["turns"]
    assert turn["record"]["speech"].startswith("Willkommen")
    assert turn["request"]["request"]["locale"] == "de-DE"
    problem = client.post("/api/settings", json={"locale": "fr-FR"})
    assert problem.status_code == 400 and "fr-FR" in problem.get_json()["error"]


def test_export_and_replay_round_trip(client: FlaskClient) -> None:
    for line in EXAMPLE[:3]:
        post(client, "/api/say", {"utterance": line})
    exported = client.get("/api/export")
    assert "attachment" in exported.headers["Content-Disposition"]
    replay = json.loads(exported.data)
    assert replay == {
        "skillId": replay["skillId"],
        "locale": "en-US",
        "type": "text",
        "userInput": EXAMPLE[:3],
    }
    answer = post(client, "/api/replay", replay)
    assert [t["utterance"] for t in answer["turns"]] == EXAMPLE[:3]
    assert answer["state"]["recorded"] == 3
    assert len(client.get("/api/state").get_json()["turns"]) == 3
    bad = client.post("/api/replay", json={"type": "text", "userInput": "x"})
    assert bad.status_code == 400 and "list of strings" in bad.get_json()["error"]


def test_replay_switches_to_its_locale(client: FlaskClient) -> None:
    answer = post(
        client,
        "/api/replay",
        {"locale": "de-DE", "type": "text", "userInput": ["öffne muskelzucken ratgeber", ".quit"]},
    )
    assert answer["state"]["locale"] == "de-DE"
    assert answer["turns"][0]["record"]["speech"].startswith("Willkommen")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_speech_is_a_wav_from_espeak(client: FlaskClient) -> None:
    (turn,) = post(client, "/api/say", {"utterance": "open muscle twitch guide"})["turns"]
    audio = client.get(f"/api/speech/{turn['index']}.wav")
    assert audio.status_code == 200 and audio.mimetype == "audio/wav"
    assert audio.data[:4] == b"RIFF" and len(audio.data) > 10_000
    assert client.get("/api/speech/99.wav").status_code == 404


def test_speech_without_espeak_is_left_to_the_browser() -> None:
    client = create_studio_app(Studio(build_handler(None)), voice=None).test_client()
    assert client.get("/api/state").get_json()["voice"] is None
    assert client.get("/api/speech/1.wav").status_code == 404


@pytest.mark.parametrize(
    ("body", "status"),
    [({"utterance": ""}, 400), ({"utterance": 3}, 400), ({"utterance": "x" * 501}, 400)],
)
def test_bad_lines_are_refused(client: FlaskClient, body: Any, status: int) -> None:
    assert client.post("/api/say", json=body).status_code == status


def test_posts_must_be_json(client: FlaskClient) -> None:
    form = client.post("/api/say", data={"utterance": "open muscle twitch guide"})
    assert form.status_code == 415
    text = client.post("/api/say", data="x", content_type="text/plain")
    assert text.status_code == 415


def test_only_loopback_host_names_while_on_loopback(client: FlaskClient) -> None:
    assert client.get("/api/state", headers={"Host": "127.0.0.1:8800"}).status_code == 200
    assert client.get("/api/state", headers={"Host": "localhost:8800"}).status_code == 200
    assert client.get("/api/state", headers={"Host": "[::1]:8800"}).status_code == 200
    rebound = client.get("/api/state", headers={"Host": "attacker.example:8800"})
    assert rebound.status_code == 403
    remote = create_studio_app(Studio(build_handler(None)), loopback_only=False).test_client()
    assert remote.get("/api/state", headers={"Host": "studio.lan:8800"}).status_code == 200


def test_host_name() -> None:
    assert host_name("127.0.0.1:8800") == "127.0.0.1"
    assert host_name("[::1]:8800") == "[::1]"
    assert host_name("localhost") == "localhost"


def test_no_route_takes_an_envelope(client: FlaskClient) -> None:
    """The server builds every envelope itself: nothing posted is passed to the skill."""
    app = client.application
    posts = sorted(
        str(rule) for rule in app.url_map.iter_rules() if "POST" in (rule.methods or set())
    )
    assert posts == ["/api/event", "/api/new-session", "/api/replay", "/api/say", "/api/settings"]


def test_cli_refuses_a_remote_host_without_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert studio_cli.main(["studio", "--host", "0.0.0.0", "--no-store"]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert studio_cli.is_loopback("127.0.0.2") and studio_cli.is_loopback("::1")
    assert not studio_cli.is_loopback("0.0.0.0") and not studio_cli.is_loopback("example.org")


class _Server:
    server_port = 8899

    def __init__(self) -> None:
        self.closed = False

    def serve_forever(self) -> None:
        return None

    def server_close(self) -> None:
        self.closed = True


def test_cli_serves_and_opens_the_browser(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = _Server()
    made: dict[str, Any] = {}

    def fake_make_server(host: str, port: int, **options: Any) -> _Server:
        made.update(host=host, port=port, **options)
        return server

    opened: list[str] = []
    monkeypatch.setattr(studio_cli, "make_server", fake_make_server)
    code = studio_cli.main(["studio", "--no-store", "--locale", "en-GB"], open_page=opened.append)
    assert code == 0 and server.closed
    assert made["host"] == "127.0.0.1" and made["port"] == 8800 and made["db"] is None
    assert made["locale"] == "en-GB"
    assert "http://127.0.0.1:8899/" in capsys.readouterr().out
    # The browser is opened from a thread; give it a moment.
    for _ in range(100):
        if opened:
            break
        import time

        time.sleep(0.01)
    assert opened == ["http://127.0.0.1:8899/"]
    code = studio_cli.main(["studio", "--no-store", "--no-browser"], open_page=opened.append)
    assert opened == ["http://127.0.0.1:8899/"]
    warned = studio_cli.main(
        ["studio", "--no-store", "--no-browser", "--host", "0.0.0.0", "--allow-remote"]
    )
    assert warned == 0 and "WARNING" in capsys.readouterr().err


def test_a_touch_sends_a_user_event(client: FlaskClient) -> None:
    post(client, "/api/say", {"utterance": "open muscle twitch guide"})
    body = {"arguments": ["cause", "coffee"], "token": "doc", "source": {"type": "TouchWrapper"}}
    (turn,) = post(client, "/api/event", body)["turns"]
    request = turn["request"]
    assert request["request"]["type"] == "Alexa.Presentation.APL.UserEvent"
    assert request["request"]["arguments"] == ["cause", "coffee"]
    assert request["request"]["token"] == "doc"
    assert request["session"]["new"] is False and turn["event"] == "cause, coffee"
    assert turn["utterance"] is None and turn["why"] is None
    for bad in ({"arguments": "x"}, {"arguments": [], "source": 1}, {"arguments": ["x" * 5000]}):
        assert client.post("/api/event", json=bad).status_code == 400


def test_why_lists_the_resolvers_candidates_when_it_explains() -> None:
    """With ``Resolver.explain(utterance, top=N)``, its candidates and reason are shown."""
    from dataclasses import dataclass

    from skill.simulator.resolver import resolver_for
    from skill.studio.why import FALLBACK_REASON, explain

    @dataclass(frozen=True)
    class Candidate:
        intent: str
        score: float
        sample: str

    class Explaining:
        def __init__(self) -> None:
            self.real = resolver_for("en-US")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

        def explain(self, utterance: str, top: int = 5) -> dict[str, Any]:
            return {
                "candidates": (Candidate("WeatherIntent", 41.5, "what is the weather"),),
                "reason": "the best score, 41.5, is below 60",
            }

    real = resolver_for("en-US")
    resolution = real.resolve("what's the weather")
    plain = explain(real, "what's the weather", resolution)
    # The real resolver explains itself: its rule for Fallback, not the generic sentence.
    assert plain["fallback"] and "Fallback" in plain["reason"]
    assert plain["reason"] != FALLBACK_REASON
    assert plain["threshold"] == real.threshold
    shown = explain(Explaining(), "what's the weather", resolution)
    assert shown["candidates"] == [
        {"intent": "WeatherIntent", "score": 41.5, "sample": "what is the weather"}
    ]
    assert shown["reason"] == "the best score, 41.5, is below 60"


def test_replay_reads_lines_as_chat_does(client: FlaskClient) -> None:
    lines = ["# a comment", "open muscle twitch guide", "touch 9", "exit", "help"]
    answer = post(client, "/api/replay", {"type": "text", "userInput": lines})
    assert [t["utterance"] for t in answer["turns"]] == ["open muscle twitch guide", "exit"]
    assert answer["turns"][-1]["record"]["request_type"] == "SessionEndedRequest"
    assert any(e["name"] == "Skipped" and "touch 9" in e["detail"] for e in answer["state"]["log"])
