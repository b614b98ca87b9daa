"""Test helpers for the web service: a local test CA and requests signed exactly as Alexa does.

Alexa sends ``SignatureCertChainUrl`` (where the PEM chain lives, leaf first) and
``Signature-256`` = base64(RSA-PKCS#1 v1.5 with SHA-256 over the raw body bytes).

Also the gunicorn factory used by the web tests: ``tests.web_support:create_test_app()`` reads the
trusted root and the chain to serve from files named by environment variables.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
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


def create_test_app() -> Flask:
    """gunicorn factory (``tests.web_support:create_test_app()``): the real app and skill, with the
    test CA as the only trusted root and chains read from ``$WEB_TEST_CERT_DIR`` instead of S3."""
    from skill.web import RequestVerifier, create_app

    directory = Path(os.environ[CERT_DIR_ENV])
    root = x509.load_pem_x509_certificate((directory / "root.pem").read_bytes())
    return create_app(verifier=RequestVerifier(trust_roots=[root], fetch=file_fetch(directory)))
