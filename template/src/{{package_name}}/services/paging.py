"""Page bounds shared by every list endpoint."""

from __future__ import annotations

from ..config import Settings
from ..errors import InvalidInput

DEFAULT_PAGE_SIZE = 20
# Deep offsets make the database walk and discard rows: cap them too.
MAX_OFFSET = 100_000


def check_page_size(settings: Settings, limit: int) -> None:
    """Refuse a limit over the configured maximum (the other bounds are the
    web layer's parameter declarations: limit >= 1, 0 <= offset <= MAX_OFFSET)."""
    if limit > settings.max_page_size:
        message = f"Use a limit of at most {settings.max_page_size}."
        raise InvalidInput(message, field="limit", location="query")
