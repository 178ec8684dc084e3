"""Registration, login, token refresh, logout and password change."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import AuthenticationFailed, Conflict, InvalidInput
from ..models import ApiKey, AuthSession, RefreshToken, User
from ..runtime import Runtime
from ..schemas import TokenPair
from ..security.events import security_event
from ..security.opaque_tokens import new_token, token_digest
from ..security.password_policy import WeakPassword, check_password
from . import access_tokens
from .emails import InvalidEmail, canonical_email
from .principal import Principal, require_session

logger = logging.getLogger(__name__)

REFRESH_PREFIX = "rt_"
EMAIL_TAKEN = "An account with this email already exists."
WRONG_CURRENT_PASSWORD = "The current password is incorrect."  # noqa: S105


def register(
    db: Session, runtime: Runtime, *, email: str, password: str, name: str
) -> User:
    """Create an account with the default role and tier."""
    try:
        address = canonical_email(email)
    except InvalidEmail as exc:
        raise InvalidInput(str(exc), field="email") from None

    _check_new_password(runtime, password, email=address, name=name)

    if db.scalar(select(User.id).where(User.email == address)) is not None:
        raise Conflict(EMAIL_TAKEN)

    user = User(
        email=address,
        name=name,
        password_hash=runtime.passwords.hash(password),
        role="user",
        tier=runtime.settings.default_tier,
    )
    db.add(user)

    try:
        db.commit()
    except IntegrityError:
        # Two registrations raced past the check above; the index decided.
        db.rollback()
        raise Conflict(EMAIL_TAKEN) from None

    logger.info("account registered: user=%s", user.id)
    return user


def login(
    db: Session, runtime: Runtime, *, email: str, password: str, client_ip: str
) -> TokenPair:
    """Exchange credentials for a token pair; every failure looks the same."""
    account_key = _login_key(email)
    quotas = runtime.quotas
    # Count the attempt before checking it: counting only after a failure
    # would let a burst of parallel guesses all pass the check first. A
    # success then clears the account's count, so only failures remain. The
    # client's own limit comes first: attempts it refuses never reach (and
    # never lock) the account.
    runtime.gate.enforce(
        [
            (quotas.login_per_ip, client_ip),
            (quotas.login_failures_per_account, account_key),
        ],
        auth_route=True,
    )

    user = db.scalar(select(User).where(User.email == account_key))
    stored_hash = user.password_hash if user is not None else None
    # Verify even for unknown accounts: equal timing hides which emails exist.
    password_ok = runtime.passwords.verify(stored_hash, password)

    if user is None or not password_ok or not user.is_active:
        security_event("login-failed", ip=client_ip)
        raise AuthenticationFailed

    runtime.gate.reset(quotas.login_failures_per_account, account_key)

    if runtime.passwords.needs_rehash(user.password_hash):
        user.password_hash = runtime.passwords.hash(password)
        logger.info("password rehashed with current parameters: user=%s", user.id)

    auth_session = AuthSession(user_id=user.id)
    db.add(auth_session)
    db.flush()
    pair = _issue_pair(db, runtime, user_id=user.id, session_id=auth_session.id)
    db.commit()

    logger.info("login: user=%s session=%s", user.id, auth_session.id)
    return pair


def refresh(db: Session, runtime: Runtime, *, refresh_token: str) -> TokenPair:
    """Spend a refresh token for a new pair; a reused one kills its family."""
    now = runtime.clock()
    record = db.scalar(
        select(RefreshToken).where(
            RefreshToken.token_hash == token_digest(refresh_token)
        )
    )

    if record is None:
        raise AuthenticationFailed

    # Spend it atomically: of two concurrent uses, only one may see a live token.
    spent = db.execute(
        update(RefreshToken)
        .where(RefreshToken.id == record.id, RefreshToken.spent_at.is_(None))
        .values(spent_at=now)
    )

    if spent.rowcount == 0:
        _revoke_sessions(db, now, AuthSession.id == record.session_id)
        db.commit()
        security_event("refresh-token-reuse", session=record.session_id)
        raise AuthenticationFailed

    row = db.execute(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.id == record.session_id)
    ).one()
    auth_session, user = row

    if record.expires_at <= now or auth_session.revoked_at or not user.is_active:
        db.commit()
        raise AuthenticationFailed

    pair = _issue_pair(db, runtime, user_id=user.id, session_id=auth_session.id)
    db.commit()
    return pair


def logout(db: Session, runtime: Runtime, principal: Principal) -> None:
    """End the caller's session: its access and refresh tokens stop at once."""
    session_id = require_session(principal)
    _revoke_sessions(db, runtime.clock(), AuthSession.id == session_id)
    db.commit()
    logger.info("logout: user=%s session=%s", principal.user.id, principal.session_id)


