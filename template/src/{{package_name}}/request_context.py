"""The current request's id, for log lines written far from the web layer."""

from __future__ import annotations

from contextvars import ContextVar, Token

_request_id: ContextVar[str] = ContextVar("request_id", default="-")


def bind_request_id(request_id: str) -> Token[str]:
    """Make `request_id` current until the token is reset."""
    return _request_id.set(request_id)


def unbind_request_id(token: Token[str]) -> None:
    """Restore the id that was current before `bind_request_id`."""
    _request_id.reset(token)


def current_request_id() -> str:
    """The id of the request being served, or "-" outside one."""
    return _request_id.get()
