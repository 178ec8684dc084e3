"""CORS for the configured browser origins, answered before the app runs.

A preflight never reaches a route: it carries no credentials, so the
authentication guard would refuse it, and it must not count against a quota.
https://fetch.spec.whatwg.org/#http-cors-protocol
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from .middleware import Headers, send_problem

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

ALLOW_METHODS = ("GET", "POST", "PATCH", "DELETE")
ALLOW_HEADERS = ("Authorization", "Content-Type")
# Request headers a browser may send cross-origin without asking.
SAFELISTED_HEADERS = ("Accept", "Accept-Language", "Content-Language", "Content-Type")
MAX_AGE_SECONDS = 600
REFUSED_DETAIL = "The origin, method or headers are not allowed by CORS."
# A preflight's answer depends on all three request headers.
PREFLIGHT_VARY = (
    "Vary",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
)


class CorsMiddleware:
    """Allow the listed origins, without credentials; refuse every other."""

    def __init__(self, app: WSGIApplication, origins: Iterable[str]) -> None:
        self.app = app
        self.origins = frozenset(origins)
        allowed = sorted({*ALLOW_HEADERS, *SAFELISTED_HEADERS})
        self._allowed_headers = frozenset(name.lower() for name in allowed)
        self._preflight_headers = [
            ("Access-Control-Allow-Methods", ", ".join(ALLOW_METHODS)),
            ("Access-Control-Allow-Headers", ", ".join(allowed)),
            ("Access-Control-Max-Age", str(MAX_AGE_SECONDS)),
        ]

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Answer a preflight here; mark an allowed origin's other responses."""
        origin = environ.get("HTTP_ORIGIN")

        if origin is None:
            return self.app(environ, start_response)

        if _is_preflight(environ):
            return self._preflight(environ, start_response, origin)

        # The answer depends on Origin, allowed or not, so caches must key on it.
        added = [("Vary", "Origin")]
        if origin in self.origins:
            added.append(("Access-Control-Allow-Origin", origin))

        def start_with_cors(
            status: str, headers: Headers, exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            return start_response(status, [*headers, *added], exc_info)

        return self.app(environ, start_with_cors)

    def _preflight(
        self, environ: WSGIEnvironment, start_response: StartResponse, origin: str
    ) -> Iterable[bytes]:
        method = environ["HTTP_ACCESS_CONTROL_REQUEST_METHOD"]
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "")
        names = {name.strip().lower() for name in requested.split(",")} - {""}

        is_allowed = (
            origin in self.origins
            and method in ALLOW_METHODS
            and names <= self._allowed_headers
        )
        if not is_allowed:
            # No Access-Control-Allow-Origin: the browser stops right here.
            return send_problem(_with_vary(start_response), 400, REFUSED_DETAIL)

        allow_origin = ("Access-Control-Allow-Origin", origin)
        start_response(
            "204 No Content", [*self._preflight_headers, allow_origin, PREFLIGHT_VARY]
        )
        return []


def _is_preflight(environ: WSGIEnvironment) -> bool:
    return (
        environ["REQUEST_METHOD"] == "OPTIONS"
        and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in environ
    )


def _with_vary(start_response: StartResponse) -> StartResponse:
    def start_with_vary(
        status: str, headers: Headers, exc_info: OptExcInfo | None = None
    ) -> Callable[[bytes], object]:
        return start_response(status, [*headers, PREFLIGHT_VARY], exc_info)

    return start_with_vary
