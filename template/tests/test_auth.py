"""Registration, login, refresh, logout and password change."""

from __future__ import annotations

from collections.abc import Mapping

import argon2
import pytest
from sqlalchemy import create_engine, text

from conftest import MakeClient
from framework_client import Client
from support import (
    API,
    OTHER_STRONG_PASSWORD,
    STRONG_PASSWORD,
    Account,
    login,
    register,
)


@pytest.fixture(params=["jwt", "opaque"])
def client(request: pytest.FixtureRequest, make_client: MakeClient) -> Client:
    """Every flow here runs under both access-token strategies."""
    return make_client(token_strategy=request.param)


def test_register_returns_the_public_account_fields_only(client: Client) -> None:
    body = {"email": "New@Example.com", "password": STRONG_PASSWORD, "name": "New"}
    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 201
    account = response.json()
    assert set(account) == {"id", "email", "name", "role", "tier", "created_at"}
    assert account["email"] == "new@example.com"
    assert account["role"] == "user"
    assert account["tier"] == "free"


@pytest.mark.parametrize(
    "variant",
    [
        "taken@example.com",
        "TAKEN@example.com",
        "Taken@EXAMPLE.COM",
        " taken@example.com ",
    ],
    ids=["same", "upper-local", "mixed-case", "padded"],
)
def test_register_with_a_taken_email_or_a_case_variant_is_a_conflict(
    client: Client, variant: str
) -> None:
    register(client, email="taken@example.com")

    body = {"email": variant, "password": STRONG_PASSWORD, "name": "Twin"}
    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("password", "hint"),
    [
        ("short pass", "at least 15"),
        ("correct horse battery staple", "common"),
        ("aaaaaaaaaaaaaaaaaaaa", ""),
        ("x" * 129, "at most"),
        ("myname-is-weakling@example.com!", "email"),
    ],
    ids=["too-short", "common", "repetitive", "too-long", "built-from-email"],
)
def test_register_refuses_weak_passwords_without_echoing_them(
    client: Client, password: str, hint: str
) -> None:
    email = "weakling@example.com"
    body = {"email": email, "password": password, "name": "Weak"}
    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 422
    assert password not in response.text
    assert hint in response.text.lower()


def test_a_long_passphrase_of_64_characters_is_accepted(client: Client) -> None:
    passphrase = "the orange kettle sings quietly while seven foxes read poetry!!!"
    assert len(passphrase) == 64
    body = {"email": "long@example.com", "password": passphrase, "name": "Long"}

    assert client.post(f"{API}/auth/register", json=body).status_code == 201


def test_register_refuses_an_invalid_email(client: Client) -> None:
    body = {"email": "not-an-email", "password": STRONG_PASSWORD, "name": "Bad"}
    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "email"]


def test_login_returns_a_bearer_pair(client: Client) -> None:
    account = login(client, register(client))

    assert set(account.tokens) == {
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
    }
    assert account.tokens["token_type"] == "bearer"
    assert account.tokens["expires_in"] == 900


def test_login_with_unknown_email_looks_like_wrong_password(
    client: Client,
) -> None:
    account = register(client)

    wrong_password = client.post(
        f"{API}/auth/login", json={"email": account.email, "password": "x" * 20}
    )
    unknown_email = client.post(
        f"{API}/auth/login", json={"email": "nobody@example.com", "password": "x" * 20}
    )

    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json()
    assert _comparable(wrong_password.headers) == _comparable(unknown_email.headers)


def _comparable(headers: Mapping[str, str]) -> dict[str, str]:
    varying = {
        "x-request-id",
        "ratelimit",
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
    }
    return {name: value for name, value in headers.items() if name not in varying}


def test_refresh_rotates_the_pair_and_spends_the_old_token(
    client: Client, user: Account
) -> None:
    old_refresh = user.tokens["refresh_token"]

    first = client.post(f"{API}/auth/refresh", json={"refresh_token": old_refresh})
    assert first.status_code == 200
    assert first.json()["refresh_token"] != old_refresh

    replay = client.post(f"{API}/auth/refresh", json={"refresh_token": old_refresh})
    assert replay.status_code == 401


def test_reusing_a_spent_refresh_token_revokes_the_whole_family(
    client: Client, user: Account
) -> None:
    stolen = user.tokens["refresh_token"]
    rotated = client.post(f"{API}/auth/refresh", json={"refresh_token": stolen}).json()

    client.post(f"{API}/auth/refresh", json={"refresh_token": stolen})

    legit = client.post(
        f"{API}/auth/refresh", json={"refresh_token": rotated["refresh_token"]}
    )
    assert legit.status_code == 401
    me = client.get(
        f"{API}/users/me",
        headers={"Authorization": f"Bearer {rotated['access_token']}"},
    )
    assert me.status_code == 401


