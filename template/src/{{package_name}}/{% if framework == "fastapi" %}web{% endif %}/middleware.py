"""The shared ASGI middleware, with errors FastAPI's body parsing lets through."""

from __future__ import annotations

from starlette.exceptions import HTTPException

from ..asgi import TOO_LARGE, BodyGuardMiddleware
from ..errors import BodyTooDeep


class FastAPIBodyGuard(BodyGuardMiddleware):
    """Raises Starlette's HTTPException while FastAPI reads a body.

    FastAPI turns any other exception raised during body parsing into a
    generic 400; an HTTPException passes through to the problem handler.
    """

    def too_large(self) -> Exception:
        """413, as an HTTPException."""
        return HTTPException(413, TOO_LARGE)

    def too_deep(self) -> Exception:
        """400, as an HTTPException."""
        return HTTPException(400, BodyTooDeep.detail)
