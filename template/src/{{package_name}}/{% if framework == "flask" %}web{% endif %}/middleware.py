"""WSGI middleware around the Flask app, so no response can slip past it.

SecurityHeadersMiddleware is the outermost layer: it stamps the security and
rate-limit headers on every response, errors included, strips banners, and
turns any exception that escapes Flask into a bare 500 problem.
"""

from __future__ import annotations

import io
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..errors import PROBLEM_CONTENT_TYPE, DomainError, PayloadTooLarge, problem_body
from ..request_context import bind_request_id, unbind_request_id
from ..security.headers import (
    BANNER_HEADERS,
    DOCS_CONTENT_SECURITY_POLICY,
    SECURITY_HEADERS,
)
from ..security.rate_limits import QuotaState, rate_limit_headers

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import (
        InputStream,
        StartResponse,
        WSGIApplication,
        WSGIEnvironment,
    )

logger = logging.getLogger(__name__)

# Keys this app adds to the WSGI environ, namespaced as PEP 3333 asks.
RATE_LIMIT_STATES = f"{__package__}.rate_limit_states"
REQUEST_ID = f"{__package__}.request_id"
DOCS_PATHS = ("/docs",)
Headers = list[tuple[str, str]]


def remember_quota_states(environ: WSGIEnvironment, states: list[QuotaState]) -> None:
    """Keep a request's quota standing for the response headers."""
    environ.setdefault(RATE_LIMIT_STATES, []).extend(states)


class SecurityHeadersMiddleware:
    """Security headers, rate-limit headers, a request id, and a last-resort 500."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Wrap one HTTP exchange."""
        request_id = uuid.uuid4().hex
        environ[REQUEST_ID] = request_id
        bound = bind_request_id(request_id)
        is_docs = environ.get("PATH_INFO", "").startswith(DOCS_PATHS)
        started = False

        def start_with_headers(
            status: str, headers: Headers, exc_info: OptExcInfo | None = None
        ) -> Callable[[bytes], object]:
            nonlocal started
            started = True
            headers = _finish_headers(environ, headers, request_id, is_docs=is_docs)
            return start_response(status, headers, exc_info)

        try:
            return self.app(environ, start_with_headers)
        except Exception:
            logger.exception("unhandled error: request_id=%s", request_id)
            if started:
                raise
            return send_problem(
                start_with_headers, 500, "An unexpected error occurred."
            )
        finally:
            # Flask has built the whole body by now: nothing logs after this.
            unbind_request_id(bound)


def _finish_headers(
    environ: WSGIEnvironment, raw: Headers, request_id: str, *, is_docs: bool
) -> Headers:
    headers = [(k, v) for k, v in raw if k.lower() not in BANNER_HEADERS]
    names = {k.lower() for k, _ in headers}
    security = list(SECURITY_HEADERS)

    if is_docs:
        security = [h for h in security if h[0] != "Content-Security-Policy"]
        security.append(("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY))

    headers.extend(h for h in security if h[0].lower() not in names)
    headers.append(("X-Request-ID", request_id))

    states = environ.get(RATE_LIMIT_STATES)
    if states and "ratelimit" not in names:
        headers.extend(rate_limit_headers(states).items())

    return headers


class BodySizeLimitMiddleware:
    """Refuse bodies over a byte limit, declared or streamed (chunked).

    A declared Content-Length is judged before the app runs. A chunked body
    has no length to judge, so it is read here, at most one byte past the
    limit, and handed on with the Content-Length it turned out to have.
    """

    def __init__(self, app: WSGIApplication, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    def __call__(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        """Check the declared length, or count what arrives when none is."""
        if _is_chunked(environ):
            try:
                body = _read_at_most(environ["wsgi.input"], self.max_body_bytes)
            except DomainError as exc:
                # The server's input stream reports a body that stalled or was
                # cut off this way (client_reads.py), outside Flask's handlers.
                return send_problem(start_response, exc.status, exc.detail)
            if body is None:
                return _too_large(start_response)
            # RFC 9112 6.3: Transfer-Encoding overrides any Content-Length sent.
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            del environ["HTTP_TRANSFER_ENCODING"]
            return self.app(environ, start_response)

        declared = _content_length(environ)
        if declared is not None and declared > self.max_body_bytes:
            return _too_large(start_response)

        return self.app(environ, start_response)


def _is_chunked(environ: WSGIEnvironment) -> bool:
    encoding = environ.get("HTTP_TRANSFER_ENCODING", "")
    return "chunked" in encoding.lower()


def _read_at_most(stream: InputStream, limit: int) -> bytes | None:
    """The whole stream, or None as soon as it runs past `limit` bytes."""
    body = bytearray()

    while len(body) <= limit:
        chunk = stream.read(limit + 1 - len(body))
        if not chunk:
            return bytes(body)
        body += chunk

    return None


def _content_length(environ: WSGIEnvironment) -> int | None:
    try:
        return int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def _too_large(start_response: StartResponse) -> Iterable[bytes]:
    return send_problem(start_response, 413, PayloadTooLarge.detail)


def send_problem(
    start_response: StartResponse, status: int, detail: str
) -> Iterable[bytes]:
    """Answer with a problem+json document straight from WSGI."""
    problem = problem_body(status, detail)
    body = json.dumps(problem).encode()
    headers = [
        ("Content-Type", PROBLEM_CONTENT_TYPE),
        ("Content-Length", str(len(body))),
    ]
    start_response(f"{status} {problem['title']}", headers)
    return [body]
