"""The application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from ..asgi import SecurityHeadersMiddleware
from ..config import Settings, get_settings
from ..runtime import Runtime, build_runtime
from .dependencies import current_principal
from .errors import install_error_handlers
from .middleware import FastAPIBodyGuard
from .routes import admin, auth, health, keys, notes, reports, users

API_PREFIX = "/api/v1"
# Pages that load Swagger UI get a looser Content-Security-Policy.
DOCS_PATHS = ("/docs",)


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None
) -> FastAPI:
    """Build the app; with no arguments, from the environment."""
    settings = settings or (runtime.settings if runtime else get_settings())
    runtime = runtime or build_runtime(settings)
    docs = settings.is_docs_enabled

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        runtime.close()

    app = FastAPI(
        title=settings.app_name,
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url=f"{API_PREFIX}/openapi.json" if docs else None,
        # A trailing-slash redirect would be built from the Host header and
        # would make clients resend credentials: a wrong path is a 404.
        redirect_slashes=False,
    )
    app.state.runtime = runtime

    app.include_router(health.router)
    app.include_router(_public_api(), prefix=API_PREFIX)
    app.include_router(_protected_api(settings), prefix=API_PREFIX)
    install_error_handlers(app)

    # Added last = outermost: headers land on every response, CORS preflights
    # included, and oversized bodies are refused before anything parses them.
    app.add_middleware(
        FastAPIBodyGuard,
        max_body_bytes=settings.max_body_bytes,
        max_json_depth=settings.max_json_depth,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware, docs_paths=DOCS_PATHS)
    return app


def _public_api() -> APIRouter:
    # Everything here is reachable without a token: keep it short.
    router = APIRouter()
    router.include_router(auth.public)
    return router


def _protected_api(settings: Settings) -> APIRouter:
    # Deny by default: every route below needs valid credentials.
    router = APIRouter(dependencies=[Depends(current_principal)])
    router.include_router(auth.protected)
    router.include_router(users.router)
    router.include_router(notes.router)
    router.include_router(reports.router)
    router.include_router(admin.router)
    if settings.api_keys_enabled:
        router.include_router(keys.router)
    return router
