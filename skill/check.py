"""``twitch-guide check``: an offline certification self-check.

It checks what Alexa's certification checks and what we can check without Amazon:

* the manifest (skill-package/skill.json): category, summary, a description
  with the medical disclaimer and the source, example phrases that are real
  sample utterances, keywords, truthful privacy answers, the endpoint;
* the interaction model: the same file in the skill package as in
  interaction_model/, and Alexa's build rules (``skill.model_rules``);
* live responses of the real skill (through the simulator's envelopes and the
  Lambda code path): launch, every custom intent with every slot value id, an
  unknown and a missing value, every built-in intent, yes/no/next/repeat after
  each topic, and SessionEndedRequest for each reason.  Every response must be
  valid SSML with allowed tags only and at most 8,000 characters, a question
  must keep the session open with a reprompt, every open session must have a
  reprompt, cards must fit, the first response of every session must carry
  the disclaimer, and a SessionEndedRequest gets an empty response.

Exit code 0 when everything passes, 1 on any failure; a short report is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from skill import apl_check, content, model_rules, safety_check
from skill.replies import MAX_RESPONSE_BYTES, MAX_SPEECH_CHARS

DEFAULT_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = Path("skill-package/skill.json")
MODELS = Path("interaction_model")
MODEL = MODELS / "en-US.json"

LOCALE = "en-US"
CATEGORY = "HEALTH_AND_FITNESS"
DISCLAIMER = "not a substitute for professional medical advice"
#: What the first response of a session, and the description, must say, per language.
DISCLAIMERS = {"en": DISCLAIMER, "de": "ersetzt keine ärztliche Beratung"}
#: Words from the article's title that the description's source line must name.
SOURCE_MARKERS = ("source", "muscle twitching")
PRIVACY = {
    "usesPersonalInfo": False,
    "allowsPurchases": False,
    "containsAds": False,
    "isChildDirected": False,
    "isExportCompliant": True,
}
MAX_EXAMPLE_PHRASES = 3
MAX_SUMMARY_CHARS = 160
MAX_DESCRIPTION_CHARS = 4000
MAX_KEYWORDS = 30
MAX_CARD_CHARS = 8000  # title and content together
LAMBDA_ARN = re.compile(
    r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$"
)
PLACEHOLDER = "REPLACE"

#: SSML elements Alexa accepts (``amazon:*`` elements are checked by prefix).
SSML_TAGS = frozenset(
    {
        "speak",
        "p",
        "s",
        "break",
        "emphasis",
        "prosody",
        "say-as",
        "sub",
        "phoneme",
        "lang",
        "voice",
        "audio",
        "w",
    }
)
AMAZON_TAGS = frozenset({"effect", "domain", "emotion"})

LAUNCH_PHRASE = re.compile(r"^alexa, (?:open|start|launch) (?P<invocation>[a-z ]+)$")
ASK_PHRASE = re.compile(r"^alexa, (?:ask|tell|frag|frage|sag) (?P<rest>.+)$")
CONNECTORS = ("to ", "about ", "for ", "if ", "whether ")
#: The launch phrase an example opens with, per language.
OPEN_PHRASES = {"en": "open", "de": "öffne"}


@dataclass
class Report:
    """Failures and warnings per section, and how many things were looked at."""

    failures: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: Per locale, how many samples and slot synonyms its model has.
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, section: str, problems: Iterable[str]) -> None:
        found = list(problems)
        self.failures.setdefault(section, []).extend(found)

    @property
    def ok(self) -> bool:
        return not any(self.failures.values())

    def render(self, limit: int = 15) -> str:
        lines = []
        for section, problems in self.failures.items():
            status = "ok" if not problems else f"FAIL ({len(problems)})"
            lines.append(f"{section:<24} {status}")
            lines.extend(f"    - {p}" for p in problems[:limit])
            if len(problems) > limit:
                lines.append(f"    ... and {len(problems) - limit} more")
        lines.extend(f"warning: {w}" for w in self.warnings)
        counted = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        lines.append(f"checked: {counted}")
        if self.sizes:
            sized = ", ".join(
                f"{locale} {samples}/{synonyms}"
                for locale, (samples, synonyms) in self.sizes.items()
            )
            lines.append(f"models (samples/synonyms): {sized}")
        lines.append("PASS" if self.ok else "FAIL")
        return "\n".join(lines)


# --------------------------------------------------------------------------- manifest


def phrase_utterance(phrase: str, invocation: str) -> str | None:
    """The utterance of an "Alexa, ask <invocation> <utterance>" phrase (None if not that form)."""
    text = phrase.strip().rstrip(".?!").lower()
    match = ASK_PHRASE.match(text)
    if match is None or not match.group("rest").startswith(invocation + " "):
        return None
    rest = match.group("rest")[len(invocation) + 1 :]
    return rest


def spoken_samples(document: model_rules.Document) -> set[str]:
    """Every sample as it can be spoken: plain samples, and slot samples with each value."""
    types = model_rules.custom_types(document)
    spoken: set[str] = set()
    for intent in model_rules.intents(document):
        slot_types = {s.get("name"): s.get("type") for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            refs = model_rules.SLOT_REF_RE.findall(sample)
            if not refs:
                spoken.add(sample)
            elif len(refs) == 1 and slot_types.get(refs[0]) in types:
                for _, value in model_rules.slot_values(types[slot_types[refs[0]]]):
                    spoken.add(sample.replace("{" + refs[0] + "}", value))
    return spoken


def check_manifest(manifest: dict[str, Any], document: model_rules.Document) -> list[str]:
    """The manifest's rules for the en-US locale (see :func:`check_manifest_locales`)."""
    return check_manifest_locales(manifest, {LOCALE: document})


