"""Alexa request verification with pyca/cryptography (no certvalidator, no oscrypto).

Implements Amazon's checks for skills hosted as a web service: the ``SignatureCertChainUrl``
shape, the certificate chain it points to (in date, SAN ``echo-api.amazon.com``, chains to a
trusted root), the ``Signature-256`` over the raw body, the request timestamp and the skill id.
Every failure raises ``VerificationException`` with a short reason; the web app turns that into
HTTP 400.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ask_sdk_webservice_support.verifier import AbstractVerifier, VerificationException
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.x509 import DNSName
from cryptography.x509.verification import (
    PolicyBuilder,
    ServerVerifier,
    Store,
    VerificationError,
)

__all__ = [
    "ApplicationIdVerifier",
    "RequestVerifier",
    "TimestampVerifier",
    "VerificationException",
    "canonical_cert_url",
    "certifi_roots",
    "https_fetch",
]

SIGNATURE_CERT_CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
CERT_SUBJECT = "echo-api.amazon.com"
FETCH_TIMEOUT_SECONDS = 2.0
MAX_CHAIN_BYTES = 64 * 1024
FAILURE_TTL = timedelta(seconds=60)
REQUEST_TOLERANCE = timedelta(seconds=150)
SKILL_EVENT_TOLERANCE = timedelta(hours=1)
SKILL_EVENT_PREFIX = "AlexaSkillEvent."

Clock = Callable[[], datetime]
Fetch = Callable[[str], bytes]


def utc_now() -> datetime:
    return datetime.now(UTC)


def header(headers: Mapping[str, Any], name: str) -> str | None:
    """A header value, looked up case-insensitively in any mapping (Flask's or a plain dict)."""
    value = headers.get(name)
    if value is None:
        wanted = name.lower()
        value = next((v for k, v in headers.items() if str(k).lower() == wanted), None)
    return None if value is None else str(value)


def canonical_cert_url(url: str) -> str:
    """Check a ``SignatureCertChainUrl`` the way Amazon specifies; return the URL to fetch.

    Scheme https and host s3.amazonaws.com (both case-insensitive), port 443 if given, and a
    path that starts with ``/echo.api/`` (case-sensitive) after removing dot segments. The
    returned URL is rebuilt from the checked parts, so what is fetched is what was checked.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise VerificationException("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise VerificationException("certificate URL is not https")
    if parts.hostname != CERT_HOST or parts.username is not None or parts.password is not None:
        raise VerificationException("certificate URL host is not s3.amazonaws.com")
    if port not in (None, 443):
        raise VerificationException("certificate URL port is not 443")
    if parts.query or parts.fragment or "%" in parts.path or "\\" in parts.path:
        raise VerificationException("certificate URL path is not plain")
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CERT_PATH_PREFIX):
        raise VerificationException("certificate URL path does not start with /echo.api/")
    return f"https://{CERT_HOST}{path}"


def certifi_roots() -> list[x509.Certificate]:
    """The trust store shipped by ``certifi`` (certificates cryptography cannot parse skipped)."""
    import warnings
    from pathlib import Path

    import certifi

    marker = b"-----END CERTIFICATE-----"
    roots: list[x509.Certificate] = []
    with warnings.catch_warnings():
        # A few long-lived roots have non-positive serial numbers; they still load.
        warnings.simplefilter("ignore")
        for block in Path(certifi.where()).read_bytes().split(marker)[:-1]:
            try:
                roots.append(x509.load_pem_x509_certificate(block + marker))
            except ValueError:
                continue
    return roots


def https_fetch(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    max_bytes: int = MAX_CHAIN_BYTES,
    cafile: str | None = None,
) -> bytes:
    """GET ``url`` over https (certifi trust store, no redirects), at most ``max_bytes``.

    ``timeout`` bounds connecting and each read, and the whole download: a body still arriving
    after ``timeout`` seconds is abandoned. ``cafile`` replaces certifi's store (tests).
    """
    import ssl
    import urllib.request

    import certifi

    if urlsplit(url).scheme != "https":
        raise ValueError("only https URLs are fetched")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    context = ssl.create_default_context(cafile=cafile or certifi.where())
    opener = urllib.request.build_opener(NoRedirect(), urllib.request.HTTPSHandler(context=context))
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    with opener.open(url, timeout=timeout) as response:
        while True:
            chunk = response.read(16 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise ValueError(f"certificate chain larger than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise TimeoutError("certificate chain download took too long")
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class _Signer:
    key: RSAPublicKey
    not_before: datetime
    not_after: datetime


class RequestVerifier(AbstractVerifier):
    """Verifies ``SignatureCertChainUrl`` + ``Signature-256`` of an Alexa request.

    ``trust_roots``: the trusted root certificates (default: certifi's store).
    ``fetch(url) -> bytes``: downloads the PEM chain, leaf first (default: :func:`https_fetch`).
    ``now() -> datetime``: the clock (aware datetime) used for certificate validity.
    Validated signing keys are cached per URL until the first certificate of the chain expires
    (at most ``cache_size`` URLs, least recently used evicted; thread-safe).
    A URL whose chain could not be fetched or validated is refused without a new fetch for
    ``failure_ttl`` (at most ``failure_cache_size`` URLs): forged requests naming a well-formed
    certificate URL do not each cause a download.
    """

    def __init__(
        self,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetch: Fetch | None = None,
        now: Clock | None = None,
        *,
        cache_size: int = 16,
        failure_ttl: timedelta = FAILURE_TTL,
        failure_cache_size: int = 256,
    ) -> None:
        roots = list(trust_roots) if trust_roots is not None else certifi_roots()
        if not roots:
            raise ValueError("trust_roots must contain at least one certificate")
        self._store = Store(roots)
        self._fetch: Fetch = fetch if fetch is not None else https_fetch
        self.now: Clock = now if now is not None else utc_now
        self._cache_size = max(1, cache_size)
        self._cache: OrderedDict[str, _Signer] = OrderedDict()
        self._failure_ttl = failure_ttl
        self._failure_cache_size = max(1, failure_cache_size)
        # URL -> (when the fetch or validation failed, the reason)
        self._failures: OrderedDict[str, tuple[datetime, str]] = OrderedDict()
        self._fetching: dict[str, threading.Lock] = {}  # URL -> held while it is fetched
        self._lock = threading.Lock()

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any = None,
    ) -> None:
        cert_url = header(headers, SIGNATURE_CERT_CHAIN_URL_HEADER)
        if not cert_url:
            raise VerificationException("missing SignatureCertChainUrl header")
        encoded_signature = header(headers, SIGNATURE_HEADER)
        if not encoded_signature:
            raise VerificationException("missing Signature-256 header")
        try:
            signature = base64.b64decode(encoded_signature.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise VerificationException("Signature-256 is not base64") from exc
        body = (
            serialized_request_env.encode("utf-8")
            if isinstance(serialized_request_env, str)
            else serialized_request_env
        )
        key = self.signing_key(cert_url)
        try:
            key.verify(signature, body, PKCS1v15(), SHA256())
        except InvalidSignature as exc:
            raise VerificationException("signature does not match the request body") from exc

    def signing_key(self, cert_url: str) -> RSAPublicKey:
        """The validated public key behind ``cert_url`` (cached).

        One fetch per URL at a time: requests that need a URL already being fetched wait for
        that fetch (at most its timeout) and share its outcome, success or failure.
        """
        url = canonical_cert_url(cert_url)
        moment = self.now()
        key = self._cached(url, moment)
        if key is not None:
            return key
        with self._lock:
            fetching = self._fetching.setdefault(url, threading.Lock())
        with fetching:
            try:
                key = self._cached(url, moment)  # fetched meanwhile by whoever held the lock
                if key is not None:
                    return key
                return self._fetch_and_validate(url, moment)
            finally:
                with self._lock:
                    if self._fetching.get(url) is fetching:
                        del self._fetching[url]

    def _cached(self, url: str, moment: datetime) -> RSAPublicKey | None:
        """The cached key for ``url``, or None; raises for a recently failed URL."""
        with self._lock:
            signer = self._cache.get(url)
            if signer is not None:
                if signer.not_before <= moment <= signer.not_after:
                    self._cache.move_to_end(url)
                    return signer.key
                del self._cache[url]
            failure = self._failures.get(url)
            if failure is not None:
                failed_at, reason = failure
                if failed_at <= moment < failed_at + self._failure_ttl:
                    raise VerificationException(f"{reason} (recent failure, not fetched again)")
                del self._failures[url]
        return None

    def _fetch_and_validate(self, url: str, moment: datetime) -> RSAPublicKey:
        try:
            try:
                pem = self._fetch(url)
            except Exception as exc:
                raise VerificationException(
                    f"certificate chain could not be fetched: {exc}"
                ) from exc
            signer = self._validate(pem, moment)
        except VerificationException as exc:
            self._remember_failure(url, moment, str(exc))
            raise
        with self._lock:
            self._cache[url] = signer
            self._cache.move_to_end(url)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return signer.key

    def _remember_failure(self, url: str, moment: datetime, reason: str) -> None:
        with self._lock:
            self._failures[url] = (moment, reason)
            self._failures.move_to_end(url)
            while len(self._failures) > self._failure_cache_size:
                self._failures.popitem(last=False)

    def validate_chain(self, pem_chain: bytes, at: datetime | None = None) -> x509.Certificate:
        """Validate a PEM chain (leaf first) at ``at`` (default: now); return the leaf."""
        moment = at if at is not None else self.now()
        certificates = self._load(pem_chain)
        self._build_chain(certificates, moment)
        return certificates[0]

    def _validate(self, pem_chain: bytes, moment: datetime) -> _Signer:
        certificates = self._load(pem_chain)
        chain = self._build_chain(certificates, moment)
        key = certificates[0].public_key()
        if not isinstance(key, RSAPublicKey):
            raise VerificationException("signing certificate key is not RSA")
        return _Signer(
            key=key,
            not_before=max(cert.not_valid_before_utc for cert in chain),
            not_after=min(cert.not_valid_after_utc for cert in chain),
        )

    @staticmethod
    def _load(pem_chain: bytes) -> list[x509.Certificate]:
        try:
            certificates = x509.load_pem_x509_certificates(pem_chain)
        except ValueError as exc:
            raise VerificationException("certificate chain is not valid PEM") from exc
        if not certificates:
            raise VerificationException("certificate chain is empty")
        return certificates

    def _server_verifier(self, moment: datetime) -> ServerVerifier:
        # The server-authentication policy checks that the leaf's SAN holds echo-api.amazon.com.
        return (
            PolicyBuilder()
            .store(self._store)
            .time(moment)
            .build_server_verifier(DNSName(CERT_SUBJECT))
        )

    def _build_chain(
        self, certificates: list[x509.Certificate], moment: datetime
    ) -> list[x509.Certificate]:
        leaf, intermediates = certificates[0], certificates[1:]
        if not leaf.not_valid_before_utc <= moment <= leaf.not_valid_after_utc:
            raise VerificationException("signing certificate is not valid now (expired?)")
        try:
            return self._server_verifier(moment).verify(leaf, intermediates)
        except VerificationError as exc:
            raise VerificationException(f"certificate chain is not trusted: {exc}") from exc


class TimestampVerifier(AbstractVerifier):
    """The request timestamp must be within 150 s of now (skill events: 1 hour)."""

    def __init__(
        self,
        now: Clock | None = None,
        tolerance: timedelta = REQUEST_TOLERANCE,
        skill_event_tolerance: timedelta = SKILL_EVENT_TOLERANCE,
    ) -> None:
        self.now: Clock = now if now is not None else utc_now
        self._tolerance = tolerance
        self._skill_event_tolerance = skill_event_tolerance

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any,
    ) -> None:
        request = getattr(deserialized_request_env, "request", None)
        timestamp = getattr(request, "timestamp", None)
        if not isinstance(timestamp, datetime):
            raise VerificationException("request has no timestamp")
        if timestamp.tzinfo is None:
            timestamp = timestamp.replace(tzinfo=UTC)
        request_type = str(getattr(request, "object_type", "") or "")
        tolerance = (
            self._skill_event_tolerance
            if request_type.startswith(SKILL_EVENT_PREFIX)
            else self._tolerance
        )
        if abs(self.now() - timestamp) > tolerance:
            raise VerificationException("request timestamp is out of tolerance")


class ApplicationIdVerifier(AbstractVerifier):
    """Every application id the request carries must equal the configured skill id."""

    def __init__(self, skill_id: str) -> None:
        if not skill_id:
            raise ValueError("skill_id is required")
        self.skill_id = skill_id

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str | bytes,
        deserialized_request_env: Any,
    ) -> None:
        found = [
            getattr(getattr(holder, "application", None), "application_id", None)
            for holder in (
                getattr(getattr(deserialized_request_env, "context", None), "system", None),
                getattr(deserialized_request_env, "session", None),
            )
        ]
        present = [value for value in found if value is not None]
        if not present:
            raise VerificationException("request carries no application id")
        if any(value != self.skill_id for value in present):
            raise VerificationException("application id does not match this skill")
