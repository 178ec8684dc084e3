"""/auth: registration and tokens."""

from __future__ import annotations

from litestar import Controller, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from ...schemas import LoginRequest, RefreshRequest, RegisterRequest, TokenPair, UserOut
from ...services import accounts
from ..dependencies import ClientIpDep, DbDep, PrincipalDep, RuntimeDep
from ..guards import anonymous_quota


class PublicAuthController(Controller):
    """Reachable without a token, each route throttled by client IP.

    These are auth routes to the limiter: by default, if its storage is down,
    they refuse rather than let a password-guessing run go uncounted.
    """

    path = "/auth"
    tags = ("auth",)

    @post(
        "/register",
        status_code=HTTP_201_CREATED,
        guards=[anonymous_quota(lambda q: q.register, auth_route=True)],
        sync_to_thread=True,
    )
    def register(
        self, data: JSONBody[RegisterRequest], db: DbDep, runtime: RuntimeDep
    ) -> UserOut:
        """Create an account."""
        user = accounts.register(
            db, runtime, email=data.email, password=data.password, name=data.name
        )
        return UserOut.model_validate(user)

    @post(
        "/login",
        status_code=HTTP_200_OK,
        guards=[anonymous_quota(auth_route=True)],
        sync_to_thread=True,
    )
    def login(
        self,
        data: JSONBody[LoginRequest],
        db: DbDep,
        runtime: RuntimeDep,
        client_ip: ClientIpDep,
    ) -> TokenPair:
        """Exchange email and password for an access and a refresh token."""
        return accounts.login(
            db, runtime, email=data.email, password=data.password, client_ip=client_ip
        )

    @post(
        "/refresh",
        status_code=HTTP_200_OK,
        guards=[anonymous_quota(lambda q: q.refresh, auth_route=True)],
        sync_to_thread=True,
    )
    def refresh(
        self, data: JSONBody[RefreshRequest], db: DbDep, runtime: RuntimeDep
    ) -> TokenPair:
        """Spend a refresh token for a new pair."""
        return accounts.refresh(db, runtime, refresh_token=data.refresh_token)


class SessionController(Controller):
    """Needs a token: registered on the protected router."""

    path = "/auth"
    tags = ("auth",)

    @post("/logout", status_code=HTTP_204_NO_CONTENT, sync_to_thread=True)
    def logout(self, db: DbDep, runtime: RuntimeDep, principal: PrincipalDep) -> None:
        """End this session."""
        accounts.logout(db, runtime, principal)
