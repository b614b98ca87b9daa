"""Resolver accuracy over the blind held-out set (written by someone else; never tuned to)."""

from __future__ import annotations

from pathlib import Path

import pytest

from skill.evaluation.annotations import Case, load_tsv
from skill.evaluation.nlu import evaluate
from skill.simulator.evaluate import main

DATA = Path(__file__).resolve().parent / "data"
#: (file, intent floor, slot floor), fixed before each set's first run: see docs/nlu-evaluation.md.
HELDOUT_SETS = [
    ("heldout_utterances.tsv", 0.85, 0.75),
    ("heldout_utterances_2.tsv", 0.80, 0.70),
    # Its first run after the understanding work (issue 13): 0.920 intent, 0.899 slot.
    ("heldout_en_3.tsv", 0.92, 0.89),
    # First runs after the second round of that work (2026-12-05): 0.931 / 0.891 and 0.904 / 0.872.
    ("heldout_en_4.tsv", 0.93, 0.89),
    ("heldout_en_5.tsv", 0.90, 0.87),
    # Written from the article alone, commissioned as development set 15 but delivered after the
    # tuning and never tuned on: its first run (8f2ffe8) 0.948 / 0.967.
    ("heldout_en_6.tsv", 0.94, 0.96),
    # A last blind set, written while the final rounds ran: first run (80f4dcc) 0.923 / 0.863.
    ("heldout_en_7.tsv", 0.92, 0.86),
    # Two blind sets of the third round, written while it ran by two more authors and scored
    # once at its end (dffbab6): 0.955 / 0.927 and 0.955 / 1.000.
    ("heldout_en_8.tsv", 0.95, 0.92),
    ("heldout_en_9.tsv", 0.95, 0.98),
    # Two more, written while the last short round ran and scored once after it (8d9b838):
    # 0.964 / 0.963 and 0.950 / 0.946.
    ("heldout_en_10.tsv", 0.96, 0.96),
    ("heldout_en_11.tsv", 0.95, 0.94),
    # Three blind sets of the fourth round, written at its start by three more authors and scored
    # once at its end (1e27efc): 0.968 / 0.964, 0.986 / 0.962 and 0.964 / 0.907.
    ("heldout_en_12.tsv", 0.96, 0.96),
    ("heldout_en_13.tsv", 0.98, 0.96),
    ("heldout_en_14.tsv", 0.96, 0.90),
    # Two more, written while the round's last changes were made and scored once after them
    # (0847238): 0.936 / 0.887 and 0.968 / 0.944.
    ("heldout_en_15.tsv", 0.93, 0.88),
    ("heldout_en_16.tsv", 0.96, 0.94),
    # Three blind sets of the fifth round, written at its start by three more authors and scored
    # once near its end (13c27c0): 0.959 / 0.914, 0.959 / 0.933 and 0.959 / 0.963.
    ("heldout_en_17.tsv", 0.95, 0.91),
    ("heldout_en_18.tsv", 0.95, 0.93),
    ("heldout_en_19.tsv", 0.95, 0.96),
    # Three blind sets of the sixth round, written at its start by three more authors and
    # scored once at its end (424d542): 0.945 / 0.868, 0.909 / 0.843 and 0.923 / 0.884.
    ("heldout_en_20.tsv", 0.94, 0.86),
    ("heldout_en_21.tsv", 0.90, 0.84),
    ("heldout_en_22.tsv", 0.92, 0.88),
    # Three blind sets of the seventh round, written at its start by three more authors and
    # scored once at its end (2cec72d): 0.941 / 0.926, 0.895 / 0.838 and 0.914 / 0.922.
    ("heldout_en_23.tsv", 0.94, 0.92),
    ("heldout_en_24.tsv", 0.89, 0.83),
    ("heldout_en_25.tsv", 0.91, 0.92),
    # Three blind sets of the eighth round, written at its start by three more authors, scored
    # on the round's starting code (78efcb3: 0.923 / 0.920, 0.936 / 0.905, 0.945 / 0.890) and
    # once more at its end (c8f72fa): 0.936 / 0.920, 0.950 / 0.917 and 0.955 / 0.902.
    ("heldout_en_26.tsv", 0.93, 0.92),
    ("heldout_en_27.tsv", 0.95, 0.91),
    ("heldout_en_28.tsv", 0.95, 0.90),
    # Three blind sets of the ninth round, written at its start by three more authors, scored
    # on the round's starting code (d69f059, after four label fixes by rule: 0.968 / 0.967,
    # 0.936 / 0.843, 0.968 / 0.909) and once more at its end (9c834f0): 0.973 / 0.967,
    # 0.941 / 0.861 and 0.968 / 0.909.
    ("heldout_en_29.tsv", 0.96, 0.95),
    ("heldout_en_30.tsv", 0.93, 0.85),
    ("heldout_en_31.tsv", 0.96, 0.90),
    # Three blind sets of the tenth round, by three more authors, scored once on the round's
    # starting code (ca02b8a, after one label fix by rule: 0.945 / 0.882, 0.932 / 0.899,
    # 0.973 / 0.895) and once more at its end (a9f5f01): 0.945 / 0.882, 0.941 / 0.937 and
    # 0.977 / 0.921.
    ("heldout_en_32.tsv", 0.93, 0.87),
    ("heldout_en_33.tsv", 0.93, 0.92),
    ("heldout_en_34.tsv", 0.96, 0.90),
    # Three blind sets of the eleventh round, by three more authors, scored once on the
    # round's starting code (a9f5f01, no label fixed: 0.932 / 0.872, 0.959 / 0.910,
    # 0.959 / 0.912) and once more at its end (5578f31): 0.950 / 0.910, 0.959 / 0.921 and
    # 0.964 / 0.923.
    ("heldout_en_35.tsv", 0.93, 0.89),
    ("heldout_en_36.tsv", 0.94, 0.90),
    ("heldout_en_37.tsv", 0.95, 0.90),
    # Three blind sets of the twelfth round, by three more authors, scored once on the
    # round's starting code (29103a6, no label fixed: 0.900 / 0.855, 0.950 / 0.894,
    # 0.923 / 0.855) and once more at its end (f38828d): 0.914 / 0.868, 0.950 / 0.894 and
    # 0.932 / 0.867.
    ("heldout_en_38.tsv", 0.90, 0.85),
    ("heldout_en_39.tsv", 0.93, 0.87),
    ("heldout_en_40.tsv", 0.91, 0.85),
    # Three blind sets of the thirteenth round, by three more authors, scored once on the
    # round's starting code (a1da09d, no label fixed: 0.959 / 0.946, 0.959 / 0.950,
    # 0.936 / 0.893) and once more at its end (12cbf60): 0.959 / 0.946, 0.964 / 0.950 and
    # 0.936 / 0.893.
    ("heldout_en_41.tsv", 0.94, 0.93),
    ("heldout_en_42.tsv", 0.95, 0.93),
    ("heldout_en_43.tsv", 0.92, 0.87),
    # Three blind sets of the fourteenth round, by three more authors, scored once on the
    # round's starting code (2501981, no label fixed: 0.950 / 0.869, 0.959 / 0.907,
    # 0.932 / 0.899) and once more at its end (09ab43c): 0.950 / 0.869, 0.964 / 0.907 and
    # 0.950 / 0.911.
    ("heldout_en_44.tsv", 0.93, 0.85),
    ("heldout_en_45.tsv", 0.95, 0.89),
    ("heldout_en_46.tsv", 0.93, 0.89),
    # The fifteenth round's blind sets (47 to 49) were kept outside the repository and did not
    # survive the machine's reset; their figures are in docs/nlu-evaluation.md. The sixteenth
    # round's, by three more authors, scored once on its starting code (45b6376: 0.923 / 0.878,
    # 0.900 / 0.829, 0.918 / 0.870) and once at its end (bcf0f9c: 0.927 / 0.878, 0.918 /
    # 0.841, 0.927 / 0.883), join the repository at once for that reason.
    ("heldout_en_50.tsv", 0.91, 0.86),
    ("heldout_en_51.tsv", 0.90, 0.82),
    ("heldout_en_52.tsv", 0.91, 0.86),
    # The seventeenth round's, by three more authors, scored once on arrival on its starting
    # code (2f7c4b3: 0.909 / 0.855, 0.950 / 0.940, 0.882 / 0.841) and once at its end, with
    # the learned second opinion (07bde11: 0.950 / 0.916, 0.977 / 0.940, 0.950 / 0.927).
    ("heldout_en_53.tsv", 0.93, 0.90),
    ("heldout_en_54.tsv", 0.96, 0.92),
    ("heldout_en_55.tsv", 0.93, 0.91),
    # Three more, written while the seventeenth round's code was final and scored exactly once
    # on it (dcd73f7: 0.982 / 0.976, 0.964 / 0.927, 0.936 / 0.904), never tuned on.
    ("heldout_en_56.tsv", 0.97, 0.96),
    ("heldout_en_57.tsv", 0.95, 0.91),
    ("heldout_en_58.tsv", 0.92, 0.89),
]


