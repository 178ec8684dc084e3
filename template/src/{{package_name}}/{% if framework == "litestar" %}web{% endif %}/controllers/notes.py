"""/notes: the caller's notes; another user's note does not exist."""

from __future__ import annotations

import uuid

from litestar import Controller, delete, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from ...schemas import NoteCreateRequest, NoteOut, NoteUpdateRequest, Page
from ...services import notes
from ...services.notes import NoteSort
from ..dependencies import DbDep, PrincipalDep
from .paging import PageParams


class NoteController(Controller):
    """Notes, always scoped to their owner."""

    path = "/notes"
    tags = ("notes",)

    @get(sync_to_thread=True)
    def list_notes(
        self,
        db: DbDep,
        principal: PrincipalDep,
        paging: PageParams,
        sort: FromQuery[NoteSort] = "-created_at",
    ) -> Page[NoteOut]:
        """One page of the caller's notes."""
        found = notes.list_notes(
            db, principal, limit=paging.limit, offset=paging.offset, sort=sort
        )
        items = [NoteOut.model_validate(note) for note in found]
        return Page[NoteOut](items=items, limit=paging.limit, offset=paging.offset)

    @post(status_code=HTTP_201_CREATED, sync_to_thread=True)
    def create_note(
        self, data: JSONBody[NoteCreateRequest], db: DbDep, principal: PrincipalDep
    ) -> NoteOut:
        """Store a note; its HTML is sanitised."""
        note = notes.create_note(db, principal, title=data.title, body=data.body)
        return NoteOut.model_validate(note)

    @get("/{note_id:uuid}", sync_to_thread=True)
    def read_note(
        self, note_id: FromPath[uuid.UUID], db: DbDep, principal: PrincipalDep
    ) -> NoteOut:
        """One of the caller's notes."""
        return NoteOut.model_validate(notes.get_note(db, principal, note_id))

    @patch("/{note_id:uuid}", sync_to_thread=True)
    def update_note(
        self,
        note_id: FromPath[uuid.UUID],
        data: JSONBody[NoteUpdateRequest],
        db: DbDep,
        principal: PrincipalDep,
    ) -> NoteOut:
        """Change a note's title or body."""
        note = notes.update_note(
            db, principal, note_id, title=data.title, body=data.body
        )
        return NoteOut.model_validate(note)

    @delete("/{note_id:uuid}", status_code=HTTP_204_NO_CONTENT, sync_to_thread=True)
    def delete_note(
        self, note_id: FromPath[uuid.UUID], db: DbDep, principal: PrincipalDep
    ) -> None:
        """Delete a note."""
        notes.delete_note(db, principal, note_id)
