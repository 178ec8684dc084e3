"""/health, /ready and the JWKS: public, unauthenticated and not rate limited."""

from __future__ import annotations

from litestar import Controller, Response, get

from ...schemas import Health
from ...services.health import readiness
from ..dependencies import RuntimeDep


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
        body = readiness(runtime)
        return Response(body, status_code=200 if body.status == "ok" else 503)
