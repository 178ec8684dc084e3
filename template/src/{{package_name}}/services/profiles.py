"""A user's own account."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import User
from .authentication import Principal


def update_profile(db: Session, principal: Principal, *, name: str) -> User:
    """Change the caller's display name: the only field that is theirs to set."""
    user = principal.user
    user.name = name
    db.commit()
    return user
