"""tools/skill_endpoint.py: the manifest's endpoint after `sam deploy`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools import skill_endpoint

ARN = "arn:aws:lambda:us-east-1:123456789012:function:muscle-twitch-guide-Fn-AbC:live"


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    copy = tmp_path / "skill.json"
    shutil.copy(ROOT / "skill-package" / "skill.json", copy)
    return copy


def test_sets_only_the_endpoint(manifest: Path) -> None:
    before = json.loads(manifest.read_text())
    skill_endpoint.set_endpoint(ARN, manifest)
    after = json.loads(manifest.read_text())
    assert after["manifest"]["apis"]["custom"]["endpoint"]["uri"] == ARN
    before["manifest"]["apis"]["custom"]["endpoint"]["uri"] = ARN
    assert after == before


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:lambda:us-east-1:123456789012:function:muscle-twitch-guide",  # no alias
        "https://example.com/",
        "",
    ],
)
def test_rejects_anything_but_an_alias_arn(manifest: Path, arn: str) -> None:
    with pytest.raises(ValueError):
        skill_endpoint.set_endpoint(arn, manifest)
    assert skill_endpoint.main([arn]) == 2
