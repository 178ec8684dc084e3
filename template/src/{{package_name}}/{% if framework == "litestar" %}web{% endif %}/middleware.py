"""Litestar's own piece of ASGI middleware; the shared ones live in ../asgi.py.

Litestar applies its `middleware=` list per route handler, after routing, so a
404, a 405 or a CORS preflight would never pass through it. The middleware
here and in ../asgi.py wraps the whole application instead (see app.py), so
every response carries the security and rate-limit headers, every path is
checked and every body measured.
"""

from __future__ import annotations

from http import HTTPStatus

from ..asgi import ASGIApp, Receive, Scope, Send, send_problem


class CanonicalPathMiddleware:
    """Answer 404 for a path with a trailing or doubled slash.

    Litestar's router strips such slashes and serves the route anyway; the
    other adapters answer 404 (and never redirect, since a redirect would be
    built from the Host header). One resource, one spelling.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a non-canonical path before Litestar normalises it."""
        path = scope.get("path", "/")
        is_canonical = path == "/" or not (path.endswith("/") or "//" in path)

        if scope["type"] == "http" and not is_canonical:
            await send_problem(send, 404, HTTPStatus.NOT_FOUND.phrase)
            return

        await self.app(scope, receive, send)
