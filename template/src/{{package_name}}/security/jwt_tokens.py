"""Access tokens: signed JWTs (PyJWT) bound to a login session.

Every claim the server relies on is required on decode, exactly one
algorithm is accepted, the verification key is chosen by the server (a
`kid` only selects among our own keys; `jwk`, `jku` and `x5u` headers are
never read), and the header's `typ` keeps access tokens apart from any other
JWT signed with the same key (RFC 9068 section 2.1).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

from .signing_keys import SigningKeys

ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105  # a media type, not a secret
REQUIRED_CLAIMS = ("exp", "iat", "nbf", "sub", "jti", "iss", "aud", "sid")

# A short HMAC key only warns by default; here it is an error, both ways.
_JWT = jwt.PyJWT(options={"enforce_minimum_key_length": True})


class InvalidToken(Exception):
    """The token is not a valid access token; never say why to the client."""


@dataclass(frozen=True)
class TokenConfig:
    """What signs and scopes the access tokens."""

    keys: SigningKeys
    """Algorithm, signing key and verification keys."""

    issuer: str
    """Required `iss`."""

    audience: str
    """Required `aud`."""

    ttl: timedelta
    """Lifetime of one token."""


@dataclass(frozen=True)
class AccessClaims:
    """The claims the application uses, once verified."""

    user_id: uuid.UUID
    session_id: uuid.UUID
    token_id: str


def issue_access_token(
    config: TokenConfig, *, user_id: uuid.UUID, session_id: uuid.UUID, now: datetime
) -> str:
    """Sign a fresh access token for one session."""
    claims = {
        "iss": config.issuer,
        "aud": config.audience,
        "sub": str(user_id),
        "sid": str(session_id),
        "jti": uuid.uuid4().hex,
        "iat": now,
        "nbf": now,
        "exp": now + config.ttl,
    }
    headers = {"typ": ACCESS_TOKEN_TYPE}
    if config.keys.kid is not None:
        headers["kid"] = config.keys.kid

    return _JWT.encode(
        claims,
        config.keys.signing_key,  # type: ignore[arg-type]
        algorithm=config.keys.algorithm,
        headers=headers,
    )


def verify_access_token(config: TokenConfig, token: str) -> AccessClaims:
    """Verify signature, type and claims; raise InvalidToken on any doubt."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise InvalidToken from exc

    if header.get("typ") != ACCESS_TOKEN_TYPE:
        raise InvalidToken

    # With one HMAC secret there is nothing to choose; otherwise the kid must
    # name one of our keys. Either way the key comes from our table only.
    kid = header.get("kid") if config.keys.kid is not None else None
    key = (
        config.keys.verification_keys.get(kid) if isinstance(kid, str | None) else None
    )
    if key is None:
        raise InvalidToken

    try:
        claims = _JWT.decode(
            token,
            key,  # type: ignore[arg-type]
            algorithms=[config.keys.algorithm],
            audience=config.audience,
            issuer=config.issuer,
            options={"require": list(REQUIRED_CLAIMS), "strict_aud": True},
        )
        return AccessClaims(
            user_id=uuid.UUID(claims["sub"]),
            session_id=uuid.UUID(claims["sid"]),
            token_id=str(claims["jti"]),
        )
    except (jwt.InvalidTokenError, ValueError, TypeError, AttributeError) as exc:
        raise InvalidToken from exc
