"""Annotation sets: labelled utterances in the Alexa developer console's formats and the
project's own TSV.

Three formats, one :class:`Case` per utterance:

JSON (the NLU Evaluation tool's annotation set, as the console and the SMAPI annotation set
API take it)::

    {"locale": "en-US",
     "data": [{"inputs": {"utterance": "can coffee cause twitching"},
               "expected": [{"intent": {"name": "CauseCheckIntent",
                                        "slots": {"cause": {"value": "coffee"}}}}]}]}

    ``inputs.referenceTimestamp`` (ISO 8601) is optional and only matters to date slots; it is
    read and ignored. ``locale`` is this project's addition: the locale the set was written for.
    Only the first ``expected`` entry counts.

CSV (the console's other upload form): a header row, then one annotation per row::

    utterance,referenceTimestamp,intent,slot[cause]
    can coffee cause twitching,,CauseCheckIntent,coffee

    An empty ``slot[...]`` cell expects nothing in that slot.

TSV (the project's older sets in ``tests/data``): ``utterance<TAB>intent<TAB>slots`` with the
slots written ``name=id,name=id`` or ``-``, an optional fourth column with the row's locale, an
optional header row and ``#`` comment lines.

Slot values: the console's formats name an expected value by its words, the value's name or one
of its synonyms in the locale's interaction model (``interaction_model/<locale>.json``); a
:class:`Case` holds the value's id. A value the model does not know is expected *not* to resolve
(Alexa's ``ER_SUCCESS_NO_MATCH``) and is held as :data:`NO_MATCH`, ``?``, which is also how the
TSV writes it and what the writers write for it. A launch ("open muscle twitch guide") has the
intent :data:`LAUNCH`, ``LaunchRequest``, in every format.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from skill import model_rules
from skill.content import DEFAULT_LOCALE
from skill.slot_values import normalise

__all__ = [
    "FORMATS",
    "LAUNCH",
    "NO_MATCH",
    "Case",
    "SlotValues",
    "detect_format",
    "dumps",
    "format_slots",
    "load",
    "load_tsv",
    "model_path",
    "parse_slots",
    "set_locale",
    "slot_values",
    "write",
]

#: The expected id of a slot whose value the model does not know (ER_SUCCESS_NO_MATCH).
NO_MATCH = "?"
#: The intent a launch phrase is labelled with.
LAUNCH = "LaunchRequest"
#: The formats, by the file extension that names them.
FORMATS = ("json", "csv", "tsv")

_SLOT_COLUMN = re.compile(r"^slot\[(?P<name>[^\]]+)\]$")


@dataclass(frozen=True)
class Case:
    """One labelled utterance: the expected intent and ``{slot name: value id}`` (``?`` for a
    value the model does not know); ``locale`` is the set's (or the row's) locale, if known."""

    utterance: str
    intent: str
    slots: dict[str, str] = field(default_factory=dict)
    locale: str | None = None


# -- the locale's slot values -----------------------------------------------------------------
def model_path(locale: str) -> Path:
    """The interaction model of ``locale``."""
    return model_rules.MODEL_DIR / f"{locale}.json"


class SlotValues:
    """The slot values of one interaction model: words -> id for the readers, id -> name for
    the writers."""

    def __init__(self, document: model_rules.Document) -> None:
        self.intent_slots: dict[str, dict[str, str]] = {
            str(intent["name"]): {str(s["name"]): str(s["type"]) for s in intent.get("slots", [])}
            for intent in model_rules.intents(document)
        }
        # A form two values of a type share is left out of this table: it names neither.
        self._ids = model_rules.slot_value_table(document)
        #: slot type -> value id -> the value's name
        self.value_names: dict[str, dict[str, str]] = {
            type_name: {str(v.get("id", "")): str(v["name"]["value"]) for v in t.get("values", [])}
            for type_name, t in model_rules.custom_types(document).items()
        }

    def slot_type(self, intent: str, slot: str) -> str:
        """The type of ``intent``'s slot ``slot``; ``ValueError`` when the intent has none."""
        try:
            return self.intent_slots[intent][slot]
        except KeyError:
            raise ValueError(f"{intent} has no slot {slot!r} in the model") from None

    def id_of(self, intent: str, slot: str, value: str) -> str:
        """The id of the value named ``value`` (its name or a synonym, in any case), or
        :data:`NO_MATCH` when the slot type has no such value."""
        table = self._ids.get(self.slot_type(intent, slot), {})
        return table.get(normalise(value), NO_MATCH)

    def value_of(self, intent: str, slot: str, value_id: str) -> str:
        """The name of the value ``value_id`` (:data:`NO_MATCH` stays as it is)."""
        if value_id == NO_MATCH:
            return NO_MATCH
        names = self.value_names.get(self.slot_type(intent, slot), {})
        if value_id not in names:
            raise ValueError(f"{intent}.{slot}: no value with the id {value_id!r} in the model")
        return names[value_id]


