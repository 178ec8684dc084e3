"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

from flask import Blueprint, Response

from ...schemas import Health
from ...services.health import readiness
from ..endpoints import endpoint
from ..guards import current_runtime

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
    body = readiness(current_runtime())
    status = 200 if body.status == "ok" else 503
    return Response(body.model_dump_json(), status, mimetype="application/json")
