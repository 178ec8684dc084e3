"""Pure ASGI middleware: cheap per request, unlike BaseHTTPMiddleware.

SecurityHeadersMiddleware is the outermost layer: it stamps the security and
rate-limit headers on every response, errors included, strips banners, and
turns any unhandled exception into a bare 500 problem.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterable

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import PROBLEM_CONTENT_TYPE, problem_body
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
REQUEST_ID = "request_id"
DOCS_PATHS = ("/docs", "/redoc")


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
        scope.setdefault("state", {})[REQUEST_ID] = request_id
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
            # Starlette's HTTPException passes through FastAPI's body parsing
            # untouched and reaches the problem handler.
            if len(received) > self.max_body_bytes:
                raise HTTPException(413, TOO_LARGE)
            if (
                is_json
                and not message.get("more_body", False)
                and nesting_exceeds(bytes(received), self.max_json_depth)
            ):
                raise HTTPException(400, TOO_DEEP)
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
