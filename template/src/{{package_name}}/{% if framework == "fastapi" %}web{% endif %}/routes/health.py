"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ...schemas import Health
from ...services.health import readiness
from ..dependencies import RuntimeDep

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
    body = readiness(runtime)
    status = 200 if body.status == "ok" else 503
    return JSONResponse(body.model_dump(), status_code=status)
