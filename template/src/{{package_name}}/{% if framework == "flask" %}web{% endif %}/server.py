"""The production server for this framework: gunicorn, banner off, I/O bounded."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from gunicorn.app.base import BaseApplication
from gunicorn.http import wsgi as gunicorn_wsgi

from ..config import Settings
from .app import create_app
from .client_reads import (
    GuardedInputMiddleware,
    bound_socket_io,
    shorten_socket_timeouts,
)

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication
    from gunicorn.arbiter import Arbiter

# A thread serves one connection at a time, and a client that goes quiet
# mid-request keeps it for up to SOCKET_TIMEOUT_SECONDS: more threads mean
# more such clients before /health waits. Past the database pool (twice
# DATABASE_POOL_SIZE), a thread waits for a connection, then answers 503.
THREADS_PER_WORKER = 16
# Longest wait for the next bytes of a request, or for the client to take
# more of a response. A client that sends nothing for this long is dropped.
SOCKET_TIMEOUT_SECONDS = 10


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
        return GuardedInputMiddleware(create_app(self.settings))


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Run the app until interrupted."""
    options: dict[str, object] = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        # Threads keep one slow client from holding a whole worker.
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "when_ready": _bound_client_io,
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
    logging.getLogger("gunicorn.error").addFilter(shorten_socket_timeouts)
    server.run()


def _bound_client_io(arbiter: Arbiter) -> None:
    # gthread has no read timeout of its own, and its worker `timeout` never
    # fires for a thread stuck on a socket: the main loop keeps the heartbeat.
    # gunicorn's listeners pass socket calls through to the socket they wrap.
    bound_socket_io(arbiter.LISTENERS, SOCKET_TIMEOUT_SECONDS)
