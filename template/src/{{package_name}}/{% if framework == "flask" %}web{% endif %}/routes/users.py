"""/users/me: the caller's own account."""

from __future__ import annotations

from http import HTTPStatus

from flask import Blueprint

from ...schemas import ChangePasswordRequest, UpdateProfileRequest, UserOut
from ...services import accounts, profiles
from ..endpoints import endpoint
from ..guards import current_principal, current_runtime, get_db

bp = Blueprint("users", __name__, url_prefix="/users")


@bp.get("/me")
@endpoint(response=UserOut)
def read_me() -> UserOut:
    """The caller's account."""
    return UserOut.model_validate(current_principal().user)


@bp.patch("/me")
@endpoint(body=UpdateProfileRequest, response=UserOut)
def update_me(body: UpdateProfileRequest) -> UserOut:
    """Change the caller's name."""
    user = profiles.update_profile(get_db(), current_principal(), name=body.name)
    return UserOut.model_validate(user)


@bp.post("/me/password")
@endpoint(body=ChangePasswordRequest, status=HTTPStatus.NO_CONTENT)
def change_password(body: ChangePasswordRequest) -> None:
    """Change the password; every other session ends."""
    accounts.change_password(
        get_db(),
        current_runtime(),
        current_principal(),
        current_password=body.current_password,
        new_password=body.new_password,
    )
