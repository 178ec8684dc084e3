"""Reports: the deliberately expensive endpoint, behind its own limit."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..runtime import Runtime
from ..schemas import ReportOut
from .authentication import Principal
from .notes import note_statistics


def run_report(
    db: Session, runtime: Runtime, principal: Principal, kind: str
) -> ReportOut:
    """Summarise the caller's notes."""
    note_count, total_characters = note_statistics(db, principal)
    return ReportOut(
        kind=kind,
        note_count=note_count,
        total_characters=total_characters,
        generated_at=runtime.clock(),
    )
