"""Every error as application/problem+json, with nothing the client sent echoed."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import (
    HTTPException,
    SerializationException,
    ValidationException,
)
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from ..errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    ServiceUnavailable,
    domain_problem,
    problem_body,
    safe_field_error,
)
from ..request_context import current_request_id

logger = logging.getLogger(__name__)

VALIDATION_DETAIL = "The request is invalid. See errors for each field."
MALFORMED_BODY_DETAIL = "The body is not valid JSON."
SERVER_ERROR_DETAIL = "An unexpected error occurred."
# msgspec, which checks query and path parameters, quotes the rejected value in
# its messages ("Invalid enum value '...'"), so those get this text instead.
INVALID_PARAMETER_MESSAGE = "The value is not valid here."
# Litestar names the request body `data` in its errors.
BODY_KEY = "data"
RETRY_SOON = {"Retry-After": "5"}


def problem_response(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> Response[dict[str, Any]]:
    """A JSON response labelled as RFC 9457 problem details."""
    return Response(
        body, status_code=status, media_type=PROBLEM_CONTENT_TYPE, headers=headers
    )


def handle_domain_error(
    _request: Request[Any, Any, Any], exc: DomainError
) -> Response[dict[str, Any]]:
    """A service refused: its status, its safe detail, its headers."""
    return problem_response(exc.status, domain_problem(exc), exc.headers)


def handle_http_error(
    _request: Request[Any, Any, Any], exc: HTTPException
) -> Response[dict[str, Any]]:
    """Routing and protocol errors raised by Litestar (400, 404, 405...).

    Litestar's own details may quote the request (the decoder's message, a path
    parameter), so only the status phrase is passed on.
    """
    if isinstance(exc.__cause__, SerializationException):
        return problem_response(400, problem_body(400, MALFORMED_BODY_DETAIL))

    status = exc.status_code
    body = problem_body(status, HTTPStatus(status).phrase)
    return problem_response(status, body, exc.headers)


def handle_validation_error(
    _request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, Any]]:
    """422 with each failing field named, and the submitted values left out."""
    body = problem_body(422, VALIDATION_DETAIL, errors=_field_errors(exc))
    return problem_response(422, body)


def handle_pool_timeout(
    request: Request[Any, Any, Any], _exc: PoolTimeoutError
) -> Response[dict[str, Any]]:
    """Every database connection is busy: ask the client to come back."""
    return handle_domain_error(request, ServiceUnavailable(headers=RETRY_SOON))


def handle_server_error(
    _request: Request[Any, Any, Any], exc: Exception
) -> Response[dict[str, Any]]:
    """A bare 500: the cause goes to the log, never to the client."""
    logger.error("unhandled error: request_id=%s", current_request_id(), exc_info=exc)
    return problem_response(500, problem_body(500, SERVER_ERROR_DETAIL))


def _field_errors(exc: ValidationException) -> list[dict[str, Any]]:
    # Litestar's pydantic plugin keeps pydantic's own errors on the cause: the
    # body's fields, each with its error type. Everything else comes from
    # msgspec, through Litestar's `extra` list.
    pydantic_errors = getattr(exc.__cause__, "errors", None)
    if isinstance(pydantic_errors, list):
        return [_body_error(error) for error in pydantic_errors]

    extra = exc.extra if isinstance(exc.extra, list) else []
    return [_parameter_error(item) for item in extra if isinstance(item, dict)]


def _body_error(error: dict[str, Any]) -> dict[str, Any]:
    # pydantic's `input` and `ctx` would echo what was sent: keep the rest.
    location = ["body", *(str(part) for part in error.get("loc", ()))]
    return safe_field_error(location, str(error.get("type")), str(error.get("msg", "")))


def _parameter_error(item: dict[str, Any]) -> dict[str, Any]:
    key = str(item.get("key", ""))
    source = item.get("source")

    if key == BODY_KEY:
        return {"loc": ["body"], "msg": "Field required", "type": "missing"}

    source_name = str(getattr(source, "value", source)) if source else None
    location = [part for part in (source_name, *key.split(".")) if part]
    return {"loc": location, "msg": INVALID_PARAMETER_MESSAGE, "type": "value_error"}


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    DomainError: handle_domain_error,
    ValidationException: handle_validation_error,
    HTTPException: handle_http_error,
    PoolTimeoutError: handle_pool_timeout,
    # Any exception that is not an HTTPException, and a 500 that is.
    HTTP_500_INTERNAL_SERVER_ERROR: handle_server_error,
}
