"""/reports: expensive, so it has a lower limit of its own."""

from __future__ import annotations

from flask import Blueprint

from ...schemas import ReportOut, ReportRequest
from ...services.reports import run_report
from ..endpoints import endpoint
from ..guards import current_principal, current_runtime, get_db, principal_quota

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.post("")
@principal_quota(lambda q: q.reports)
@endpoint(body=ReportRequest, response=ReportOut)
def create_report(body: ReportRequest) -> ReportOut:
    """Summarise the caller's notes."""
    return run_report(get_db(), current_runtime(), current_principal(), body.kind)
