"""The web service in-process (Flask test client): the real skill behind our request verifier.

Every verification failure is its own test and must be HTTP 400 (413 for size) with a short
JSON body, for the reason the test intends (checked in the log), without invoking the skill.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import Response
from flask import Flask
from flask.testing import FlaskClient

from skill.web import RequestVerifier, create_app
from skill.web.guard import json_too_deep
from skill.web.verifier import (
    ApplicationIdVerifier,
    TimestampVerifier,
    VerificationException,
    canonical_cert_url,
    https_fetch,
)
from tests.web_support import (
    CERT_BASE,
    CERT_URL,
    EXPIRED_URL,
    NO_SAN_URL,
    SKILL_ID,
    UNTRUSTED_URL,
    CertServer,
    body_of,
    chains,
    launch_envelope,
    make_pki,
    sign,
    signed_headers,
)

Request = tuple[bytes, dict[str, str]]


class Fetcher:
    """``fetch(url)`` serving the test chains, recording every URL asked for."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self._chains = chains()
        self._lock = threading.Lock()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self.urls.append(url)
        if not url.startswith(CERT_BASE) or url[len(CERT_BASE) :] not in self._chains:
            raise OSError(f"404 {url}")
        return self._chains[url[len(CERT_BASE) :]]


@pytest.fixture(autouse=True)
def _no_persistence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TABLE_NAME", raising=False)
    monkeypatch.delenv("TWITCH_GUIDE_DB", raising=False)


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher()


@pytest.fixture
def app(fetcher: Fetcher) -> Flask:
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher)
    return create_app(skill_id=SKILL_ID, verifier=verifier)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def valid_request(**envelope_args: Any) -> Request:
    body = body_of(launch_envelope(**envelope_args))
    return body, signed_headers(body)


def post(client: FlaskClient, request: Request, path: str = "/") -> Any:
    body, headers = request
    return client.post(path, data=body, headers=headers)


# --- the happy path ---------------------------------------------------------------------------


def test_valid_launch_request_reaches_the_skill(client: FlaskClient, fetcher: Fetcher) -> None:
    response = post(client, valid_request())
    assert response.status_code == 200, response.get_data(as_text=True)
    payload = response.get_json()
    assert payload["version"] == "1.0"
    assert payload["response"]["outputSpeech"]["ssml"]
    assert fetcher.urls == [CERT_URL]


def test_chain_is_fetched_once_per_url(client: FlaskClient, fetcher: Fetcher) -> None:
    for _ in range(5):
        assert post(client, valid_request()).status_code == 200
    assert fetcher.urls == [CERT_URL]


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://s3.amazonaws.com/echo.api/good.pem",
        "https://S3.AmazonAWS.com/echo.api/good.pem",
        "https://s3.amazonaws.com:443/echo.api/good.pem",
        "https://s3.amazonaws.com/echo.api/../echo.api/good.pem",
        "https://s3.amazonaws.com/echo.api/./good.pem",
    ],
)
def test_equivalent_certificate_urls_are_accepted(
    client: FlaskClient, fetcher: Fetcher, url: str
) -> None:
    body = body_of(launch_envelope())
    assert post(client, (body, signed_headers(body, cert_url=url))).status_code == 200
    assert fetcher.urls == [CERT_URL]  # what is fetched is the checked, canonical URL


def test_custom_skill_path(fetcher: Fetcher) -> None:
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher)
    client = create_app(skill_id=SKILL_ID, verifier=verifier, path="/alexa").test_client()
    assert post(client, valid_request(), "/alexa").status_code == 200
    assert post(client, valid_request(), "/").status_code == 404


def test_health(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "verification": True}


