"""API keys: shown once, stored as a digest, scoped to their owner."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text

from conftest import Clock, MakeClient
from framework_client import Client
from support import API, OTHER_STRONG_PASSWORD, Account, login, register


@pytest.fixture
def client(make_client: MakeClient) -> Client:
    """A client for an app with API keys turned on."""
    return make_client(api_keys_enabled=True)


def _create_key(client: Client, account: Account, name: str = "ci") -> dict[str, str]:
    body = {"name": name, "password": account.password}
    response = client.post(f"{API}/keys", json=body, headers=account.headers)
    assert response.status_code == 201, response.text
    return response.json()


def _me_with_key(client: Client, key: str) -> int:
    return client.get(f"{API}/users/me", headers={"X-API-Key": key}).status_code


def test_a_key_is_shown_once_and_listed_without_its_secret(
    client: Client, user: Account
) -> None:
    created = _create_key(client, user)

    assert created["key"].startswith("sk_")
    assert created["display_prefix"] == created["key"][:11]
    listed = client.get(f"{API}/keys", headers=user.headers)
    assert listed.status_code == 200
    assert [item["id"] for item in listed.json()] == [created["id"]]
    assert created["key"] not in listed.text
    assert set(listed.json()[0]) == {
        "id",
        "name",
        "display_prefix",
        "created_at",
        "expires_at",
    }


def test_a_key_authenticates_its_owner(client: Client, user: Account) -> None:
    key = _create_key(client, user)["key"]

    response = client.get(f"{API}/users/me", headers={"X-API-Key": key})

    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_only_the_digest_is_stored(
    client: Client, user: Account, database_url: str
) -> None:
    key = _create_key(client, user)["key"]
    engine = create_engine(database_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT key_hash FROM api_keys")).scalar_one()
    engine.dispose()

    assert stored == hashlib.sha256(key.encode()).hexdigest()


@pytest.mark.parametrize(
    "key",
    ["sk_" + "A" * 43, "sk_", "A" * 46, "", "at_" + "A" * 43],
    ids=["guessed", "prefix-only", "no-prefix", "empty", "access-prefix"],
)
def test_a_made_up_key_is_refused(client: Client, key: str) -> None:
    assert _me_with_key(client, key) == 401


def test_a_deleted_key_stops_working_at_once(client: Client, user: Account) -> None:
    created = _create_key(client, user)

    deleted = client.delete(f"{API}/keys/{created['id']}", headers=user.headers)

    assert deleted.status_code == 204
    assert _me_with_key(client, created["key"]) == 401


def test_another_users_key_cannot_be_deleted(
    client: Client, user: Account, other_user: Account
) -> None:
    created = _create_key(client, user)

    response = client.delete(f"{API}/keys/{created['id']}", headers=other_user.headers)

    assert response.status_code == 404
    assert _me_with_key(client, created["key"]) == 200


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/keys", {"name": "escalate", "password": "x"}),
        ("GET", "/keys", None),
        ("POST", "/auth/logout", None),
        (
            "POST",
            "/users/me/password",
            {"current_password": "x", "new_password": "a brand new long password"},
        ),
    ],
    ids=["mint-key", "list-keys", "logout", "change-password"],
)
def test_a_key_cannot_manage_credentials(
    client: Client, user: Account, method: str, path: str, body: object
) -> None:
    key = _create_key(client, user)["key"]

    response = client.request(
        method, f"{API}{path}", json=body, headers={"X-API-Key": key}
    )

    assert response.status_code == 403


def test_key_and_session_share_the_owners_tier_limit(make_client: MakeClient) -> None:
    client = make_client(
        api_keys_enabled=True, tier_limits={"free": "4/minute", "pro": "9/minute"}
    )
    account = login(client, register(client))
    key = _create_key(client, account)["key"]  # request 1 of 4

    statuses = [
        client.get(f"{API}/users/me", headers=account.headers).status_code,
        _me_with_key(client, key),
        client.get(f"{API}/users/me", headers=account.headers).status_code,
        _me_with_key(client, key),
    ]

    assert statuses == [200, 200, 200, 429]


def test_a_deactivated_owners_key_is_refused(
    client: Client, user: Account, admin: Account
) -> None:
    key = _create_key(client, user)["key"]
    me = client.get(f"{API}/users/me", headers=user.headers).json()

    client.patch(
        f"{API}/admin/users/{me['id']}",
        json={"is_active": False},
        headers=admin.headers,
    )

    assert _me_with_key(client, key) == 401


def test_the_number_of_keys_is_capped(client: Client, user: Account) -> None:
    for number in range(10):
        _create_key(client, user, name=f"key {number}")

    body = {"name": "one too many", "password": user.password}
    response = client.post(f"{API}/keys", json=body, headers=user.headers)

    assert response.status_code == 409


def test_keys_are_ignored_when_turned_off(make_client: MakeClient) -> None:
    on = make_client(api_keys_enabled=True)
    account = login(on, register(on))
    key = _create_key(on, account)["key"]
    off = make_client(api_keys_enabled=False)

    assert _me_with_key(off, key) == 401
    assert off.get(f"{API}/keys", headers=account.headers).status_code == 404


def test_making_a_key_needs_the_password_again(client: Client, user: Account) -> None:
    body = {"name": "stolen-token", "password": "not the password at all"}

    response = client.post(f"{API}/keys", json=body, headers=user.headers)

    assert response.status_code == 422
    assert client.get(f"{API}/keys", headers=user.headers).json() == []


def test_a_password_change_revokes_every_key(client: Client, user: Account) -> None:
    key = _create_key(client, user)["key"]
    body = {"current_password": user.password, "new_password": OTHER_STRONG_PASSWORD}

    client.post(f"{API}/users/me/password", json=body, headers=user.headers)

    assert _me_with_key(client, key) == 401


def test_reactivation_does_not_bring_a_key_back(
    client: Client, user: Account, admin: Account
) -> None:
    key = _create_key(client, user)["key"]
    me = client.get(f"{API}/users/me", headers=user.headers).json()
    url = f"{API}/admin/users/{me['id']}"

    client.patch(url, json={"is_active": False}, headers=admin.headers)
    client.patch(url, json={"is_active": True}, headers=admin.headers)

    assert _me_with_key(client, key) == 401


def test_an_admins_key_has_no_admin_rights(client: Client, admin: Account) -> None:
    key = _create_key(client, admin)["key"]

    response = client.get(f"{API}/admin/users", headers={"X-API-Key": key})

    assert response.status_code == 403


def test_a_key_expires(client: Client, user: Account, clock: Clock) -> None:
    key = _create_key(client, user)["key"]

    clock.now += timedelta(days=89)
    assert _me_with_key(client, key) == 200
    clock.now += timedelta(days=2)
    assert _me_with_key(client, key) == 401


def test_parallel_creation_cannot_pass_the_cap(client: Client, user: Account) -> None:
    def create(number: int) -> int:
        body = {"name": f"race {number}", "password": user.password}
        return client.post(f"{API}/keys", json=body, headers=user.headers).status_code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(create, range(20)))

    assert statuses.count(201) == 10
    assert len(client.get(f"{API}/keys", headers=user.headers).json()) == 10
