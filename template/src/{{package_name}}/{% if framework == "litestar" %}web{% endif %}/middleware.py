"""Pure ASGI middleware: cheap per request, and independent of routing.

Litestar applies its `middleware=` list per route handler, after routing, so a
404, a 405 or a CORS preflight would never pass through it. These classes wrap
the whole application instead (see app.py), so every response carries the
security and rate-limit headers, every path is checked and every body measured.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable
from http import HTTPStatus

from litestar.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    PayloadTooLarge,
    problem_body,
)
from ..request_context import bind_request_id, unbind_request_id
from ..security.headers import (
    BANNER_HEADERS,
    DOCS_CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
)
from ..security.json_depth import nesting_exceeds
from ..security.rate_limits import QuotaState, rate_limit_headers

logger = logging.getLogger(__name__)

RATE_LIMIT_STATES = "rate_limit_states"
TOO_LARGE = "The request body is too large."
TOO_DEEP = "The JSON body is nested too deeply."
DOCS_PATHS = ("/docs",)


def remember_quota_states(scope: Scope, states: list[QuotaState]) -> None:
    """Keep a request's quota standing for the response headers."""
    scope.setdefault("state", {}).setdefault(RATE_LIMIT_STATES, []).extend(states)


class SecurityHeadersMiddleware:
    """Security headers, rate-limit headers, a request id, and a last-resort 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one HTTP exchange."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request_id = uuid.uuid4().hex
        # Litestar copies the context into its worker threads, so log lines
        # written by guards and services carry the id too.
        bound = bind_request_id(request_id)
        is_docs = scope["path"].startswith(DOCS_PATHS)
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = self._finish_headers(
                    scope, message.get("headers", []), request_id, is_docs=is_docs
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # Litestar's exception handlers answer almost everything; this is
            # for a failure inside one of them.
            logger.exception("unhandled error: request_id=%s", request_id)
            if started:
                raise
            await send_problem(send_with_headers, 500, "An unexpected error occurred.")
        finally:
            unbind_request_id(bound)

    def _finish_headers(
        self,
        scope: Scope,
        raw: Iterable[tuple[bytes, bytes]],
        request_id: str,
        *,
        is_docs: bool,
    ) -> list[tuple[bytes, bytes]]:
        headers = [(k, v) for k, v in raw if k.lower().decode() not in BANNER_HEADERS]
        names = {k.lower() for k, _ in headers}
        security = self._headers

        if is_docs:
            csp = (b"content-security-policy", DOCS_CONTENT_SECURITY_POLICY.encode())
            security = [h for h in security if h[0] != csp[0]] + [csp]

        headers.extend(h for h in security if h[0] not in names)
        headers.append((b"x-request-id", request_id.encode()))

        states = scope.get("state", {}).get(RATE_LIMIT_STATES)
        if states and b"ratelimit" not in names:
            headers.extend(
                (k.lower().encode(), v.encode())
                for k, v in rate_limit_headers(states).items()
            )

        return headers


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


class BodyTooDeep(DomainError):
    """A JSON body nested past the configured depth."""

    detail = TOO_DEEP


class BodyGuardMiddleware:
    """Refuse bodies over a byte limit (declared or streamed) or nested too deep."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, max_json_depth: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check Content-Length up front, then what actually arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await send_problem(send, 413, TOO_LARGE)
            return

        is_json = _is_json(scope)
        received = bytearray()

        async def guarded_receive() -> Message:
            message = await receive()
            if message["type"] != "http.request":
                return message

            received.extend(message.get("body", b""))
            # Raised while Litestar reads the body, so its exception handlers
            # turn these into problem responses.
            if len(received) > self.max_body_bytes:
                raise PayloadTooLarge(TOO_LARGE)
            if (
                is_json
                and not message.get("more_body", False)
                and nesting_exceeds(bytes(received), self.max_json_depth)
            ):
                raise BodyTooDeep
            return message

        await self.app(scope, guarded_receive, send)


def _is_json(scope: Scope) -> bool:
    for name, value in scope.get("headers", []):
        if name == b"content-type":
            return b"json" in value.lower()
    return False


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def send_problem(send: Send, status: int, detail: str) -> None:
    """Send a problem+json response straight from ASGI."""
    body = json.dumps(problem_body(status, detail)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_CONTENT_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
