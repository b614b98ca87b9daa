"""``twitch-guide learn``: train the resolver's learned second opinion.

``twitch-guide learn``
    Train on the development sets (``tests/data/dev_en_*.tsv``; ``--data DIR`` for another
    folder) and write ``skill/simulator/learned_en.json`` (``--out PATH``).
``twitch-guide learn --check``
    Exit 1 when the stored weights were trained on other rows than the development sets hold
    now (a set added or changed since): the weights are generated, never hand-synced.

Only development sets are read: a held-out set (``heldout_*``) is never trained on, so its
figures stay honest. The model is scikit-learn's tf-idf vectoriser (sublinear term frequency)
and a multinomial logistic regression, one head for the intent and one per slot name over its
value ids (``?`` for a value the model does not list); ``skill.simulator.learned`` reads the
weights back with plain Python.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import skill
from skill.evaluation.annotations import NO_MATCH, Case, load_tsv
from skill.simulator.learned import ENGLISH_WEIGHTS, Learned

__all__ = ["DEV_PATTERN", "data_digest", "main", "train"]

#: The development sets, by file name, in the data folder.
DEV_PATTERN = "dev_en_*.tsv"
DEFAULT_DATA = Path(skill.__file__).resolve().parent.parent / "tests" / "data"
#: Regularisation of the logistic regressions (inverse strength), chosen on development sets
#: left out of training.
C = 10.0
#: Decimals kept of each weight: the file stays small and the probabilities move by < 1e-3.
DECIMALS = 4


def dev_files(data: Path) -> list[Path]:
    """The development sets in ``data``, in name order."""
    return sorted(data.glob(DEV_PATTERN))


def data_digest(files: Sequence[Path]) -> str:
    """A digest of the files' names and contents: what the weights were trained on."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _head(features: Any, labels: Sequence[str], vocabulary: Sequence[str]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, max_iter=5000).fit(features, list(labels))
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    intercepts = model.intercept_
    if len(classes) == 2:  # a binary head keeps one row: spell out both labels' scores
        coef = [-coef[0] / 2, coef[0] / 2]
        intercepts = [-intercepts[0] / 2, intercepts[0] / 2]
    weights = {}
    for j in range(len(vocabulary)):
        row = [round(float(coef[k][j]), DECIMALS) for k in range(len(classes))]
        if any(row):
            weights[str(j)] = row
    return {
        "labels": classes,
        "intercepts": [round(float(b), DECIMALS) for b in intercepts],
        "weights": weights,
    }


def train(files: Sequence[Path]) -> dict[str, Any]:
    """The weights learned from the labelled rows of ``files``, as JSON-ready data."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    cases: list[Case] = [case for path in files for case in load_tsv(path)]
    vectoriser = TfidfVectorizer(sublinear_tf=True)
    matrix = vectoriser.fit_transform([case.utterance for case in cases])
    vocabulary = [str(w) for w in vectoriser.get_feature_names_out()]
    heads = {"intent": _head(matrix, [case.intent for case in cases], vocabulary)}
    for name in sorted({name for case in cases for name in case.slots}):
        rows = [i for i, case in enumerate(cases) if name in case.slots]
        heads[name] = _head(matrix[rows], [cases[i].slots[name] for i in rows], vocabulary)
    return {
        "trained_on": {"files": len(files), "rows": len(cases), "digest": data_digest(files)},
        "unlisted": NO_MATCH,
        "vocabulary": vocabulary,
        "idf": [round(float(v), DECIMALS) for v in vectoriser.idf_],
        "heads": heads,
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twitch-guide learn",
        description="Train the offline resolver's learned second opinion on the development sets.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of dev_en_*.tsv")
    parser.add_argument("--out", type=Path, default=ENGLISH_WEIGHTS, help="weights file to write")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when the weights are out of date"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parser().parse_args(argv[1:] if argv[:1] == ["learn"] else argv)
    files = dev_files(args.data)
    if not files:
        print(f"twitch-guide learn: no {DEV_PATTERN} in {args.data}", file=sys.stderr)
        return 2
    if args.check:
        stored = Learned.from_path(args.out) if args.out.exists() else None
        if stored is None or stored.digest != data_digest(files):
            print(
                f"twitch-guide learn: {args.out} is out of date with {args.data};"
                " run `twitch-guide learn`",
                file=sys.stderr,
            )
            return 1
        print(f"{args.out}: up to date ({stored.rows} rows from {stored.files} files)")
        return 0
    document = train(files)
    args.out.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    trained = document["trained_on"]
    print(f"{args.out}: {trained['rows']} rows from {trained['files']} files")
    return 0
