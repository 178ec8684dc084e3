"""Forged, stale and misused access tokens: each must get 401 and a problem body.

Every test runs under both signing algorithms the app supports. They pin the
PyJWT behaviour the app relies on, so an upgrade that changes a default
fails here first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from conftest import MakeClient
from framework_client import Client
from support import API, TEST_ED25519_SEED, TEST_SECRET, Account, login, register

Signer = Callable[..., str]
ALGORITHMS = {
    "HS256": {"jwt_algorithm": "HS256"},
    "EdDSA": {"jwt_algorithm": "EdDSA", "jwt_private_key": TEST_ED25519_SEED},
}
TEST_PRIVATE_KEY = Ed25519PrivateKey.from_private_bytes(
    bytes.fromhex(TEST_ED25519_SEED)
)


@pytest.fixture(params=sorted(ALGORITHMS))
def algorithm(request: pytest.FixtureRequest) -> str:
    """The signing algorithm of the app under attack."""
    return request.param


@pytest.fixture
def client(make_client: MakeClient, algorithm: str) -> Client:
    """A client for an app that signs with `algorithm`."""
    return make_client(**ALGORITHMS[algorithm])


@pytest.fixture
def sign(client: Client, algorithm: str) -> Signer:
    """Sign claims with the app's own key, as only the server could."""
    kid = None
    if algorithm == "EdDSA":
        kid = client.get("/.well-known/jwks.json").json()["keys"][0]["kid"]

    def signer(claims: dict[str, Any], **header: object) -> str:
        # Signs the payload as raw bytes, so claims PyJWT would refuse to
        # encode (a list-valued iss) still reach the server.
        payload = json.dumps(claims).encode()
        headers: dict[str, Any] = {"typ": "at+jwt", **header}
        if kid is not None:
            headers.setdefault("kid", kid)
            return jwt.api_jws.encode(
                payload, TEST_PRIVATE_KEY, algorithm="EdDSA", headers=headers
            )
        return jwt.api_jws.encode(
            payload, TEST_SECRET, algorithm="HS256", headers=headers
        )

    return signer


def _claims_of(account: Account) -> dict[str, Any]:
    return jwt.decode(
        account.tokens["access_token"], options={"verify_signature": False}
    )


def _b64(data: dict[str, Any] | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


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
    client: Client, user: Account, sign: Signer
) -> None:
    # The control for the forgeries below: same claims, the app's own key.
    assert _status_with(client, sign(_claims_of(user))) == 200


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
    sign: Signer,
    tamper: Callable[[dict[str, Any]], dict[str, Any]],
) -> None:
    assert _status_with(client, sign(tamper(_claims_of(user)))) == 401


def test_a_token_signed_with_another_key_is_refused(
    client: Client, user: Account, algorithm: str
) -> None:
    claims = _claims_of(user)
    if algorithm == "HS256":
        forged = jwt.encode(
            claims,
            "another-secret-that-is-also-long-enough-0123456789abcdef",
            algorithm="HS256",
            headers={"typ": "at+jwt"},
        )
    else:
        forged = jwt.encode(
            claims,
            Ed25519PrivateKey.generate(),
            algorithm="EdDSA",
            headers={"typ": "at+jwt", "kid": _claims_kid(client)},
        )
    assert _status_with(client, forged) == 401


def _claims_kid(client: Client) -> str:
    return client.get("/.well-known/jwks.json").json()["keys"][0]["kid"]


def test_a_flipped_signature_byte_is_refused(client: Client, user: Account) -> None:
    token = user.tokens["access_token"]
    head, payload, signature = token.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert _status_with(client, f"{head}.{payload}.{flipped}") == 401


@pytest.mark.parametrize(
    "header",
    [{"typ": "JWT"}, {"typ": "refresh+jwt"}, {"crit": ["exp"]}, {"kid": "other"}],
    ids=["generic-typ", "other-typ", "unknown-crit", "unknown-kid"],
)
def test_a_token_with_an_unexpected_header_is_refused(
    client: Client, user: Account, sign: Signer, algorithm: str, header: dict[str, Any]
) -> None:
    status = _status_with(client, sign(_claims_of(user), **header))

    # Under HS256 there is one key and the kid is never read.
    assert status == (
        200 if header == {"kid": "other"} and algorithm == "HS256" else 401
    )