def test_get_on_skill_path_is_405(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 405
    assert response.get_json()["status"] == 405


# --- every failure: 400 (413 for size), for the intended reason ------------------------------


def _missing(name: str) -> Request:
    body, headers = valid_request()
    del headers[name]
    return body, headers


def _with_url(url: str) -> Request:
    body = body_of(launch_envelope())
    return body, signed_headers(body, cert_url=url)


def _tampered() -> Request:
    body, headers = valid_request()
    return body.replace(b"en-US", b"en-GB"), headers


def _signed_by_other_key() -> Request:
    body = body_of(launch_envelope())
    return body, signed_headers(body, key=make_pki().other_key)


def _garbage_signature() -> Request:
    body, headers = valid_request()
    headers["Signature-256"] = "not base64!"
    return body, headers


def _shifted(seconds: int) -> Request:
    return valid_request(now=datetime.now(UTC) + timedelta(seconds=seconds))


def _raw(body: bytes) -> Request:
    return body, signed_headers(body)


FAILURES: dict[str, tuple[Callable[[], Request], str]] = {
    "missing-cert-url-header": (lambda: _missing("SignatureCertChainUrl"), "SignatureCertChainUrl"),
    "missing-signature-header": (lambda: _missing("Signature-256"), "Signature-256"),
    "url-http": (lambda: _with_url("http://s3.amazonaws.com/echo.api/good.pem"), "not https"),
    "url-other-host": (
        lambda: _with_url("https://notamazon.com/echo.api/good.pem"),
        "host is not",
    ),
    "url-host-suffix": (
        lambda: _with_url("https://s3.amazonaws.com.evil.example/echo.api/good.pem"),
        "host is not",
    ),
    "url-userinfo": (
        lambda: _with_url("https://evil@s3.amazonaws.com/echo.api/good.pem"),
        "host is not",
    ),
    "url-path-case": (
        lambda: _with_url("https://s3.amazonaws.com/EcHo.aPi/good.pem"),
        "does not start with /echo.api/",
    ),
    "url-path-Echo": (
        lambda: _with_url("https://s3.amazonaws.com/Echo.api/good.pem"),
        "does not start with /echo.api/",
    ),
    "url-dot-dot-escape": (
        lambda: _with_url("https://s3.amazonaws.com/echo.api/../good.pem"),
        "does not start with /echo.api/",
    ),
    "url-dot-dot-x": (
        lambda: _with_url("https://s3.amazonaws.com/echo.api/../x"),
        "does not start with /echo.api/",
    ),
    "url-port-8443": (
        lambda: _with_url("https://s3.amazonaws.com:8443/echo.api/good.pem"),
        "port is not 443",
    ),
    "url-encoded-dots": (
        lambda: _with_url("https://s3.amazonaws.com/echo.api/%2e%2e/good.pem"),
        "not plain",
    ),
    "url-not-found": (
        lambda: _with_url(CERT_BASE + "missing.pem"),
        "could not be fetched",
    ),
    "expired-leaf": (lambda: _with_url(EXPIRED_URL), "expired"),
    "leaf-without-san": (lambda: _with_url(NO_SAN_URL), "subjectAltName"),
    "untrusted-root": (lambda: _with_url(UNTRUSTED_URL), "not trusted"),
    "tampered-body": (_tampered, "signature does not match"),
    "signature-other-key": (_signed_by_other_key, "signature does not match"),
    "signature-not-base64": (_garbage_signature, "not base64"),
    "timestamp-old": (lambda: _shifted(-200), "timestamp"),
    "timestamp-future": (lambda: _shifted(+200), "timestamp"),
    "wrong-application-id": (
        lambda: valid_request(skill_id="amzn1.ask.skill.someone-else"),
        "application id",
    ),
    "malformed-json": (lambda: _raw(b'{"version": "1.0", "request": '), "malformed JSON"),
    "not-utf8": (lambda: _raw(b'{"version": "\xff\xfe"}'), "malformed JSON"),
    "json-not-object": (lambda: _raw(b"[1, 2, 3]"), "not a JSON object"),
    "empty-body": (lambda: _raw(b""), "malformed JSON"),
    "envelope-undeserializable": (
        lambda: _raw(b'{"version":"1.0","request":{"type":"LaunchRequest","timestamp":"soon"}}'),
        "malformed request envelope",
    ),
    "envelope-without-request": (lambda: _raw(b'{"version":"1.0"}'), "timestamp"),
    "json-5000-deep": (lambda: _raw(b'{"a":' + b"[" * 5000 + b"]" * 5000 + b"}"), "deeper than 64"),
    "json-5000-deep-unterminated": (lambda: _raw(b"[" * 5000), "deeper than 64"),
    "json-65-deep-signed": (lambda: _nested(65), "deeper than 64"),
}


def _nested(depth: int, inside_string: bool = False) -> Request:
    """A genuine, signed LaunchRequest whose deepest point is ``depth`` levels down: the envelope
    object is level 1, and its extra field ``x`` holds ``depth - 1`` arrays inside one another
    (with ``inside_string``: a string of that many brackets, which is no nesting at all)."""
    envelope = launch_envelope()
    body = body_of(envelope)
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    extra = json.dumps(nested) if inside_string else nested
    body = body[:-1] + b',"x":' + extra.encode() + b"}"
    return body, signed_headers(body)


@pytest.mark.parametrize("case", list(FAILURES))
def test_failure_is_400_with_json_and_reason(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    make, reason = FAILURES[case]
    with caplog.at_level(logging.WARNING):
        response = post(client, make())
    assert response.status_code == 400, response.get_data(as_text=True)
    assert response.get_json() == {"error": "bad request", "status": 400}
    rejections = [r.getMessage() for r in caplog.records if "rejected" in r.getMessage()]
    assert len(rejections) == 1 and reason in rejections[0], rejections


_STRING_VALUE = re.compile(rb':\s*"([^"]{4,})"')


@pytest.mark.parametrize("case", list(FAILURES))
def test_rejection_logs_exactly_one_line(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    """One record per rejected request, from any logger: no traceback, one line, the reason and
    nothing from the body (no ids, no values)."""
    body, headers = FAILURES[case][0]()
    with caplog.at_level(logging.INFO):
        post(client, (body, headers))
    assert len(caplog.records) == 1, [r.getMessage() for r in caplog.records]
    record = caplog.records[0]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and record.stack_info is None
    message = record.getMessage()
    assert message.startswith("Alexa request rejected: ") and "\n" not in message
    values = [v.decode("utf-8", "replace") for v in _STRING_VALUE.findall(body)]
    assert not [v for v in values if v in message], message


def test_unsigned_envelope_logs_one_line(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            assert client.post("/", data=body_of(launch_envelope())).status_code == 400
    assert [r.getMessage() for r in caplog.records] == [
        "Alexa request rejected: missing SignatureCertChainUrl header"
    ] * 3


class Broken(AbstractRequestHandler):  # type: ignore[misc]
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        raise RuntimeError("the skill failed")


def test_failure_of_the_skill_is_still_logged_in_full(
    fetcher: Fetcher, caplog: pytest.LogCaptureFixture
) -> None:
    """Only rejections are cut to one line: a verified request that the skill fails on is a
    500 with its traceback in the log."""
    builder = SkillBuilder()
    builder.add_request_handler(Broken())
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher)
    client = create_app(skill_id=SKILL_ID, verifier=verifier, skill=builder.create()).test_client()
    with caplog.at_level(logging.INFO):
        assert post(client, valid_request()).status_code == 500
    assert any(r.exc_info for r in caplog.records)
    assert not [r for r in caplog.records if "rejected" in r.getMessage()]


def test_json_64_deep_is_accepted(client: FlaskClient) -> None:
    response = post(client, _nested(64))
    assert response.status_code == 200, response.get_data(as_text=True)


def test_brackets_inside_strings_do_not_count(client: FlaskClient) -> None:
    response = post(client, _nested(5000, inside_string=True))
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("text", "deep"),
    [
        (b"[" * 64 + b"]" * 64, False),
        (b"[" * 65 + b"]" * 65, True),
        (b"{" + b'"a":{' * 63 + b"}" * 64, False),
        (b"{" + b'"a":{' * 64 + b"}" * 65, True),
        (b"[" * 5000 + b"]" * 5000, True),
        (b"[" * 65, True),  # unterminated: still too deep
        (b"[]" * 10_000, False),  # many, but side by side
        (b'["' + b"[" * 5000 + b'"]', False),  # in a string
        (
            b'["\\\\"' + b"," + b"[" * 65 + b"]" * 66,
            True,
        ),  # a string ending in \\ : the brackets after it count
        (b'["\\"' + b"[" * 5000 + b'"]', False),  # an escaped quote does not end the string
        (b'["\\u005b' + b"[" * 100 + b'"]', False),
        (b'"' + b"[" * 100, False),  # an unterminated string runs to the end
        (b"]" * 100 + b"[" * 64, False),  # stray closers do not lower the count below zero
        (b"", False),
    ],
)
def test_json_too_deep(text: bytes, deep: bool) -> None:
    assert json_too_deep(text, 64) is deep


def test_oversized_body_is_413(client: FlaskClient) -> None:
    envelope = launch_envelope()
    envelope["padding"] = "x" * (256 * 1024)
    response = post(client, _raw(body_of(envelope)))
    assert response.status_code == 413
    assert response.get_json()["status"] == 413


def post_chunked(client: FlaskClient, body: bytes) -> Any:
    """A body without Content-Length, the way gunicorn hands chunked requests to the app."""
    import io

    headers = {**signed_headers(body), "Transfer-Encoding": "chunked"}
    return client.post(
        "/",
        input_stream=io.BytesIO(body),
        headers=headers,
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_oversized_body_without_content_length_is_413(client: FlaskClient) -> None:
    response = post_chunked(client, b"{" + b" " * (300 * 1024) + b"}")
    assert response.status_code == 413
    response = post_chunked(client, b" " * (256 * 1024 + 1))
    assert response.status_code == 413


def test_chunked_body_at_the_limit_is_not_413(client: FlaskClient) -> None:
    assert post_chunked(client, b" " * (256 * 1024)).status_code == 400  # read, malformed JSON


def test_chunked_valid_request(client: FlaskClient) -> None:
    body, _ = valid_request()
    assert post_chunked(client, body).status_code == 200


def test_body_at_the_limit_is_not_413(client: FlaskClient) -> None:
    body = b" " * (256 * 1024)
    assert post(client, _raw(body)).status_code == 400  # read in full, then malformed JSON


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_oversized_body_logs_one_line(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, chunked: bool
) -> None:
    body = b"{" + b" " * (300 * 1024) + b"}"
    with caplog.at_level(logging.INFO):
        response = post_chunked(client, body) if chunked else post(client, _raw(body))
    assert response.status_code == 413
    assert response.get_json() == {"error": "request entity too large", "status": 413}
    assert [r.getMessage() for r in caplog.records] == [
        "Alexa request rejected: body larger than 262144 bytes"
    ]


@pytest.mark.parametrize(
    ("content_length", "reason"),
    [("5000", "body shorter than its Content-Length"), ("12x", "invalid Content-Length")],
)
def test_unreadable_body_is_400(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, content_length: str, reason: str
) -> None:
    import io

    body, headers = valid_request()
    with caplog.at_level(logging.INFO):
        response = client.post(
            "/",
            input_stream=io.BytesIO(body),
            headers=headers,
            environ_overrides={"CONTENT_LENGTH": content_length},
        )
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad request", "status": 400}
    assert [r.getMessage() for r in caplog.records] == [f"Alexa request rejected: {reason}"]


# --- the skill is never invoked for a failed request ----------------------------------------


class Counter(AbstractRequestHandler):  # type: ignore[misc]
    def __init__(self) -> None:
        self.calls = 0

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        self.calls += 1
        result: Response = handler_input.response_builder.speak("counted").response
        return result


def test_failures_never_reach_the_skill(fetcher: Fetcher) -> None:
    counter = Counter()
    builder = SkillBuilder()
    builder.add_request_handler(counter)
    spy: CustomSkill = builder.create()
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher)
    client = create_app(skill_id=SKILL_ID, verifier=verifier, skill=spy).test_client()
    for make, _ in FAILURES.values():
        assert post(client, make()).status_code == 400
    assert counter.calls == 0
    assert post(client, valid_request()).status_code == 200
    assert counter.calls == 1


# --- verifier units ---------------------------------------------------------------------------


def test_cache_refetches_after_leaf_expiry_and_then_rejects(fetcher: Fetcher) -> None:
    pki = make_pki()
    clock = [datetime.now(UTC)]
    verifier = RequestVerifier(trust_roots=[pki.root], fetch=fetcher, now=lambda: clock[0])
    verifier.signing_key(CERT_URL)
    verifier.signing_key(CERT_URL)
    assert fetcher.urls == [CERT_URL]
    clock[0] = pki.leaf.not_valid_after_utc + timedelta(seconds=1)
    with pytest.raises(VerificationException, match="expired"):
        verifier.signing_key(CERT_URL)
    assert fetcher.urls == [CERT_URL, CERT_URL]


def test_cache_is_bounded() -> None:
    good = chains()["good.pem"]
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url[len(CERT_BASE) :])
        return good

    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetch, cache_size=2)
    for name in ("a.pem", "b.pem", "a.pem", "c.pem", "a.pem", "b.pem"):
        verifier.signing_key(CERT_BASE + name)
    # a, b cached; a hit; c evicts b (least recently used); a hit; b fetched again.
    assert fetched == ["a.pem", "b.pem", "c.pem", "b.pem"]


