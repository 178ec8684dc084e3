"""API keys for machine clients: prefixed, shown once, stored as a digest."""

from __future__ import annotations

import hmac
import uuid
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db import end_read
from ..errors import AuthenticationFailed, Conflict, NotFound
from ..models import ApiKey, User
from ..runtime import Runtime
from ..security.events import security_event
from ..security.opaque_tokens import new_token, token_digest
from .accounts import confirm_password
from .principal import Principal, require_session

KEY_PREFIX = "sk_"
# Enough of the key to recognise it in a list, far too little to use it.
DISPLAY_PREFIX_LENGTH = len(KEY_PREFIX) + 8
MAX_KEYS_PER_USER = 10


def create_key(
    db: Session, runtime: Runtime, principal: Principal, *, name: str, password: str
) -> tuple[ApiKey, str]:
    """Make a key for the caller; the plain key is returned this once only.

    The password is asked again, so a stolen 15-minute access token cannot
    be turned into a long-lived key.
    """
    require_session(principal)
    confirm_password(runtime, principal, password, field="password")

    # Lock the owner's row, then insert and count: two parallel requests
    # cannot both see room for one more key (SQLite serialises writers).
    db.execute(select(User.id).where(User.id == principal.user.id).with_for_update())
    now = runtime.clock()
    plain = new_token(KEY_PREFIX)
    key = ApiKey(
        owner_id=principal.user.id,
        name=name,
        display_prefix=plain[:DISPLAY_PREFIX_LENGTH],
        key_hash=token_digest(plain),
        created_at=now,
        expires_at=now + timedelta(days=runtime.settings.api_key_ttl_days),
    )
    db.add(key)
    db.flush()
    count = db.scalar(
        select(func.count(ApiKey.id)).where(ApiKey.owner_id == principal.user.id)
    )
    if (count or 0) > MAX_KEYS_PER_USER:
        db.rollback()
        raise Conflict(f"You already have {MAX_KEYS_PER_USER} keys; delete one first.")
    db.commit()

    security_event("api-key-created", user=principal.user.id, key=key.id)
    return key, plain


def list_keys(db: Session, principal: Principal) -> list[ApiKey]:
    """The caller's keys, newest first; never the keys themselves."""
    require_session(principal)
    query = (
        select(ApiKey)
        .where(ApiKey.owner_id == principal.user.id)
        .order_by(ApiKey.created_at.desc(), ApiKey.id)
    )
    keys = list(db.scalars(query))
    end_read(db)
    return keys


def delete_key(db: Session, principal: Principal, key_id: uuid.UUID) -> None:
    """Revoke one of the caller's keys; another user's key is not found."""
    require_session(principal)
    key = db.scalar(
        select(ApiKey).where(ApiKey.id == key_id, ApiKey.owner_id == principal.user.id)
    )
    if key is None:
        raise NotFound

    db.delete(key)
    db.commit()
    security_event("api-key-deleted", user=principal.user.id, key=key_id)


def authenticate_api_key(db: Session, runtime: Runtime, plain: str) -> Principal:
    """The owner of a live key, or AuthenticationFailed."""
    if not plain.startswith(KEY_PREFIX):
        raise AuthenticationFailed

    digest = token_digest(plain)
    row = db.execute(
        select(ApiKey, User)
        .join(User, User.id == ApiKey.owner_id)
        .where(ApiKey.key_hash == digest)
    ).first()

    # The lookup is by digest, so timing reveals nothing about the key; the
    # constant-time comparison guards against a collation that folds case.
    if row is None or not hmac.compare_digest(row.ApiKey.key_hash, digest):
        raise AuthenticationFailed

    if not row.User.is_active or row.ApiKey.expires_at <= runtime.clock():
        raise AuthenticationFailed

    return Principal(user=row.User, session_id=None)
