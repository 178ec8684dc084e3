"""Account administration; callers are checked by the web layer's guard."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import end_read
from ..errors import InvalidInput, NotFound
from ..models import User
from ..runtime import Runtime
from .accounts import register, revoke_all_sessions
from .authentication import Principal

logger = logging.getLogger(__name__)


def list_users(db: Session, *, limit: int, offset: int) -> list[User]:
    """One page of accounts, oldest first."""
    query = select(User).order_by(User.created_at, User.id).limit(limit).offset(offset)
    users = list(db.scalars(query))
    end_read(db)
    return users


def update_user(
    db: Session,
    runtime: Runtime,
    admin: Principal,
    user_id: uuid.UUID,
    *,
    role: str | None,
    tier: str | None,
    is_active: bool | None,
) -> User:
    """Change role, tier or activity; losing rights ends the user's sessions."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFound

    if tier is not None and tier not in runtime.settings.tier_names:
        allowed = ", ".join(runtime.settings.tier_names)
        raise InvalidInput(f"Unknown tier. Use one of: {allowed}.", field="tier")

    if user.id == admin.user.id and (role == "user" or is_active is False):
        # An admin who demotes or disables themselves may leave no admin at all.
        raise InvalidInput("You cannot demote or deactivate yourself.", field="role")

    loses_rights = (role == "user" and user.role == "admin") or is_active is False

    if role is not None:
        user.role = role
    if tier is not None:
        user.tier = tier
    if is_active is not None:
        user.is_active = is_active
    if loses_rights:
        revoke_all_sessions(db, runtime, user.id)

    db.commit()
    logger.info(
        "admin changed account: admin=%s user=%s role=%s tier=%s active=%s",
        admin.user.id,
        user.id,
        user.role,
        user.tier,
        user.is_active,
    )
    return user


def create_admin(db: Session, runtime: Runtime, *, email: str, password: str) -> User:
    """Register an account and make it an admin (used by the CLI)."""
    user = register(db, runtime, email=email, password=password, name="Administrator")
    user.role = "admin"
    db.commit()
    return user
