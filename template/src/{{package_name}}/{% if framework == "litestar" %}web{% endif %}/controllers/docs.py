"""/api/v1/openapi.json: the OpenAPI document, in development only."""

from __future__ import annotations

from typing import Any

from litestar import Request, get


@get("/openapi.json", include_in_schema=False, tags=["docs"])
async def openapi_document(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The schema Litestar builds from the handlers and the pydantic models."""
    return request.app.openapi_schema.to_schema()
