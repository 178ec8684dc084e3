"""Domain errors and their RFC 9457 problem-details form.

Services raise these; the web layer turns them into responses with
`problem_body`. Nothing here knows which web framework runs.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"

# One message for every authentication failure, so no answer tells an attacker
# whether the account exists, the password was wrong or the token expired.
AUTHENTICATION_FAILED = "Authentication failed."


class DomainError(Exception):
    """A failure the client may see: it carries a status and a safe detail."""

    status: HTTPStatus = HTTPStatus.BAD_REQUEST
    detail: str = "The request could not be processed."

    def __init__(
        self, detail: str | None = None, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail
        self.headers = headers or {}


class AuthenticationFailed(DomainError):
    """Missing, malformed, expired or revoked credentials."""

    status = HTTPStatus.UNAUTHORIZED
    detail = AUTHENTICATION_FAILED

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail, headers={"WWW-Authenticate": "Bearer"})


class PermissionDenied(DomainError):
    """Authenticated, but not allowed."""

    status = HTTPStatus.FORBIDDEN
    detail = "You are not allowed to do this."


class NotFound(DomainError):
    """Absent, or not yours: the two look the same."""

    status = HTTPStatus.NOT_FOUND
    detail = "The resource was not found."


class Conflict(DomainError):
    """The request clashes with existing state."""

    status = HTTPStatus.CONFLICT
    detail = "The request conflicts with the current state."


class InvalidInput(DomainError):
    """Well-formed input that breaks a business rule."""

    status = HTTPStatus.UNPROCESSABLE_ENTITY
    detail = "The request is invalid."

    def __init__(self, detail: str, *, field: str, location: str = "body") -> None:
        super().__init__(detail)
        self.field = field
        self.location = location


class PayloadTooLarge(DomainError):
    """The body is over the configured limit."""

    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    detail = "The request body is too large."


class BodyTooDeep(DomainError):
    """A JSON body nested past the configured depth."""

    status = HTTPStatus.BAD_REQUEST
    detail = "The JSON body is nested too deeply."


class RateLimited(DomainError):
    """Too many requests; headers say when to retry."""

    status = HTTPStatus.TOO_MANY_REQUESTS
    detail = "Too many requests. Retry later."


class ServiceUnavailable(DomainError):
    """A dependency is down; the request was not processed."""

    status = HTTPStatus.SERVICE_UNAVAILABLE
    detail = "The service is temporarily unavailable. Retry later."


def problem_body(
    status: int, detail: str, *, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """An RFC 9457 problem document; `errors` lists validation failures."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }

    if errors is not None:
        body["errors"] = errors

    return body


def domain_problem(error: DomainError) -> dict[str, Any]:
    """The problem document of a domain error."""
    if isinstance(error, InvalidInput):
        failure = {
            "loc": [error.location, error.field],
            "msg": error.detail,
            "type": "value_error",
        }
        return problem_body(error.status, InvalidInput.detail, errors=[failure])
    return problem_body(error.status, error.detail)


# Messages of these pydantic error types name the rule broken and never the
# submitted value (uuid_parsing, say, quotes the offending character).
SAFE_MESSAGE_TYPES = frozenset(
    {
        "bool_parsing",
        "bool_type",
        "extra_forbidden",
        "float_parsing",
        "float_type",
        "greater_than",
        "greater_than_equal",
        "int_parsing",
        "int_type",
        "less_than",
        "less_than_equal",
        "list_type",
        "literal_error",
        "missing",
        "string_too_long",
        "string_too_short",
        "string_type",
        "too_long",
        "too_short",
        "value_error",
    }
)
OBJECT_TYPES = frozenset({"dict_type", "model_attributes_type", "model_type"})
OBJECT_EXPECTED = "Input should be a JSON object."
GENERIC_FIELD_MESSAGE = "The value is not valid here."


def safe_field_error(loc: list[str], error_type: str, message: str) -> dict[str, Any]:
    """One validation failure as the client sees it: where, and which rule."""
    if error_type in OBJECT_TYPES:
        # pydantic's text names the internal model class.
        message = OBJECT_EXPECTED
    elif error_type not in SAFE_MESSAGE_TYPES:
        message = GENERIC_FIELD_MESSAGE
    return {"loc": loc, "msg": message, "type": error_type}
