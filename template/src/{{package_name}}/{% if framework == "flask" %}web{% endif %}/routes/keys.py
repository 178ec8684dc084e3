"""/keys: API keys for machine clients (only when API_KEYS_ENABLED)."""

from __future__ import annotations

import uuid
from http import HTTPStatus

from flask import Blueprint

from ...schemas import ApiKeyCreateRequest, ApiKeyOut, NewApiKeyOut
from ...services import api_keys
from ..endpoints import endpoint
from ..guards import current_principal, current_runtime, get_db

bp = Blueprint("keys", __name__, url_prefix="/keys")


@bp.post("")
@endpoint(body=ApiKeyCreateRequest, response=NewApiKeyOut, status=HTTPStatus.CREATED)
def create_key(body: ApiKeyCreateRequest) -> NewApiKeyOut:
    """Make a key; the response is the only time it is shown."""
    key, plain = api_keys.create_key(
        get_db(),
        current_runtime(),
        current_principal(),
        name=body.name,
        password=body.password,
    )
    return NewApiKeyOut(**ApiKeyOut.model_validate(key).model_dump(), key=plain)


@bp.get("")
@endpoint(response=list[ApiKeyOut])
def list_keys() -> list[ApiKeyOut]:
    """The caller's keys, without the secret part."""
    keys = api_keys.list_keys(get_db(), current_principal())
    return [ApiKeyOut.model_validate(key) for key in keys]


@bp.delete("/<uuid:key_id>")
@endpoint(status=HTTPStatus.NO_CONTENT)
def delete_key(key_id: uuid.UUID) -> None:
    """Revoke a key at once."""
    api_keys.delete_key(get_db(), current_principal(), key_id)
