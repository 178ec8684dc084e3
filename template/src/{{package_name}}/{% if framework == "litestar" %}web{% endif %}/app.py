"""The application factory."""

from __future__ import annotations

from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.types import ControllerRouterHandler

from ..asgi import BodyGuardMiddleware, SecurityHeadersMiddleware
from ..config import Settings, get_settings
from ..runtime import Runtime, build_runtime
from .controllers import admin, auth, docs, health, keys, notes, reports, users
from .controllers.paging import provide_paging
from .dependencies import (
    PRINCIPAL,
    RUNTIME,
    provide_client_ip,
    provide_db,
    provide_principal,
    provide_runtime,
)
from .errors import EXCEPTION_HANDLERS
from .guards import authenticated
from .middleware import CanonicalPathMiddleware
from .requests import JSONRequest

API_PREFIX = "/api/v1"
API_VERSION = "0.1.0"
DOCS_PATH = "/docs"


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None
) -> Litestar:
    """Build the app; with no arguments, from the environment."""
    settings = settings or (runtime.settings if runtime else get_settings())
    runtime = runtime or build_runtime(settings)
    docs_enabled = settings.is_docs_enabled

    app = Litestar(
        route_handlers=[
            health.HealthController,
            _public_api(docs_enabled=docs_enabled),
            _protected_api(settings),
        ],
        dependencies={
            RUNTIME: Provide(provide_runtime, sync_to_thread=False),
            "db": Provide(provide_db),
            "client_ip": Provide(provide_client_ip, sync_to_thread=False),
            "paging": Provide(provide_paging, sync_to_thread=False),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=JSONRequest,
        cors_config=_cors(settings),
        openapi_config=_openapi(settings) if docs_enabled else None,
        state=State({RUNTIME: runtime}),
        on_shutdown=[runtime.close],
        # Logging is the process's to configure (uvicorn's, or the tests').
        logging_config=None,
    )

    # Litestar runs `middleware=` only once a route has matched: wrapping its
    # entry point instead puts headers on 404s, 405s and CORS preflights too,
    # and refuses odd paths and oversized or deep bodies before any parsing.
    guarded = BodyGuardMiddleware(
        app.asgi_handler,
        max_body_bytes=settings.max_body_bytes,
        max_json_depth=settings.max_json_depth,
    )
    app.asgi_handler = SecurityHeadersMiddleware(CanonicalPathMiddleware(guarded))
    return app


def _public_api(*, docs_enabled: bool) -> Router:
    # Everything here is reachable without a token: keep it short.
    handlers: list[ControllerRouterHandler] = [auth.PublicAuthController]
    if docs_enabled:
        handlers.append(docs.openapi_document)
    return Router(API_PREFIX, route_handlers=handlers)


def _protected_api(settings: Settings) -> Router:
    # Deny by default: every route below needs valid credentials.
    handlers: list[ControllerRouterHandler] = [
        auth.SessionController,
        users.UserController,
        notes.NoteController,
        reports.ReportController,
        admin.AdminController,
    ]
    if settings.api_keys_enabled:
        handlers.append(keys.KeyController)
    return Router(
        API_PREFIX,
        guards=[authenticated],
        dependencies={PRINCIPAL: Provide(provide_principal, sync_to_thread=False)},
        route_handlers=handlers,
    )


def _cors(settings: Settings) -> CORSConfig | None:
    if not settings.cors_origins:
        return None
    return CORSConfig(
        allow_origins=settings.cors_origins,
        allow_credentials=False,
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type"],
    )


def _openapi(settings: Settings) -> OpenAPIConfig:
    # The document itself is served under the API prefix by docs.py; Litestar's
    # own router serves the Swagger UI at /docs.
    return OpenAPIConfig(
        title=settings.app_name,
        version=API_VERSION,
        path=DOCS_PATH,
        render_plugins=[SwaggerRenderPlugin(path="/")],
        use_handler_docstrings=True,
    )