@cache
def slot_values(locale: str) -> SlotValues:
    """The slot values of ``interaction_model/<locale>.json``, read once."""
    path = model_path(locale)
    if not path.is_file():
        raise ValueError(f"no interaction model for the locale {locale!r} ({path})")
    return SlotValues(model_rules.load(path))


# -- the TSV ----------------------------------------------------------------------------------
def parse_slots(text: str) -> dict[str, str]:
    """``name=id,name=id`` (or ``-`` / nothing) as ``{name: id}``."""
    text = text.strip()
    if text in {"", "-"}:
        return {}
    slots: dict[str, str] = {}
    for part in text.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            slots[name.strip()] = value.strip()
    return slots


def format_slots(slots: dict[str, str]) -> str:
    """The TSV's form of ``slots``: ``name=id,name=id`` sorted by name, or ``-``."""
    return ",".join(f"{k}={v}" for k, v in sorted(slots.items())) or "-"


def load_tsv(path: str | Path) -> list[Case]:
    """The labelled rows of a TSV file; a row's locale is its fourth column, if it has one."""
    return list(_read_tsv(Path(path).read_text(encoding="utf-8"), str(path)))


def _read_tsv(text: str, source: str) -> Iterator[Case]:
    for row in csv.reader(io.StringIO(text, newline=""), delimiter="\t"):
        if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2:
            raise ValueError(f"{source}: row without an intent: {row!r}")
        if row[0].strip().lower() == "utterance" and row[1].strip().lower() == "intent":
            continue
        slots = parse_slots(row[2]) if len(row) > 2 else {}
        locale = (row[3].strip() or None) if len(row) > 3 else None
        yield Case(row[0].strip(), row[1].strip(), slots, locale)


# -- the console's formats --------------------------------------------------------------------
def _expected_ids(
    values: SlotValues, intent: str, named: dict[str, str], source: str
) -> dict[str, str]:
    try:
        return {slot: values.id_of(intent, slot, value) for slot, value in named.items()}
    except ValueError as error:
        raise ValueError(f"{source}: {error}") from None


def _read_json(text: str, source: str, locale: str | None) -> Iterator[Case]:
    document = json.loads(text)
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise ValueError(f"{source}: not an annotation set (no 'data' list)")
    effective = locale or document.get("locale") or DEFAULT_LOCALE
    values = slot_values(effective)
    for number, item in enumerate(document["data"], 1):
        where = f"{source}: annotation {number}"
        try:
            utterance = str(item["inputs"]["utterance"]).strip()
            intent = item["expected"][0]["intent"]
            name = str(intent["name"])
            slots = intent.get("slots") or {}
        except (KeyError, IndexError, TypeError):
            raise ValueError(
                f"{where}: needs inputs.utterance and expected[0].intent.name"
            ) from None
        named = {
            str(slot): str(spec.get("value", "")).strip()
            for slot, spec in slots.items()
            if isinstance(spec, dict) and str(spec.get("value", "")).strip()
        }
        yield Case(utterance, name, _expected_ids(values, name, named, where), effective)


def _read_csv(text: str, source: str, locale: str | None) -> Iterator[Case]:
    effective = locale or DEFAULT_LOCALE
    values = slot_values(effective)
    rows = (row for row in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in row))
    header = [cell.strip() for cell in next(rows, [])]
    if "utterance" not in header or "intent" not in header:
        raise ValueError(f"{source}: the first row must name the columns utterance and intent")
    at_utterance, at_intent = header.index("utterance"), header.index("intent")
    slot_columns = {
        k: match.group("name")
        for k, cell in enumerate(header)
        if (match := _SLOT_COLUMN.match(cell))
    }
    for number, row in enumerate(rows, 2):
        cells = row + [""] * (len(header) - len(row))
        intent = cells[at_intent].strip()
        named = {slot: cells[k].strip() for k, slot in slot_columns.items() if cells[k].strip()}
        where = f"{source}: row {number}"
        if not intent:
            raise ValueError(f"{where}: no intent")
        yield Case(
            cells[at_utterance].strip(),
            intent,
            _expected_ids(values, intent, named, where),
            effective,
        )


