"""AWS Lambda entry point: a thin adapter around the skill built in ``skill.app``.

The skill (and the DynamoDB adapter, when ``TABLE_NAME`` is set) is built at
import, during the init phase, so that SnapStart snapshots it. Building opens
no network connection and reads no user data: both happen per request.
"""

from skill.app import default_handler

handler = default_handler()