@pytest.mark.parametrize(("name", "intent_floor", "slot_floor"), HELDOUT_SETS)
def test_heldout_accuracy_floor(name: str, intent_floor: float, slot_floor: float) -> None:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"held-out set {name} not present")
    report = evaluate(load_tsv(path))
    assert report.total > 0
    misses = "\n".join(
        f"{case.utterance!r}: expected {case.intent} {case.slots}, got {intent} {slots}"
        for case, intent, slots in report.misses
    )
    assert report.intent_accuracy >= intent_floor, misses
    assert report.slot_accuracy >= slot_floor, misses


def test_evaluate_on_a_small_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tsv = tmp_path / "cases.tsv"
    tsv.write_text(
        "utterance\tintent\tslots\n"
        "# comment\n"
        "can coffee cause twitching\tCauseCheckIntent\tcause=coffee\n"
        "can gluten cause twitching\tCauseCheckIntent\tcause=?\n"
        "open muscle twitch guide\tLaunchRequest\t-\n"
        "play some music\tAMAZON.FallbackIntent\t-\n"
        "my eye twitches\tBodyPartIntent\tbody_part=leg\n",
        encoding="utf-8",
    )
    cases = load_tsv(tsv)
    assert cases[0] == Case("can coffee cause twitching", "CauseCheckIntent", {"cause": "coffee"})
    report = evaluate(cases)
    assert report.total == 5
    assert report.intent_accuracy == 1.0
    assert report.slot_rows == 3
    assert report.slot_correct == 2
    assert report.joint_accuracy == 0.8
    assert [case.utterance for case, _, _ in report.misses] == ["my eye twitches"]
    # The old entry point, python -m skill.simulator.evaluate, is twitch-guide evaluate.
    assert main([str(tsv)]) == 0
    out = capsys.readouterr().out
    assert "| intent accuracy | 1.000 (5/5) |" in out
    miss = "| my eye twitches | BodyPartIntent body_part=leg | BodyPartIntent body_part=eye |"
    assert miss in out
