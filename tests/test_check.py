"""``twitch-guide check``: passes on the project, and each rule fails on a broken input."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skill import check, content, model_rules

ROOT = Path(__file__).resolve().parent.parent
DISCLAIMER = "not a substitute for professional medical advice"


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / check.MANIFEST).read_text(encoding="utf-8"))
    return data


def document() -> model_rules.Document:
    return model_rules.load(ROOT / check.MODEL)


def locale(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["manifest"]["publishingInformation"]["locales"]["en-US"]
    return result


def test_the_project_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("PASS")
    assert "responses" in out
    sizes = next(line for line in out.splitlines() if line.startswith("models (samples/synonyms)"))
    assert all(f" {locale} " in sizes + " " for locale in content.LOCALES)


@pytest.mark.parametrize("locale", content.LOCALES)
def test_package_models_are_generated_from_the_interaction_models(locale: str) -> None:
    package = ROOT / "skill-package" / "interactionModels" / "custom" / f"{locale}.json"
    assert not package.is_symlink()
    assert package.read_bytes() == (ROOT / "interaction_model" / f"{locale}.json").read_bytes()


def test_english_variants_are_the_source_plus_their_overlay() -> None:
    from skill import models

    source = model_rules.load(ROOT / "interaction_model" / "en-US.json")
    for locale in models.ENGLISH_VARIANTS:
        variant = model_rules.load(ROOT / "interaction_model" / f"{locale}.json")
        extra = set(model_rules.samples_of(variant)) - set(model_rules.samples_of(source))
        assert set(model_rules.samples_of(source)) <= set(model_rules.samples_of(variant))
        overlay = json.loads(
            (ROOT / "interaction_model" / "overlays" / f"{locale}.json").read_text()
        )
        assert extra == {(i, s) for i, samples in overlay["samples"].items() for s in samples}


def test_ask_resources() -> None:
    resources = json.loads((ROOT / "ask-resources.json").read_text())
    assert resources["profiles"]["default"]["skillMetadata"]["src"] == "./skill-package"
    assert "skillInfrastructure" not in resources["profiles"]["default"]  # SAM deploys the code


def _set(path: tuple[str, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _locale(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return _set(("manifest", "publishingInformation", "locales", "en-US", key), value)


def _phrases(*phrases: str) -> Callable[[dict[str, Any]], None]:
    return _locale("examplePhrases", list(phrases))


OPEN = "Alexa, open muscle twitch guide"
MANIFEST_MUTATIONS = [
    (_set(("manifest", "publishingInformation", "category"), "MEDICAL"), "category"),
    (_locale("description", "About twitching. Source: muscle twitching"), "not a substitute"),
    (_locale("description", f"It is {DISCLAIMER}."), "source"),
    (_locale("summary", "x" * 161), "summary"),
    (_phrases("Alexa, start muscle twitch guide"), "first example phrase"),
    (_phrases(OPEN, "Alexa, ask muscle twitch guide what is a twitchy thing"), "no sample"),
    (
        _phrases(OPEN, "Alexa, ask muscle guide what causes muscle twitching"),
        "is not 'Alexa, <ask>",
    ),
    (_phrases(OPEN, *["Alexa, ask muscle twitch guide what causes muscle twitching"] * 3), "1..3"),
    (_locale("keywords", []), "keywords"),
    (_set(("manifest", "privacyAndCompliance", "usesPersonalInfo"), True), "usesPersonalInfo"),
    (_set(("manifest", "privacyAndCompliance", "isExportCompliant"), False), "isExportCompliant"),
    (_set(("manifest", "apis", "custom", "endpoint", "uri"), "https://example.com"), "endpoint"),
]


@pytest.mark.parametrize(("mutate", "expected"), MANIFEST_MUTATIONS)
def test_manifest_rules_fire(mutate: Callable[[dict[str, Any]], None], expected: str) -> None:
    data = manifest()
    assert check.check_manifest(data, document()) == []
    mutate(data)
    problems = check.check_manifest(data, document())
    assert any(expected in p for p in problems), problems


def test_example_phrases_may_use_slot_values_and_connectors() -> None:
    data = manifest()
    locale(data)["examplePhrases"] = [
        OPEN,
        "Alexa, ask muscle twitch guide can coffee cause twitching?",
        "Alexa, ask muscle twitch guide about what causes muscle twitching",
    ]
    assert check.check_manifest(data, document()) == []


def test_endpoint_placeholder_is_a_warning() -> None:
    data = manifest()
    data["manifest"]["apis"]["custom"]["endpoint"]["uri"] = (
        "arn:aws:lambda:us-east-1:123456789012:function:REPLACE-ME:live"
    )
    assert check.check_manifest(data, document()) == []
    assert check.endpoint_warnings(data)
    data["manifest"]["apis"]["custom"]["endpoint"]["uri"] = (
        "arn:aws:lambda:eu-west-1:210987654321:function:mtg-MuscleTwitchFunction-AbC123:live"
    )
    assert check.endpoint_warnings(data) == []


def test_broken_project_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("skill-package", "interaction_model", "skill"):
        shutil.copytree(ROOT / folder, tmp_path / folder, symlinks=False)
    model = json.loads((tmp_path / check.MODEL).read_text())
    model["interactionModel"]["languageModel"]["invocationName"] = "open twitch"
    (tmp_path / check.MODEL).write_text(json.dumps(model))
    assert check.main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "interaction model" in out and "forbidden words" in out
    assert "out of date" in out  # the package copy and the variants no longer match
    assert out.strip().endswith("FAIL")


def speak(text: str) -> str:
    return f"<speak>{text}</speak>"


def envelope(
    speech: str | None,
    *,
    end: bool | None = False,
    reprompt: str | None = "What else?",
    card: dict[str, Any] | None = None,
) -> dict[str, Any]:
    response: dict[str, Any] = {}
    if speech is not None:
        response["outputSpeech"] = {"type": "SSML", "ssml": speech}
    if reprompt is not None:
        response["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": speak(reprompt)}}
    if end is not None:
        response["shouldEndSession"] = end
    if card is not None:
        response["card"] = card
    return {"version": "1.0", "response": response}


def request(kind: str = "IntentRequest", *, new: bool = False) -> dict[str, Any]:
    return {"session": {"new": new}, "request": {"type": kind}}


GOOD = speak("Coffee can cause twitching. Would you like to hear more?")
RESPONSE_MUTATIONS = [
    (envelope(GOOD, end=True, reprompt=None), request(), "asks a question but ends"),
    (envelope(speak("Here you go."), reprompt=None), request(), "without a reprompt"),
    (envelope("<speak>unclosed <s>tag</speak>"), request(), "invalid SSML"),
    (envelope(speak("<script>x</script> hello?")), request(), "not allowed"),
    (envelope("<say>hello?</say>"), request(), "root"),
    (envelope(speak("a" * 8000 + "?")), request(), "longer than 8000"),
    (envelope(GOOD, end=None), request(), "shouldEndSession is missing"),
    (envelope(GOOD), request(new=True), "lacks"),
    (
        envelope(GOOD, card={"type": "Simple", "title": "T", "content": "c" * 8000}),
        request(),
        "card",
    ),
    (envelope(GOOD, card={"type": "Simple", "title": "", "content": "c"}), request(), "card"),
    (envelope(speak("Bye."), reprompt=None), request("SessionEndedRequest"), "empty response"),
    (envelope(None), request(), "no SSML"),
]


@pytest.mark.parametrize(("response", "req", "expected"), RESPONSE_MUTATIONS)
def test_response_rules_fire(response: dict[str, Any], req: dict[str, Any], expected: str) -> None:
    problems = check.check_response(response, req, "here")
    assert any(expected in p for p in problems), problems


def test_good_responses_pass() -> None:
    assert check.check_response(envelope(GOOD), request(), "here") == []
    first = envelope(speak(f"It is {DISCLAIMER}. What would you like to know?"))
    assert check.check_response(first, request(new=True), "here") == []
    ended = {"version": "1.0", "response": {}}
    assert check.check_response(ended, request("SessionEndedRequest"), "here") == []
    effect = envelope(speak('<amazon:effect name="whispered">psst</amazon:effect>?'))
    assert check.check_response(effect, request(), "here") == []


@pytest.fixture
def edited_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Edit the en-US catalog in a copy: ``edit(data)`` changes the JSON, the skill uses it."""
    shutil.copytree(content.CATALOG_DIR, tmp_path / "catalog")
    monkeypatch.setattr(content, "CATALOG_DIR", tmp_path / "catalog")
    content.catalog.cache_clear()

    def edit(change: Callable[[dict[str, Any]], None]) -> None:
        path = tmp_path / "catalog" / "en-US.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")
        content.catalog.cache_clear()

    yield edit
    content.catalog.cache_clear()


def test_sweep_catches_a_skill_without_the_disclaimer(edited_catalog: Any) -> None:
    """The live sweep really looks at responses: drop the returning-user disclaimer."""

    def drop(data: dict[str, Any]) -> None:
        data["phrases"]["disclaimer_short"] = "Remember, this is general information."

    edited_catalog(drop)
    sweep = check.Sweep(copy.deepcopy(document()))
    sweep.run()
    assert sweep.responses > 300
    assert any("lacks" in p for p in sweep.problems)
