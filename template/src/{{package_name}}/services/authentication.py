"""Who is calling: access tokens back to a user and a live session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import AuthenticationFailed, PermissionDenied
from ..models import AuthSession, User
from ..runtime import Runtime
from ..security.events import security_event
from . import access_tokens
from .api_keys import authenticate_api_key
from .principal import Principal, require_session

BEARER_SCHEME = "bearer"


def authenticate_request(
    db: Session,
    runtime: Runtime,
    *,
    authorization: str | None,
    api_key: str | None,
) -> Principal:
    """Resolve the request's credentials: an X-API-Key, else a bearer token.

    The web layer passes the two raw header values and nothing else, so every
    framework authenticates the same way.
    """
    if api_key and runtime.settings.api_keys_enabled:
        return authenticate_api_key(db, runtime, api_key)

    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != BEARER_SCHEME or not token.strip():
        raise AuthenticationFailed

    return authenticate(db, runtime, token.strip())


def authenticate(db: Session, runtime: Runtime, access_token: str) -> Principal:
    """Resolve a bearer token, or raise AuthenticationFailed."""
    subject = access_tokens.resolve(db, runtime, access_token)

    query = (
        select(User, AuthSession)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(AuthSession.id == subject.session_id)
    )
    if subject.user_id is not None:
        # A JWT's sub must name the session's own user.
        query = query.where(User.id == subject.user_id)

    row = db.execute(query).first()

    if row is None:
        raise AuthenticationFailed

    user, auth_session = row
    if auth_session.revoked_at is not None or not user.is_active:
        raise AuthenticationFailed

    return Principal(user=user, session_id=auth_session.id)


def require_admin(principal: Principal) -> None:
    """Raise PermissionDenied unless the caller is an admin in a session.

    API keys never carry admin rights: a leaked key must not be able to
    promote accounts or read every user.
    """
    require_session(principal)
    if not principal.is_admin:
        security_event("forbidden", user=principal.user.id, needs="admin")
        raise PermissionDenied
