"""Guards: who may call a route, and how often.

Litestar runs a guard that is a plain function in a worker thread, so the
guards that reach the database or the rate limiter's storage are plain
functions, and the event loop never waits on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.types import Guard

from ..asgi import remember_quota_states
from ..errors import AuthenticationFailed
from ..runtime import Quotas, Runtime
from ..security.rate_limits import Quota
from ..services.authentication import authenticate_request, require_admin
from ..services.principal import Principal
from .dependencies import PRINCIPAL, client_ip_of, runtime_of

Connection = ASGIConnection[Any, Any, Any, Any]


def authenticated(connection: Connection, _handler: BaseRouteHandler) -> None:
    """Authenticate the caller, then count the request against their quotas.

    Guards the whole protected router, so a route is closed unless it is
    deliberately put on the public one. The lookup uses a session of its own,
    closed here: no connection is held while the route waits for a thread.
    """
    runtime = runtime_of(connection)
    ip = client_ip_of(connection, runtime)

    try:
        with runtime.sessions() as db:
            principal = authenticate_request(
                db,
                runtime,
                authorization=connection.headers.get("authorization"),
                api_key=connection.headers.get("x-api-key"),
            )
    except AuthenticationFailed:
        # Failed attempts still count against the client's address.
        _enforce(connection, runtime, runtime.quotas.for_address(ip))
        raise

    checks = runtime.quotas.for_caller(principal.rate_limit_key, principal.user.tier)
    _enforce(connection, runtime, checks)
    connection.state[PRINCIPAL] = principal


async def admin_only(connection: Connection, _handler: BaseRouteHandler) -> None:
    """The caller, already authenticated, must be an admin (403 otherwise)."""
    principal: Principal = connection.state[PRINCIPAL]
    require_admin(principal)


def anonymous_quota(
    *extra: Callable[[Quotas], Quota], auth_route: bool = False
) -> Guard:
    """A guard counting a public request by client IP: default + extra."""

    def enforce(connection: Connection, _handler: BaseRouteHandler) -> None:
        runtime = runtime_of(connection)
        ip = client_ip_of(connection, runtime)
        extras = (pick(runtime.quotas) for pick in extra)
        checks = runtime.quotas.for_address(ip, *extras)
        _enforce(connection, runtime, checks, auth_route=auth_route)

    return enforce


def principal_quota(pick: Callable[[Quotas], Quota]) -> Guard:
    """A guard counting an authenticated request against one more quota.

    Runs after `authenticated`: Litestar runs the router's guards first.
    """

    def enforce(connection: Connection, _handler: BaseRouteHandler) -> None:
        runtime = runtime_of(connection)
        principal: Principal = connection.state[PRINCIPAL]
        checks = [(pick(runtime.quotas), principal.rate_limit_key)]
        _enforce(connection, runtime, checks)

    return enforce


def _enforce(
    connection: Connection,
    runtime: Runtime,
    checks: list[tuple[Quota, str]],
    *,
    auth_route: bool = False,
) -> None:
    states = runtime.gate.enforce(checks, auth_route=auth_route)
    remember_quota_states(connection.scope, states)
