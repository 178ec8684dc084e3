"""Every error as application/problem+json, with nothing the client sent echoed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from flask import Flask, Response
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from ..errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    PayloadTooLarge,
    ServiceUnavailable,
    domain_problem,
    problem_body,
)

VALIDATION_DETAIL = "The request is invalid. See errors for each field."
MALFORMED_BODY_DETAIL = "The body is not valid JSON."
TOO_DEEP_DETAIL = "The JSON body is nested too deeply."
SERVER_ERROR_DETAIL = "An unexpected error occurred."
RETRY_SOON = {"Retry-After": "5"}
# Werkzeug's own descriptions are HTML-flavoured prose; these replace them.
HTTP_DETAILS = {HTTPStatus.REQUEST_ENTITY_TOO_LARGE: PayloadTooLarge.detail}


class MalformedBody(DomainError):
    """The body does not parse as JSON; the parser's message would quote it."""

    detail = MALFORMED_BODY_DETAIL


class NestedTooDeep(DomainError):
    """The JSON nests deeper than MAX_JSON_DEPTH allows."""

    detail = TOO_DEEP_DETAIL


class BodyStalled(DomainError):
    """The client stopped sending its body and a read timed out."""

    status = HTTPStatus.REQUEST_TIMEOUT
    detail = "The request body did not arrive in time."


class BodyIncomplete(DomainError):
    """The connection closed, or its chunked framing broke, mid-body."""

    detail = "The request body is incomplete."


class RequestInvalid(Exception):
    """The body or query failed validation; `errors` hold only safe keys."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(VALIDATION_DETAIL)
        self.errors = errors


def problem_response(
    body: dict[str, Any], status: int, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON response labelled as RFC 9457 problem details."""
    return Response(
        json.dumps(body), status=status, headers=headers, mimetype=PROBLEM_CONTENT_TYPE
    )


def handle_domain_error(exc: DomainError) -> Response:
    """A service refused: its status, its safe detail, its headers."""
    return problem_response(domain_problem(exc), exc.status, exc.headers)


def handle_request_invalid(exc: RequestInvalid) -> Response:
    """422 with each failing field named, and the submitted values left out."""
    return problem_response(
        problem_body(422, VALIDATION_DETAIL, errors=exc.errors), 422
    )


def handle_http_error(exc: HTTPException) -> Response:
    """Routing and protocol errors raised by Werkzeug (404, 405, 413...)."""
    status = exc.code or 500
    detail = HTTP_DETAILS.get(HTTPStatus(status), HTTPStatus(status).phrase)
    # Keep what the protocol needs (Allow on a 405), not Werkzeug's HTML type.
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        # Werkzeug lists them in set order, which changes from run to run.
        headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    return problem_response(problem_body(status, detail), status, headers)


def handle_pool_timeout(_exc: PoolTimeoutError) -> Response:
    """Every database connection is busy: ask the client to come back."""
    return handle_domain_error(ServiceUnavailable(headers=RETRY_SOON))


def handle_server_error(_exc: InternalServerError) -> Response:
    """Anything unhandled: Flask has logged it; the client learns nothing."""
    return problem_response(problem_body(500, SERVER_ERROR_DETAIL), 500)


def install_error_handlers(app: Flask) -> None:
    """Route every error the app can raise to a problem response."""
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(RequestInvalid, handle_request_invalid)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(PoolTimeoutError, handle_pool_timeout)
    # Flask wraps every unhandled exception in InternalServerError, after
    # logging it; the more specific class wins over HTTPException.
    app.register_error_handler(InternalServerError, handle_server_error)
