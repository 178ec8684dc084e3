"""/keys: API keys for machine clients (only when API_KEYS_ENABLED)."""

from __future__ import annotations

import uuid

from litestar import Controller, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from ...schemas import ApiKeyCreateRequest, ApiKeyOut, NewApiKeyOut
from ...services import api_keys
from ..dependencies import DbDep, PrincipalDep, RuntimeDep


class KeyController(Controller):
    """The caller's API keys; each is shown once, when it is made."""

    path = "/keys"
    tags = ("keys",)

    @post(status_code=HTTP_201_CREATED, sync_to_thread=True)
    def create_key(
        self,
        data: JSONBody[ApiKeyCreateRequest],
        db: DbDep,
        runtime: RuntimeDep,
        principal: PrincipalDep,
    ) -> NewApiKeyOut:
        """Make a key; the response is the only time it is shown."""
        key, plain = api_keys.create_key(
            db, runtime, principal, name=data.name, password=data.password
        )
        return NewApiKeyOut(**ApiKeyOut.model_validate(key).model_dump(), key=plain)

    @get(sync_to_thread=True)
    def list_keys(self, db: DbDep, principal: PrincipalDep) -> list[ApiKeyOut]:
        """The caller's keys, without the secret part."""
        found = api_keys.list_keys(db, principal)
        return [ApiKeyOut.model_validate(key) for key in found]

    @delete("/{key_id:uuid}", status_code=HTTP_204_NO_CONTENT, sync_to_thread=True)
    def delete_key(
        self, key_id: FromPath[uuid.UUID], db: DbDep, principal: PrincipalDep
    ) -> None:
        """Revoke a key at once."""
        api_keys.delete_key(db, principal, key_id)
