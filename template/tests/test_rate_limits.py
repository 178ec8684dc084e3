"""Rate limits: per principal, per tier, per route, and failed logins."""

from __future__ import annotations

import pytest

from conftest import MakeClient
from framework_client import Client
from support import API, STRONG_PASSWORD, Account, login, register

RATE_LIMIT_HEADERS = (
    "ratelimit-policy",
    "ratelimit",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
)


def _wrong_login(client: Client, email: str, **headers: str) -> int:
    body = {"email": email, "password": "definitely not the password"}
    return client.post(f"{API}/auth/login", json=body, headers=headers).status_code


def test_limited_responses_describe_the_policy(client: Client, user: Account) -> None:
    response = client.get(f"{API}/users/me", headers=user.headers)

    for name in RATE_LIMIT_HEADERS:
        assert name in response.headers, name
    assert '"default";q=100;w=900' in response.headers["ratelimit-policy"]
    assert '"tier-free";q=100;w=3600' in response.headers["ratelimit-policy"]
    assert response.headers["x-ratelimit-limit"] == "100"


def test_the_default_limit_answers_429_with_retry_after(
    make_client: MakeClient,
) -> None:
    client = make_client(rate_limit_default="3/minute")

    statuses = [client.get(f"{API}/users/me").status_code for _ in range(4)]

    assert statuses == [401, 401, 401, 429]
    response = client.get(f"{API}/users/me")
    assert response.headers["content-type"] == "application/problem+json"
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert response.headers["x-ratelimit-remaining"] == "0"


def test_an_authenticated_user_is_counted_apart_from_their_ip(
    make_client: MakeClient,
) -> None:
    client = make_client(rate_limit_default="5/minute")
    account = login(client, register(client))
    # Registration and login used up 2 of the client IP's 5.

    statuses = [
        client.get(f"{API}/users/me", headers=account.headers).status_code
        for _ in range(6)
    ]

    assert statuses == [200] * 5 + [429]


def test_the_tier_limit_applies_per_account(make_client: MakeClient) -> None:
    client = make_client(tier_limits={"free": "2/minute", "pro": "50/minute"})
    account = login(client, register(client))

    statuses = [
        client.get(f"{API}/users/me", headers=account.headers).status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_reports_have_their_own_lower_limit(client: Client, user: Account) -> None:
    statuses = [
        client.post(f"{API}/reports", json={}, headers=user.headers).status_code
        for _ in range(11)
    ]

    assert statuses == [200] * 10 + [429]
    assert client.get(f"{API}/users/me", headers=user.headers).status_code == 200


def test_failed_logins_lock_the_account_but_not_another(client: Client) -> None:
    victim = register(client)
    bystander = register(client)

    statuses = [_wrong_login(client, victim.email) for _ in range(6)]

    assert statuses == [401] * 5 + [429]
    right_password = {"email": victim.email, "password": victim.password}
    assert client.post(f"{API}/auth/login", json=right_password).status_code == 429
    login(client, bystander)


def test_a_successful_login_resets_the_failure_count(client: Client) -> None:
    account = register(client)

    for _ in range(4):
        _wrong_login(client, account.email)
    login(client, account)

    statuses = [_wrong_login(client, account.email) for _ in range(5)]
    assert statuses == [401] * 5


def test_failed_logins_are_limited_per_ip_across_accounts(
    make_client: MakeClient,
) -> None:
    client = make_client(rate_limit_login_per_ip="3/minute")

    statuses = [_wrong_login(client, f"spray{n}@example.com") for n in range(4)]

    assert statuses == [401, 401, 401, 429]


def test_registration_is_limited_per_ip(make_client: MakeClient) -> None:
    client = make_client(rate_limit_register="2/hour")
    body = {"password": STRONG_PASSWORD, "name": "Flood"}

    statuses = [
        client.post(
            f"{API}/auth/register", json={"email": f"f{n}@example.com", **body}
        ).status_code
        for n in range(3)
    ]

    assert statuses == [201, 201, 429]


def test_refresh_is_limited_per_ip(make_client: MakeClient) -> None:
    client = make_client(rate_limit_refresh="2/minute")

    statuses = [
        client.post(f"{API}/auth/refresh", json={"refresh_token": "x"}).status_code
        for _ in range(3)
    ]

    assert statuses == [401, 401, 429]


def test_rotating_x_forwarded_for_does_not_escape_a_limit(
    make_client: MakeClient,
) -> None:
    client = make_client(rate_limit_default="3/minute")

    statuses = [
        client.get(
            f"{API}/users/me", headers={"X-Forwarded-For": f"203.0.113.{n}"}
        ).status_code
        for n in range(4)
    ]

    assert statuses[-1] == 429


def test_x_forwarded_for_from_a_trusted_proxy_names_the_client(
    make_client: MakeClient,
) -> None:
    client = make_client(rate_limit_default="3/minute", trusted_proxies=["127.0.0.1"])

    def call(forwarded_for: str) -> int:
        headers = {"X-Forwarded-For": forwarded_for}
        return client.get(f"{API}/users/me", headers=headers).status_code

    first_client = [call("203.0.113.1") for _ in range(4)]
    second_client = call("203.0.113.2")
    # Left of the last untrusted hop is client-written: rotating it changes nothing.
    spoofed = call("198.51.100.9, 203.0.113.1")

    assert first_client == [401, 401, 401, 429]
    assert second_client == 401
    assert spoofed == 429


@pytest.mark.parametrize(
    "strategy", ["fixed-window", "sliding-window-counter", "moving-window"]
)
def test_every_strategy_enforces_the_limit(
    make_client: MakeClient, strategy: str
) -> None:
    client = make_client(rate_limit_default="2/minute", rate_limit_strategy=strategy)

    statuses = [client.get(f"{API}/users/me").status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


def test_health_checks_are_not_rate_limited(make_client: MakeClient) -> None:
    client = make_client(rate_limit_default="1/minute")

    statuses = {client.get("/health").status_code for _ in range(5)}

    assert statuses == {200}


def test_attempts_refused_by_the_ip_limit_never_lock_the_account(
    make_client: MakeClient,
) -> None:
    client = make_client(
        trusted_proxies=["127.0.0.1"],
        rate_limit_login_per_ip="3/minute",
        rate_limit_login_failures_per_account="2/minute",
    )
    target = register(client)
    attacker = {"X-Forwarded-For": "203.0.113.66"}

    spent = [_wrong_login(client, "other@example.com", **attacker) for _ in range(3)]
    refused = [_wrong_login(client, target.email, **attacker) for _ in range(3)]

    assert spent == [401, 401, 429]
    assert refused == [429, 429, 429]
    body = {"email": target.email, "password": target.password}
    owner = {"X-Forwarded-For": "198.51.100.7"}
    assert client.post(f"{API}/auth/login", json=body, headers=owner).status_code == 200
