"""/admin: account administration, guarded for the whole blueprint."""

from __future__ import annotations

import uuid

from flask import Blueprint

from ...schemas import AdminUserOut, AdminUserUpdateRequest, Page
from ...services import admin
from ..endpoints import endpoint
from ..guards import current_principal, current_runtime, get_db, require_admin_principal
from .paging import PageQuery, check_page_size

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.before_request(require_admin_principal)


@bp.get("/users")
@endpoint(query=PageQuery, response=Page[AdminUserOut])
def list_users(query: PageQuery) -> Page[AdminUserOut]:
    """One page of accounts."""
    check_page_size(query)
    users = admin.list_users(get_db(), limit=query.limit, offset=query.offset)
    items = [AdminUserOut.model_validate(user) for user in users]
    return Page[AdminUserOut](items=items, limit=query.limit, offset=query.offset)


@bp.patch("/users/<uuid:user_id>")
@endpoint(body=AdminUserUpdateRequest, response=AdminUserOut)
def update_user(user_id: uuid.UUID, body: AdminUserUpdateRequest) -> AdminUserOut:
    """Change an account's role, tier or activity."""
    user = admin.update_user(
        get_db(),
        current_runtime(),
        current_principal(),
        user_id,
        role=body.role,
        tier=body.tier,
        is_active=body.is_active,
    )
    return AdminUserOut.model_validate(user)
