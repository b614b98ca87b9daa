"""Screens: the APL documents every answer renders on devices with a display, touches on list
items, and the rules ``twitch-guide check`` applies to them (``skill.apl_check``)."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from typing import Any

import pytest

from skill import apl_check, content, screens
from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.replies import MAX_RESPONSE_BYTES
from skill.simulator.devices import DEFAULT_DEVICE, DEVICES, device
from skill.simulator.envelopes import Conversation, Slot, build_envelope, user_event_request
from tests.conftest import EN, ROOT, SKILL_ID, speech

SCREENS = [d for d in DEVICES.values() if d.has_screen]
SCREEN_IDS = [d.name for d in SCREENS]
LISTS = [topic_id for topic_id, shape in content.TOPICS.items() if shape.items]


def talk(name: str = "echo-show-8", locale: str = "en-US") -> Conversation:
    handler = lambda_handler_for(build_skill(MemoryAdapter(), skill_id=SKILL_ID))
    return Conversation(handler, skill_id=SKILL_ID, locale=locale, device=device(name))


def screen_of(response: dict[str, Any]) -> dict[str, Any]:
    (directive,) = apl_check.rendered(response)
    data: dict[str, Any] = directive["datasources"]["screen"]
    return data


# --- devices ---------------------------------------------------------------------------------
def test_the_default_device_has_no_screen_and_sends_no_viewport() -> None:
    envelope = build_envelope({"type": "LaunchRequest"})
    assert DEFAULT_DEVICE == "echo-dot"
    assert (
        "Alexa.Presentation.APL"
        not in envelope["context"]["System"]["device"]["supportedInterfaces"]
    )
    assert "Viewport" not in envelope["context"]


@pytest.mark.parametrize("name", SCREEN_IDS)
def test_screen_profiles_report_apl_and_a_viewport_the_sdk_can_read(name: str) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_core.utils.viewport import ViewportProfile, get_viewport_profile
    from ask_sdk_model import RequestEnvelope

    profile = device(name)
    envelope = build_envelope({"type": "LaunchRequest", "locale": "en-US"}, device=profile)
    parsed = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    interfaces = parsed.context.system.device.supported_interfaces
    assert interfaces.alexa_presentation_apl is not None
    assert parsed.context.viewport.pixel_width == profile.pixel_width
    # The SDK's own helper places each profile (it knows no extra-large hub: Echo Show 15 is
    # large to it).
    assert get_viewport_profile(parsed) != ViewportProfile.UNKNOWN_VIEWPORT_PROFILE


def test_unknown_device_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="echo-show-8"):
        device("echo-show-99")


# --- what each device gets ---------------------------------------------------------------------
def test_a_device_without_a_screen_gets_no_directive() -> None:
    conv = talk("echo-dot")
    for response in (
        conv.launch(),
        conv.intent("EverydayCausesIntent"),
        conv.intent("AMAZON.HelpIntent"),
    ):
        assert "directives" not in response["response"]


@pytest.mark.parametrize("locale", content.LOCALES)
@pytest.mark.parametrize("name", SCREEN_IDS)
def test_every_answer_renders_its_screen_on_every_device(name: str, locale: str) -> None:
    """The same sweep ``twitch-guide check`` runs, per device and locale, must find nothing."""
    from skill import model_rules
    from skill.check import Sweep

    document = model_rules.load(ROOT / "interaction_model" / f"{locale}.json")
    sweep = Sweep(document, locale)
    problems = sweep.screens()
    assert problems == []
    assert sweep.responses > 50


def test_answer_screen_words_are_the_entry_s_own() -> None:
    response = talk().intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})
    entry = EN.entries("CauseType")["coffee"]
    data = screen_of(response)
    assert data["title"] == entry.title
    assert data["body"] == entry.card
    assert data["source"] == EN.phrases["screen_source"].replace("{section}", "Possible causes")
    assert data["footer"] == EN.phrases["card_footer"]
    assert data["items"] == []


@pytest.mark.parametrize("topic_id", LISTS)
def test_a_list_shows_every_item_even_while_the_speech_gives_four(topic_id: str) -> None:
    response = talk().intent(content.TOPICS[topic_id].intent)
    data = screen_of(response)
    assert [i["id"] for i in data["items"]] == list(content.TOPICS[topic_id].items)
    assert [i["text"] for i in data["items"]] == [i.card for i in EN.topics[topic_id].items]
    assert data["hint"] == EN.phrases["touch_hint"]
    assert apl_check.rendered(response)[0]["token"] == f"twitch-guide.list.{topic_id}"


@pytest.mark.parametrize(
    ("locale", "first"), [("en-US", "911"), ("en-GB", "999"), ("de-DE", "112")]
)
def test_safety_screen_shows_the_locale_s_numbers_the_answer_s_own_first(
    locale: str, first: str
) -> None:
    response = talk(locale=locale).intent("EmergencyIntent")
    data = screen_of(response)
    numbers = [row["number"] for row in data["numbers"]]
    assert numbers[0] == first
    assert len(numbers) == 3
    assert data["items"] == [] and data["body"] == ""
    crisis = talk(locale=locale).intent("CrisisIntent")
    assert content.numbers_for(locale).crisis in screen_of(crisis)["numbers"][0]["number"]


def test_en_gb_crisis_screen_never_shows_988() -> None:
    data = screen_of(talk(locale="en-GB").intent("CrisisIntent"))
    assert "988" not in json.dumps(data)


def test_screen_texts_are_escaped_like_speech() -> None:
    """A record that comes back from the device with markup in it is shown as text."""
    conv = talk()
    conv.intent("AboutTwitchingIntent")
    last = copy.deepcopy(conv.attributes["last"])
    last["screen"]["title"] = "<b>bold</b> & more"
    last["screen"]["body"] = 'Body with <speak> & "quotes"'
    conv.attributes["last"] = last
    data = screen_of(conv.intent("AMAZON.RepeatIntent"))
    assert data["title"] == "&lt;b&gt;bold&lt;/b&gt; &amp; more"
    assert "&lt;speak&gt; &amp;" in data["body"]


def test_a_malformed_screen_record_falls_back_to_a_plain_screen() -> None:
    conv = talk()
    conv.intent("AboutTwitchingIntent")
    conv.attributes["last"]["screen"] = {"kind": "safety", "items": "not a list"}
    response = conv.intent("AMAZON.RepeatIntent")
    data = screen_of(response)
    assert data["numbers"] == []  # not a forged safety screen
    assert data["body"] in speech(response)


@pytest.mark.parametrize("record", [None, {}, {"kind": "video"}, {"kind": "list", "title": 1}, []])
def test_screen_from_record_rejects_what_it_did_not_write(record: Any) -> None:
    assert screens.Screen.from_record(record) is None


def test_screen_record_round_trips() -> None:
    screen = screens.Screen("list", "T", "B", "Possible causes", (("a", "A"),), "everyday_causes")
    assert screens.Screen.from_record(json.loads(json.dumps(screen.record()))) == screen


# --- touch ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("topic_id", LISTS)
def test_touching_each_item_answers_that_item_in_the_same_session(topic_id: str) -> None:
    for item_id in content.TOPICS[topic_id].items:
        conv = talk()
        listed = conv.intent(content.TOPICS[topic_id].intent)
        token = apl_check.rendered(listed)[0]["token"]
        session = conv.session_id
        response = conv.touch(token, ["item", topic_id, item_id])
        entry = EN.entries("CauseType")[item_id]
        assert speech(response).startswith(entry.speech)
        assert screen_of(response)["title"] == entry.title
        assert conv.session_id == session and response["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    ("token", "arguments"),
    [
        ("twitch-guide.list.everyday_causes", ["item", "everyday_causes", "epilepsy"]),
        ("twitch-guide.list.everyday_causes", ["item", "medical_conditions", "epilepsy"]),
        ("someone-else", ["item", "everyday_causes", "coffee"]),
        ("twitch-guide.list.nope", ["item", "nope", "coffee"]),
        ("twitch-guide.list.everyday_causes", ["item", "everyday_causes"]),
        ("twitch-guide.list.everyday_causes", "item"),
        ("twitch-guide.list.everyday_causes", [1, 2, 3]),
        ("twitch-guide.list.everyday_causes", None),
    ],
)
def test_a_stale_or_forged_touch_gets_a_helpful_prompt(token: str, arguments: Any) -> None:
    conv = talk()
    conv.intent("EverydayCausesIntent")
    response = conv.touch(token, arguments)
    assert speech(response) == EN.prompts["touch_stale"].speech
    assert response["response"]["shouldEndSession"] is False
    assert response["response"]["reprompt"]


def test_a_touch_outside_a_session_gets_an_empty_response() -> None:
    handler = lambda_handler_for(build_skill(MemoryAdapter(), skill_id=SKILL_ID))
    request = user_event_request(
        "twitch-guide.list.everyday_causes", ["item", "everyday_causes", "coffee"]
    )
    envelope = build_envelope(request, skill_id=SKILL_ID, device=device("echo-show-8"))
    del envelope["session"]
    response = handler(envelope, None)
    assert "outputSpeech" not in response["response"]


def test_repeat_shows_the_same_screen() -> None:
    conv = talk()
    shown = conv.intent("MedicalConditionsIntent")
    again = conv.intent("AMAZON.RepeatIntent")
    assert apl_check.rendered(again) == apl_check.rendered(shown)


# --- size -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SCREEN_IDS)
def test_the_largest_response_fits_24_kb_with_its_document(name: str) -> None:
    sizes = []
    for locale in content.LOCALES:
        conv = talk(name, locale)
        for intent in ("MedicalConditionsIntent", "EverydayCausesIntent", "EmergencyIntent"):
            sizes.append(len(json.dumps(conv.intent(intent, new_session=True)).encode()))
    assert max(sizes) < MAX_RESPONSE_BYTES


# --- the check's rules fail on bad screens ------------------------------------------------------
def _good() -> dict[str, Any]:
    return talk().intent("EverydayCausesIntent")


def _bad(change: Any) -> list[str]:
    response = _good()
    change(response["response"]["directives"][0]["datasources"]["screen"], response)
    return apl_check.check_screen(response, True, EN, "x")


def test_check_passes_a_good_screen() -> None:
    assert apl_check.check_screen(_good(), True, EN, "x") == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda s, r: s.update(title="<b>x</b>"), "unescaped"),
        (lambda s, r: s.update(body="R&D"), "unescaped"),
        (lambda s, r: s.update(body="Something the card never says."), "not the card's"),
        (lambda s, r: s.update(footer="All good."), "footer"),
        (lambda s, r: s["items"].pop(), "not its topic's items"),
        (
            lambda s, r: s.update(numbers=[{"id": "x", "label": "x", "number": "1"}]),
            "safety numbers",
        ),
        (lambda s, r: s.update(title=7), "not a string"),
        (lambda s, r: r["response"]["directives"][0].update(token="other.list"), "not one of"),
        (
            lambda s, r: r["response"]["directives"].append(r["response"]["directives"][0]),
            "2 Render",
        ),
    ],
)
def test_check_flags_a_bad_screen(change: Any, problem: str) -> None:
    assert any(problem in p for p in _bad(change))


def test_check_flags_a_directive_on_a_device_without_a_screen() -> None:
    assert apl_check.check_screen(_good(), False, EN, "x")


def test_check_flags_a_safety_screen_without_a_number() -> None:
    response = talk().intent("PoisoningIntent")
    response["response"]["directives"][0]["datasources"]["screen"]["numbers"].pop()
    assert any("lacks" in p for p in apl_check.check_screen(response, True, EN, "x"))


def test_check_flags_a_touch_that_answers_something_else() -> None:
    response = talk().intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")})
    assert apl_check.check_touch(response, "coffee", EN, "x") == []
    assert apl_check.check_touch(response, "alcohol", EN, "x")


def test_manifest_declares_apl_for_every_screen_profile() -> None:
    manifest = json.loads((ROOT / "skill-package" / "skill.json").read_text())
    assert apl_check.check_manifest(manifest) == []
    interfaces = manifest["manifest"]["apis"]["custom"]["interfaces"]
    apl = next(i for i in interfaces if i["type"] == "ALEXA_PRESENTATION_APL")
    apl["supportedViewports"] = [v for v in apl["supportedViewports"] if v["mode"] != "TV"]
    assert any("Fire TV" in p for p in apl_check.check_manifest(manifest))
    interfaces.remove(apl)
    assert apl_check.check_manifest(manifest)


# --- Amazon's APL validator ---------------------------------------------------------------------
VALIDATOR = ROOT / "tools" / "apl" / "validate.js"
VALIDATOR_INSTALLED = (ROOT / "tools" / "apl" / "node_modules" / "apl-suggester").is_dir()


def _validate(*paths: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("node") is None or not VALIDATOR_INSTALLED:
        pytest.skip("the APL validator is not installed: `make apl` installs it (Node 18+)")
    return subprocess.run(
        ["node", str(VALIDATOR), *paths], capture_output=True, text=True, timeout=120, check=False
    )


def test_every_document_passes_amazon_s_apl_validator() -> None:
    documents = sorted(str(p) for p in (ROOT / "skill" / "apl").glob("*.json"))
    assert [p.rsplit("/", 1)[1] for p in documents] == [f"{k}.json" for k in sorted(screens.KINDS)]
    result = _validate(*documents)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(found == [] for found in json.loads(result.stdout).values())


def test_the_validator_reports_a_broken_document(tmp_path: Any) -> None:
    broken = copy.deepcopy(screens.document("list"))
    broken["mainTemplate"]["items"][0]["items"][1]["fontSize"] = "huge"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    result = _validate(str(path))
    assert result.returncode == 1
    (found,) = json.loads(result.stdout).values()
    assert any("fontSize" in finding["path"] for finding in found)


def test_documents_import_nothing_the_validator_cannot_see() -> None:
    for kind in screens.KINDS:
        document = screens.document(kind)
        assert "import" not in document or document["import"] == []
        assert "${" not in json.dumps(document.get("resources", [])).replace("${viewport", "")


def test_rendered_directives_carry_the_files_documents() -> None:
    conv = talk()
    for intent, kind in [
        ("AboutTwitchingIntent", "answer"),
        ("MedicalConditionsIntent", "list"),
        ("CrisisIntent", "safety"),
    ]:
        (directive,) = apl_check.rendered(conv.intent(intent, new_session=True))
        on_disk = json.loads((ROOT / "skill" / "apl" / f"{kind}.json").read_text())
        assert directive["document"] == on_disk


def test_the_documented_examples_are_current() -> None:
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screen_examples.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
