"""FastAPI dependencies: the runtime, a database session, the caller, quotas."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ..asgi import remember_quota_states
from ..errors import AuthenticationFailed
from ..runtime import Quotas, Runtime
from ..security.client_ip import resolve_client_ip
from ..security.rate_limits import Quota
from ..services.authentication import (
    Principal,
    authenticate_request,
    require_admin,
)

# Dependencies that do no I/O are async: FastAPI runs every sync dependency in
# a worker thread, and each extra thread hop is a chance to hold a database
# connection while waiting for a free thread.


async def get_runtime(request: Request) -> Runtime:
    """The runtime built at start-up."""
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_db(runtime: RuntimeDep) -> AsyncIterator[Session]:
    """One database session per request, always closed (rolled back if open).

    Closing runs on the event loop, so a finished request hands its
    connection back without queueing for a worker thread.
    """
    session = runtime.sessions()
    try:
        yield session
    finally:
        session.close()


DbDep = Annotated[Session, Depends(get_db)]


async def client_ip(request: Request, runtime: RuntimeDep) -> str:
    """The address the request came from, per the trusted-proxy setting."""
    peer = request.client.host if request.client else None
    forwarded_for = request.headers.get("x-forwarded-for")
    return resolve_client_ip(peer, forwarded_for, runtime.trusted_proxies)


ClientIpDep = Annotated[str, Depends(client_ip)]


def _enforce(
    request: Request,
    runtime: Runtime,
    checks: list[tuple[Quota, str]],
    *,
    auth_route: bool = False,
) -> None:
    states = runtime.gate.enforce(checks, auth_route=auth_route)
    remember_quota_states(request.scope, states)


def current_principal(
    request: Request, db: DbDep, runtime: RuntimeDep, ip: ClientIpDep
) -> Principal:
    """Authenticate the caller, then count the request against their quotas.

    Guards the whole protected router, so a route is closed unless it is
    deliberately put on the public one.
    """
    try:
        principal = authenticate_request(
            db,
            runtime,
            authorization=request.headers.get("authorization"),
            api_key=request.headers.get("x-api-key"),
        )
        # End the read transaction: the connection goes back to the pool
        # instead of being held while the route waits for a worker thread.
        db.commit()
    except AuthenticationFailed:
        # Failed attempts still count against the client's address.
        _enforce(request, runtime, runtime.quotas.for_address(ip))
        raise

    checks = runtime.quotas.for_caller(principal.rate_limit_key, principal.user.tier)
    _enforce(request, runtime, checks)
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def admin_principal(principal: PrincipalDep) -> Principal:
    """The caller, who must be an admin (403 otherwise)."""
    require_admin(principal)
    return principal


AdminDep = Annotated[Principal, Depends(admin_principal)]


def anonymous_quota(
    *extra: Callable[[Quotas], Quota], auth_route: bool = False
) -> Callable[..., None]:
    """A dependency counting a public request by client IP: default + extra."""

    def enforce(request: Request, runtime: RuntimeDep, ip: ClientIpDep) -> None:
        checks = runtime.quotas.for_address(
            ip, *(pick(runtime.quotas) for pick in extra)
        )
        _enforce(request, runtime, checks, auth_route=auth_route)

    return enforce


def principal_quota(pick: Callable[[Quotas], Quota]) -> Callable[..., None]:
    """A dependency counting an authenticated request against one more quota."""

    def enforce(request: Request, runtime: RuntimeDep, principal: PrincipalDep) -> None:
        checks = [(pick(runtime.quotas), principal.rate_limit_key)]
        _enforce(request, runtime, checks)

    return enforce
