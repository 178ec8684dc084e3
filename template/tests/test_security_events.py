"""Security events are logged with the request id and without secrets."""

from __future__ import annotations

import logging

import pytest

from framework_client import Client
from support import API, Account


def _security_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if hasattr(record, "security_event")]


def test_a_failed_login_is_logged_with_the_request_id_and_no_password(
    client: Client, user: Account, caplog: pytest.LogCaptureFixture
) -> None:
    password = "the wrong password for this"
    with caplog.at_level(logging.INFO):
        response = client.post(
            f"{API}/auth/login", json={"email": user.email, "password": password}
        )

    events = _security_records(caplog)
    assert [record.security_event for record in events] == ["login-failed"]  # type: ignore[attr-defined]
    assert events[0].request_id == response.headers["x-request-id"]  # type: ignore[attr-defined]
    assert password not in caplog.text


def test_refresh_token_reuse_is_logged_without_the_token(
    client: Client, user: Account, caplog: pytest.LogCaptureFixture
) -> None:
    token = user.tokens["refresh_token"]
    client.post(f"{API}/auth/refresh", json={"refresh_token": token})

    with caplog.at_level(logging.INFO):
        client.post(f"{API}/auth/refresh", json={"refresh_token": token})

    assert "refresh-token-reuse" in caplog.text
    assert token not in caplog.text


def test_a_forbidden_admin_call_is_logged(
    client: Client, user: Account, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        client.get(f"{API}/admin/users", headers=user.headers)

    assert "security forbidden" in caplog.text
    assert user.tokens["access_token"] not in caplog.text


def test_throttling_is_logged(client: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        for _ in range(6):
            client.post(
                f"{API}/auth/login",
                json={"email": "victim@example.com", "password": "guess guess guess"},
            )

    assert "security throttled" in caplog.text