def check_manifest_locales(
    manifest: dict[str, Any], documents: dict[str, model_rules.Document]
) -> list[str]:
    """The manifest's rules, with publishing information for every locale in ``documents``
    (locale -> its interaction model)."""
    body = manifest.get("manifest", {})
    publishing = body.get("publishingInformation", {})
    problems: list[str] = []
    if publishing.get("category") != CATEGORY:
        problems.append(f"category must be {CATEGORY}, not {publishing.get('category')!r}")
    for locale, document in documents.items():
        info = publishing.get("locales", {}).get(locale)
        if not isinstance(info, dict):
            problems.append(f"no {locale} publishing information")
            continue
        problems += [f"{locale}: {p}" for p in _check_locale(locale, info, document)]
    privacy = body.get("privacyAndCompliance", {})
    for key, expected in PRIVACY.items():
        if privacy.get(key) is not expected:
            problems.append(f"privacyAndCompliance.{key} must be {expected}")
    uri = body.get("apis", {}).get("custom", {}).get("endpoint", {}).get("uri", "")
    if not LAMBDA_ARN.match(uri):
        problems.append(f"endpoint uri {uri!r} is not a Lambda function ARN")
    return problems


def _check_locale(locale: str, info: dict[str, Any], document: model_rules.Document) -> list[str]:
    problems: list[str] = []
    for key in ("name", "summary", "description"):
        if not str(info.get(key, "")).strip():
            problems.append(f"{key} is empty")
    if len(info.get("summary", "")) > MAX_SUMMARY_CHARS:
        problems.append(f"summary longer than {MAX_SUMMARY_CHARS} characters")
    description = str(info.get("description", ""))
    if len(description) > MAX_DESCRIPTION_CHARS:
        problems.append(f"description longer than {MAX_DESCRIPTION_CHARS} characters")
    disclaimer = DISCLAIMERS[locale.split("-")[0]]
    if disclaimer not in description:
        problems.append(f"description does not say the skill is {disclaimer!r}")
    emergency = content.numbers_for(locale).emergency
    if emergency not in description:
        problems.append(f"description does not give the emergency number {emergency}")
    if locale.startswith("en") and not all(m in description.lower() for m in SOURCE_MARKERS):
        problems.append("description does not cite the source article")
    locale_info = info

    invocation = model_rules.language_model(document).get("invocationName", "")
    phrases = locale_info.get("examplePhrases", [])
    if not 1 <= len(phrases) <= MAX_EXAMPLE_PHRASES:
        problems.append(f"{len(phrases)} example phrases (1..{MAX_EXAMPLE_PHRASES} allowed)")
    opening = OPEN_PHRASES[locale.split("-")[0]]
    if phrases and phrases[0] != f"Alexa, {opening} {invocation}":
        problems.append(f"first example phrase must be 'Alexa, {opening} {invocation}'")
    samples = spoken_samples(document)
    for phrase in phrases[1:] if phrases else []:
        utterance = phrase_utterance(phrase, invocation)
        if utterance is None:
            problems.append(f"example phrase {phrase!r} is not 'Alexa, <ask> {invocation} ...'")
            continue
        candidates = {utterance}
        candidates |= {utterance[len(c) :] for c in CONNECTORS if utterance.startswith(c)}
        if not candidates & samples:
            problems.append(f"example phrase {phrase!r}: {utterance!r} is no sample utterance")
    if len(set(phrases)) != len(phrases):
        problems.append("example phrases repeat")

    keywords = locale_info.get("keywords", [])
    if not keywords or len(keywords) > MAX_KEYWORDS:
        problems.append(f"{len(keywords)} keywords (1..{MAX_KEYWORDS})")
    return problems


