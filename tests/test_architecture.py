"""The architecture rules of the brief, checked on the source itself."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DEV_ONLY = (
    "skill.simulator",
    "skill.evaluation",
    "skill.web",
    "skill.check",
    "skill.models",
    "benchmarks",
    "rapidfuzz",
    "flask",
    "gunicorn",
)
#: The local visit store's database: only SQLiteAdapter imports it, and Lambda never builds one.
LOCAL_ONLY = ("sqlite3", "_sqlite3")


def test_lambda_entry_point_imports_no_development_tooling() -> None:
    code = (
        "import json, sys; sys.path.insert(0, 'lambda'); import lambda_function; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    # Configured as on Lambda: a table, no local store (building opens no connection).
    env = {k: v for k, v in os.environ.items() if k != "TWITCH_GUIDE_DB"}
    env.update(TABLE_NAME="visits", AWS_REGION="us-east-1")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout)
    assert "skill.dynamodb" in loaded
    leaked = [m for m in loaded if m.startswith(DEV_ONLY) or m in LOCAL_ONLY]
    assert leaked == []
    assert "lambda_function" in loaded and "skill.app" in loaded


def _imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_content_imports_nothing_from_the_skill() -> None:
    assert not [name for name in _imports("skill/content.py") if name.startswith("skill")]


@pytest.mark.parametrize("path", ["skill/replies.py", "skill/persistence.py"])
def test_lower_layers_do_not_import_handlers(path: str) -> None:
    assert "skill.handlers" not in _imports(path)


STORAGE = ("skill/persistence.py", "skill/dynamodb.py", "skill/attributes.py")


@pytest.mark.parametrize("path", STORAGE)
def test_storage_never_imports_the_reply_layer(path: str) -> None:
    """Visit storage knows nothing of what the skill says (attributes.py serves both sides)."""
    imported = _imports(path)  # ``from skill import replies`` is recorded as skill.replies
    for layer in ("skill.replies", "skill.content", "skill.handlers"):
        assert not [name for name in imported if name == layer or name.startswith(f"{layer}.")]


def test_storage_layer_check_can_fail() -> None:
    """The check above sees ``from skill import replies`` (as handlers.py has it)."""
    assert "skill.replies" in _imports("skill/handlers.py")


def _string_constants(source: str) -> list[str]:
    """String literals that are neither docstrings nor arguments of a logging call."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # a docstring
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "log"
        ):
            skipped.update(id(arg) for arg in ast.walk(node))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
    ]


def _prose(source: str) -> list[str]:
    return [s for s in _string_constants(source) if len(s.split()) >= 3]


@pytest.mark.parametrize("path", ["skill/handlers.py", "skill/app.py", "skill/replies.py"])
def test_no_prose_outside_content(path: str) -> None:
    """Only identifiers and log messages: nothing the user hears is written here."""
    assert _prose((ROOT / path).read_text()) == []


def test_prose_check_can_fail() -> None:
    source = (
        "def handle():\n"
        '    """Doc string is fine here."""\n'
        '    log.info("log lines are fine too %s", x)\n'
        '    return speak("sorry i cannot help")\n'
    )
    assert _prose(source) == ["sorry i cannot help"]
