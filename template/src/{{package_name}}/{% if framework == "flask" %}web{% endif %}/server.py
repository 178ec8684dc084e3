"""The production server for this framework: gunicorn, banner off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gunicorn.app.base import BaseApplication
from gunicorn.http import wsgi as gunicorn_wsgi

from ..config import Settings
from .app import create_app

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

THREADS_PER_WORKER = 4


class BannerlessResponse(gunicorn_wsgi.Response):
    """gunicorn's HTTP/1 response, less the `Server: gunicorn` line.

    gunicorn writes that header itself and has no setting to stop it
    (https://github.com/benoitc/gunicorn/issues/825), so no WSGI middleware
    can remove it.
    """

    def default_headers(self) -> list[str]:
        """Status line, Date and Connection; no Server."""
        return [
            line
            for line in super().default_headers()
            if not line.lower().startswith("server:")
        ]


class Server(BaseApplication):
    """gunicorn configured from code rather than its command line."""

    def __init__(self, settings: Settings, options: dict[str, object]) -> None:
        self.settings = settings
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply the options; an unknown name is an error, not a no-op."""
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> WSGIApplication:
        """Build the app in each worker, after the fork: engines are per process."""
        return create_app(self.settings)


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Run the app until interrupted."""
    options: dict[str, object] = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        # Threads keep one slow client from holding a whole worker.
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        # The app resolves client IPs itself, from TRUSTED_PROXIES.
        "forwarded_allow_ips": "",
        "loglevel": "info" if settings.environment != "production" else "warning",
        "accesslog": "-" if settings.environment != "production" else None,
    }
    server = Server(settings, options)
    if "control_socket_disable" in server.cfg.settings:
        # Recent gunicorn opens a control socket under $HOME by default; the
        # API needs none, and two projects on one host would share its path.
        server.cfg.set("control_socket_disable", True)

    # create() builds every HTTP/1 response from this module attribute.
    gunicorn_wsgi.Response = BannerlessResponse  # type: ignore[misc]
    server.run()