def endpoint_warnings(manifest: dict[str, Any]) -> list[str]:
    uri = manifest.get("manifest", {}).get("apis", {}).get("custom", {}).get("endpoint", {})
    if PLACEHOLDER in str(uri.get("uri", "")):
        return [
            "the endpoint is still the placeholder ARN: after `sam deploy`, run "
            "`make skill-endpoint ARN=<SkillEndpointArn output>` (see the README's Deploy section)"
        ]
    return []


def check_generated(root: Path) -> list[str]:
    """Every file generated from ``interaction_model/`` is what the sources generate."""
    from skill import models

    return [
        f"{path.relative_to(root)} is out of date: run `make models`"
        for path in models.stale_files(root)
    ]


# --------------------------------------------------------------------------- responses


def parse_ssml(ssml: str) -> ElementTree.Element:
    """The SSML as XML (``amazon:*`` elements renamed ``amazon-*``: their prefix is unbound)."""
    return ElementTree.fromstring(re.sub(r"<(/?)amazon:", r"<\1amazon-", ssml))


def check_ssml(ssml: str, where: str) -> list[str]:
    problems = []
    if len(ssml) > MAX_SPEECH_CHARS:
        problems.append(f"{where}: speech longer than {MAX_SPEECH_CHARS} characters")
    try:
        root = parse_ssml(ssml)
    except ElementTree.ParseError as error:
        return [*problems, f"{where}: invalid SSML ({error})"]
    if root.tag != "speak":
        problems.append(f"{where}: SSML root is <{root.tag}>, not <speak>")
    for element in root.iter():
        tag = element.tag
        if tag.startswith("amazon-") and tag[len("amazon-") :] in AMAZON_TAGS:
            continue
        if tag not in SSML_TAGS:
            problems.append(f"{where}: SSML tag <{tag}> is not allowed")
    if not "".join(root.itertext()).strip():
        problems.append(f"{where}: empty speech")
    return problems


def check_response(envelope: dict[str, Any], request: dict[str, Any], where: str) -> list[str]:
    """Rules for one response to ``request`` (both as JSON dicts)."""
    problems: list[str] = []
    kind = request["request"]["type"]
    response = envelope.get("response", {})
    if len(json.dumps(envelope).encode()) > MAX_RESPONSE_BYTES:
        problems.append(f"{where}: response larger than {MAX_RESPONSE_BYTES} bytes")
    if kind == "SessionEndedRequest":
        if any(k in response for k in ("outputSpeech", "reprompt", "card", "directives")):
            problems.append(f"{where}: SessionEndedRequest must get an empty response")
        return problems

    speech = response.get("outputSpeech", {})
    if speech.get("type") != "SSML":
        return [*problems, f"{where}: no SSML output speech"]
    problems += check_ssml(speech.get("ssml", ""), where)
    reprompt = (response.get("reprompt") or {}).get("outputSpeech")
    if reprompt:
        problems += check_ssml(reprompt.get("ssml", ""), f"{where} (reprompt)")
    end = response.get("shouldEndSession")
    if end is None:
        problems.append(f"{where}: shouldEndSession is missing")
    if problems:
        return problems

    from skill.simulator.envelopes import ssml_to_text

    text = ssml_to_text(speech["ssml"])
    if text.endswith("?") and end is not False:
        problems.append(f"{where}: asks a question but ends the session: {text[-60:]!r}")
    if end is False and not reprompt:
        problems.append(f"{where}: keeps the session open without a reprompt")
    card = response.get("card")
    if card:
        title, content = str(card.get("title", "")), str(card.get("content", ""))
        if card.get("type") != "Simple":
            problems.append(f"{where}: card type {card.get('type')!r} (Simple expected)")
        if not title.strip() or not content.strip():
            problems.append(f"{where}: card without title or content")
        if len(title) + len(content) > MAX_CARD_CHARS:
            problems.append(f"{where}: card longer than {MAX_CARD_CHARS} characters")
    disclaimer = DISCLAIMERS.get(str(request["request"].get("locale", "en"))[:2], DISCLAIMER)
    if request.get("session", {}).get("new") and disclaimer not in text:
        problems.append(f"{where}: first response of the session lacks {disclaimer!r}")
    return problems


