"""/admin: only admins, and what they can change."""

from __future__ import annotations

import pytest

from framework_client import Client
from support import API, Account


def test_an_admin_lists_accounts(client: Client, admin: Account, user: Account) -> None:
    response = client.get(f"{API}/admin/users", headers=admin.headers)

    assert response.status_code == 200
    emails = {item["email"] for item in response.json()["items"]}
    assert {admin.email, user.email} <= emails
    assert "password_hash" not in response.text


def _user_id(client: Client, account: Account) -> str:
    return client.get(f"{API}/users/me", headers=account.headers).json()["id"]


def test_an_admin_changes_role_and_tier(
    client: Client, admin: Account, user: Account
) -> None:
    url = f"{API}/admin/users/{_user_id(client, user)}"

    response = client.patch(url, json={"tier": "pro"}, headers=admin.headers)

    assert response.status_code == 200
    assert response.json()["tier"] == "pro"
    assert client.get(f"{API}/users/me", headers=user.headers).json()["tier"] == "pro"


def test_an_unknown_tier_is_refused(
    client: Client, admin: Account, user: Account
) -> None:
    url = f"{API}/admin/users/{_user_id(client, user)}"

    response = client.patch(url, json={"tier": "platinum"}, headers=admin.headers)

    assert response.status_code == 422


def test_a_deactivated_users_tokens_stop_working(
    client: Client, admin: Account, user: Account
) -> None:
    url = f"{API}/admin/users/{_user_id(client, user)}"

    response = client.patch(url, json={"is_active": False}, headers=admin.headers)

    assert response.status_code == 200
    assert client.get(f"{API}/users/me", headers=user.headers).status_code == 401
    refresh = client.post(
        f"{API}/auth/refresh", json={"refresh_token": user.tokens["refresh_token"]}
    )
    assert refresh.status_code == 401
    login = client.post(
        f"{API}/auth/login", json={"email": user.email, "password": user.password}
    )
    assert login.status_code == 401


def test_an_admin_cannot_demote_themselves(client: Client, admin: Account) -> None:
    url = f"{API}/admin/users/{_user_id(client, admin)}"

    response = client.patch(url, json={"role": "user"}, headers=admin.headers)

    assert response.status_code == 422
    assert client.get(f"{API}/admin/users", headers=admin.headers).status_code == 200


def test_an_unknown_account_is_not_found(client: Client, admin: Account) -> None:
    url = f"{API}/admin/users/00000000-0000-0000-0000-000000000000"

    response = client.patch(url, json={"tier": "pro"}, headers=admin.headers)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/admin/users", None),
        ("PATCH", "/admin/users/{me}", {"role": "admin"}),
        ("PATCH", "/admin/users/{me}", {"tier": "pro"}),
    ],
    ids=["list", "self-promote", "self-upgrade-tier"],
)
def test_a_normal_user_is_forbidden_on_admin_routes(
    client: Client, user: Account, method: str, path: str, body: object
) -> None:
    url = API + path.format(me=_user_id(client, user))

    response = client.request(method, url, json=body, headers=user.headers)

    assert response.status_code == 403
    assert client.get(f"{API}/users/me", headers=user.headers).json()["role"] == "user"
