"""Query parameters shared by list endpoints, bounded by the settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ...errors import InvalidInput
from ...services.notes import NoteSort
from ..guards import current_runtime

MAX_OFFSET = 100_000


class PageQuery(BaseModel):
    """?limit=&offset=: a page of any list."""

    # Unknown parameters are ignored, as on every framework's query parsing.
    model_config = ConfigDict(extra="ignore", frozen=True)

    limit: int = Field(default=20, ge=1)
    """Items per page; the settings cap it (max_page_size)."""

    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    """Items to skip."""


class NoteQuery(PageQuery):
    """A page of notes, in an allowlisted order."""

    sort: NoteSort = "-created_at"
    """A column from the allowlist, "-" first for descending."""


def check_page_size(page: PageQuery) -> None:
    """Refuse a limit over the configured maximum."""
    max_page_size = current_runtime().settings.max_page_size

    if page.limit > max_page_size:
        message = f"Use a limit of at most {max_page_size}."
        raise InvalidInput(message, field="limit", location="query")
