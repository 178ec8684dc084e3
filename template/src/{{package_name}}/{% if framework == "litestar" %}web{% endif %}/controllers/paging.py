"""Page parameters shared by list endpoints, bounded by the settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import QueryParameter, SkipValidation

from ...errors import InvalidInput
from ..dependencies import RuntimeDep

MAX_OFFSET = 100_000


@dataclass(frozen=True)
class Paging:
    """A validated limit and offset."""

    limit: int
    offset: int


def provide_paging(
    runtime: RuntimeDep,
    limit: Annotated[int, QueryParameter(ge=1)] = 20,
    offset: Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET)] = 0,
) -> Paging:
    """Read limit and offset; a limit over the configured maximum is refused."""
    if limit > runtime.settings.max_page_size:
        message = f"Use a limit of at most {runtime.settings.max_page_size}."
        raise InvalidInput(message, field="limit", location="query")
    return Paging(limit=limit, offset=offset)


PageParams = NamedDependency[SkipValidation[Paging]]
