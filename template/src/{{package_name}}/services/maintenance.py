"""Housekeeping: drop token rows that can never be used again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from ..models import AccessToken, ApiKey, AuthSession, RefreshToken
from ..runtime import Runtime

# Spent refresh tokens are kept a while: presenting one again is how reuse
# (theft) is detected, and it should still revoke the family.
SPENT_REFRESH_TOKEN_RETENTION = timedelta(days=1)


@dataclass(frozen=True)
class PruneReport:
    """How many rows of each kind were deleted."""

    access_tokens: int
    refresh_tokens: int
    sessions: int


def prune_tokens(db: Session, runtime: Runtime) -> PruneReport:
    """Delete expired tokens, and sessions revoked longer ago than a refresh lives."""
    now = runtime.clock()
    refresh_ttl = timedelta(seconds=runtime.settings.refresh_token_ttl_seconds)

    access = db.execute(delete(AccessToken).where(AccessToken.expires_at <= now))
    db.execute(delete(ApiKey).where(ApiKey.expires_at <= now))
    refresh = db.execute(
        delete(RefreshToken).where(
            or_(
                RefreshToken.expires_at <= now,
                RefreshToken.spent_at <= now - SPENT_REFRESH_TOKEN_RETENTION,
            )
        )
    )
    sessions = db.execute(
        delete(AuthSession).where(AuthSession.revoked_at <= now - refresh_ttl)
    )
    db.commit()

    return PruneReport(
        access_tokens=access.rowcount,
        refresh_tokens=refresh.rowcount,
        sessions=sessions.rowcount,
    )
