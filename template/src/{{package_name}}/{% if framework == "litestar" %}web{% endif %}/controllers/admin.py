"""/admin: account administration, guarded for the whole controller."""

from __future__ import annotations

import uuid

from litestar import Controller, get, patch
from litestar.params import FromPath, JSONBody

from ...schemas import AdminUserOut, AdminUserUpdateRequest, Page
from ...services import admin
from ..dependencies import DbDep, PrincipalDep, RuntimeDep
from ..guards import admin_only
from .paging import PageParams


class AdminController(Controller):
    """Admins only (403 otherwise), on top of the protected router's guard."""

    path = "/admin"
    tags = ("admin",)
    guards = (admin_only,)

    @get("/users", sync_to_thread=True)
    def list_users(self, db: DbDep, paging: PageParams) -> Page[AdminUserOut]:
        """One page of accounts."""
        users = admin.list_users(db, limit=paging.limit, offset=paging.offset)
        items = [AdminUserOut.model_validate(user) for user in users]
        return Page[AdminUserOut](items=items, limit=paging.limit, offset=paging.offset)

    @patch("/users/{user_id:uuid}", sync_to_thread=True)
    def update_user(
        self,
        user_id: FromPath[uuid.UUID],
        data: JSONBody[AdminUserUpdateRequest],
        db: DbDep,
        runtime: RuntimeDep,
        principal: PrincipalDep,
    ) -> AdminUserOut:
        """Change an account's role, tier or activity."""
        user = admin.update_user(
            db,
            runtime,
            principal,
            user_id,
            role=data.role,
            tier=data.tier,
            is_active=data.is_active,
        )
        return AdminUserOut.model_validate(user)