def test_cache_is_thread_safe(fetcher: Fetcher) -> None:
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher, cache_size=1)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in range(20):
                verifier.signing_key(CERT_URL if i % 2 else CERT_BASE + "x/../good.pem")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert 1 <= len(fetcher.urls) <= 8


def test_fetch_failure_is_a_verification_failure() -> None:
    def broken(url: str) -> bytes:
        raise TimeoutError("timed out")

    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=broken)
    with pytest.raises(VerificationException, match="could not be fetched"):
        verifier.signing_key(CERT_URL)


# --- failed certificate fetches are remembered (a local certificate server counts fetches) ---


def test_failed_fetch_is_not_repeated_for_a_while() -> None:
    """Forged requests naming a well-formed but missing chain cause one fetch, not one each."""
    clock = [datetime.now(UTC)]
    with CertServer() as server:
        verifier = RequestVerifier(
            trust_roots=[make_pki().root], fetch=server.fetch, now=lambda: clock[0]
        )
        client = create_app(skill_id=SKILL_ID, verifier=verifier).test_client()
        forged = _with_url(CERT_BASE + "missing.pem")
        for _ in range(5):
            assert post(client, forged).status_code == 400
        assert server.paths == ["/echo.api/missing.pem"]
        # Another URL is fetched as usual, and a good chain is still accepted.
        assert post(client, valid_request()).status_code == 200
        assert server.paths == ["/echo.api/missing.pem", "/echo.api/good.pem"]
        clock[0] += timedelta(seconds=59)
        assert post(client, forged).status_code == 400
        assert server.paths.count("/echo.api/missing.pem") == 1
        clock[0] += timedelta(seconds=2)  # 61 s after the failure: fetched again
        assert post(client, forged).status_code == 400
        assert server.paths.count("/echo.api/missing.pem") == 2


