"""Deny by default: every route is public on purpose, or guarded."""

from __future__ import annotations

import re

import pytest

from framework_client import Client, route_table
from support import API, Account

# The complete list of routes reachable without a token. A new route that is
# not here must answer 401 to an anonymous caller, or this file fails.
PUBLIC_ROUTES = {
    ("GET", "/health"),
    ("GET", "/ready"),
    ("POST", f"{API}/auth/register"),
    ("POST", f"{API}/auth/login"),
    ("POST", f"{API}/auth/refresh"),
    ("GET", "/.well-known/jwks.json"),
}
ADMIN_PREFIX = f"{API}/admin/"
SAMPLE_ID = "00000000-0000-0000-0000-000000000000"


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", SAMPLE_ID, path)


@pytest.fixture
def routes(client: Client) -> list[tuple[str, str]]:
    """Every route of the app under test, except the development docs."""
    return [(method, path) for method, path in route_table(client) if method != "HEAD"]


def test_the_public_list_names_only_real_routes(routes: list[tuple[str, str]]) -> None:
    assert set(routes) >= PUBLIC_ROUTES


def test_every_other_route_refuses_an_anonymous_caller(
    client: Client, routes: list[tuple[str, str]]
) -> None:
    guarded = [route for route in routes if route not in PUBLIC_ROUTES]
    assert guarded, "the route table is empty"

    for method, path in guarded:
        response = client.request(method, _concrete(path), json={})
        assert response.status_code == 401, (method, path)


def test_every_admin_route_refuses_a_normal_user(
    client: Client, user: Account, routes: list[tuple[str, str]]
) -> None:
    admin_routes = [route for route in routes if route[1].startswith(ADMIN_PREFIX)]
    assert admin_routes, "no admin routes found"

    for method, path in admin_routes:
        response = client.request(
            method, _concrete(path), json={}, headers=user.headers
        )
        assert response.status_code == 403, (method, path)
