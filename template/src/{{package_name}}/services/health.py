"""Readiness: whether the database and the rate limiter answer."""

from __future__ import annotations

import logging

from sqlalchemy import text

from ..runtime import Runtime
from ..schemas import Health

logger = logging.getLogger(__name__)


def readiness(runtime: Runtime) -> Health:
    """Check each dependency; the status is "ok" only if all of them answer."""
    checks = {
        "database": _database_answers(runtime),
        "rate_limiter": runtime.gate.limiter.is_healthy(),
    }
    status = "ok" if all(checks.values()) else "unavailable"
    return Health(status=status, checks=checks)


def _database_answers(runtime: Runtime) -> bool:
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("readiness: database does not answer", exc_info=True)
        return False
    return True
