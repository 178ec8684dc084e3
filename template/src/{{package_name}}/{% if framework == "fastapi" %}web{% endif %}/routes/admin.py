"""/admin: account administration, guarded for the whole router."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from ...schemas import AdminUserOut, AdminUserUpdateRequest, Page
from ...services import admin
from ..dependencies import AdminDep, DbDep, RuntimeDep, admin_principal
from .paging import PageParams

router = APIRouter(
    prefix="/admin", tags=["admin"], dependencies=[Depends(admin_principal)]
)


@router.get("/users")
def list_users(db: DbDep, page: PageParams) -> Page[AdminUserOut]:
    """One page of accounts."""
    users = admin.list_users(db, limit=page.limit, offset=page.offset)
    items = [AdminUserOut.model_validate(user) for user in users]
    return Page[AdminUserOut](items=items, limit=page.limit, offset=page.offset)


@router.patch("/users/{user_id}")
def update_user(
    user_id: uuid.UUID,
    body: AdminUserUpdateRequest,
    db: DbDep,
    runtime: RuntimeDep,
    principal: AdminDep,
) -> AdminUserOut:
    """Change an account's role, tier or activity."""
    user = admin.update_user(
        db,
        runtime,
        principal,
        user_id,
        role=body.role,
        tier=body.tier,
        is_active=body.is_active,
    )
    return AdminUserOut.model_validate(user)
