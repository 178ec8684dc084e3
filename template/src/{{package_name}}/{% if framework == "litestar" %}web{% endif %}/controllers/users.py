"""/users/me: the caller's own account."""

from __future__ import annotations

from litestar import Controller, get, patch, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from ...schemas import ChangePasswordRequest, UpdateProfileRequest, UserOut
from ...services import accounts, profiles
from ..dependencies import DbDep, PrincipalDep, RuntimeDep


class UserController(Controller):
    """The caller's own account, and nothing more."""

    path = "/users"
    tags = ("users",)

    @get("/me")
    async def read_me(self, principal: PrincipalDep) -> UserOut:
        """The caller's account."""
        return UserOut.model_validate(principal.user)

    @patch("/me", sync_to_thread=True)
    def update_me(
        self, data: JSONBody[UpdateProfileRequest], db: DbDep, principal: PrincipalDep
    ) -> UserOut:
        """Change the caller's name."""
        user = profiles.update_profile(db, principal, name=data.name)
        return UserOut.model_validate(user)

    @post("/me/password", status_code=HTTP_204_NO_CONTENT, sync_to_thread=True)
    def change_password(
        self,
        data: JSONBody[ChangePasswordRequest],
        db: DbDep,
        runtime: RuntimeDep,
        principal: PrincipalDep,
    ) -> None:
        """Change the password; every other session ends."""
        accounts.change_password(
            db,
            runtime,
            principal,
            current_password=data.current_password,
            new_password=data.new_password,
        )
