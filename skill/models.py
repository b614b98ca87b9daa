"""``twitch-guide models``: write everything that is generated from ``interaction_model/``.

* The English variants: ``interaction_model/en-US.json`` is the one English source; each
  variant (en-GB, en-CA, en-AU, en-IN) is that source plus the samples and synonyms of its
  overlay, ``interaction_model/overlays/<locale>.json`` (its vocabulary: "GP", "A and E").
* The skill package's copies, ``skill-package/interactionModels/custom/<locale>.json``, one
  per authored or generated model (what the ASK CLI uploads).
* ``skill/slot_values.json``: the table of slot values and synonyms the skill falls back on
  when Alexa sends a slot without entity resolution.

``--check`` writes nothing and exits 1 when a file is out of date (``twitch-guide check`` and
the tests do the same), so nothing generated is ever synced by hand.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

from skill import model_rules
from skill.slot_values import TABLE

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "interaction_model"
PACKAGE = ROOT / "skill-package" / "interactionModels" / "custom"
ENGLISH_SOURCE = "en-US"
ENGLISH_VARIANTS = ("en-GB", "en-CA", "en-AU", "en-IN")


def _dump(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def variant(source: model_rules.Document, overlay: dict[str, Any]) -> model_rules.Document:
    """``source`` with the overlay's extra ``samples`` (intent -> list) and ``synonyms``
    (slot type -> value id -> list); an overlay never removes or renames anything."""
    document = copy.deepcopy(source)
    language = model_rules.language_model(document)
    intents = {intent["name"]: intent for intent in language["intents"]}
    for name, samples in overlay.get("samples", {}).items():
        known = intents[name].setdefault("samples", [])
        known += [s for s in samples if s not in known]
    types = {t["name"]: t for t in language.get("types", [])}
    for type_name, values in overlay.get("synonyms", {}).items():
        by_id = {v["id"]: v for v in types[type_name]["values"]}
        for value_id, synonyms in values.items():
            known = by_id[value_id]["name"].setdefault("synonyms", [])
            known += [s for s in synonyms if s not in known]
    return document


def outputs(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file under ``root`` and the text it must have."""
    models = root / "interaction_model"
    source = model_rules.load(models / f"{ENGLISH_SOURCE}.json")
    documents: dict[str, str] = {}
    for path in sorted(models.glob("*.json")):
        if path.stem not in ENGLISH_VARIANTS:
            documents[path.stem] = path.read_text(encoding="utf-8")
    for locale in ENGLISH_VARIANTS:
        overlay = json.loads((models / "overlays" / f"{locale}.json").read_text(encoding="utf-8"))
        documents[locale] = _dump(variant(source, overlay))
    files = {models / f"{locale}.json": text for locale, text in documents.items()}
    package = root / "skill-package" / "interactionModels" / "custom"
    files.update({package / f"{locale}.json": text for locale, text in documents.items()})
    table = {
        locale: model_rules.slot_value_table(json.loads(text))
        for locale, text in sorted(documents.items())
    }
    files[root / "skill" / TABLE.name] = _dump_table(table)
    return files


def _dump_table(table: dict[str, Any]) -> str:
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def stale_files(root: Path = ROOT) -> list[Path]:
    """The generated files under ``root`` that differ from what the sources generate."""
    return list(_stale(outputs(root)))


def _stale(files: dict[Path, str]) -> dict[Path, str]:
    stale = {}
    for path, text in files.items():
        try:
            if path.is_symlink() or path.read_text(encoding="utf-8") != text:
                stale[path] = text
        except OSError:
            stale[path] = text
    return stale


def write(root: Path = ROOT) -> list[Path]:
    """Write every generated file that is out of date; the ones written."""
    stale = _stale(outputs(root))
    for path, text in stale.items():
        if path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(stale)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="twitch-guide models", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv[1:])
    if args.check:
        stale = stale_files()
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run `make models`")
        return 1 if stale else 0
    for path in write():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