def test_remembered_failure_keeps_its_reason() -> None:
    with CertServer() as server:
        verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=server.fetch)
        for _ in range(2):
            with pytest.raises(VerificationException, match="could not be fetched: HTTP Error 404"):
                verifier.signing_key(CERT_BASE + "missing.pem")
        with pytest.raises(VerificationException, match="not fetched again"):
            verifier.signing_key(CERT_BASE + "missing.pem")
        assert len(server.paths) == 1


def test_chain_that_fails_validation_is_not_refetched() -> None:
    with CertServer() as server:
        verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=server.fetch)
        for _ in range(3):
            with pytest.raises(VerificationException, match="not trusted"):
                verifier.signing_key(UNTRUSTED_URL)
        assert server.paths == ["/echo.api/untrusted.pem"]


@pytest.mark.parametrize("name", ["good.pem", "missing.pem"])
def test_concurrent_requests_share_one_fetch(name: str) -> None:
    """Requests arriving while a URL is being fetched wait for that fetch instead of starting
    their own, whether it succeeds or fails."""
    with CertServer(delay=0.3) as server:
        verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=server.fetch)
        outcomes: list[str] = []
        lock = threading.Lock()

        def work() -> None:
            try:
                verifier.signing_key(CERT_BASE + name)
                outcome = "ok"
            except VerificationException as exc:
                outcome = str(exc)
            with lock:
                outcomes.append(outcome)

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=10)
        assert server.paths == ["/echo.api/" + name]
    assert len(outcomes) == 8
    if name == "good.pem":
        assert outcomes == ["ok"] * 8
    else:
        assert all("HTTP Error 404" in outcome for outcome in outcomes), outcomes