@dataclass
class Sweep:
    """Drives the real skill through the simulator and checks every response."""

    document: model_rules.Document
    locale: str = LOCALE
    problems: list[str] = field(default_factory=list)
    responses: int = 0
    sessions: int = 0

    def __post_init__(self) -> None:
        from skill.app import build_skill, lambda_handler_for
        from skill.persistence import MemoryAdapter
        from skill.simulator.envelopes import DEFAULT_SKILL_ID, Conversation

        handler = lambda_handler_for(build_skill(MemoryAdapter(), skill_id=DEFAULT_SKILL_ID))
        self.conv = Conversation(handler, skill_id=DEFAULT_SKILL_ID, locale=self.locale)
        self.safety_intents = {intent for intent, _ in content.SAFETY_ANSWERS.values()}
        self.after_safety = False

    def send(self, where: str, call: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        try:
            envelope = call()
        except Exception as error:  # the check reports, it does not crash
            self.problems.append(f"{where}: {type(error).__name__}: {error}")
            return {}
        request = self.conv.last_request or {}
        self.responses += 1
        self.sessions += int(bool(request.get("session", {}).get("new")))
        self.problems.extend(check_response(envelope, request, where))
        intent = request.get("request", {}).get("intent", {}).get("name")
        if intent not in self.safety_intents and not self.after_safety:
            self.problems.extend(safety_check.check_no_stray_numbers(envelope, where))
        # Yes / No / Repeat after a safety answer's repeat offer answer it with the number.
        self.after_safety = intent in self.safety_intents and self.conv.session_open
        return envelope

    def intent(self, name: str, slots: Any = None, *, new: bool = False) -> dict[str, Any]:
        label = name if not slots else f"{name} {self._describe(slots)}"
        return self.send(label, lambda: self.conv.intent(name, slots, new_session=new))

    @staticmethod
    def _describe(slots: dict[str, Any]) -> str:
        parts = []
        for slot_name, slot in slots.items():
            value = "missing" if slot is None or slot.value is None else slot.id or slot.value
            parts.append(f"{slot_name}={value}")
        return ",".join(parts)

    def topics(self) -> list[tuple[str, Any]]:
        """Every custom intent request: with every slot value id, an unknown and a missing one."""
        from skill.simulator.envelopes import Slot

        types = model_rules.custom_types(self.document)
        requests: list[tuple[str, Any]] = []
        for intent in model_rules.intents(self.document):
            name = intent["name"]
            if model_rules.is_builtin(name):
                continue
            slots = intent.get("slots", [])
            if not slots:
                requests.append((name, None))
                continue
            slot = slots[0]
            for value in types[slot["type"]]["values"]:
                spoken = value["name"]["value"]
                requests.append((name, {slot["name"]: Slot(spoken, id=value["id"])}))
            requests.append((name, {slot["name"]: Slot("banana bread")}))
            requests.append((name, {slot["name"]: None}))
        return requests

    def run(self) -> None:
        builtins = [
            i["name"]
            for i in model_rules.intents(self.document)
            if model_rules.is_builtin(i["name"])
        ]
        self.send("LaunchRequest (new user)", self.conv.launch)
        for name in builtins:  # in a session, after the welcome
            self.send("LaunchRequest", self.conv.launch)
            self.intent(name)
        for name in builtins:  # one-shot: first request of a session
            self.intent(name, new=True)
        for name, slots in self.topics():
            self.intent(name, slots, new=True)
            for follow_up in ("AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.NextIntent"):
                self.intent(name, slots, new=True)
                self.intent(follow_up)
            self.intent(name, slots, new=True)
            self.intent("AMAZON.RepeatIntent")
            if self.conv.session_open:
                self.send(f"SessionEndedRequest after {name}", self.conv.end)
        for reason in ("USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"):
            self.send("LaunchRequest", self.conv.launch)
            if self.conv.session_open:
                self.send(f"SessionEndedRequest {reason}", partial(self.conv.end, reason))

    def screens(self) -> list[str]:
        """The screens section (``skill.apl_check``): every topic, list touch, Repeat and
        safety answer on every device profile, from a new session each."""
        from skill.simulator.devices import DEFAULT_DEVICE, DEVICES

        cat = content.catalog(self.locale)
        safety = [(intent, None) for intent, _ in content.SAFETY_ANSWERS.values()]
        self.problems = []
        found: list[str] = []
        for device in DEVICES.values():
            self.conv.device = device
            for name, slots in [*self.topics(), *safety, ("AMAZON.HelpIntent", None)]:
                where = f"{device.name} {name} {self._describe(slots or {})}".strip()
                envelope = self.intent(name, slots, new=True)
                found += apl_check.check_screen(envelope, device.has_screen, cat, where)
                if self.conv.session_open:
                    again = self.intent("AMAZON.RepeatIntent")
                    if apl_check.rendered(again) != apl_check.rendered(envelope):
                        found.append(f"{where}: Repeat shows another screen")
                for token, arguments, item_id in apl_check.touches(envelope):
                    touch = partial(self.conv.touch, token, arguments)
                    touched = self.send(f"{where} touch {item_id}", touch)
                    found += apl_check.check_touch(touched, item_id, cat, f"{where} touch")
        self.conv.device = DEVICES[DEFAULT_DEVICE]
        return self.problems + found

    def safety(self) -> list[str]:
        """The safety section: see ``skill.safety_check``."""
        from skill.simulator.resolver import resolver_for

        resolver = resolver_for(self.locale)

        def ask(intent: str, locale: str, slots: Any, where: str) -> dict[str, Any]:
            self.conv.locale = locale
            try:
                return self.intent(intent, slots, new=True)
            finally:
                self.conv.locale = self.locale

        def resolve(utterance: str) -> tuple[str | None, Any]:
            resolution = resolver.resolve(utterance)
            return resolution.intent, resolution.slots

        self.problems = []
        found = list(safety_check.safety_problems(self.document, self.locale, ask, resolve))
        return self.problems + found


# --------------------------------------------------------------------------- main


def model_size(document: model_rules.Document) -> tuple[int, int]:
    """(samples, slot value synonyms) of an interaction model."""
    samples = sum(1 for _ in model_rules.samples_of(document))
    synonyms = sum(
        len(value.get("name", {}).get("synonyms", []))
        for type_def in model_rules.custom_types(document).values()
        for value in type_def.get("values", [])
    )
    return samples, synonyms


def run_checks(root: Path) -> Report:
    report = Report()
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        documents = {
            locale: model_rules.load(root / MODELS / f"{locale}.json") for locale in content.LOCALES
        }
    except (OSError, ValueError) as error:
        report.add("files", [str(error)])
        return report
    document = documents[LOCALE]
    report.add("manifest", check_manifest_locales(manifest, documents))
    report.add("manifest screens", apl_check.check_manifest(manifest))
    report.warnings += endpoint_warnings(manifest)
    report.add("generated files", check_generated(root))
    for locale, each in documents.items():
        report.add(f"interaction model {locale}", model_rules.validate(each))
    sessions = responses = 0
    for locale, each in documents.items():
        sweep = Sweep(each, locale)
        sweep.run()
        report.add(f"live responses {locale}", sweep.problems)
        report.add(f"safety {locale}", sweep.safety())
        report.add(f"screens {locale}", sweep.screens())
        sessions, responses = sessions + sweep.sessions, responses + sweep.responses
    report.sizes = {locale: model_size(each) for locale, each in documents.items()}
    report.counts = {
        "example phrases": len(
            manifest.get("manifest", {})
            .get("publishingInformation", {})
            .get("locales", {})
            .get(LOCALE, {})
            .get("examplePhrases", [])
        ),
        "samples": sum(1 for _ in model_rules.samples_of(document)),
        "sessions": sessions,
        "responses": responses,
    }
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="twitch-guide check", description="Offline certification self-check."
    )
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="project folder")
    args = parser.parse_args(argv[1:])
    # The skill logs warnings on purpose (SessionEndedRequest with ERROR): keep the report short.
    logging.basicConfig(level=logging.ERROR)
    report = run_checks(args.root)
    print(report.render())
    return 0 if report.ok else 1