def test_a_token_in_another_algorithm_is_refused(
    client: Client, user: Account, algorithm: str
) -> None:
    # HS512 with the real secret; HS256 with a known string under EdDSA.
    other = "HS512" if algorithm == "HS256" else "HS256"
    headers = {"typ": "at+jwt"}
    if algorithm == "EdDSA":
        headers["kid"] = _claims_kid(client)
    token = jwt.encode(_claims_of(user), TEST_SECRET, algorithm=other, headers=headers)

    assert _status_with(client, token) == 401


@pytest.mark.parametrize(
    "kid",
    ["../../../../dev/null", "' OR '1'='1", "x" * 2000],
    ids=["path-traversal", "sql-injection", "huge"],
)
def test_a_malicious_kid_is_never_used_as_a_path_or_query(
    client: Client, user: Account, sign: Signer, algorithm: str, kid: str
) -> None:
    status = _status_with(client, sign(_claims_of(user), kid=kid))

    # HS256 has one key, so the kid is ignored; EdDSA finds no such key.
    assert status == (200 if algorithm == "HS256" else 401)


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


@pytest.fixture
def eddsa_client(make_client: MakeClient) -> Client:
    """A client for an app that signs with EdDSA."""
    return make_client(**ALGORITHMS["EdDSA"])


def _public_key_forms() -> dict[str, bytes]:
    public = TEST_PRIVATE_KEY.public_key()
    pem = public.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    jwk = json.dumps({"kty": "OKP", "crv": "Ed25519", "x": _b64(raw)}).encode()
    return {"pem": pem, "jwk": jwk, "raw": raw}


@pytest.mark.parametrize("form", ["pem", "jwk", "raw"])
def test_hs256_signed_with_the_public_key_is_refused(
    eddsa_client: Client, form: str
) -> None:
    # The classic algorithm-confusion attack: the public key as an HMAC secret.
    account = _login_new_user(eddsa_client)
    claims = _claims_of(account)
    header = {"alg": "HS256", "typ": "at+jwt", "kid": _claims_kid(eddsa_client)}
    signing_input = f"{_b64(header)}.{_b64(claims)}".encode()
    digest = hmac.new(_public_key_forms()[form], signing_input, hashlib.sha256)
    token = f"{signing_input.decode()}.{_b64(digest.digest())}"

    assert _status_with(eddsa_client, token) == 401


@pytest.mark.parametrize("member", ["jwk", "jku", "x5u"])
def test_an_embedded_or_remote_key_header_is_ignored(
    eddsa_client: Client, member: str
) -> None:
    account = _login_new_user(eddsa_client)
    attacker = Ed25519PrivateKey.generate()
    attacker_raw = attacker.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    values = {
        "jwk": {"kty": "OKP", "crv": "Ed25519", "x": _b64(attacker_raw)},
        "jku": "https://attacker.example/jwks.json",
        "x5u": "https://attacker.example/cert.pem",
    }
    headers = {
        "typ": "at+jwt",
        "kid": _claims_kid(eddsa_client),
        member: values[member],
    }
    token = jwt.encode(
        _claims_of(account), attacker, algorithm="EdDSA", headers=headers
    )

    assert _status_with(eddsa_client, token) == 401


def test_the_jwks_publishes_the_public_key_only(eddsa_client: Client) -> None:
    response = eddsa_client.get("/.well-known/jwks.json")

    assert response.status_code == 200
    (key,) = response.json()["keys"]
    assert key["kty"] == "OKP"
    assert key["crv"] == "Ed25519"
    assert key["alg"] == "EdDSA"
    assert "d" not in key
    public = TEST_PRIVATE_KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    assert key["x"] == _b64(public)


def test_the_jwks_is_empty_under_hs256(make_client: MakeClient) -> None:
    client = make_client(**ALGORITHMS["HS256"])

    assert client.get("/.well-known/jwks.json").json() == {"keys": []}


def _login_new_user(client: Client) -> Account:
    return login(client, register(client))
