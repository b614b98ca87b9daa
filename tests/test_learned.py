"""The resolver's learned second opinion: trained on development sets only, read back exactly,
kept up to date, and kept out of the decisions it must not touch."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from skill.evaluation import learn
from skill.evaluation.annotations import Case, load_tsv
from skill.evaluation.nlu import intent_of
from skill.simulator.learned import ENGLISH_WEIGHTS, Learned, english
from skill.simulator.resolver import FALLBACK, resolver_for

DATA = Path(__file__).parent / "data"
SAFETY = {"EmergencyIntent", "CrisisIntent", "PoisoningIntent"}


def test_the_weights_are_trained_on_the_development_sets_as_they_are_now() -> None:
    assert learn.main(["learn", "--check"]) == 0
    stored = english()
    assert stored is not None
    files = learn.dev_files(DATA)
    assert stored.files == len(files) and stored.digest == learn.data_digest(files)
    assert stored.rows == sum(len(load_tsv(p)) for p in files)


def test_no_held_out_set_is_trained_on() -> None:
    names = {p.name for p in learn.dev_files(DATA)}
    assert names and all(re.fullmatch(r"dev_en_\d+\.tsv", n) for n in names)
    assert not any(n.startswith("heldout") for n in names)


def test_check_fails_when_a_development_set_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for path in learn.dev_files(DATA)[:3]:
        (data / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "weights.json"
    assert learn.main(["learn", "--data", str(data), "--out", str(out)]) == 0
    assert learn.main(["learn", "--check", "--data", str(data), "--out", str(out)]) == 0
    with (data / learn.dev_files(DATA)[0].name).open("a", encoding="utf-8") as fh:
        fh.write("how long does a twitch last\tAboutTwitchingIntent\t-\n")
    assert learn.main(["learn", "--check", "--data", str(data), "--out", str(out)]) == 1


def test_plain_python_reads_the_weights_as_the_trainer_scores(tmp_path: Path) -> None:
    """The simulator's reading of the weights matches scikit-learn's own probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    files = learn.dev_files(DATA)[:6]
    cases = [c for p in files for c in load_tsv(p)]
    document = learn.train(files)
    (tmp_path / "w.json").write_text(json.dumps(document), encoding="utf-8")
    ours = Learned.from_path(tmp_path / "w.json")
    vectoriser = TfidfVectorizer(sublinear_tf=True)
    matrix = vectoriser.fit_transform([c.utterance for c in cases])
    model = LogisticRegression(C=learn.C, max_iter=5000).fit(matrix, [c.intent for c in cases])
    lines = [
        "my calf has been jumping all week could it be the coffee",
        "what helps",
        "is twitching a sign of something bad",
        "the quick brown fox",
    ]
    for line, row in zip(lines, model.predict_proba(vectoriser.transform(lines)), strict=True):
        theirs = dict(zip(model.classes_, row, strict=True))
        for label, probability in ours.heads["intent"].probabilities(ours.features(line)):
            assert probability == pytest.approx(theirs[label], abs=2e-3), (line, label)


def test_the_shipped_weights_are_small_enough_to_package() -> None:
    assert ENGLISH_WEIGHTS.stat().st_size < 2_000_000


@pytest.mark.parametrize(
    "utterance",
    [
        "what causes muscle twitching",  # a sample word for word
        "stop",  # a built-in phrase
        "what's the weather",  # the domain gate
        "other than the serious conditions what causes twitches",  # a set-aside value
    ],
)
def test_firm_decisions_stand(utterance: str) -> None:
    a = resolver_for("en-US").resolve(utterance)
    b = resolver_for("en-US", learned=False).resolve(utterance)
    assert (a.intent, a.slot_ids(), a.method) == (b.intent, b.slot_ids(), b.method)


def test_a_learned_decision_says_why() -> None:
    result = resolver_for("en-US").resolve(
        "did a bit of coke at my mate's bucks party on saturday is that why my eye's still"
        " twitching"
    )
    assert (result.intent, result.slot_ids()) == ("CauseCheckIntent", {"cause": "drugs"})
    assert result.method == "learned"
    assert "labelled phrasings" in result.reason and "weighed most: '" in result.reason


def test_a_named_cause_is_not_dropped_for_a_body_part() -> None:
    result = resolver_for("en-US").resolve("is stress why my eyelid keeps flickering")
    assert (result.intent, result.slot_ids()) == ("CauseCheckIntent", {"cause": "stress"})


@pytest.fixture(scope="module")
def newest_held_out() -> list[tuple[Case, str, str]]:
    """The newest held-out sets (never trained on), each line with the intent it gets with
    the second opinion and without it."""
    with_it, without = resolver_for("en-US"), resolver_for("en-US", learned=False)
    cases = [
        c
        for p in sorted(DATA.glob("heldout_en_*.tsv"))
        if re.fullmatch(r"heldout_en_(3[2-9]|[4-9]\d)\.tsv", p.name)
        for c in load_tsv(p)
    ]
    assert len(cases) > 3000
    return [
        (c, intent_of(with_it.resolve(c.utterance)), intent_of(without.resolve(c.utterance)))
        for c in cases
    ]


def test_safety_is_never_learned_nor_overruled(
    newest_held_out: list[tuple[Case, str, str]],
) -> None:
    """A line resolves to a safety intent with the second opinion exactly when it does without
    it: red flags and the safety samples alone decide those."""
    for case, learned, rules in newest_held_out:
        assert (learned in SAFETY) == (rules in SAFETY), case
        assert learned == rules or learned not in SAFETY, case


def test_it_generalises_to_held_out_sets_it_never_saw(
    newest_held_out: list[tuple[Case, str, str]],
) -> None:
    """On held-out sets (never trained on), the second opinion adds at least a point of intent
    accuracy and loses no Fallback precision."""
    n = len(newest_held_out)
    learned = sum(c.intent == a for c, a, _ in newest_held_out) / n
    rules = sum(c.intent == b for c, _, b in newest_held_out) / n

    def precision(k: int) -> float:
        said = [c for c, *got in newest_held_out if got[k] == FALLBACK]
        return sum(c.intent == FALLBACK for c in said) / len(said)

    assert learned >= rules + 0.01, (learned, rules)
    assert precision(0) >= precision(1)
