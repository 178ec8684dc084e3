"""Page parameters shared by list endpoints, bounded by the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from ...services.paging import DEFAULT_PAGE_SIZE, MAX_OFFSET, check_page_size
from ..dependencies import RuntimeDep


@dataclass(frozen=True)
class Paging:
    """A validated limit and offset."""

    limit: int
    offset: int


def paging(
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1)] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Paging:
    """Read limit and offset; a limit over the configured maximum is refused."""
    check_page_size(runtime.settings, limit)
    return Paging(limit=limit, offset=offset)


PageParams = Annotated[Paging, Depends(paging)]
