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


# Control, format, private-use and unassigned characters, and line or
# paragraph separators: NUL, bidi overrides, zero-width joiners and the like.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp"})
# Letters and symbols that draw nothing (Hangul fillers, the blank Braille
# pattern, Khmer inherent vowels).
BLANK_GLYPHS = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
VISIBLE_CATEGORY_PREFIXES = ("L", "N", "P", "S")


def _printable(value: str) -> str:
    # A name that draws as something else (or as nothing) can pass for
    # another account in an admin's list.
    for char in value:
        category = unicodedata.category(char)
        is_odd_space = category == "Zs" and char != " "
        if category in HIDDEN_CATEGORIES or is_odd_space or char in BLANK_GLYPHS:
            raise ValueError("must not contain invisible or control characters")

    if not any(
        unicodedata.category(char).startswith(VISIBLE_CATEGORY_PREFIXES)
        and char not in BLANK_GLYPHS
        for char in value
    ):
        raise ValueError("must contain at least one visible character")
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
    """POST /keys: the password is asked again before a long-lived key is made."""

    name: Name
    password: Password


class ApiKeyOut(Response):
    """An API key as listed: never the key itself."""

    id: uuid.UUID
    name: str
    display_prefix: str
    created_at: datetime
    expires_at: datetime


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
