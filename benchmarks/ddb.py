"""DynamoDB requests of one 5-turn session, counted at the botocore client (every API call).

A fresh process (a cold container) per side, against the local moto server: ours
(``skill.app.build_skill`` with ``skill.dynamodb.dynamodb_adapter``) and naive-persistent (the
reference module, imported fresh).  Calls made while building count too: they happen in every cold
container before its first session.
"""

from __future__ import annotations

import collections
import importlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks.common import ROOT, aws_env, clean_env

SESSION = (
    ("launch", None, None),
    ("intent", "CauseCheckIntent", "coffee"),
    ("intent", "RemediesIntent", None),
    ("intent", "AMAZON.YesIntent", None),
    ("intent", "AMAZON.StopIntent", None),
)


@contextmanager
def _counting() -> Iterator[collections.Counter[str]]:
    """Count every botocore API call made in this process (by operation name)."""
    from botocore.client import BaseClient

    counter: collections.Counter[str] = collections.Counter()
    original = BaseClient._make_api_call

    def counted(self: Any, operation_name: str, api_params: Any) -> Any:
        counter[operation_name] += 1
        return original(self, operation_name, api_params)

    BaseClient._make_api_call = counted  # type: ignore[method-assign]
    try:
        yield counter
    finally:
        BaseClient._make_api_call = original  # type: ignore[method-assign]


def _session(handler: Callable[[dict[str, Any], Any], Any], user: str) -> None:
    from skill.simulator.envelopes import Conversation, Slot

    conversation = Conversation(handler, user_id=user)
    for kind, intent, value in SESSION:
        if kind == "launch":
            response = conversation.launch()
        else:
            slots = {"cause": Slot(value, id=value)} if value else None
            response = conversation.intent(intent, slots)  # type: ignore[arg-type]
        speech = (response.get("response", {}).get("outputSpeech") or {}).get("ssml", "")
        if "Sorry" in speech:
            raise RuntimeError(f"session failed at {intent or kind}: {speech}")


def _ours() -> Callable[[dict[str, Any], Any], Any]:
    from skill.app import build_skill, lambda_handler_for
    from skill.dynamodb import dynamodb_adapter

    return lambda_handler_for(build_skill(dynamodb_adapter(os.environ["TABLE_NAME"])))


def _naive() -> Callable[[dict[str, Any], Any], Any]:
    sys.modules.pop("benchmarks.refs.naive_persistent", None)
    module = importlib.import_module("benchmarks.refs.naive_persistent")
    return module.handler  # type: ignore[no-any-return]


def count(name: str) -> dict[str, Any]:
    """In this process (environment already set): build ``name`` and run one session."""
    build = {"ours": _ours, "naive": _naive}[name]
    with _counting() as counter:
        handler = build()
        at_build = sum(counter.values())
        _session(handler, f"amzn1.ask.account.BENCH{name.upper()}SESSIONUSER")
    return {"requests": sum(counter.values()), "at_build": at_build, "by_operation": dict(counter)}


def measure(endpoint: str, ours_table: str, naive_table: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, table in (("ours", ours_table), ("naive", naive_table)):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.ddb", name],
            env=clean_env(**aws_env(endpoint, table)),
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"DynamoDB count for {name} failed:\n{done.stderr.decode()[-3000:]}")
        result[name] = json.loads(done.stdout)
    return result


if __name__ == "__main__":
    print(json.dumps(count(sys.argv[1])))
