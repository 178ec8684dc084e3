"""The application factory."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..config import Settings, get_settings
from ..runtime import Runtime, build_runtime
from .cors import CorsMiddleware
from .errors import install_error_handlers
from .guards import (
    RUNTIME_EXTENSION,
    close_db,
    refuse_repaired_paths,
    require_principal,
)
from .middleware import BodySizeLimitMiddleware, SecurityHeadersMiddleware
from .openapi import docs_blueprint
from .routes import admin, auth, health, keys, notes, reports, users

API_PREFIX = "/api/v1"
PROTECTED = "protected"


def create_app(
    settings: Settings | None = None, runtime: Runtime | None = None
) -> Flask:
    """Build the app; with no arguments, from the environment."""
    settings = settings or (runtime.settings if runtime else get_settings())
    runtime = runtime or build_runtime(settings)

    app = Flask(__name__, static_folder=None)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        # OPTIONS is a CORS preflight, answered by CorsMiddleware; any other
        # is refused with 405, as the other frameworks do.
        PROVIDE_AUTOMATIC_OPTIONS=False,
    )
    # Werkzeug would redirect a path it can repair (doubled slashes, a rule's
    # defaults) to a URL built from the Host header, before any guard runs.
    app.url_map.merge_slashes = False
    app.url_map.redirect_defaults = False
    app.extensions[RUNTIME_EXTENSION] = runtime
    app.before_request(refuse_repaired_paths)
    app.teardown_appcontext(close_db)

    app.register_blueprint(health.bp)
    app.register_blueprint(_public_api())
    app.register_blueprint(_protected_api(settings))
    if settings.is_docs_enabled:
        docs = docs_blueprint(
            title=settings.app_name,
            openapi_url=f"{API_PREFIX}/openapi.json",
            is_protected=is_protected,
        )
        app.register_blueprint(docs)
    install_error_handlers(app)

    # Wrapped last = outermost: headers land on every response, CORS preflights
    # included, and oversized bodies are refused before anything parses them.
    wsgi_app = BodySizeLimitMiddleware(app.wsgi_app, settings.max_body_bytes)
    if settings.cors_origins:
        wsgi_app = CorsMiddleware(wsgi_app, settings.cors_origins)
    app.wsgi_app = SecurityHeadersMiddleware(wsgi_app)  # type: ignore[method-assign]
    return app


def is_protected(endpoint: str) -> bool:
    """Whether an endpoint sits behind the authentication guard."""
    return endpoint.split(".", 1)[0] == PROTECTED


def _public_api() -> Blueprint:
    # Everything here is reachable without a token: keep it short.
    api = Blueprint("public", __name__, url_prefix=API_PREFIX)
    api.register_blueprint(auth.public)
    return api


def _protected_api(settings: Settings) -> Blueprint:
    # Deny by default: every route below needs valid credentials.
    api = Blueprint(PROTECTED, __name__, url_prefix=API_PREFIX)
    api.before_request(require_principal)
    api.register_blueprint(auth.protected)
    api.register_blueprint(users.bp)
    api.register_blueprint(notes.bp)
    api.register_blueprint(reports.bp)
    api.register_blueprint(admin.bp)
    if settings.api_keys_enabled:
        api.register_blueprint(keys.bp)
    return api
