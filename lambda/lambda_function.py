"""AWS Lambda entry point: a thin adapter around the skill built in ``skill.app``.

The skill (and the DynamoDB adapter, when ``TABLE_NAME`` is set) is built at
import, during the init phase, so that SnapStart snapshots it. Building opens
no network connection and reads no user data: both happen per request.
"""

from skill.app import build_skill, default_persistence, lambda_handler_for

handler = lambda_handler_for(build_skill(default_persistence()))
