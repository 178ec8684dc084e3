"""/reports: expensive, so it has a lower limit of its own."""

from __future__ import annotations

from litestar import Controller, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from ...schemas import ReportOut, ReportRequest
from ...services.reports import run_report
from ..dependencies import DbDep, PrincipalDep, RuntimeDep
from ..guards import principal_quota


class ReportController(Controller):
    """Summaries of the caller's data."""

    path = "/reports"
    tags = ("reports",)

    @post(
        status_code=HTTP_200_OK,
        guards=[principal_quota(lambda q: q.reports)],
        sync_to_thread=True,
    )
    def create_report(
        self,
        data: JSONBody[ReportRequest],
        db: DbDep,
        runtime: RuntimeDep,
        principal: PrincipalDep,
    ) -> ReportOut:
        """Summarise the caller's notes."""
        return run_report(db, runtime, principal, data.kind)
