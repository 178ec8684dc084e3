"""The keys that sign and verify access tokens, and their public JWKS form.

HS256 uses one shared secret and publishes nothing. EdDSA (Ed25519) derives
its key pair from a 32-byte seed kept in the environment, names the public
key by its RFC 7638 thumbprint (`kid`), and publishes it as a JWK set.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

Algorithm = Literal["HS256", "EdDSA"]
ED25519_SEED_BYTES = 32


@dataclass(frozen=True)
class SigningKeys:
    """One algorithm, the key that signs, and the keys that verify by kid."""

    algorithm: Algorithm
    signing_key: str | Ed25519PrivateKey
    kid: str | None
    verification_keys: dict[str | None, str | Ed25519PublicKey]
    public_jwks: dict[str, list[dict[str, Any]]]


# Opaque access tokens are not signed: nothing to sign with or publish.
NO_SIGNING_KEYS = SigningKeys(
    algorithm="HS256",
    signing_key="",
    kid=None,
    verification_keys={},
    public_jwks={"keys": []},
)


def hmac_keys(secret: str) -> SigningKeys:
    """Keys for HS256: the secret does both jobs, and nothing is published."""
    return SigningKeys(
        algorithm="HS256",
        signing_key=secret,
        kid=None,
        verification_keys={None: secret},
        public_jwks={"keys": []},
    )


def ed25519_keys(seed_hex: str) -> SigningKeys:
    """Keys for EdDSA from a hex-encoded 32-byte seed."""
    seed = bytes.fromhex(seed_hex)
    if len(seed) != ED25519_SEED_BYTES:
        raise ValueError(f"an Ed25519 seed is {ED25519_SEED_BYTES} bytes")

    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    public_key = private_key.public_key()
    jwk = _public_jwk(public_key)

    return SigningKeys(
        algorithm="EdDSA",
        signing_key=private_key,
        kid=jwk["kid"],
        verification_keys={jwk["kid"]: public_key},
        public_jwks={"keys": [jwk]},
    )


def _public_jwk(public_key: Ed25519PublicKey) -> dict[str, Any]:
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    # RFC 7638: hash the required members, sorted, with no whitespace.
    canonical = json.dumps(members, sort_keys=True, separators=(",", ":"))
    thumbprint = _b64url(hashlib.sha256(canonical.encode()).digest())
    return {**members, "kid": thumbprint, "alg": "EdDSA", "use": "sig"}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