# -- reading ----------------------------------------------------------------------------------
def detect_format(path: str | Path, text: str) -> str:
    """``json``, ``csv`` or ``tsv``: by the extension, else by the content."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if text.lstrip().startswith("{"):
        return "json"
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "tsv" if "\t" in first else "csv"


def load(path: str | Path, locale: str | None = None) -> list[Case]:
    """Every annotation in ``path`` (JSON, CSV or TSV: see :func:`detect_format`), each with its
    locale: a TSV row's own, else ``locale``, else the one a JSON set names, else en-US."""
    text = Path(path).read_text(encoding="utf-8-sig")
    kind = detect_format(path, text)
    if kind == "json":
        return list(_read_json(text, str(path), locale))
    if kind == "csv":
        return list(_read_csv(text, str(path), locale))
    return set_locale(_read_tsv(text, str(path)), locale or DEFAULT_LOCALE)


def set_locale(cases: Iterable[Case], locale: str) -> list[Case]:
    """``cases``, with ``locale`` for those that name none."""
    return [case if case.locale else replace(case, locale=locale) for case in cases]


# -- writing ----------------------------------------------------------------------------------
def _named(case: Case, values: SlotValues) -> dict[str, str]:
    return {slot: values.value_of(case.intent, slot, v) for slot, v in sorted(case.slots.items())}


def _one_locale(cases: Sequence[Case], locale: str | None) -> str:
    locales = {case.locale for case in cases if case.locale} | ({locale} if locale else set())
    if len(locales) > 1:
        raise ValueError(f"one annotation set holds one locale, not {sorted(locales)}")
    return locales.pop() if locales else DEFAULT_LOCALE


def dumps(
    cases: Sequence[Case], kind: str, locale: str | None = None, *, with_locale: bool = True
) -> str:
    """``cases`` as the text of a ``json``, ``csv`` or ``tsv`` file. The console's formats name
    each expected value by its name in the locale's model; JSON records the locale unless
    ``with_locale`` is false (the console's own form)."""
    effective = _one_locale(cases, locale)
    if kind == "tsv":
        return "".join(f"{c.utterance}\t{c.intent}\t{format_slots(c.slots)}\n" for c in cases)
    values = slot_values(effective)
    if kind == "csv":
        names = sorted({slot for case in cases for slot in case.slots})
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ["utterance", "referenceTimestamp", "intent", *(f"slot[{n}]" for n in names)]
        )
        for case in cases:
            named = _named(case, values)
            writer.writerow([case.utterance, "", case.intent, *(named.get(n, "") for n in names)])
        return out.getvalue()
    if kind != "json":
        raise ValueError(f"unknown format {kind!r} (one of {', '.join(FORMATS)})")
    lines = []
    for case in cases:
        intent: dict[str, Any] = {"name": case.intent}
        named = _named(case, values)
        if named:
            intent["slots"] = {slot: {"value": value} for slot, value in named.items()}
        item = {"inputs": {"utterance": case.utterance}, "expected": [{"intent": intent}]}
        lines.append("    " + json.dumps(item, ensure_ascii=False))
    head = f'  "locale": {json.dumps(effective)},\n' if with_locale else ""
    body = ",\n".join(lines)
    return "{\n" + head + '  "data": [\n' + body + ("\n" if lines else "") + "  ]\n}\n"


def write(
    path: str | Path, cases: Sequence[Case], locale: str | None = None, *, with_locale: bool = True
) -> None:
    """Write ``cases`` to ``path`` in the format its extension names (``.json``, ``.csv``,
    ``.tsv``)."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValueError(f"{path}: the extension must be one of {', '.join(FORMATS)}")
    text = dumps(cases, kind, locale, with_locale=with_locale)
    Path(path).write_text(text, encoding="utf-8")
