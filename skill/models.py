"""``twitch-guide models``: write what is generated from ``interaction_model/``.

Today that is ``skill/slot_values.json``, the table of slot values and synonyms the skill
falls back on when Alexa sends a slot without entity resolution.  ``--check`` only compares
and exits 1 when the file is out of date (``twitch-guide check`` and the tests do the same).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from skill import model_rules
from skill.slot_values import TABLE

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "interaction_model"


def slot_value_json(models: Path = MODELS) -> str:
    """The generated table for every locale's model in ``models``, as stable JSON text."""
    table = {
        path.stem: model_rules.slot_value_table(model_rules.load(path))
        for path in sorted(models.glob("*.json"))
    }
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def stale(models: Path = MODELS, table: Path = TABLE) -> bool:
    """Whether ``table`` differs from what ``models`` generates."""
    try:
        return table.read_text(encoding="utf-8") != slot_value_json(models)
    except OSError:
        return True


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="twitch-guide models", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report a stale file")
    args = parser.parse_args(argv[1:])
    if args.check:
        if stale():
            print(f"{TABLE.relative_to(ROOT)} is out of date: run `make models`")
            return 1
        print(f"{TABLE.relative_to(ROOT)} is up to date")
        return 0
    TABLE.write_text(slot_value_json(), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0
