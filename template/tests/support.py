"""Helpers the tests share: constants, accounts, and the HTTP steps to make them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from framework_client import Client

API = "/api/v1"
# 64 bytes: long enough even for an HS512 forgery attempt to run without warnings.
TEST_SECRET = "test-secret-long-enough-for-every-hmac-algorithm-0123456789abcdef"
STRONG_PASSWORD = "plum trumpet gravel lantern 42"
TEST_ED25519_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
OTHER_STRONG_PASSWORD = "violet harbour cactus whisper 17"


@dataclass
class Account:
    """A registered user and, once logged in, their tokens."""

    email: str
    password: str
    tokens: dict[str, Any] = field(default_factory=dict)

    @property
    def headers(self) -> dict[str, str]:
        """Authorization header for the current access token."""
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}


_emails = itertools.count()


def register(client: Client, *, email: str | None = None) -> Account:
    """Register a new account with a strong password."""
    account = Account(
        email=email or f"user{next(_emails)}@example.com", password=STRONG_PASSWORD
    )
    body = {"email": account.email, "password": account.password, "name": "Test User"}
    response = client.post(f"{API}/auth/register", json=body)
    assert response.status_code == 201, response.text
    return account


def login(client: Client, account: Account) -> Account:
    """Log in and keep the tokens on the account."""
    body = {"email": account.email, "password": account.password}
    response = client.post(f"{API}/auth/login", json=body)
    assert response.status_code == 200, response.text
    account.tokens = response.json()
    return account
