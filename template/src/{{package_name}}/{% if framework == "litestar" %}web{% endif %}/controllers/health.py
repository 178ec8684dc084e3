"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

import logging

from litestar import Controller, Response, get
from sqlalchemy import text

from ...runtime import Runtime
from ...schemas import Health
from ..dependencies import RuntimeDep

logger = logging.getLogger(__name__)


class HealthController(Controller):
    """Probes for load balancers and orchestrators, and the public keys."""

    path = "/"
    tags = ("health",)

    @get("/health")
    async def health(self) -> Health:
        """The process is up."""
        return Health(status="ok")

    @get("/.well-known/jwks.json")
    async def jwks(self, runtime: RuntimeDep) -> dict[str, list[dict[str, object]]]:
        """The public keys that verify access tokens (none for HS256)."""
        return runtime.tokens.keys.public_jwks

    @get("/ready", sync_to_thread=True)
    def ready(self, runtime: RuntimeDep) -> Response[Health]:
        """The database and the rate limiter answer."""
        checks = {"database": _database_answers(runtime), "rate_limiter": False}
        checks["rate_limiter"] = runtime.gate.limiter.is_healthy()
        is_ready = all(checks.values())
        body = Health(status="ok" if is_ready else "unavailable", checks=checks)
        return Response(body, status_code=200 if is_ready else 503)


def _database_answers(runtime: Runtime) -> bool:
    try:
        with runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("readiness: database does not answer", exc_info=True)
        return False
    return True
