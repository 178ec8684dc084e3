"""When the rate limiter's storage fails: auth fails closed, the rest stays up."""

from __future__ import annotations

import logging

import pytest
from limits.storage import MemoryStorage

from conftest import MakeClient
from framework_client import Client
from support import API, STRONG_PASSWORD


class UnreachableStorage(MemoryStorage):
    """A limits storage that fails every call, like a Redis that went away."""

    STORAGE_SCHEME = ["unreachable"]  # noqa: RUF012  # the limits registry reads it

    def _fail(self, *_args: object, **_kwargs: object) -> int:
        raise ConnectionError("storage unreachable")

    incr = get = clear = acquire_entry = get_moving_window = _fail  # type: ignore[assignment]
    acquire_sliding_window_entry = get_sliding_window = _fail  # type: ignore[assignment]

    def check(self) -> bool:
        """Report the outage to /ready."""
        return False


@pytest.fixture
def outage_client(make_client: MakeClient) -> Client:
    """An app whose limiter storage is down."""
    return make_client(rate_limit_storage_uri="unreachable://")


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/auth/login", {"email": "a@example.com", "password": STRONG_PASSWORD}),
        (
            "/auth/register",
            {"email": "a@example.com", "password": STRONG_PASSWORD, "name": "A"},
        ),
        ("/auth/refresh", {"refresh_token": "whatever"}),
    ],
    ids=["login", "register", "refresh"],
)
def test_auth_routes_fail_closed_with_503(
    outage_client: Client, path: str, body: dict[str, str]
) -> None:
    response = outage_client.post(f"{API}{path}", json=body)

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    assert "unreachable" not in response.text


def test_other_routes_fail_open_and_log_a_warning(
    outage_client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        response = outage_client.get(f"{API}/users/me")

    assert response.status_code == 401
    assert any("limiter-down" in record.getMessage() for record in caplog.records)


def test_readiness_reports_the_limiter_down(outage_client: Client) -> None:
    response = outage_client.get("/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["rate_limiter"] is False


@pytest.mark.parametrize(
    ("mode", "login_status", "me_status"),
    [("closed", 503, 503), ("open", 401, 401)],
    ids=["closed", "open"],
)
def test_the_failure_mode_setting_chooses(
    make_client: MakeClient, mode: str, login_status: int, me_status: int
) -> None:
    client = make_client(
        rate_limit_storage_uri="unreachable://", rate_limit_failure_mode=mode
    )
    body = {"email": "a@example.com", "password": STRONG_PASSWORD}

    assert client.post(f"{API}/auth/login", json=body).status_code == login_status
    assert client.get(f"{API}/users/me").status_code == me_status
