"""Notes, always scoped to their owner inside the query itself."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..db import end_read
from ..errors import InvalidInput, NotFound
from ..models import Note
from ..security.html import sanitise_html
from .authentication import Principal

# Sanitising can lengthen a body many times over ("<a>" gains a closing tag
# and a rel attribute); the stored form is capped too, not just the input.
MAX_STORED_BODY = 50_000

NoteSort = Literal["created_at", "-created_at", "updated_at", "-updated_at", "title"]
# Client-chosen ordering maps onto columns through this table only, so no
# client text ever reaches the SQL.
SORT_COLUMNS: dict[str, ColumnElement[object]] = {
    "created_at": Note.created_at.asc(),
    "-created_at": Note.created_at.desc(),
    "updated_at": Note.updated_at.asc(),
    "-updated_at": Note.updated_at.desc(),
    "title": Note.title.asc(),
}


def list_notes(
    db: Session, principal: Principal, *, limit: int, offset: int, sort: NoteSort
) -> list[Note]:
    """One page of the caller's notes."""
    query = (
        select(Note)
        .where(Note.owner_id == principal.user.id)
        .order_by(SORT_COLUMNS[sort], Note.id)
        .limit(limit)
        .offset(offset)
    )
    notes = list(db.scalars(query))
    end_read(db)
    return notes


def create_note(db: Session, principal: Principal, *, title: str, body: str) -> Note:
    """Store a note with its HTML sanitised."""
    note = Note(owner_id=principal.user.id, title=title, body=_clean_body(body))
    db.add(note)
    db.commit()
    return note


def get_note(db: Session, principal: Principal, note_id: uuid.UUID) -> Note:
    """The caller's note; another user's is as absent as a missing one."""
    note = _owned_note(db, principal, note_id)
    end_read(db)
    return note


def update_note(
    db: Session,
    principal: Principal,
    note_id: uuid.UUID,
    *,
    title: str | None,
    body: str | None,
) -> Note:
    """Change the fields given."""
    note = _owned_note(db, principal, note_id)

    if title is not None:
        note.title = title
    if body is not None:
        note.body = _clean_body(body)

    db.commit()
    return note


def delete_note(db: Session, principal: Principal, note_id: uuid.UUID) -> None:
    """Delete the caller's note."""
    note = _owned_note(db, principal, note_id)
    db.delete(note)
    db.commit()


def note_statistics(db: Session, principal: Principal) -> tuple[int, int]:
    """How many notes the caller has, and how many characters they hold."""
    count, characters = db.execute(
        select(
            func.count(Note.id), func.coalesce(func.sum(func.length(Note.body)), 0)
        ).where(Note.owner_id == principal.user.id)
    ).one()
    return int(count), int(characters)


def _clean_body(body: str) -> str:
    cleaned = sanitise_html(body)
    if len(cleaned) > MAX_STORED_BODY:
        raise InvalidInput(
            "The body is too long once its HTML is cleaned.", field="body"
        )
    return cleaned


def _owned_note(db: Session, principal: Principal, note_id: uuid.UUID) -> Note:
    note = db.scalar(
        select(Note).where(Note.id == note_id, Note.owner_id == principal.user.id)
    )
    if note is None:
        raise NotFound
    return note
