"""/keys: API keys for machine clients (only when API_KEYS_ENABLED)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from ...schemas import ApiKeyCreateRequest, ApiKeyOut, NewApiKeyOut
from ...services import api_keys
from ..dependencies import DbDep, PrincipalDep, RuntimeDep

router = APIRouter(prefix="/keys", tags=["keys"])


@router.post("", status_code=status.HTTP_201_CREATED)
def create_key(
    body: ApiKeyCreateRequest, db: DbDep, runtime: RuntimeDep, principal: PrincipalDep
) -> NewApiKeyOut:
    """Make a key; the response is the only time it is shown."""
    key, plain = api_keys.create_key(
        db, runtime, principal, name=body.name, password=body.password
    )
    return NewApiKeyOut(**ApiKeyOut.model_validate(key).model_dump(), key=plain)


@router.get("")
def list_keys(db: DbDep, principal: PrincipalDep) -> list[ApiKeyOut]:
    """The caller's keys, without the secret part."""
    return [ApiKeyOut.model_validate(key) for key in api_keys.list_keys(db, principal)]


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_key(key_id: uuid.UUID, db: DbDep, principal: PrincipalDep) -> Response:
    """Revoke a key at once."""
    api_keys.delete_key(db, principal, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
