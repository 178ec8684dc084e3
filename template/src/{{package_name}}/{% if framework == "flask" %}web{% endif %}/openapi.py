"""The OpenAPI document, built from the routes and their pydantic models.

Served only when the settings enable docs (development, by default).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from http import HTTPStatus
from string import Template
from types import GenericAlias
from typing import Any, get_args

from flask import Blueprint, Flask, Response, current_app, jsonify
from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema
from werkzeug.routing import Rule

from ..errors import PROBLEM_CONTENT_TYPE
from .endpoints import SPEC_ATTRIBUTE, EndpointSpec, ResponseType

OPENAPI_VERSION = "3.1.0"
REF_TEMPLATE = "#/components/schemas/{model}"
# Werkzeug writes <converter:name> (or <converter(args):name>); OpenAPI {name}.
PATH_PARAMETER = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
PATH_PARAMETER_SCHEMAS = {"uuid": {"type": "string", "format": "uuid"}}
# Methods Werkzeug adds to every rule on its own.
IMPLICIT_METHODS = frozenset({"HEAD", "OPTIONS"})
PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["type", "title", "status", "detail"],
}
# string.Template, not str.format: the page's JavaScript is full of braces.
SWAGGER_UI = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({url: "$openapi_url", dom_id: "#swagger-ui"});</script>
</body>
</html>
""")


def openapi_path(rule: str) -> str:
    """A Werkzeug rule written as an OpenAPI path."""
    return PATH_PARAMETER.sub(r"{\g<name>}", rule)


def docs_blueprint(
    *, title: str, openapi_url: str, is_protected: Callable[[str], bool]
) -> Blueprint:
    """/docs and the OpenAPI document; `is_protected` names bearer endpoints."""
    docs = Blueprint("docs", __name__)
    page = SWAGGER_UI.substitute(title=html.escape(title), openapi_url=openapi_url)

    @docs.get(openapi_url)
    def openapi_document() -> Response:
        """The OpenAPI document."""
        document = build_document(current_app, title=title, is_protected=is_protected)
        return jsonify(document)

    @docs.get("/docs")
    def swagger_ui() -> Response:
        """Swagger UI on the OpenAPI document."""
        return Response(page, mimetype="text/html")

    return docs


def build_document(
    app: Flask, *, title: str, is_protected: Callable[[str], bool]
) -> dict[str, Any]:
    """Describe every endpoint of `app` that declares its models."""
    endpoints = list(_endpoints(app))
    models = _models(spec for _, _, spec in endpoints)
    refs, definitions = models_json_schema(models, ref_template=REF_TEMPLATE)
    paths: dict[str, dict[str, Any]] = {}

    for rule, summary, spec in endpoints:
        operation = _operation(rule, summary, spec, refs)
        if is_protected(rule.endpoint):
            operation["security"] = [{"bearer": []}]
        path_item = paths.setdefault(openapi_path(rule.rule), {})
        for method in sorted((rule.methods or set()) - IMPLICIT_METHODS):
            path_item[method.lower()] = operation

    schemas = {**definitions.get("$defs", {}), "Problem": PROBLEM_SCHEMA}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": "1"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def _endpoints(app: Flask) -> Iterator[tuple[Rule, str, EndpointSpec]]:
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        view = app.view_functions[rule.endpoint]
        spec = getattr(view, SPEC_ATTRIBUTE, None)
        if spec is not None:
            yield rule, (view.__doc__ or "").strip(), spec


def _models(
    specs: Iterable[EndpointSpec],
) -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    # A dict, not a set: the document lists schemas in a stable order.
    models: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {}
    for spec in specs:
        if spec.body is not None:
            models[(spec.body, "validation")] = None
        if spec.response is not None:
            models[(_item_model(spec.response), "serialization")] = None
    return list(models)


def _item_model(response: ResponseType) -> type[BaseModel]:
    """The model itself, or the model a list[...] response holds."""
    if isinstance(response, GenericAlias):
        return get_args(response)[0]
    return response


def _operation(
    rule: Rule, summary: str, spec: EndpointSpec, refs: dict[Any, dict[str, Any]]
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": rule.endpoint,
        "summary": summary,
        "parameters": [*_path_parameters(rule), *_query_parameters(spec.query)],
        "responses": {
            str(spec.status.value): _success(spec, refs),
            "default": {
                "description": "A problem (RFC 9457)",
                "content": {
                    PROBLEM_CONTENT_TYPE: {
                        "schema": {"$ref": "#/components/schemas/Problem"}
                    }
                },
            },
        },
    }

    if spec.body is not None:
        schema = refs[(spec.body, "validation")]
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }

    return operation


def _success(spec: EndpointSpec, refs: dict[Any, dict[str, Any]]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": HTTPStatus(spec.status).phrase}
    if spec.response is not None:
        schema = refs[(_item_model(spec.response), "serialization")]
        if isinstance(spec.response, GenericAlias):
            schema = {"type": "array", "items": schema}
        response["content"] = {"application/json": {"schema": schema}}
    elif spec.status != HTTPStatus.NO_CONTENT:
        response["content"] = {"application/json": {"schema": {"type": "object"}}}
    return response


def _path_parameters(rule: Rule) -> Iterator[dict[str, Any]]:
    for match in PATH_PARAMETER.finditer(rule.rule):
        yield {
            "name": match["name"],
            "in": "path",
            "required": True,
            "schema": PATH_PARAMETER_SCHEMAS.get(
                match["converter"], {"type": "string"}
            ),
        }


def _query_parameters(model: type[BaseModel] | None) -> Iterator[dict[str, Any]]:
    if model is None:
        return

    schema = model.model_json_schema(mode="validation")
    required = set(schema.get("required", ()))
    for name, field in schema.get("properties", {}).items():
        yield {
            "name": name,
            "in": "query",
            "required": name in required,
            "schema": field,
        }
