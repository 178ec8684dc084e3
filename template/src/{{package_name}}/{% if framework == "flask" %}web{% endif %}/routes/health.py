"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

import logging

from flask import Blueprint, Response
from sqlalchemy import text

from ...runtime import Runtime
from ...schemas import Health
from ..endpoints import endpoint
from ..guards import current_runtime

logger = logging.getLogger(__name__)

bp = Blueprint("health", __name__)


@bp.get("/health")
@endpoint(response=Health)
def health() -> Health:
    """The process is up."""
    return Health(status="ok")


@bp.get("/.well-known/jwks.json")
@endpoint()
def jwks() -> dict[str, list[dict[str, object]]]:
    """The public keys that verify access tokens (none for HS256)."""
    return current_runtime().tokens.keys.public_jwks


@bp.get("/ready")
@endpoint(response=Health)
def ready() -> Response:
    """The database and the rate limiter answer."""
    runtime = current_runtime()
    checks = {
        "database": _database_answers(runtime),
        "rate_limiter": runtime.gate.limiter.is_healthy(),
    }
    is_ready = all(checks.values())
    body = Health(status="ok" if is_ready else "unavailable", checks=checks)
    status = 200 if is_ready else 503
    return Response(body.model_dump_json(), status, mimetype="application/json")


def _database_answers(runtime: Runtime) -> bool:
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("readiness: database does not answer", exc_info=True)
        return False
    return True