def test_failure_cache_is_bounded() -> None:
    with CertServer() as server:
        verifier = RequestVerifier(
            trust_roots=[make_pki().root], fetch=server.fetch, failure_cache_size=2
        )
        for name in ("a.pem", "b.pem", "a.pem", "c.pem", "b.pem", "a.pem"):
            with pytest.raises(VerificationException):
                verifier.signing_key(CERT_BASE + name)
        # a, b remembered; a hit; c evicts a (least recently failed); b hit; a fetched again.
        assert server.paths == ["/echo.api/" + n for n in ("a.pem", "b.pem", "c.pem", "a.pem")]


def test_garbage_chain_is_rejected() -> None:
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=lambda url: b"not a pem")
    with pytest.raises(VerificationException, match="PEM"):
        verifier.signing_key(CERT_URL)


def test_canonical_cert_url() -> None:
    assert canonical_cert_url("https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem") == (
        "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"
    )
    for bad in (
        "https://s3.amazonaws.com/echo.api/",
        "https://s3.amazonaws.com/echo.api",
        "https://s3.amazonaws.com//echo.api/x.pem",
        "https://s3.amazonaws.com:99999/echo.api/x.pem",
        "https://s3.amazonaws.com/echo.api/x.pem?y=1",
        "ftp://s3.amazonaws.com/echo.api/x.pem",
        "",
    ):
        with pytest.raises(VerificationException):
            canonical_cert_url(bad)


