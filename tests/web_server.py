"""``python -m tests.web_server [flags of twitch-guide serve]``: ``twitch-guide serve`` itself
(the same flags, gunicorn settings and gevent worker), serving ``create_test_app``: the test CA
as the only trusted root and the chains from ``$WEB_TEST_CERT_DIR`` (see ``tests.web_support``).
"""

from __future__ import annotations

import sys

from skill.web import serve
from tests.web_support import create_test_app

if __name__ == "__main__":
    sys.exit(serve.main(["serve", *sys.argv[1:]], make_app=create_test_app))
