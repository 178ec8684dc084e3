"""Access tokens: signed JWTs (PyJWT) bound to a login session.

Every claim the server relies on is required on decode, one algorithm is
accepted, and the header's `typ` keeps access tokens apart from any other
JWT signed with the same key (RFC 9068 section 2.1).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

ALGORITHM = "HS256"
ACCESS_TOKEN_TYPE = "at+jwt"  # noqa: S105  # a media type, not a secret
REQUIRED_CLAIMS = ("exp", "iat", "nbf", "sub", "jti", "iss", "aud", "sid")

# A short HMAC key only warns by default; here it is an error, both ways.
_JWT = jwt.PyJWT(options={"enforce_minimum_key_length": True})


class InvalidToken(Exception):
    """The token is not a valid access token; never say why to the client."""


@dataclass(frozen=True)
class TokenConfig:
    """What signs and scopes the access tokens."""

    secret: str
    """HMAC key, at least 32 bytes."""

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
    return _JWT.encode(claims, config.secret, algorithm=ALGORITHM, headers=headers)


def verify_access_token(config: TokenConfig, token: str) -> AccessClaims:
    """Verify signature, type and claims; raise InvalidToken on any doubt."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise InvalidToken from exc

    if header.get("typ") != ACCESS_TOKEN_TYPE:
        raise InvalidToken

    try:
        claims = _JWT.decode(
            token,
            config.secret,
            algorithms=[ALGORITHM],
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
