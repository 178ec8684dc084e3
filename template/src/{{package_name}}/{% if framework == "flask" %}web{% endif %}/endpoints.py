"""The `endpoint` decorator: pydantic models in, pydantic models out.

It parses the JSON body and the query string into the shared request models,
serialises what the view returns, and records both for the OpenAPI document,
so a route's contract is written once.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from flask import Response, request
from flask.typing import ResponseReturnValue
from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import safe_field_error
from ..security.json_depth import nesting_exceeds
from .errors import MalformedBody, NestedTooDeep, RequestInvalid
from .guards import current_runtime

Model = TypeVar("Model", bound=BaseModel)
View = Callable[..., ResponseReturnValue]
# A response model, or a parametrised generic such as list[ApiKeyOut].
ResponseType = type[BaseModel] | types.GenericAlias
SPEC_ATTRIBUTE = "endpoint_spec"
JSON_CONTENT_TYPE = "application/json"
MISSING_BODY = {"loc": ["body"], "msg": "Field required", "type": "missing"}
# Said of any body that is not a JSON object, without naming the model.
NOT_AN_OBJECT = {
    "loc": ["body"],
    "msg": "Input should be a valid dictionary or object to extract fields from",
    "type": "model_attributes_type",
}


@dataclass(frozen=True)
class EndpointSpec:
    """What an endpoint takes and gives, for the OpenAPI document."""

    body: type[BaseModel] | None
    """Model of the JSON body, if the endpoint takes one."""

    query: type[BaseModel] | None
    """Model of the query string, if the endpoint reads one."""

    response: ResponseType | None
    """Type of the success body (a model, or a list of one); None if untyped."""

    status: HTTPStatus
    """Status of a success."""


def endpoint(
    *,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    response: ResponseType | None = None,
    status: int = HTTPStatus.OK,
) -> Callable[[Callable[..., Any]], View]:
    """Pass the parsed `body` and `query` to the view; serialise its result."""
    spec = EndpointSpec(body, query, response, HTTPStatus(status))
    # Serialising through the declared type, as FastAPI's response_model does,
    # sends only the fields that type names, whatever the view returned.
    adapter = TypeAdapter(response) if response is not None else None

    def decorate(view: Callable[..., Any]) -> View:
        @functools.wraps(view)
        def run(**path: object) -> ResponseReturnValue:
            arguments = dict(path)
            if spec.query is not None:
                arguments["query"] = parse_query(spec.query)
            if spec.body is not None:
                arguments["body"] = parse_body(spec.body)

            result = view(**arguments)
            return _respond(result, spec.status, adapter)

        setattr(run, SPEC_ATTRIBUTE, spec)
        return run

    return decorate


def parse_body(model: type[Model]) -> Model:
    """The request's JSON body as `model`: 400 if it isn't JSON, 422 if invalid."""
    raw = request.get_data(cache=False)

    if not raw:
        raise RequestInvalid([dict(MISSING_BODY)])

    payload = _decode_json(raw) if _is_json(request.mimetype) else None
    if not isinstance(payload, dict):
        raise RequestInvalid([dict(NOT_AN_OBJECT)])

    return _validate(model, payload, location="body")


def parse_query(model: type[Model]) -> Model:
    """The query string as `model`, 422 if invalid."""
    return _validate(model, request.args.to_dict(), location="query")


def _is_json(mimetype: str) -> bool:
    # Only a declared JSON body is read: a browser can send text/plain or a
    # form cross-site without a CORS preflight, never application/json.
    return mimetype == JSON_CONTENT_TYPE or mimetype.endswith("+json")


def _decode_json(raw: bytes) -> object:
    # Checked before parsing: the parser recurses once per level.
    if nesting_exceeds(raw, current_runtime().settings.max_json_depth):
        raise NestedTooDeep

    try:
        # RFC 8259 8.1: JSON exchanged between systems is UTF-8.
        return json.loads(raw.decode("utf-8"))
    # ValueError covers bad UTF-8 and bad JSON.
    except ValueError:
        raise MalformedBody from None


def _validate(model: type[Model], payload: object, *, location: str) -> Model:
    try:
        return model.model_validate(payload)
    except ValidationError as exc:
        # from None: the chained error holds the submitted values.
        raise RequestInvalid(_safe_errors(exc, location)) from None


def _safe_errors(exc: ValidationError, location: str) -> list[dict[str, Any]]:
    # Only loc, msg and type reach the client: pydantic's errors also carry
    # `input` (the submitted password, say) and `ctx`.
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    return [
        safe_field_error(
            [location, *(str(part) for part in error["loc"])],
            error["type"],
            error["msg"],
        )
        for error in errors
    ]


def _respond(
    result: object, status: HTTPStatus, adapter: TypeAdapter[Any] | None
) -> ResponseReturnValue:
    if isinstance(result, Response):
        return result

    if result is None:
        # An empty success (204) carries no body and so no Content-Type.
        empty = Response(status=status)
        del empty.headers["Content-Type"]
        return empty

    body = adapter.dump_json(result) if adapter else json.dumps(result).encode()
    return Response(body, status=status, mimetype=JSON_CONTENT_TYPE)
