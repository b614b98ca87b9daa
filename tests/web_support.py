"""Test helpers for the web service: a local test CA and requests signed exactly as Alexa does.

Alexa sends ``SignatureCertChainUrl`` (where the PEM chain lives, leaf first) and
``Signature-256`` = base64(RSA-PKCS#1 v1.5 with SHA-256 over the raw body bytes).

Also the gunicorn factory used by the web tests: ``tests.web_support:create_test_app()`` reads the
trusted root and the chain to serve from files named by environment variables, and
``CertServer``: the chains over http or https on 127.0.0.1, counting every fetch.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import ssl
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

if TYPE_CHECKING:
    from flask import Flask

SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000web1"
CERT_BASE = "https://s3.amazonaws.com/echo.api/"
CERT_URL = CERT_BASE + "good.pem"
EXPIRED_URL = CERT_BASE + "expired.pem"
NO_SAN_URL = CERT_BASE + "nosan.pem"
UNTRUSTED_URL = CERT_BASE + "untrusted.pem"
ALEXA_DNS = "echo-api.amazon.com"

CERT_DIR_ENV = "WEB_TEST_CERT_DIR"
#: ``https://127.0.0.1:PORT`` of a ``CertServer(tls=True)``: fetch chains from it over TLS
CERT_SERVER_ENV = "WEB_TEST_CERT_SERVER"


@cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """One 2048-bit key per name, generated once per test session."""
    del name
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Twitch Guide Test CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    not_before: datetime,
    not_after: datetime,
    dns_names: tuple[str, ...] = (),
) -> x509.Certificate:
    public = key.public_key()
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer is not None else _name(subject))
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), critical=True
        ).add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    else:
        builder = (
            builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=True,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
        )
        if dns_names:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]),
                critical=False,
            )
    return builder.sign(issuer_key, hashes.SHA256())


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in certificates)


@dataclass(frozen=True)
class PKI:
    """root -> intermediate -> leaves; plus a second, untrusted root with its own chain."""

    root: x509.Certificate
    intermediate: x509.Certificate
    leaf: x509.Certificate
    leaf_key: rsa.RSAPrivateKey
    expired_leaf: x509.Certificate
    no_san_leaf: x509.Certificate
    untrusted_chain: bytes
    other_key: rsa.RSAPrivateKey

    @property
    def chain(self) -> bytes:
        """The good chain, leaf first, as Amazon serves it."""
        return pem(self.leaf, self.intermediate)

    @property
    def expired_chain(self) -> bytes:
        return pem(self.expired_leaf, self.intermediate)

    @property
    def no_san_chain(self) -> bytes:
        return pem(self.no_san_leaf, self.intermediate)


@cache
def make_pki() -> PKI:
    now = datetime.now(UTC).replace(microsecond=0)
    long_ago, far_ahead = now - timedelta(days=30), now + timedelta(days=3650)
    root_key, inter_key, leaf_key = rsa_key("root"), rsa_key("intermediate"), rsa_key("leaf")
    root = _certificate(
        "Test Root CA", root_key, None, root_key, ca=True, not_before=long_ago, not_after=far_ahead
    )
    inter = _certificate(
        "Test Intermediate CA",
        inter_key,
        root,
        root_key,
        ca=True,
        not_before=long_ago,
        not_after=far_ahead,
    )

    def leaf(not_before: datetime, not_after: datetime, dns: tuple[str, ...]) -> x509.Certificate:
        return _certificate(
            ALEXA_DNS,
            leaf_key,
            inter,
            inter_key,
            ca=False,
            not_before=not_before,
            not_after=not_after,
            dns_names=dns,
        )

    rogue_root_key, rogue_inter_key = rsa_key("rogue-root"), rsa_key("rogue-intermediate")
    rogue_root = _certificate(
        "Test Root CA",  # same name as the trusted root: only the key differs
        rogue_root_key,
        None,
        rogue_root_key,
        ca=True,
        not_before=long_ago,
        not_after=far_ahead,
    )
    rogue_inter = _certificate(
        "Test Intermediate CA",
        rogue_inter_key,
        rogue_root,
        rogue_root_key,
        ca=True,
        not_before=long_ago,
        not_after=far_ahead,
    )
    rogue_leaf = _certificate(
        ALEXA_DNS,
        leaf_key,
        rogue_inter,
        rogue_inter_key,
        ca=False,
        not_before=long_ago,
        not_after=now + timedelta(days=365),
        dns_names=(ALEXA_DNS,),
    )
    return PKI(
        root=root,
        intermediate=inter,
        leaf=leaf(long_ago, now + timedelta(days=365), (ALEXA_DNS,)),
        leaf_key=leaf_key,
        expired_leaf=leaf(long_ago, now - timedelta(days=1), (ALEXA_DNS,)),
        no_san_leaf=leaf(long_ago, now + timedelta(days=365), ("example.com",)),
        untrusted_chain=pem(rogue_leaf, rogue_inter, rogue_root),
        other_key=rsa_key("other"),
    )


def sign(body: bytes, key: rsa.RSAPrivateKey) -> str:
    """``Signature-256`` exactly as Alexa computes it."""
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")


def signed_headers(
    body: bytes, key: rsa.RSAPrivateKey | None = None, cert_url: str = CERT_URL
) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "SignatureCertChainUrl": cert_url,
        "Signature-256": sign(body, key if key is not None else make_pki().leaf_key),
    }


def launch_envelope(
    *, skill_id: str = SKILL_ID, now: datetime | None = None, request_type: str | None = None
) -> dict[str, Any]:
    """A genuine LaunchRequest envelope (from the simulator), optionally retimed/retyped."""
    from skill.simulator.envelopes import build_envelope, launch_request

    envelope = build_envelope(launch_request(now=now), skill_id=skill_id)
    if request_type is not None:
        envelope["request"]["type"] = request_type
    return envelope


def body_of(envelope: dict[str, Any]) -> bytes:
    return json.dumps(envelope, separators=(",", ":")).encode("utf-8")


def chains() -> dict[str, bytes]:
    """File name under ``CERT_BASE`` -> PEM chain served there."""
    pki = make_pki()
    return {
        "good.pem": pki.chain,
        "expired.pem": pki.expired_chain,
        "nosan.pem": pki.no_san_chain,
        "untrusted.pem": pki.untrusted_chain,
    }


def write_pki(directory: Path) -> dict[str, str]:
    """Write ``root.pem`` and every chain to ``directory``; return the env for
    ``create_test_app``."""
    (directory / "root.pem").write_bytes(pem(make_pki().root))
    for name, chain in chains().items():
        (directory / name).write_bytes(chain)
    return {CERT_DIR_ENV: str(directory), "SKILL_ID": SKILL_ID}


def file_fetch(directory: Path) -> Callable[[str], bytes]:
    """A ``fetch(url)`` serving ``CERT_BASE + name`` from ``directory / name``."""

    def fetch(url: str) -> bytes:
        if not url.startswith(CERT_BASE) or "/" in url[len(CERT_BASE) :]:
            raise OSError(f"no such certificate chain: {url}")
        return (directory / url[len(CERT_BASE) :]).read_bytes()

    return fetch


def local_url(url: str, base: str) -> str:
    """``CERT_BASE + name`` -> ``base + "/echo.api/" + name`` (a local certificate server)."""
    if not url.startswith(CERT_BASE):
        raise OSError(f"not a test certificate URL: {url}")
    return base.rstrip("/") + "/echo.api/" + url[len(CERT_BASE) :]


def tls_fetch(base: str, cafile: str) -> Callable[[str], bytes]:
    """A ``fetch(url)`` downloading ``CERT_BASE + name`` from a ``CertServer(tls=True)`` at ``base``
    with the production ``https_fetch`` (TLS, certificate checked against ``cafile``)."""
    from skill.web.verifier import https_fetch

    def fetch(url: str) -> bytes:
        return https_fetch(local_url(url, base), cafile=cafile)

    return fetch


def create_test_app(**settings: Any) -> Flask:
    """gunicorn factory (``tests.web_support:create_test_app()``): the real app and skill, with the
    test CA as the only trusted root and chains read from ``$WEB_TEST_CERT_DIR`` instead of S3
    (or, with ``$WEB_TEST_CERT_SERVER``, fetched over TLS from that ``CertServer``).
    ``settings`` go to ``create_app`` (``twitch-guide serve`` passes path and body timeout)."""
    from skill.web import RequestVerifier, create_app

    directory = Path(os.environ[CERT_DIR_ENV])
    root = x509.load_pem_x509_certificate((directory / "root.pem").read_bytes())
    server = os.environ.get(CERT_SERVER_ENV)
    fetch = tls_fetch(server, str(directory / "root.pem")) if server else file_fetch(directory)
    return create_app(verifier=RequestVerifier(trust_roots=[root], fetch=fetch), **settings)


@cache
def tls_credentials() -> tuple[bytes, bytes]:
    """(certificate PEM, key PEM) for https on 127.0.0.1, issued by the test root."""
    now = datetime.now(UTC).replace(microsecond=0)
    key, root_key = rsa_key("tls-server"), rsa_key("root")
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(make_pki().root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem(cert), key_pem


class CertServer:
    """The test chains at ``http(s)://127.0.0.1:PORT/echo.api/NAME`` (404 for unknown names),
    in a background thread; ``paths`` records every GET.  ``with CertServer() as server: ...``

    ``tls=True`` serves https with ``tls_credentials()`` (trust the test root to fetch);
    ``delay`` seconds pass before each answer.
    """

    def __init__(
        self, directory: Path | None = None, *, tls: bool = False, delay: float = 0.0
    ) -> None:
        self.paths: list[str] = []
        self._chains = chains()
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with owner._lock:
                    owner.paths.append(self.path)
                time.sleep(delay)
                name = self.path.removeprefix("/echo.api/")
                body = owner._chains.get(name) if self.path.startswith("/echo.api/") else None
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.tls = tls
        if tls:
            if directory is None:
                raise ValueError("tls=True needs a directory for the key files")
            cert_pem, key_pem = tls_credentials()
            (directory / "tls-cert.pem").write_bytes(cert_pem)
            (directory / "tls-key.pem").write_bytes(key_pem)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(directory / "tls-cert.pem", directory / "tls-key.pem")
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port: int = self._server.server_address[1]
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> CertServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def fetch(self, url: str) -> bytes:
        """A plain-http ``fetch(url)`` for ``RequestVerifier`` (``CERT_BASE + name`` only)."""
        if self.tls:
            raise ValueError("use tls_fetch() for a TLS server")
        with urllib.request.urlopen(local_url(url, self.base), timeout=2) as response:
            data: bytes = response.read()
            return data
