"""/users/me: the caller's own account, and nothing more."""

from __future__ import annotations

import pytest

from framework_client import Client
from support import API, Account


def test_me_shows_exactly_the_public_fields(client: Client, user: Account) -> None:
    response = client.get(f"{API}/users/me", headers=user.headers)

    assert response.status_code == 200
    assert set(response.json()) == {"id", "email", "name", "role", "tier", "created_at"}
    assert response.json()["email"] == user.email


def test_the_name_can_be_changed(client: Client, user: Account) -> None:
    response = client.patch(
        f"{API}/users/me", json={"name": "Renamed"}, headers=user.headers
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Renamed"
    me = client.get(f"{API}/users/me", headers=user.headers).json()
    assert me["name"] == "Renamed"


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "role": "admin"},
        {"name": "x", "tier": "pro"},
        {"name": "x", "is_active": False},
        {"name": "x", "email": "new@example.com"},
        {"name": "x", "password_hash": "x"},
        {"name": "x", "id": "00000000-0000-0000-0000-000000000000"},
        {"role": "admin"},
    ],
    ids=["role", "tier", "is-active", "email", "hash", "id", "role-alone"],
)
def test_mass_assignment_is_refused_and_changes_nothing(
    client: Client, user: Account, body: dict[str, object]
) -> None:
    before = client.get(f"{API}/users/me", headers=user.headers).json()

    response = client.patch(f"{API}/users/me", json=body, headers=user.headers)

    assert response.status_code == 422
    assert client.get(f"{API}/users/me", headers=user.headers).json() == before


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 101], ids=["empty", "blank", "too-long"]
)
def test_a_bad_name_is_refused(client: Client, user: Account, name: str) -> None:
    response = client.patch(
        f"{API}/users/me", json={"name": name}, headers=user.headers
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "name"]


@pytest.mark.parametrize(
    "name",
    [
        "admin\u202egnp.exe",
        "zero\u200bwidth",
        "nul\u0000byte",
        "bell\u0007",
        "\u3164",
        "Admin\u3164",
        "\u2800",
        "line\u2028break",
        "wide\u3000space",
        "private\ue000use",
        "\u0301\u0301",
    ],
    ids=[
        "bidi-override",
        "zero-width",
        "nul",
        "control",
        "hangul-filler",
        "trailing-filler",
        "braille-blank",
        "line-separator",
        "ideographic-space",
        "private-use",
        "marks-only",
    ],
)
def test_invisible_and_control_characters_are_refused_in_names(
    client: Client, user: Account, name: str
) -> None:
    response = client.patch(
        f"{API}/users/me", json={"name": name}, headers=user.headers
    )

    assert response.status_code == 422
