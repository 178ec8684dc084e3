"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from ...schemas import Health
from ..dependencies import RuntimeDep

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> Health:
    """The process is up."""
    return Health(status="ok")


@router.get("/.well-known/jwks.json")
def jwks(runtime: RuntimeDep) -> dict[str, list[dict[str, object]]]:
    """The public keys that verify access tokens (none for HS256)."""
    return runtime.tokens.keys.public_jwks


@router.get("/ready", response_model=Health)
def ready(runtime: RuntimeDep) -> JSONResponse:
    """The database and the rate limiter answer."""
    checks = {"database": _database_answers(runtime), "rate_limiter": False}
    checks["rate_limiter"] = runtime.gate.limiter.is_healthy()
    is_ready = all(checks.values())
    body = Health(status="ok" if is_ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if is_ready else 503)


def _database_answers(runtime: RuntimeDep) -> bool:
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("readiness: database does not answer", exc_info=True)
        return False
    return True
