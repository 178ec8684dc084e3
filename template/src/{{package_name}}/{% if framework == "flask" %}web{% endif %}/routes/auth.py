"""/auth: registration and tokens."""

from __future__ import annotations

from http import HTTPStatus

from flask import Blueprint

from ...schemas import LoginRequest, RefreshRequest, RegisterRequest, TokenPair, UserOut
from ...services import accounts
from ..endpoints import endpoint
from ..guards import (
    anonymous_quota,
    client_ip,
    current_principal,
    current_runtime,
    get_db,
)

# Public: reachable without a token, each route throttled by client IP.
# Auth routes fail closed if the limiter's storage is down.
public = Blueprint("auth", __name__, url_prefix="/auth")
# Needs a token: registered on the protected blueprint.
protected = Blueprint("auth", __name__, url_prefix="/auth")


@public.post("/register")
@anonymous_quota(lambda q: q.register, auth_route=True)
@endpoint(body=RegisterRequest, response=UserOut, status=HTTPStatus.CREATED)
def register(body: RegisterRequest) -> UserOut:
    """Create an account."""
    user = accounts.register(
        get_db(),
        current_runtime(),
        email=body.email,
        password=body.password,
        name=body.name,
    )
    return UserOut.model_validate(user)


@public.post("/login")
@anonymous_quota(auth_route=True)
@endpoint(body=LoginRequest, response=TokenPair)
def login(body: LoginRequest) -> TokenPair:
    """Exchange email and password for an access and a refresh token."""
    return accounts.login(
        get_db(),
        current_runtime(),
        email=body.email,
        password=body.password,
        client_ip=client_ip(),
    )


@public.post("/refresh")
@anonymous_quota(lambda q: q.refresh, auth_route=True)
@endpoint(body=RefreshRequest, response=TokenPair)
def refresh(body: RefreshRequest) -> TokenPair:
    """Spend a refresh token for a new pair."""
    return accounts.refresh(
        get_db(), current_runtime(), refresh_token=body.refresh_token
    )


@protected.post("/logout")
@endpoint(status=HTTPStatus.NO_CONTENT)
def logout() -> None:
    """End this session."""
    accounts.logout(get_db(), current_runtime(), current_principal())
