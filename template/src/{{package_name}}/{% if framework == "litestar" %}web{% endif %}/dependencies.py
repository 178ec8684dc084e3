"""Litestar dependencies: the runtime, a database session, the caller's address."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import SkipValidation
from sqlalchemy.orm import Session

from ..runtime import Runtime
from ..security.client_ip import resolve_client_ip
from ..services.principal import Principal

RUNTIME = "runtime"
PRINCIPAL = "principal"

# Litestar injects by parameter name: these mark which parameters are
# dependencies. The app's own objects skip validation: they are not client
# input, and msgspec cannot model some of their fields.
RuntimeDep = NamedDependency[SkipValidation[Runtime]]
DbDep = NamedDependency[SkipValidation[Session]]
PrincipalDep = NamedDependency[SkipValidation[Principal]]
ClientIpDep = NamedDependency[str]


def runtime_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Runtime:
    """The runtime built at start-up, from any connection (guards included)."""
    runtime: Runtime = connection.app.state[RUNTIME]
    return runtime


def client_ip_of(
    connection: ASGIConnection[Any, Any, Any, Any], runtime: Runtime
) -> str:
    """The address the request came from, per the trusted-proxy setting."""
    peer = connection.client.host if connection.client else None
    forwarded_for = connection.headers.get("x-forwarded-for")
    return resolve_client_ip(peer, forwarded_for, runtime.trusted_proxies)


def provide_runtime(state: State) -> Runtime:
    """The runtime built at start-up."""
    runtime: Runtime = state[RUNTIME]
    return runtime


async def provide_db(runtime: RuntimeDep) -> AsyncIterator[Session]:
    """One database session per request, always closed (rolled back if open).

    Closing runs on the event loop: a request that queued for a worker thread
    while holding its connection could leave every thread waiting on the pool.
    """
    session = runtime.sessions()
    try:
        yield session
    finally:
        session.close()


def provide_client_ip(request: Request[Any, Any, Any], runtime: RuntimeDep) -> str:
    """The address the request came from."""
    return client_ip_of(request, runtime)


def provide_principal(request: Request[Any, Any, Any], db: DbDep) -> Principal:
    """The caller the `authenticated` guard let in, bound to this request's session.

    The guard looked the user up in a session of its own; merging without a
    load copies that state in, with no query, so the services can change and
    commit the user through `db`.
    """
    principal: Principal = request.state[PRINCIPAL]
    user = db.merge(principal.user, load=False)
    return Principal(user=user, session_id=principal.session_id)
