"""/users/me: the caller's own account."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from ...schemas import ChangePasswordRequest, UpdateProfileRequest, UserOut
from ...services import accounts, profiles
from ..dependencies import DbDep, PrincipalDep, RuntimeDep

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/me")
def read_me(principal: PrincipalDep) -> UserOut:
    """The caller's account."""
    return UserOut.model_validate(principal.user)


@router.patch("/me")
def update_me(
    body: UpdateProfileRequest, db: DbDep, principal: PrincipalDep
) -> UserOut:
    """Change the caller's name."""
    return UserOut.model_validate(
        profiles.update_profile(db, principal, name=body.name)
    )


@router.post("/me/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(
    body: ChangePasswordRequest, db: DbDep, runtime: RuntimeDep, principal: PrincipalDep
) -> Response:
    """Change the password; every other session ends."""
    accounts.change_password(
        db,
        runtime,
        principal,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
