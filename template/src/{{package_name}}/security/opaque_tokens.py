"""Opaque tokens: random strings the server stores only as a digest."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token(prefix: str) -> str:
    """A fresh 256-bit token, URL-safe, behind a prefix naming its kind.

    The prefix ("at_", "rt_") lets secret scanners and humans tell an access
    token from a refresh token at a glance; it adds no security by itself.
    """
    return prefix + secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """SHA-256 of a token, for storage and lookup.

    A fast hash is right here: the token has 256 bits of entropy, so there is
    nothing to brute-force, unlike a password.
    """
    return hashlib.sha256(token.encode()).hexdigest()
