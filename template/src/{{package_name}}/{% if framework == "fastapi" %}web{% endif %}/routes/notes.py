"""/notes: the caller's notes; another user's note does not exist."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from ...schemas import NoteCreateRequest, NoteOut, NoteUpdateRequest, Page
from ...services import notes
from ...services.notes import NoteSort
from ..dependencies import DbDep, PrincipalDep
from .paging import PageParams

router = APIRouter(prefix="/notes", tags=["notes"])


@router.get("")
def list_notes(
    db: DbDep,
    principal: PrincipalDep,
    page: PageParams,
    sort: Annotated[NoteSort, Query()] = "-created_at",
) -> Page[NoteOut]:
    """One page of the caller's notes."""
    found = notes.list_notes(
        db, principal, limit=page.limit, offset=page.offset, sort=sort
    )
    items = [NoteOut.model_validate(note) for note in found]
    return Page[NoteOut](items=items, limit=page.limit, offset=page.offset)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_note(body: NoteCreateRequest, db: DbDep, principal: PrincipalDep) -> NoteOut:
    """Store a note; its HTML is sanitised."""
    note = notes.create_note(db, principal, title=body.title, body=body.body)
    return NoteOut.model_validate(note)


@router.get("/{note_id}")
def read_note(note_id: uuid.UUID, db: DbDep, principal: PrincipalDep) -> NoteOut:
    """One of the caller's notes."""
    return NoteOut.model_validate(notes.get_note(db, principal, note_id))


@router.patch("/{note_id}")
def update_note(
    note_id: uuid.UUID, body: NoteUpdateRequest, db: DbDep, principal: PrincipalDep
) -> NoteOut:
    """Change a note's title or body."""
    note = notes.update_note(db, principal, note_id, title=body.title, body=body.body)
    return NoteOut.model_validate(note)


@router.delete("/{note_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_note(note_id: uuid.UUID, db: DbDep, principal: PrincipalDep) -> Response:
    """Delete a note."""
    notes.delete_note(db, principal, note_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