def test_https_fetch_refuses_plain_http() -> None:
    with pytest.raises(ValueError, match="https"):
        https_fetch("http://s3.amazonaws.com/echo.api/echo-api-cert.pem")


def test_timestamp_tolerances() -> None:
    from ask_sdk_model import RequestEnvelope
    from ask_sdk_model.events.skillevents import SkillEnabledRequest
    from ask_sdk_model.launch_request import LaunchRequest

    now = datetime(2026, 1, 1, tzinfo=UTC)
    check = TimestampVerifier(now=lambda: now)

    def verify(request: Any) -> None:
        check.verify({}, "", RequestEnvelope(request=request))

    verify(LaunchRequest(timestamp=now - timedelta(seconds=149)))
    verify(LaunchRequest(timestamp=now + timedelta(seconds=149)))
    with pytest.raises(VerificationException):
        verify(LaunchRequest(timestamp=now - timedelta(seconds=151)))
    verify(SkillEnabledRequest(timestamp=now - timedelta(minutes=59)))
    with pytest.raises(VerificationException):
        verify(SkillEnabledRequest(timestamp=now - timedelta(minutes=61)))
    with pytest.raises(VerificationException):
        verify(None)


def test_application_id_must_match_everywhere() -> None:
    from ask_sdk_model import Application, Context, RequestEnvelope, Session
    from ask_sdk_model.interfaces.system import SystemState

    check = ApplicationIdVerifier(SKILL_ID)

    def envelope(context_id: str | None, session_id: str | None) -> RequestEnvelope:
        return RequestEnvelope(
            context=Context(system=SystemState(application=Application(context_id)))
            if context_id
            else None,
            session=Session(application=Application(session_id)) if session_id else None,
        )

    check.verify({}, "", envelope(SKILL_ID, SKILL_ID))
    check.verify({}, "", envelope(SKILL_ID, None))
    for bad in ((SKILL_ID, "other"), ("other", None), (None, None)):
        with pytest.raises(VerificationException):
            check.verify({}, "", envelope(*bad))


def test_signature_is_over_exact_bytes(fetcher: Fetcher) -> None:
    verifier = RequestVerifier(trust_roots=[make_pki().root], fetch=fetcher)
    body = body_of(launch_envelope())
    headers = {"signaturecertchainurl": CERT_URL, "signature-256": sign(body, make_pki().leaf_key)}
    verifier.verify(headers, body.decode("utf-8"), None)  # header names case-insensitive
    spaced = json.dumps(json.loads(body)).encode()  # same JSON, different bytes
    with pytest.raises(VerificationException, match="signature"):
        verifier.verify(headers, spaced.decode("utf-8"), None)


# --- configuration ----------------------------------------------------------------------------


def test_create_app_requires_skill_id_when_verifying(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILL_ID", raising=False)
    with pytest.raises(ValueError, match="SKILL_ID"):
        create_app(verifier=RequestVerifier(trust_roots=[make_pki().root]))


def test_create_app_defaults_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No arguments: SKILL_ID from the environment, certifi roots, real https fetch (unused)."""
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    client = create_app().test_client()
    assert client.get("/health").get_json() == {"status": "ok", "verification": True}
    # Our test CA is not in certifi's store: a request signed by it is refused.
    body = body_of(launch_envelope())
    headers = signed_headers(body, cert_url="https://s3.amazonaws.com:0/echo.api/x.pem")
    assert post(client, (body, headers)).status_code == 400


def test_no_verify_app_serves_unsigned_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKILL_ID", raising=False)
    client = create_app(verify=False).test_client()
    assert client.get("/health").get_json() == {"status": "ok", "verification": False}
    response = client.post("/", data=body_of(launch_envelope()))
    assert response.status_code == 200


def test_sqlite_store_is_wrapped_only_under_gevent(tmp_path: Any) -> None:
    """Outside a gevent worker (this process) the adapter is used as it is; the gunicorn tests
    check the wrapped one."""
    from skill.persistence import SQLiteAdapter
    from skill.web.blocking import gevent_patched, off_the_loop

    store = SQLiteAdapter(tmp_path / "visits.sqlite3")
    assert not gevent_patched()
    assert off_the_loop(store) is store
    assert off_the_loop(None) is None
