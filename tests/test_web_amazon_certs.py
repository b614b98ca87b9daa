"""Amazon's real request-signing chains, checked with certifi's roots at fixed times.

The recorded chains live beside the repository (``shared/fixtures/amazon-echo-api-certs``, see
its README). Each must be accepted at a time inside its leaf's validity and rejected after the
leaf expires, through the same code path as a live request (fetch -> validate -> cache).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509

from skill.web import RequestVerifier
from skill.web.verifier import VerificationException, certifi_roots

FIXTURES = (
    Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "amazon-echo-api-certs"
)
CHAINS = sorted(FIXTURES.glob("*.pem")) if FIXTURES.is_dir() else []
URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"

pytestmark = pytest.mark.skipif(
    not CHAINS, reason=f"Amazon certificate fixtures not found at {FIXTURES}"
)


@pytest.fixture(scope="module")
def roots() -> list[x509.Certificate]:
    return certifi_roots()


def verifier_at(moment: datetime, pem: bytes, roots: list[x509.Certificate]) -> RequestVerifier:
    return RequestVerifier(trust_roots=roots, fetch=lambda url: pem, now=lambda: moment)


def leaf_of(pem: bytes) -> x509.Certificate:
    return x509.load_pem_x509_certificates(pem)[0]


def test_all_four_fixtures_present() -> None:
    assert len(CHAINS) == 4, CHAINS


@pytest.mark.parametrize("chain", CHAINS, ids=lambda p: p.name)
def test_real_chain_accepted_inside_leaf_validity(
    chain: Path, roots: list[x509.Certificate]
) -> None:
    pem = chain.read_bytes()
    leaf = leaf_of(pem)
    for moment in (
        leaf.not_valid_before_utc + timedelta(minutes=1),
        leaf.not_valid_before_utc + (leaf.not_valid_after_utc - leaf.not_valid_before_utc) / 2,
        leaf.not_valid_after_utc - timedelta(minutes=1),
    ):
        verifier = verifier_at(moment, pem, roots)
        assert verifier.validate_chain(pem) == leaf
        assert verifier.signing_key(URL) == leaf.public_key()


@pytest.mark.parametrize("chain", CHAINS, ids=lambda p: p.name)
def test_real_chain_rejected_after_leaf_expiry(chain: Path, roots: list[x509.Certificate]) -> None:
    pem = chain.read_bytes()
    leaf = leaf_of(pem)
    for moment in (
        leaf.not_valid_after_utc + timedelta(seconds=1),
        datetime(2040, 1, 1, tzinfo=leaf.not_valid_after_utc.tzinfo),
    ):
        verifier = verifier_at(moment, pem, roots)
        with pytest.raises(VerificationException):
            verifier.validate_chain(pem)
        with pytest.raises(VerificationException):
            verifier.signing_key(URL)


@pytest.mark.parametrize("chain", CHAINS, ids=lambda p: p.name)
def test_real_chain_rejected_before_leaf_validity(
    chain: Path, roots: list[x509.Certificate]
) -> None:
    pem = chain.read_bytes()
    moment = leaf_of(pem).not_valid_before_utc - timedelta(seconds=1)
    with pytest.raises(VerificationException):
        verifier_at(moment, pem, roots).validate_chain(pem)


@pytest.mark.parametrize("chain", CHAINS, ids=lambda p: p.name)
def test_real_chain_needs_a_trusted_root(chain: Path) -> None:
    """With a store that lacks Amazon's roots, the same chain is refused."""
    pem = chain.read_bytes()
    leaf = leaf_of(pem)
    from tests.web_support import make_pki

    moment = leaf.not_valid_before_utc + timedelta(days=1)
    with pytest.raises(VerificationException, match="not trusted"):
        verifier_at(moment, pem, [make_pki().root]).validate_chain(pem)