def change_password(
    db: Session,
    runtime: Runtime,
    principal: Principal,
    *,
    current_password: str,
    new_password: str,
) -> None:
    """Replace the password and revoke every other session of the user."""
    session_id = require_session(principal)
    user = principal.user
    confirm_password(runtime, principal, current_password, field="current_password")

    _check_new_password(
        runtime, new_password, email=user.email, name=user.name, field="new_password"
    )

    db.execute(
        update(User)
        .where(User.id == user.id)
        .values(password_hash=runtime.passwords.hash(new_password))
    )
    _revoke_sessions(
        db,
        runtime.clock(),
        AuthSession.user_id == user.id,
        AuthSession.id != session_id,
    )
    # Keys minted with the old password must not outlive it.
    db.execute(delete(ApiKey).where(ApiKey.owner_id == user.id))
    db.commit()
    logger.info(
        "password changed; other sessions and API keys revoked: user=%s", user.id
    )


def confirm_password(
    runtime: Runtime, principal: Principal, password: str, *, field: str
) -> None:
    """Check the caller's password again before a sensitive change.

    A stolen access token must not become a password-guessing oracle: each
    attempt counts as a failed login until it proves otherwise.
    """
    user = principal.user
    quota = runtime.quotas.login_failures_per_account
    runtime.gate.enforce([(quota, user.email)], auth_route=True)

    if not runtime.passwords.verify(user.password_hash, password):
        security_event("password-confirmation-failed", user=user.id)
        raise InvalidInput(WRONG_CURRENT_PASSWORD, field=field)

    runtime.gate.reset(quota, user.email)


def revoke_all_sessions(db: Session, runtime: Runtime, user_id: uuid.UUID) -> None:
    """Sign a user out everywhere and delete their API keys (deactivation,
    demotion): reactivating the account must not bring old credentials back."""
    _revoke_sessions(db, runtime.clock(), AuthSession.user_id == user_id)
    db.execute(delete(ApiKey).where(ApiKey.owner_id == user_id))


def _check_new_password(
    runtime: Runtime, password: str, *, email: str, name: str, field: str = "password"
) -> None:
    context = (runtime.settings.app_name, email, name)
    try:
        check_password(password, runtime.password_rules, context=context)
    except WeakPassword as exc:
        raise InvalidInput(str(exc), field=field) from None


def _login_key(email: str) -> str:
    try:
        return canonical_email(email)
    except InvalidEmail:
        # Still count and hash: a malformed email must not answer faster.
        return email.strip().casefold()


def _issue_pair(
    db: Session, runtime: Runtime, *, user_id: uuid.UUID, session_id: uuid.UUID
) -> TokenPair:
    now = runtime.clock()
    refresh_token = new_token(REFRESH_PREFIX)
    db.add(
        RefreshToken(
            session_id=session_id,
            token_hash=token_digest(refresh_token),
            expires_at=now
            + timedelta(seconds=runtime.settings.refresh_token_ttl_seconds),
        )
    )
    access_token = access_tokens.issue(
        db, runtime, user_id=user_id, session_id=session_id
    )
    return TokenPair(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_in=runtime.settings.access_token_ttl_seconds,
    )


def _revoke_sessions(db: Session, now: datetime, *conditions: object) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.revoked_at.is_(None), *conditions)  # type: ignore[arg-type]
        .values(revoked_at=now)
    )
