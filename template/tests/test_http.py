"""What every response carries, and how the app answers bad requests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MakeClient
from framework_client import Client
from support import API, STRONG_PASSWORD, Account

SECURITY_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


def _assert_hardened(headers: object) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name  # type: ignore[index]
    assert "server" not in headers  # type: ignore[operator]
    assert "x-powered-by" not in headers  # type: ignore[operator]


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/health", 200),
        ("GET", f"{API}/users/me", 401),
        ("GET", f"{API}/nowhere", 404),
        ("DELETE", f"{API}/auth/login", 405),
        ("POST", f"{API}/auth/login", 422),
    ],
    ids=["ok", "unauthorized", "not-found", "method-not-allowed", "invalid"],
)
def test_every_response_carries_the_security_headers(
    client: Client, method: str, path: str, expected: int
) -> None:
    response = client.request(method, path)

    assert response.status_code == expected
    _assert_hardened(response.headers)
    if expected >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert {"type", "title", "status", "detail"} <= set(problem)
        assert problem["status"] == expected


def test_validation_errors_name_fields_but_never_echo_values(client: Client) -> None:
    secret = "my-very-secret-password-value"
    body = {"email": "x@example.com", "password": secret, "name": "n", "role": "admin"}

    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 422
    assert secret not in response.text
    assert "admin" not in response.text
    for error in response.json()["errors"]:
        assert set(error) == {"loc", "msg", "type"}


JSON = "application/json"


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b'{"email": "a@example.com", "password": "secret-in-json",', JSON, 400),
        (b"\xff\xfe\x00secret-in-json", JSON, 400),
        (b"email=a&password=secret-in-json", "application/x-www-form-urlencoded", 422),
        (b"[1, 2, 3]", JSON, 422),
        (b'"just a string"', JSON, 422),
        (b"null", JSON, 422),
        (b'{"email": 1, "password": ["secret-in-json"]}', JSON, 422),
    ],
    ids=["truncated", "bad-utf8", "form", "array", "string", "null", "wrong-types"],
)
def test_a_body_that_is_not_the_expected_object_is_refused_without_echo(
    client: Client, content: bytes, content_type: str, expected: int
) -> None:
    response = client.post(
        f"{API}/auth/login", content=content, headers={"Content-Type": content_type}
    )

    assert response.status_code == expected
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret-in-json" not in response.text


def test_a_body_over_the_limit_is_refused_with_413(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1024)
    body = {"email": "a@example.com", "password": "x" * 2000}

    response = client.post(f"{API}/auth/login", json=body)

    assert response.status_code == 413
    _assert_hardened(response.headers)
    assert response.headers["content-type"] == "application/problem+json"


def test_a_streamed_body_without_length_is_counted_too(make_client: MakeClient) -> None:
    client = make_client(max_body_bytes=1024)

    def chunks() -> Iterator[bytes]:
        yield b'{"email": "a@example.com", "password": "'
        for _ in range(10):
            yield b"x" * 200
        yield b'"}'

    response = client.post(
        f"{API}/auth/login",
        content=chunks(),
        headers={"Content-Type": "application/json"},
    )

    assert "content-length" not in response.request.headers
    assert response.status_code == 413


@pytest.mark.parametrize("depth", [33, 5000], ids=["just-over", "stack-breaker"])
def test_json_nested_deeper_than_the_limit_is_refused(
    make_client: MakeClient, depth: int
) -> None:
    client = make_client(max_json_depth=32)
    # The outer object is one level, so depth - 1 arrays make `depth` in all.
    nested = "[" * (depth - 1) + "]" * (depth - 1)
    body = '{"email": "a@example.com", "password": ' + nested + "}"

    response = client.post(
        f"{API}/auth/login", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "The JSON body is nested too deeply."


def test_json_at_the_depth_limit_reaches_validation(make_client: MakeClient) -> None:
    client = make_client(max_json_depth=32)
    nested = "[" * 31 + "]" * 31
    body = '{"email": "a@example.com", "password": ' + nested + ', "x": "[[[["}'

    response = client.post(
        f"{API}/auth/login", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422


def test_a_server_failure_is_a_bare_500_that_leaks_nothing(
    make_client: MakeClient, tmp_path: Path
) -> None:
    # A database with no tables: every query fails inside the driver.
    client = make_client(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    body = {"email": "a@example.com", "password": STRONG_PASSWORD, "name": "A"}

    response = client.post(f"{API}/auth/register", json=body)

    assert response.status_code == 500
    _assert_hardened(response.headers)
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "An unexpected error occurred.",
    }


def test_every_response_has_a_request_id(client: Client) -> None:
    first = client.get("/health").headers["x-request-id"]
    second = client.get("/health").headers["x-request-id"]

    assert first != second


def test_health_and_readiness(client: Client) -> None:
    assert client.get("/health").json() == {"status": "ok", "checks": {}}
    ready = client.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": True, "rate_limiter": True}


def test_readiness_fails_when_the_database_is_gone(
    make_client: MakeClient, tmp_path: Path
) -> None:
    client = make_client(database_url=f"sqlite:///{tmp_path / 'missing' / 'x.db'}")

    response = client.get("/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.parametrize(
    "path", ["/docs", f"{API}/openapi.json"], ids=["docs", "openapi"]
)
def test_docs_are_off_in_production(make_client: MakeClient, path: str) -> None:
    client = make_client(environment="production")

    assert client.get(path).status_code == 404


def test_docs_are_served_in_development(make_client: MakeClient) -> None:
    client = make_client(environment="development")

    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    assert f"{API}/auth/login" in json.dumps(response.json())


def test_cors_allows_only_the_configured_origins(make_client: MakeClient) -> None:
    client = make_client(cors_origins=["https://app.example.com"])
    preflight = {"Access-Control-Request-Method": "POST"}

    allowed = client.options(
        f"{API}/auth/login", headers={"Origin": "https://app.example.com", **preflight}
    )
    refused = client.options(
        f"{API}/auth/login", headers={"Origin": "https://evil.example", **preflight}
    )

    assert allowed.headers["access-control-allow-origin"] == "https://app.example.com"
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-credentials" not in allowed.headers


def test_no_cors_headers_without_configured_origins(client: Client) -> None:
    response = client.get("/health", headers={"Origin": "https://evil.example"})

    assert "access-control-allow-origin" not in response.headers


def test_authenticated_responses_are_not_cached(client: Client, user: Account) -> None:
    response = client.get(f"{API}/users/me", headers=user.headers)

    assert response.headers["cache-control"] == "no-store"


def test_a_trailing_slash_is_not_redirected(client: Client) -> None:
    response = client.post(
        f"{API}/auth/login/",
        json={"email": "a@example.com", "password": "x"},
        headers={"Host": "evil.example"},
        follow_redirects=False,
    )

    assert response.status_code == 404
    assert "location" not in response.headers


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"{API}/auth//login"),
        ("GET", f"{API}/users//me"),
        ("GET", f"{API}/notes/%2F00000000-0000-0000-0000-000000000000"),
        ("GET", f"/{API}/users/me"),
    ],
    ids=["inner", "inner-protected", "encoded-slash", "leading"],
)
def test_doubled_slashes_are_not_found_and_never_redirected(
    client: Client, user: Account, method: str, path: str
) -> None:
    # Absolute, so the client sends the path as written: a relative "//api"
    # would be read as a host name.
    login = {"email": user.email, "password": user.password}

    response = client.request(
        method,
        f"http://testserver{path}",
        json=login if method == "POST" else None,
        headers={**user.headers, "Host": "evil.example"},
        follow_redirects=False,
    )

    assert response.status_code == 404
    assert "location" not in response.headers
    assert response.headers["content-type"] == "application/problem+json"
    _assert_hardened(response.headers)
