"""Database engine and sessions (SQLAlchemy 2, synchronous)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(
    database_url: str, *, pool_size: int = 5, pool_timeout: float = 10
) -> Engine:
    """Create the engine, with SQLite told to enforce foreign keys."""
    url = make_url(database_url)
    options: dict[str, object] = {"pool_pre_ping": True}

    if url.database not in (None, "", ":memory:"):
        # Waiting for a connection ends in a 503, not a hung request.
        options |= {
            "pool_size": pool_size,
            "max_overflow": pool_size,
            "pool_timeout": pool_timeout,
        }

    engine = create_engine(url, **options)

    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)

    return engine


def _enable_sqlite_foreign_keys(dbapi_connection: object, _record: object) -> None:
    # SQLite ignores ON DELETE CASCADE unless this pragma is on per connection.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def end_read(session: Session) -> None:
    """End a read-only transaction, so its connection goes back to the pool.

    Loaded objects stay usable (expire_on_commit=False). Without this a
    request could hold its connection until the web layer closes the
    session, which may first queue for a worker thread: enough such requests
    at once and every thread waits on a connection that waits on a thread.
    """
    session.commit()
