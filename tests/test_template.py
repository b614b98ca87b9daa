"""template.yaml: what the deployment must look like, checked on the template itself.

cfn-lint (``make cfn``) checks the template against the CloudFormation and
SAM schemas; these tests check our own requirements, and that the template
agrees with the code (table key, timeouts, build target).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode

from skill import dynamodb

ROOT = Path(__file__).resolve().parent.parent
ALEXA_TIMEOUT_SECONDS = 8


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    decoded, matches = decode(str(ROOT / "template.yaml"))
    assert not matches, matches
    assert decoded is not None
    return dict(decoded)


def resources_of(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def only(template: dict[str, Any], kind: str) -> tuple[str, dict[str, Any]]:
    found = resources_of(template, kind)
    assert len(found) == 1, f"expected one {kind}, found {sorted(found)}"
    return next(iter(found.items()))


def test_function(template: dict[str, Any]) -> None:
    name, function = only(template, "AWS::Serverless::Function")
    props = function["Properties"]
    runtime = re.fullmatch(r"python3\.(\d+)", props["Runtime"])
    assert runtime is not None and int(runtime.group(1)) >= 12
    assert props["Architectures"] == ["arm64"]
    assert props["Handler"] == "lambda_function.handler"
    assert (ROOT / "lambda" / "lambda_function.py").is_file()
    assert 128 <= props["MemorySize"] <= 1024
    assert props["Timeout"] < ALEXA_TIMEOUT_SECONDS
    # A read and a write on a session's first request, each bounded, fit in the timeout.
    assert props["Timeout"] > 2 * dynamodb.WORST_CALL_SECONDS
    assert props["AutoPublishAlias"]
    assert props["SnapStart"] == {"ApplyOn": "PublishedVersions"}
    variables = props["Environment"]["Variables"]
    assert variables["SKILL_ID"] == {"Ref": "SkillId"}
    table_name, _ = only(template, "AWS::DynamoDB::Table")
    assert variables["TABLE_NAME"] == {"Ref": table_name}
    events = props["Events"]
    assert [e["Type"] for e in events.values()] == ["AlexaSkill"]
    assert next(iter(events.values()))["Properties"]["SkillId"] == {"Ref": "SkillId"}
    assert "SkillId" in template["Parameters"]

    # Built by the project's own step: Makefile target build-<LogicalId>.
    assert function["Metadata"]["BuildMethod"] == "makefile"
    assert props["CodeUri"] == "."
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(rf"^build-{name}:", makefile, re.MULTILINE)
    assert "$(ARTIFACTS_DIR)" in makefile


def test_log_group(template: dict[str, Any]) -> None:
    _, function = only(template, "AWS::Serverless::Function")
    log_name, log_group = only(template, "AWS::Logs::LogGroup")
    assert log_group["Properties"]["RetentionInDays"]
    assert function["Properties"]["LoggingConfig"]["LogGroup"] == {"Ref": log_name}


def test_table_matches_the_adapter(template: dict[str, Any]) -> None:
    _, table = only(template, "AWS::DynamoDB::Table")
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["KeySchema"] == [{"AttributeName": dynamodb.PARTITION_KEY, "KeyType": "HASH"}]
    assert props["AttributeDefinitions"] == [
        {"AttributeName": dynamodb.PARTITION_KEY, "AttributeType": "S"}
    ]


def test_policy_is_get_and_update_on_the_table_only(template: dict[str, Any]) -> None:
    _, function = only(template, "AWS::Serverless::Function")
    table_name, _ = only(template, "AWS::DynamoDB::Table")
    policies = function["Properties"]["Policies"]
    assert all(isinstance(p, dict) and "Statement" in p for p in policies), (
        "inline statements only (SAM policy templates such as DynamoDBCrudPolicy grant more)"
    )
    statements = [s for p in policies for s in p["Statement"]]
    assert statements == [
        {
            "Sid": "VisitDataReadWrite",
            "Effect": "Allow",
            "Action": ["dynamodb:GetItem", "dynamodb:UpdateItem"],
            "Resource": {"Fn::GetAtt": [table_name, "Arn"]},
        }
    ]
    assert "Role" not in function["Properties"]


def test_outputs_the_alias_arn(template: dict[str, Any]) -> None:
    name, _ = only(template, "AWS::Serverless::Function")
    values = [o["Value"] for o in template["Outputs"].values()]
    assert {"Ref": f"{name}.Alias"} in values


def test_cfn_lint_passes() -> None:
    from cfnlint.api import lint_all

    # Errors and warnings, as the cfn-lint command line reports by default (not informational).
    matches = [m for m in lint_all((ROOT / "template.yaml").read_text()) if m.rule.id[0] in "EW"]
    assert not matches, "\n".join(str(m) for m in matches)
