"""gunicorn app factories for the web benchmark (``benchmarks.web_apps:NAME()``).

* ``ours_verified``: the real service with request verification on - ``tests.web_support``'s
  factory: the test CA as the only trusted root, chains read from ``$WEB_TEST_CERT_DIR``
  (fetched once per worker, then cached by ``RequestVerifier``).
* ``ours_unverified``: the same service, ``create_app(verify=False)``.
* ``hello_unverified``: the hello reference behind flask-ask-sdk's ``SkillAdapter`` with the
  SDK's signature and timestamp checks off, the way flask-ask-sdk documents it.  Compared with
  ``ours_unverified``, so that both sides of that ratio run without verification.
"""

from __future__ import annotations

import os
from typing import Any

SKILL_ID_ENV = "SKILL_ID"


def ours_verified() -> Any:
    from tests.web_support import create_test_app

    return create_test_app()


def ours_unverified() -> Any:
    from skill.web import create_app

    return create_app(skill_id=os.environ.get(SKILL_ID_ENV), verify=False)


def hello_unverified() -> Any:
    from skill.web import compat

    compat.install()  # the same import fix our service needs for flask-ask-sdk (oscrypto#78)
    from flask import Flask
    from flask_ask_sdk.skill_adapter import (
        VERIFY_SIGNATURE_APP_CONFIG,
        VERIFY_TIMESTAMP_APP_CONFIG,
        SkillAdapter,
    )

    from benchmarks.refs import hello

    app = Flask(__name__)
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    adapter = SkillAdapter(
        skill=hello.sb.create(), skill_id=os.environ.get(SKILL_ID_ENV, "hello"), app=app
    )
    adapter.register(app=app, route="/")
    return app
