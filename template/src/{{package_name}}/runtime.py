"""Everything a request needs, built once from the settings.

The web layer builds one Runtime at start-up and hands it to the services;
tests build their own with cheaper settings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .config import ConfigurationError, Settings, TokenStrategy
from .db import make_engine, make_session_factory
from .models import utc_now
from .security.client_ip import Network, parse_networks
from .security.jwt_tokens import TokenConfig
from .security.password_policy import PasswordRules
from .security.passwords import HashingCost, PasswordHashing
from .security.rate_limits import Quota, RateLimiter, RateLimitGate
from .security.signing_keys import (
    NO_SIGNING_KEYS,
    SigningKeys,
    ed25519_keys,
    hmac_keys,
)


@dataclass(frozen=True)
class Quotas:
    """The named limits, parsed from the settings."""

    default: Quota
    login_failures_per_account: Quota
    login_per_ip: Quota
    register: Quota
    refresh: Quota
    reports: Quota
    tiers: dict[str, Quota] = field(default_factory=dict)

    def for_caller(self, key: str, tier: str) -> list[tuple[Quota, str]]:
        """An authenticated caller's quotas: the default, and the tier's if any."""
        checks = [(self.default, key)]
        if tier in self.tiers:
            checks.append((self.tiers[tier], key))
        return checks

    def for_address(self, ip: str, *extra: Quota) -> list[tuple[Quota, str]]:
        """An anonymous request's quotas, counted under its client IP."""
        return [(quota, f"ip:{ip}") for quota in (self.default, *extra)]

    @classmethod
    def from_settings(cls, settings: Settings) -> Quotas:
        """Parse every limit the settings name."""
        tiers = {
            name: Quota.parse(f"tier-{name}", rate)
            for name, rate in sorted(settings.tier_limits.items())
        }
        return cls(
            default=Quota.parse("default", settings.rate_limit_default),
            login_failures_per_account=Quota.parse(
                "login-account", settings.rate_limit_login_failures_per_account
            ),
            login_per_ip=Quota.parse("login-ip", settings.rate_limit_login_per_ip),
            register=Quota.parse("register", settings.rate_limit_register),
            refresh=Quota.parse("refresh", settings.rate_limit_refresh),
            reports=Quota.parse("reports", settings.rate_limit_reports),
            tiers=tiers,
        )


@dataclass
class Runtime:
    """The application's long-lived collaborators."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    passwords: PasswordHashing
    password_rules: PasswordRules
    tokens: TokenConfig
    gate: RateLimitGate
    quotas: Quotas
    trusted_proxies: tuple[Network, ...]
    clock: Callable[[], datetime] = utc_now

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def build_runtime(settings: Settings) -> Runtime:
    """Wire the collaborators from the settings."""
    engine = make_engine(
        settings.database_url,
        pool_size=settings.database_pool_size,
        pool_timeout=settings.database_pool_timeout_seconds,
    )
    cost = HashingCost(
        time_cost=settings.password_hash_time_cost,
        memory_kib=settings.password_hash_memory_kib,
        parallelism=settings.password_hash_parallelism,
    )
    limiter = RateLimiter(settings.rate_limit_storage_uri, settings.rate_limit_strategy)

    return Runtime(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        passwords=PasswordHashing(cost),
        password_rules=PasswordRules(
            min_length=settings.password_min_length,
            max_length=settings.password_max_length,
        ),
        tokens=TokenConfig(
            keys=_signing_keys(settings),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            ttl=timedelta(seconds=settings.access_token_ttl_seconds),
        ),
        gate=RateLimitGate(limiter, settings.rate_limit_failure_mode),
        quotas=Quotas.from_settings(settings),
        trusted_proxies=parse_networks(settings.trusted_proxies),
    )


def _signing_keys(settings: Settings) -> SigningKeys:
    if settings.token_strategy is TokenStrategy.OPAQUE:
        return NO_SIGNING_KEYS
    if settings.jwt_algorithm == "EdDSA" and settings.jwt_private_key is not None:
        return ed25519_keys(settings.jwt_private_key.get_secret_value())
    if settings.jwt_algorithm == "HS256" and settings.jwt_secret is not None:
        return hmac_keys(settings.jwt_secret.get_secret_value())
    # Unreachable through load_settings, whose validator demands the key.
    raise ConfigurationError(f"no signing key for {settings.jwt_algorithm}")
