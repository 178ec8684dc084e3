"""/notes: the caller's notes; another user's note does not exist."""

from __future__ import annotations

import uuid
from http import HTTPStatus

from flask import Blueprint

from ...schemas import NoteCreateRequest, NoteOut, NoteUpdateRequest, Page
from ...services import notes
from ..endpoints import endpoint
from ..guards import current_principal, get_db
from .paging import NoteQuery, check_page_size

bp = Blueprint("notes", __name__, url_prefix="/notes")


@bp.get("")
@endpoint(query=NoteQuery, response=Page[NoteOut])
def list_notes(query: NoteQuery) -> Page[NoteOut]:
    """One page of the caller's notes."""
    check_page_size(query)
    found = notes.list_notes(
        get_db(),
        current_principal(),
        limit=query.limit,
        offset=query.offset,
        sort=query.sort,
    )
    items = [NoteOut.model_validate(note) for note in found]
    return Page[NoteOut](items=items, limit=query.limit, offset=query.offset)


@bp.post("")
@endpoint(body=NoteCreateRequest, response=NoteOut, status=HTTPStatus.CREATED)
def create_note(body: NoteCreateRequest) -> NoteOut:
    """Store a note; its HTML is sanitised."""
    note = notes.create_note(
        get_db(), current_principal(), title=body.title, body=body.body
    )
    return NoteOut.model_validate(note)


# The uuid converter matches only well-formed ids: anything else is a 404.
@bp.get("/<uuid:note_id>")
@endpoint(response=NoteOut)
def read_note(note_id: uuid.UUID) -> NoteOut:
    """One of the caller's notes."""
    note = notes.get_note(get_db(), current_principal(), note_id)
    return NoteOut.model_validate(note)


@bp.patch("/<uuid:note_id>")
@endpoint(body=NoteUpdateRequest, response=NoteOut)
def update_note(note_id: uuid.UUID, body: NoteUpdateRequest) -> NoteOut:
    """Change a note's title or body."""
    note = notes.update_note(
        get_db(), current_principal(), note_id, title=body.title, body=body.body
    )
    return NoteOut.model_validate(note)


@bp.delete("/<uuid:note_id>")
@endpoint(status=HTTPStatus.NO_CONTENT)
def delete_note(note_id: uuid.UUID) -> None:
    """Delete a note."""
    notes.delete_note(get_db(), current_principal(), note_id)
