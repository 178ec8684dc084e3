"""Forged, stale and misused access tokens: each must get 401 and a problem body.

These pin the PyJWT behaviour the app relies on, so an upgrade that changes
a default fails here first.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest

from framework_client import Client
from support import API, TEST_SECRET, Account


def _claims_of(account: Account) -> dict[str, Any]:
    return jwt.decode(
        account.tokens["access_token"], options={"verify_signature": False}
    )


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _sign(claims: dict[str, Any], **header: object) -> str:
    # Signs the payload as raw bytes, so claims PyJWT would refuse to encode
    # (a list-valued iss) still reach the server.
    payload = json.dumps(claims).encode()
    headers = {"typ": "at+jwt", **header}
    return jwt.api_jws.encode(payload, TEST_SECRET, algorithm="HS256", headers=headers)


def _unsigned(claims: dict[str, Any], alg: str) -> str:
    return f"{_b64({'alg': alg, 'typ': 'at+jwt'})}.{_b64(claims)}."


def _status_with(client: Client, token: str) -> int:
    response = client.get(
        f"{API}/users/me", headers={"Authorization": f"Bearer {token}"}
    )
    if response.status_code == 401:
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"
    return response.status_code


def test_the_genuine_token_is_accepted(client: Client, user: Account) -> None:
    assert _status_with(client, user.tokens["access_token"]) == 200


def test_a_re_signed_copy_of_the_genuine_claims_is_accepted(
    client: Client, user: Account
) -> None:
    # The control for the forgeries below: same claims, our signer.
    assert _status_with(client, _sign(_claims_of(user))) == 200


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_alg_none_is_refused_in_any_spelling(
    client: Client, user: Account, alg: str
) -> None:
    assert _status_with(client, _unsigned(_claims_of(user), alg)) == 401


def _without(claim: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(claims: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in claims.items() if key != claim}

    return change


def _with(**changes: object) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(claims: dict[str, Any]) -> dict[str, Any]:
        return {**claims, **changes}

    return change


HOUR = timedelta(hours=1)
PAST = int((datetime.now(UTC) - HOUR).timestamp())
FUTURE = int((datetime.now(UTC) + HOUR).timestamp())


@pytest.mark.parametrize(
    "tamper",
    [
        _with(exp=PAST),
        _with(nbf=FUTURE),
        _with(iat=FUTURE, nbf=FUTURE),
        _without("exp"),
        _without("iat"),
        _without("nbf"),
        _without("sub"),
        _without("jti"),
        _without("iss"),
        _without("aud"),
        _without("sid"),
        _with(iss="someone-else"),
        _with(iss="test-iss"),
        _with(iss=["test-issuer"]),
        _with(aud="someone-else"),
        _with(aud=["test-audience", "someone-else"]),
        _with(sub="not-a-uuid"),
        _with(sid="00000000-0000-0000-0000-000000000000"),
        _with(sub="00000000-0000-0000-0000-000000000000"),
    ],
    ids=[
        "expired",
        "not-yet-valid",
        "issued-in-the-future",
        "missing-exp",
        "missing-iat",
        "missing-nbf",
        "missing-sub",
        "missing-jti",
        "missing-iss",
        "missing-aud",
        "missing-sid",
        "wrong-iss",
        "prefix-of-iss",
        "list-valued-iss",
        "wrong-aud",
        "list-valued-aud",
        "sub-not-a-uuid",
        "unknown-session",
        "other-subject-same-session",
    ],
)
def test_tampered_claims_are_refused(
    client: Client,
    user: Account,
    tamper: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    assert _status_with(client, _sign(tamper(_claims_of(user)))) == 401


def test_a_token_signed_with_another_key_is_refused(
    client: Client, user: Account
) -> None:
    forged = jwt.encode(
        _claims_of(user),
        "another-secret-that-is-also-long-enough-0123456789",
        algorithm="HS256",
        headers={"typ": "at+jwt"},
    )
    assert _status_with(client, forged) == 401


def test_a_flipped_signature_byte_is_refused(client: Client, user: Account) -> None:
    token = user.tokens["access_token"]
    head, payload, signature = token.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert _status_with(client, f"{head}.{payload}.{flipped}") == 401


@pytest.mark.parametrize(
    "header",
    [{"typ": "JWT"}, {"typ": "refresh+jwt"}, {"alg": "HS512"}, {"crit": ["exp"]}],
    ids=["generic-typ", "other-typ", "other-hmac-alg", "unknown-crit"],
)
def test_a_token_with_an_unexpected_header_is_refused(
    client: Client, user: Account, header: dict[str, Any]
) -> None:
    claims = _claims_of(user)
    algorithm = header.pop("alg", "HS256")
    token = jwt.encode(
        claims,
        TEST_SECRET,
        algorithm=algorithm,
        headers={"typ": "at+jwt", **header},
    )
    assert _status_with(client, token) == 401


@pytest.mark.parametrize(
    "kid",
    ["../../../../dev/null", "' OR '1'='1", "x" * 2000],
    ids=["path-traversal", "sql-injection", "huge"],
)
def test_a_malicious_kid_is_ignored_under_a_single_shared_key(
    client: Client, user: Account, kid: str
) -> None:
    # HS256 has one key, so kid is never looked up: no file read, no query.
    assert _status_with(client, _sign(_claims_of(user), kid=kid)) == 200


def test_a_refresh_token_is_not_an_access_token(client: Client, user: Account) -> None:
    assert _status_with(client, user.tokens["refresh_token"]) == 401


def test_an_access_token_is_not_a_refresh_token(client: Client, user: Account) -> None:
    response = client.post(
        f"{API}/auth/refresh", json={"refresh_token": user.tokens["access_token"]}
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    "authorization",
    [
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Token abc",
        "Bearer a.b.c",
        "x" * 4000,
    ],
    ids=[
        "empty",
        "scheme-only",
        "blank-token",
        "basic",
        "other-scheme",
        "junk-jwt",
        "huge",
    ],
)
def test_malformed_authorization_headers_are_refused(
    client: Client, authorization: str
) -> None:
    response = client.get(f"{API}/users/me", headers={"Authorization": authorization})

    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication failed."


def test_no_authorization_header_is_refused(client: Client) -> None:
    assert client.get(f"{API}/users/me").status_code == 401


def test_the_bearer_scheme_is_case_insensitive(client: Client, user: Account) -> None:
    token = user.tokens["access_token"]
    response = client.get(
        f"{API}/users/me", headers={"Authorization": f"bearer {token}"}
    )

    assert response.status_code == 200