def test_an_unknown_refresh_token_is_refused(client: Client) -> None:
    response = client.post(f"{API}/auth/refresh", json={"refresh_token": "made-up"})

    assert response.status_code == 401


def test_logout_stops_the_access_token_and_its_refresh_token(
    client: Client, user: Account
) -> None:
    assert client.post(f"{API}/auth/logout", headers=user.headers).status_code == 204

    assert client.get(f"{API}/users/me", headers=user.headers).status_code == 401
    refresh = client.post(
        f"{API}/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]}
    )
    assert refresh.status_code == 401


def test_logout_leaves_other_sessions_alone(client: Client, user: Account) -> None:
    second = login(client, Account(email=user.email, password=user.password))

    client.post(f"{API}/auth/logout", headers=user.headers)

    assert client.get(f"{API}/users/me", headers=second.headers).status_code == 200


def test_password_change_revokes_every_other_session(
    client: Client, user: Account
) -> None:
    other_session = login(client, Account(email=user.email, password=user.password))
    body = {"current_password": user.password, "new_password": OTHER_STRONG_PASSWORD}

    response = client.post(f"{API}/users/me/password", json=body, headers=user.headers)

    assert response.status_code == 204
    assert (
        client.get(f"{API}/users/me", headers=other_session.headers).status_code == 401
    )
    assert client.get(f"{API}/users/me", headers=user.headers).status_code == 200
    old = client.post(
        f"{API}/auth/login", json={"email": user.email, "password": user.password}
    )
    assert old.status_code == 401
    login(client, Account(email=user.email, password=OTHER_STRONG_PASSWORD))


def test_password_change_with_a_wrong_current_password_is_refused(
    client: Client, user: Account
) -> None:
    body = {
        "current_password": "not my password!",
        "new_password": OTHER_STRONG_PASSWORD,
    }

    response = client.post(f"{API}/users/me/password", json=body, headers=user.headers)

    assert response.status_code == 422
    assert "not my password!" not in response.text
    assert client.get(f"{API}/users/me", headers=user.headers).status_code == 200


def test_password_change_to_a_weak_password_is_refused(
    client: Client, user: Account
) -> None:
    body = {"current_password": user.password, "new_password": "tooshort"}

    response = client.post(f"{API}/users/me/password", json=body, headers=user.headers)

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "new_password"]


@pytest.mark.parametrize(
    "variant",
    ["\uff21LICE@example.com", "alice@\uff25XAMPLE.com", "Alice@Example.COM"],
    ids=["fullwidth-local", "fullwidth-domain", "plain-upper"],
)
def test_look_alike_emails_collide_with_the_plain_one(
    client: Client, variant: str
) -> None:
    register(client, email="alice@example.com")

    body = {"email": variant, "password": STRONG_PASSWORD, "name": "Twin"}
    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 409


class _CountingVerify:
    """Wraps argon2's verify to count how often login hashes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = argon2.PasswordHasher.verify

        def counting(hasher: argon2.PasswordHasher, *args: object) -> bool:
            self.calls += 1
            return original(hasher, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(argon2.PasswordHasher, "verify", counting)


def test_login_hashes_exactly_once_whether_or_not_the_account_exists(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = register(client)
    counter = _CountingVerify(monkeypatch)

    client.post(
        f"{API}/auth/login", json={"email": account.email, "password": "x" * 20}
    )
    known = counter.calls
    client.post(
        f"{API}/auth/login", json={"email": "ghost@example.com", "password": "x" * 20}
    )
    unknown = counter.calls - known

    assert known == unknown == 1


def test_a_100_kb_password_is_refused_before_any_hashing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = _CountingVerify(monkeypatch)
    body = {"email": "big@example.com", "password": "x" * 100_000}

    login_response = client.post(f"{API}/auth/login", json=body)
    register_response = client.post(f"{API}/auth/register", json={**body, "name": "B"})

    assert login_response.status_code in {413, 422}
    assert register_response.status_code in {413, 422}
    assert counter.calls == 0


def test_a_hash_made_with_weaker_parameters_is_upgraded_at_login(
    make_client: MakeClient, database_url: str
) -> None:
    weak = make_client(password_hash_time_cost=1)
    account = register(weak)
    stronger = make_client(password_hash_time_cost=3)

    login(stronger, account)

    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(
            text("SELECT password_hash FROM users WHERE email = :email"),
            {"email": account.email},
        ).scalar_one()
    engine.dispose()
    assert ",t=3," in stored
