"""Query parameters shared by list endpoints, bounded by the settings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ...services.notes import NoteSort
from ...services.paging import DEFAULT_PAGE_SIZE, MAX_OFFSET
from ...services.paging import check_page_size as check_limit
from ..guards import current_runtime


class PageQuery(BaseModel):
    """?limit=&offset=: a page of any list."""

    # Unknown parameters are ignored, as on every framework's query parsing.
    model_config = ConfigDict(extra="ignore", frozen=True)

    limit: int = Field(default=DEFAULT_PAGE_SIZE, ge=1)
    """Items per page; the settings cap it (max_page_size)."""

    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    """Items to skip."""


class NoteQuery(PageQuery):
    """A page of notes, in an allowlisted order."""

    sort: NoteSort = "-created_at"
    """A column from the allowlist, "-" first for descending."""


def check_page_size(page: PageQuery) -> None:
    """Refuse a limit over the configured maximum."""
    check_limit(current_runtime().settings, page.limit)
