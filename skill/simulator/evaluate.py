"""Compatibility names for the NLU evaluation, which lives in :mod:`skill.evaluation`.

``python -m skill.simulator.evaluate FILE`` is ``twitch-guide evaluate FILE``;
:func:`load_cases` reads the project's TSV (:func:`skill.evaluation.annotations.load_tsv`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from skill.evaluation.annotations import NO_MATCH, Case
from skill.evaluation.annotations import load_tsv as load_cases
from skill.evaluation.nlu import Report, evaluate, predicted_slots

__all__ = ["NO_MATCH", "Case", "Report", "evaluate", "load_cases", "main", "predicted_slots"]


def main(argv: Sequence[str] | None = None) -> int:
    from skill.evaluation import cli

    return cli.main(["evaluate", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
