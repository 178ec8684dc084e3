"""The authenticated caller, as every service sees it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ..errors import PermissionDenied
from ..models import User
from ..security.events import security_event

SESSION_REQUIRED = "This needs a signed-in session; an API key cannot do it."


@dataclass(frozen=True)
class Principal:
    """An authenticated caller."""

    user: User
    session_id: uuid.UUID | None
    """The login session; None when the caller used an API key."""

    @property
    def rate_limit_key(self) -> str:
        """The key the caller's requests are counted under."""
        return f"user:{self.user.id}"

    @property
    def is_admin(self) -> bool:
        """Whether the caller holds the admin role."""
        return self.user.role == "admin"


def require_session(principal: Principal) -> uuid.UUID:
    """The caller's session id; PermissionDenied for API-key callers."""
    if principal.session_id is None:
        security_event("forbidden", user=principal.user.id, needs="session")
        raise PermissionDenied(SESSION_REQUIRED)
    return principal.session_id
