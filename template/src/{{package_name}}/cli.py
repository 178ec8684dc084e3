"""The command line: serve, migrate, create-admin."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence

from .config import ConfigurationError, load_settings
from .errors import DomainError, InvalidInput
from .migrations.runner import upgrade
from .runtime import build_runtime
from .services.admin import create_admin
from .services.maintenance import prune_tokens
from .web.server import serve

CONFIGURATION_HINT = (
    "Settings come from the environment and from .env in the current directory;"
    " .env.example lists every variable and how to generate secrets."
)
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit non-zero with a one-line message on bad config."""
    parser = _parser()
    args = parser.parse_args(argv)

    try:
        return int(args.handler(args) or 0)
    except ConfigurationError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        print(CONFIGURATION_HINT, file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the production server")
    serve.add_argument("--host", default=DEFAULT_HOST, help="default: %(default)s")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="default: %(default)s"
    )
    serve.add_argument("--workers", type=int, default=1, help="default: %(default)s")
    serve.set_defaults(handler=_serve)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(handler=_migrate)

    prune = commands.add_parser("prune", help="delete expired tokens and sessions")
    prune.set_defaults(handler=_prune)

    admin = commands.add_parser("create-admin", help="create an admin account")
    admin.add_argument("email")
    admin.set_defaults(handler=_create_admin)
    return parser


def _serve(args: argparse.Namespace) -> int:
    # Load here so a bad setting fails with one clear line, not in a worker.
    settings = load_settings()
    serve(settings, host=args.host, port=args.port, workers=args.workers)
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    upgrade(load_settings().database_url)
    print("database migrated to the latest revision")
    return 0


def _prune(_args: argparse.Namespace) -> int:
    runtime = build_runtime(load_settings())
    try:
        with runtime.sessions() as db:
            report = prune_tokens(db, runtime)
    finally:
        runtime.close()

    print(
        f"deleted {report.access_tokens} access tokens, "
        f"{report.refresh_tokens} refresh tokens, {report.sessions} sessions"
    )
    return 0


def _create_admin(args: argparse.Namespace) -> int:
    runtime = build_runtime(load_settings())
    password = _read_password()

    try:
        with runtime.sessions() as db:
            user = create_admin(db, runtime, email=args.email, password=password)
    except DomainError as exc:
        print(f"could not create the admin: {_explain(exc)}", file=sys.stderr)
        return 1
    finally:
        runtime.close()

    print(f"admin created: {user.email} ({user.id})")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Password: ")
    return sys.stdin.readline().rstrip("\n")


def _explain(error: Exception) -> str:
    if isinstance(error, InvalidInput):
        return f"{error.field}: {error}"
    return str(error)


if __name__ == "__main__":
    raise SystemExit(main())
