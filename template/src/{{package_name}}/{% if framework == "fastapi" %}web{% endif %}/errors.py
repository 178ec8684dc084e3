"""Every error as application/problem+json, with nothing the client sent echoed."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException

from ..errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    ServiceUnavailable,
    domain_problem,
    problem_body,
    safe_field_error,
)

VALIDATION_DETAIL = "The request is invalid. See errors for each field."
MALFORMED_BODY_DETAIL = "The body is not valid JSON."
RETRY_SOON = {"Retry-After": "5"}
# FastAPI's own 422 body carries `input` (the password, say) and `ctx`; only
# the location, the rule's name and a message that quotes nothing go out.


class ProblemResponse(JSONResponse):
    """A JSON response labelled as RFC 9457 problem details."""

    media_type = PROBLEM_CONTENT_TYPE


async def handle_domain_error(_request: Request, exc: DomainError) -> ProblemResponse:
    """A service refused: its status, its safe detail, its headers."""
    return ProblemResponse(domain_problem(exc), exc.status, headers=exc.headers)


async def handle_http_error(_request: Request, exc: HTTPException) -> ProblemResponse:
    """Routing and protocol errors raised by the framework (404, 405, 413...)."""
    detail = exc.detail if isinstance(exc.detail, str) else None
    body = problem_body(exc.status_code, detail or HTTPStatus(exc.status_code).phrase)
    return ProblemResponse(body, exc.status_code, headers=exc.headers)


async def handle_validation_error(
    _request: Request, exc: RequestValidationError
) -> ProblemResponse:
    """422 with each failing field named, and the submitted values left out.

    A body that does not parse at all is a 400, as every framework answers it;
    the decoder's own message would quote the document, so none is given.
    """
    raw_errors = exc.errors()

    if any(error.get("type") == "json_invalid" for error in raw_errors):
        return ProblemResponse(problem_body(400, MALFORMED_BODY_DETAIL), 400)

    errors = [_safe_error(error) for error in raw_errors]
    return ProblemResponse(problem_body(422, VALIDATION_DETAIL, errors=errors), 422)


def _safe_error(error: dict[str, Any]) -> dict[str, Any]:
    location = [str(part) for part in error.get("loc", ())]
    return safe_field_error(location, str(error.get("type")), str(error.get("msg")))


async def handle_pool_timeout(request: Request, _exc: Exception) -> ProblemResponse:
    """Every database connection is busy: ask the client to come back."""
    return await handle_domain_error(request, ServiceUnavailable(headers=RETRY_SOON))


def install_error_handlers(app: FastAPI) -> None:
    """Route every error the app can raise to a problem response."""
    app.add_exception_handler(DomainError, handle_domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, handle_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(PoolTimeoutError, handle_pool_timeout)
    app.add_exception_handler(
        RequestValidationError,
        handle_validation_error,  # type: ignore[arg-type]
    )
