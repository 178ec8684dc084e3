"""Opaque access tokens: random, stored as a digest, dead the moment revoked."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from conftest import Clock, MakeClient
from framework_client import Client
from support import API, Account, login, register


@pytest.fixture
def client(make_client: MakeClient) -> Client:
    """A client for an app that issues opaque access tokens."""
    return make_client(token_strategy="opaque")


def _status_with(client: Client, token: str) -> int:
    headers = {"Authorization": f"Bearer {token}"}
    return client.get(f"{API}/users/me", headers=headers).status_code


def test_an_opaque_token_is_random_and_not_a_jwt(client: Client, user: Account) -> None:
    token = user.tokens["access_token"]

    assert token.startswith("at_")
    assert token.count(".") == 0
    assert len(token) >= 3 + 43  # the prefix and 256 bits in base64url
    assert _status_with(client, token) == 200


def test_only_the_digest_is_stored(
    client: Client, user: Account, database_url: str
) -> None:
    token = user.tokens["access_token"]
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT token_hash FROM access_tokens")).all()
    engine.dispose()

    assert [row.token_hash for row in stored] == [
        hashlib.sha256(token.encode()).hexdigest()
    ]


@pytest.mark.parametrize(
    "token",
    ["at_" + "A" * 43, "at_", "A" * 46, "rt_" + "A" * 43],
    ids=["guessed", "prefix-only", "no-prefix", "refresh-prefix"],
)
def test_a_made_up_token_is_refused(client: Client, user: Account, token: str) -> None:
    assert _status_with(client, token) == 401


def test_a_token_dies_when_it_expires(
    client: Client, user: Account, clock: Clock
) -> None:
    clock.now += timedelta(seconds=899)
    assert _status_with(client, user.tokens["access_token"]) == 200

    clock.now += timedelta(seconds=2)
    assert _status_with(client, user.tokens["access_token"]) == 401


def test_logout_kills_the_token_at_once(client: Client, user: Account) -> None:
    client.post(f"{API}/auth/logout", headers=user.headers)

    assert _status_with(client, user.tokens["access_token"]) == 401


def test_a_jwt_from_a_jwt_app_means_nothing_here(
    make_client: MakeClient, client: Client
) -> None:
    jwt_client = make_client(token_strategy="jwt")
    account = login(jwt_client, register(jwt_client))

    assert _status_with(client, account.tokens["access_token"]) == 401
