"""The production server for this framework: uvicorn, banner off."""

from __future__ import annotations

import uvicorn

from ..config import Settings


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Run the app until interrupted."""
    uvicorn.run(
        f"{__package__}.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        # The app resolves client IPs itself, from TRUSTED_PROXIES.
        proxy_headers=False,
        server_header=False,
        log_level="info" if settings.environment != "production" else "warning",
    )
