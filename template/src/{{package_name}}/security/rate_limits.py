"""Rate limiting on top of the `limits` library, with the IETF headers.

Headers follow draft-ietf-httpapi-ratelimit-headers (RateLimit-Policy and
RateLimit as structured lists) plus the widespread X-RateLimit-* trio.
https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import STRATEGIES

from ..errors import RateLimited, ServiceUnavailable
from .events import security_event

# How long a client should wait when the limiter itself is down.
UNAVAILABLE_RETRY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class Quota:
    """A named limit, such as "default" at 100 per 15 minutes."""

    name: str
    """Policy name shown in RateLimit-Policy."""

    item: RateLimitItem
    """The parsed limit."""

    @classmethod
    def parse(cls, name: str, rate: str) -> Quota:
        """Build from text such as "100/15 minutes"."""
        return cls(name=name, item=parse(rate))

    @property
    def window_seconds(self) -> int:
        """Length of the window."""
        return self.item.get_expiry()


@dataclass(frozen=True)
class QuotaState:
    """Where one principal stands against one quota."""

    quota: Quota
    remaining: int
    reset_in: int
    exceeded: bool


class QuotaExceeded(RateLimited):
    """A quota is used up; the headers say which and when to retry."""


class RateLimiter:
    """Counts hits per quota and key in the configured storage."""

    def __init__(
        self,
        storage_uri: str,
        strategy: str,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._storage = storage_from_string(storage_uri)
        self._strategy = STRATEGIES[strategy](self._storage)
        self._clock = clock

    def hit(self, quota: Quota, key: str) -> QuotaState:
        """Count one request and say whether it was within the quota."""
        allowed = self._strategy.hit(quota.item, quota.name, key)
        return self._state(quota, key, exceeded=not allowed)

    def clear(self, quota: Quota, key: str) -> None:
        """Forget the key's count, e.g. failed logins after a success."""
        self._strategy.clear(quota.item, quota.name, key)

    def is_healthy(self) -> bool:
        """Whether the storage answers."""
        try:
            return bool(self._storage.check())
        except Exception:  # any storage failure means "not healthy"
            return False

    def _state(self, quota: Quota, key: str, *, exceeded: bool) -> QuotaState:
        stats = self._strategy.get_window_stats(quota.item, quota.name, key)
        reset_in = max(0, math.ceil(stats.reset_time - self._clock()))
        return QuotaState(quota, stats.remaining, reset_in, exceeded)


FailureMode = Literal["auth-closed", "closed", "open"]


class RateLimitGate:
    """Applies quotas to a request and says what the client should be told.

    When the storage fails, the failure mode decides. "auth-closed" (the
    default): auth routes refuse with 503, rather than let a password-guessing
    run go uncounted, and other routes serve with a logged warning. "closed"
    refuses everywhere; "open" serves everywhere.
    """

    def __init__(
        self, limiter: RateLimiter, failure_mode: FailureMode = "auth-closed"
    ) -> None:
        self.limiter = limiter
        self.failure_mode = failure_mode

    def enforce(
        self, checks: list[tuple[Quota, str]], *, auth_route: bool = False
    ) -> list[QuotaState]:
        """Count a request against each quota in turn; raise QuotaExceeded at
        the first one used up, without counting it against the ones after.

        Returns where the client stands, for the response headers.
        """
        states: list[QuotaState] = []
        try:
            for quota, key in checks:
                states.append(self.limiter.hit(quota, key))
                if states[-1].exceeded:
                    break
        except Exception as exc:
            self._storage_failed(exc, fail_closed=self._fails_closed(auth_route))
            return []

        _raise_if_exceeded(states)
        return states

    def reset(self, quota: Quota, key: str) -> None:
        """Clear one count; a failure here only costs the user a retry."""
        try:
            self.limiter.clear(quota, key)
        except Exception as exc:
            self._storage_failed(exc, fail_closed=False)

    def _fails_closed(self, auth_route: bool) -> bool:
        if self.failure_mode == "auth-closed":
            return auth_route
        return self.failure_mode == "closed"

    def _storage_failed(self, exc: Exception, *, fail_closed: bool) -> None:
        reason = type(exc).__name__
        if fail_closed:
            security_event(
                "limiter-down", level=logging.ERROR, action="refuse", error=reason
            )
            retry = {"Retry-After": str(UNAVAILABLE_RETRY_AFTER_SECONDS)}
            raise ServiceUnavailable(headers=retry) from exc
        security_event("limiter-down", action="serve", error=reason)


def _raise_if_exceeded(states: list[QuotaState]) -> None:
    exceeded = [state for state in states if state.exceeded]

    if not exceeded:
        return

    retry_after = max(1, max(state.reset_in for state in exceeded))
    names = ", ".join(state.quota.name for state in exceeded)
    security_event("throttled", quota=names)
    headers = {**rate_limit_headers(states), "Retry-After": str(retry_after)}
    raise QuotaExceeded(headers=headers)


def rate_limit_headers(states: list[QuotaState]) -> dict[str, str]:
    """RateLimit-Policy, RateLimit and X-RateLimit-* for a set of quotas."""
    if not states:
        return {}

    tightest = min(states, key=lambda state: (state.remaining, -state.reset_in))
    policy = ", ".join(
        f'"{state.quota.name}";q={state.quota.item.amount};w={state.quota.window_seconds}'
        for state in states
    )
    current = ", ".join(
        f'"{state.quota.name}";r={state.remaining};t={state.reset_in}'
        for state in states
    )

    return {
        "RateLimit-Policy": policy,
        "RateLimit": current,
        "X-RateLimit-Limit": str(tightest.quota.item.amount),
        "X-RateLimit-Remaining": str(tightest.remaining),
        "X-RateLimit-Reset": str(tightest.reset_in),
    }
