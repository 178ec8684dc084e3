"""Per-request collaborators and guards: runtime, database, caller, quotas."""

from __future__ import annotations

import functools
from collections.abc import Callable

from flask import current_app, g, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from werkzeug.exceptions import NotFound
from werkzeug.routing import RequestRedirect

from ..errors import AuthenticationFailed
from ..runtime import Quotas, Runtime
from ..security.client_ip import resolve_client_ip
from ..security.rate_limits import Quota
from ..services.authentication import (
    Principal,
    authenticate_request,
    require_admin,
)
from .middleware import remember_quota_states

RUNTIME_EXTENSION = "runtime"
View = Callable[..., ResponseReturnValue]


def current_runtime() -> Runtime:
    """The runtime the app was built with."""
    return current_app.extensions[RUNTIME_EXTENSION]


def get_db() -> Session:
    """This request's database session, opened on first use."""
    if "db" not in g:
        g.db = current_runtime().sessions()
    return g.db


def close_db(_exc: BaseException | None) -> None:
    """Close the request's session (rolling back anything left open)."""
    session = g.pop("db", None)
    if session is not None:
        session.close()


def client_ip() -> str:
    """The address the request came from, per the trusted-proxy setting."""
    forwarded_for = request.headers.get("X-Forwarded-For")
    return resolve_client_ip(
        request.remote_addr, forwarded_for, current_runtime().trusted_proxies
    )


def refuse_repaired_paths() -> None:
    """404 for a path that matches a route only once Werkzeug repairs it.

    Runs before every other guard, so such a path is neither authenticated nor
    counted, as on the other frameworks, where it matches no route at all.
    """
    # Werkzeug's matcher strips leading slashes, so "//api/..." reaches a route;
    # PATH_INFO is the path as sent (%2F decoded, as PEP 3333 asks).
    has_empty_segment = "//" in request.environ.get("PATH_INFO", "")
    # A repair it would answer with a redirect, such as a missing trailing
    # slash on a rule that ends in one, becomes a 404 as well.
    is_redirect = isinstance(request.routing_exception, RequestRedirect)

    if has_empty_segment or is_redirect:
        raise NotFound


def _enforce(
    runtime: Runtime, checks: list[tuple[Quota, str]], *, auth_route: bool = False
) -> None:
    states = runtime.gate.enforce(checks, auth_route=auth_route)
    remember_quota_states(request.environ, states)


def require_principal() -> None:
    """Authenticate the caller, then count the request against their quotas.

    Runs before every route of the protected blueprint, so a route is closed
    unless it is deliberately put on the public one.
    """
    runtime = current_runtime()

    try:
        principal = authenticate_request(
            get_db(),
            runtime,
            authorization=request.headers.get("Authorization"),
            api_key=request.headers.get("X-API-Key"),
        )
    except AuthenticationFailed:
        # Failed attempts still count against the client's address.
        _enforce(runtime, runtime.quotas.for_address(client_ip()))
        raise

    checks = runtime.quotas.for_caller(principal.rate_limit_key, principal.user.tier)
    _enforce(runtime, checks)
    g.principal = principal


def require_admin_principal() -> None:
    """The caller must be an admin (403 otherwise)."""
    require_admin(current_principal())


def current_principal() -> Principal:
    """The caller that require_principal authenticated."""
    principal = g.get("principal")
    if principal is None:
        # Only a route outside the protected blueprint gets here: fail closed.
        raise AuthenticationFailed
    return principal


def anonymous_quota(
    *extra: Callable[[Quotas], Quota], auth_route: bool = False
) -> Callable[[View], View]:
    """Count a public request by client IP, default quota plus `extra`."""

    def enforce() -> None:
        runtime = current_runtime()
        extras = (pick(runtime.quotas) for pick in extra)
        checks = runtime.quotas.for_address(client_ip(), *extras)
        _enforce(runtime, checks, auth_route=auth_route)

    return _before_view(enforce)


def principal_quota(pick: Callable[[Quotas], Quota]) -> Callable[[View], View]:
    """Count an authenticated request against one more quota."""

    def enforce() -> None:
        runtime = current_runtime()
        checks = [(pick(runtime.quotas), current_principal().rate_limit_key)]
        _enforce(runtime, checks)

    return _before_view(enforce)


def _before_view(check: Callable[[], None]) -> Callable[[View], View]:
    # Stacked above `endpoint`, the check runs before the body is parsed:
    # malformed requests count too, and a throttled one is refused unread.
    def decorate(view: View) -> View:
        @functools.wraps(view)
        def guarded(**path: object) -> ResponseReturnValue:
            check()
            return view(**path)

        return guarded

    return decorate
