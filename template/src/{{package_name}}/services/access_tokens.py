"""Access tokens of either strategy, behind one pair of functions.

jwt: a signed token the server checks without a lookup for its signature,
then binds to a live session. opaque: a random token whose digest is looked
up on every request, so deleting the row revokes it at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..config import TokenStrategy
from ..errors import AuthenticationFailed
from ..models import AccessToken
from ..runtime import Runtime
from ..security.jwt_tokens import InvalidToken, issue_access_token, verify_access_token
from ..security.opaque_tokens import new_token, token_digest

OPAQUE_PREFIX = "at_"


@dataclass(frozen=True)
class TokenSubject:
    """Whose token it is: the user and the login session it belongs to."""

    user_id: uuid.UUID | None
    """Named by a JWT's `sub`; None for an opaque token, whose row names only
    the session (the session's own user is then the subject)."""
    session_id: uuid.UUID


def issue(
    db: Session, runtime: Runtime, *, user_id: uuid.UUID, session_id: uuid.UUID
) -> str:
    """A new access token for one session."""
    now = runtime.clock()

    if runtime.settings.token_strategy is TokenStrategy.JWT:
        return issue_access_token(
            runtime.tokens, user_id=user_id, session_id=session_id, now=now
        )

    token = new_token(OPAQUE_PREFIX)
    ttl = timedelta(seconds=runtime.settings.access_token_ttl_seconds)
    db.add(
        AccessToken(
            session_id=session_id, token_hash=token_digest(token), expires_at=now + ttl
        )
    )
    return token


def resolve(db: Session, runtime: Runtime, token: str) -> TokenSubject:
    """Whose token this is; AuthenticationFailed if it is not a live one."""
    if runtime.settings.token_strategy is TokenStrategy.JWT:
        try:
            claims = verify_access_token(runtime.tokens, token)
        except InvalidToken:
            raise AuthenticationFailed from None
        return TokenSubject(user_id=claims.user_id, session_id=claims.session_id)

    if not token.startswith(OPAQUE_PREFIX):
        raise AuthenticationFailed

    row = db.execute(
        select(AccessToken.expires_at, AccessToken.session_id).where(
            AccessToken.token_hash == token_digest(token)
        )
    ).first()

    if row is None or row.expires_at <= runtime.clock():
        raise AuthenticationFailed

    return TokenSubject(user_id=None, session_id=row.session_id)
