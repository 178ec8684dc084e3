"""Who is calling: access tokens back to a user and a live session."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import AuthenticationFailed, PermissionDenied
from ..models import AuthSession, User
from ..runtime import Runtime
from ..security.events import security_event
from . import access_tokens


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    user: User
    session_id: uuid.UUID

    @property
    def rate_limit_key(self) -> str:
        """The key the caller's requests are counted under."""
        return f"user:{self.user.id}"

    @property
    def is_admin(self) -> bool:
        """Whether the caller holds the admin role."""
        return self.user.role == "admin"


def authenticate(db: Session, runtime: Runtime, access_token: str) -> Principal:
    """Resolve a bearer token, or raise AuthenticationFailed."""
    subject = access_tokens.resolve(db, runtime, access_token)

    row = db.execute(
        select(User, AuthSession)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(AuthSession.id == subject.session_id, User.id == subject.user_id)
    ).first()

    if row is None:
        raise AuthenticationFailed

    user, auth_session = row
    if auth_session.revoked_at is not None or not user.is_active:
        raise AuthenticationFailed

    return Principal(user=user, session_id=auth_session.id)


def require_admin(principal: Principal) -> None:
    """Raise PermissionDenied unless the caller is an admin."""
    if not principal.is_admin:
        security_event("forbidden", user=principal.user.id, needs="admin")
        raise PermissionDenied
