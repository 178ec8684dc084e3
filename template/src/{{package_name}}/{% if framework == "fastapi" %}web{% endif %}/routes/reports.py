"""/reports: expensive, so it has a lower limit of its own."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ...schemas import ReportOut, ReportRequest
from ...services.reports import run_report
from ..dependencies import DbDep, PrincipalDep, RuntimeDep, principal_quota

router = APIRouter(prefix="/reports", tags=["reports"])


@router.post("", dependencies=[Depends(principal_quota(lambda q: q.reports))])
def create_report(
    body: ReportRequest, db: DbDep, runtime: RuntimeDep, principal: PrincipalDep
) -> ReportOut:
    """Summarise the caller's notes."""
    return run_report(db, runtime, principal, body.kind)
