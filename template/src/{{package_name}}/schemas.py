"""Request and response bodies.

Requests forbid unknown fields (no mass assignment); responses are allowlists
that name each field they may show, so no hash or flag leaks by accident.
"""

from __future__ import annotations

import unicodedata
import uuid
from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# Lengths are bounded at the edge so oversized input never reaches the hasher
# or the database; the password policy applies the finer rules.
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=320)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]


def _printable(value: str) -> str:
    # Control and format characters (NUL, bidi overrides, zero-width) let a
    # name look like something else in an admin's list.
    if any(unicodedata.category(char) in {"Cc", "Cf"} for char in value):
        raise ValueError("must not contain control or invisible formatting characters")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_printable),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_printable),
]
NoteBody = Annotated[str, StringConstraints(max_length=20_000)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=512)]
Role = Literal["user", "admin"]
Item = TypeVar("Item", bound=BaseModel)


class Request(BaseModel):
    """Base of request bodies: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", str_max_length=20_000)


class Response(BaseModel):
    """Base of response bodies: built from model attributes."""

    model_config = ConfigDict(from_attributes=True)


class RegisterRequest(Request):
    """POST /auth/register."""

    email: Email
    password: Password
    name: Name


class LoginRequest(Request):
    """POST /auth/login."""

    email: Email
    password: Password


class RefreshRequest(Request):
    """POST /auth/refresh."""

    refresh_token: Token


class ChangePasswordRequest(Request):
    """POST /users/me/password."""

    current_password: Password
    new_password: Password


class UpdateProfileRequest(Request):
    """PATCH /users/me: only the name is the user's to change."""

    name: Name


class NoteCreateRequest(Request):
    """POST /notes."""

    title: Title
    body: NoteBody


class NoteUpdateRequest(Request):
    """PATCH /notes/{id}: any subset of the fields."""

    title: Title | None = None
    body: NoteBody | None = None


class AdminUserUpdateRequest(Request):
    """PATCH /admin/users/{id}."""

    role: Role | None = None
    tier: Annotated[str, StringConstraints(max_length=32)] | None = None
    is_active: bool | None = None


class ReportRequest(Request):
    """POST /reports."""

    kind: Literal["notes-summary"] = "notes-summary"


class ApiKeyCreateRequest(Request):
    """POST /keys."""

    name: Name


class ApiKeyOut(Response):
    """An API key as listed: never the key itself."""

    id: uuid.UUID
    name: str
    display_prefix: str
    created_at: datetime


class NewApiKeyOut(ApiKeyOut):
    """The response to POST /keys: the only time the key is shown."""

    key: str


class TokenPair(BaseModel):
    """Issued by login and refresh."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  # OAuth 2 type
    expires_in: int


class UserOut(Response):
    """What a user sees of their own account."""

    id: uuid.UUID
    email: str
    name: str
    role: str
    tier: str
    created_at: datetime


class AdminUserOut(UserOut):
    """What an admin sees of any account."""

    is_active: bool


class NoteOut(Response):
    """A note."""

    id: uuid.UUID
    title: str
    body: str
    created_at: datetime
    updated_at: datetime


class Page(BaseModel, Generic[Item]):
    """One page of a list."""

    items: list[Item]
    limit: int
    offset: int


class ReportOut(BaseModel):
    """The result of POST /reports."""

    kind: str
    note_count: int
    total_characters: int
    generated_at: datetime


class Health(BaseModel):
    """GET /health and /ready."""

    status: Literal["ok", "unavailable"]
    checks: dict[str, bool] = Field(default_factory=dict)
