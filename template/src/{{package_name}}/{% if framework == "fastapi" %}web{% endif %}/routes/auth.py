"""/auth: registration and tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response, status

from ...schemas import LoginRequest, RefreshRequest, RegisterRequest, TokenPair, UserOut
from ...services import accounts
from ..dependencies import ClientIpDep, DbDep, PrincipalDep, RuntimeDep, anonymous_quota

# Public: reachable without a token, each route throttled by client IP.
# Auth routes fail closed if the limiter's storage is down.
public = APIRouter(prefix="/auth", tags=["auth"])
# Needs a token: included in the protected router.
protected = APIRouter(prefix="/auth", tags=["auth"])


@public.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(anonymous_quota(lambda q: q.register, auth_route=True))],
)
def register(body: RegisterRequest, db: DbDep, runtime: RuntimeDep) -> UserOut:
    """Create an account."""
    user = accounts.register(
        db, runtime, email=body.email, password=body.password, name=body.name
    )
    return UserOut.model_validate(user)


@public.post("/login", dependencies=[Depends(anonymous_quota(auth_route=True))])
def login(
    body: LoginRequest, db: DbDep, runtime: RuntimeDep, ip: ClientIpDep
) -> TokenPair:
    """Exchange email and password for an access and a refresh token."""
    return accounts.login(
        db, runtime, email=body.email, password=body.password, client_ip=ip
    )


@public.post(
    "/refresh",
    dependencies=[Depends(anonymous_quota(lambda q: q.refresh, auth_route=True))],
)
def refresh(body: RefreshRequest, db: DbDep, runtime: RuntimeDep) -> TokenPair:
    """Spend a refresh token for a new pair."""
    return accounts.refresh(db, runtime, refresh_token=body.refresh_token)


@protected.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(db: DbDep, runtime: RuntimeDep, principal: PrincipalDep) -> Response:
    """End this session."""
    accounts.logout(db, runtime, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
