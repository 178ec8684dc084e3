"""Settings read from the environment (and a local .env file)."""

from __future__ import annotations

import functools
import re
from enum import StrEnum
from typing import Annotated, Literal

from limits import parse
from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MIN_SECRET_BYTES = 32
RATE_LIMIT_STRATEGIES = ("fixed-window", "sliding-window-counter", "moving-window")


class TokenStrategy(StrEnum):
    """How access tokens are made and checked."""

    JWT = "jwt"
    OPAQUE = "opaque"


def _split_commas(value: object) -> object:
    """Read "a,b" from the environment as ["a", "b"]; leave lists alone."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Every knob an operator may turn, with a safe default where one exists."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    environment: Literal["production", "development", "test"] = "production"
    """production turns the OpenAPI docs off and never echoes internals."""

    app_name: str = "API"
    """Shown in the OpenAPI document and used as a password-blocklist word."""

    database_url: str = "sqlite:///./app.db"
    """SQLAlchemy URL of the database."""

    database_pool_size: int = Field(default=5, ge=1, le=100)
    """Connections kept open; as many more may be opened under load."""

    database_pool_timeout_seconds: float = Field(default=10, gt=0, le=120)
    """How long a request waits for a connection before getting 503."""

    token_strategy: TokenStrategy = TokenStrategy.JWT
    """jwt: signed access tokens; opaque: random ones looked up per request."""

    jwt_algorithm: Literal["HS256", "EdDSA"] = "HS256"
    """HS256 signs with JWT_SECRET; EdDSA with JWT_PRIVATE_KEY and publishes JWKS."""

    jwt_secret: SecretStr | None = None
    """HMAC key for HS256: at least 32 random bytes, no default."""

    jwt_private_key: SecretStr | None = None
    """Ed25519 seed for EdDSA, as 64 hex characters (32 random bytes)."""

    jwt_issuer: str = "api"
    """`iss` claim written into and required from every access token."""

    jwt_audience: str = "api"
    """`aud` claim written into and required from every access token."""

    api_keys_enabled: bool = False
    """Serve /keys and accept X-API-Key from machine clients."""

    api_key_ttl_days: int = Field(default=90, ge=1, le=730)
    """Lifetime of an API key; clients make a new one before it ends."""

    access_token_ttl_seconds: int = Field(default=900, ge=60, le=86_400)
    """Lifetime of an access token (15 minutes by default)."""

    refresh_token_ttl_seconds: int = Field(default=1_209_600, ge=3_600)
    """Lifetime of a refresh token (14 days by default)."""

    password_min_length: int = Field(default=15, ge=8, le=64)
    """NIST SP 800-63B-4 asks for at least 15 characters for a lone password."""

    password_max_length: int = Field(default=128, ge=64, le=1024)
    """Longest password accepted; longer input is refused before hashing."""

    password_hash_time_cost: int = Field(default=2, ge=1)
    """Argon2id iterations (OWASP floor: 2 with 19 MiB)."""

    password_hash_memory_kib: int = Field(default=19_456, ge=8)
    """Argon2id memory in KiB (OWASP floor: 19456)."""

    password_hash_parallelism: int = Field(default=1, ge=1)
    """Argon2id lanes."""

    rate_limit_storage_uri: str = "memory://"
    """Where the `limits` library keeps its counters."""

    rate_limit_strategy: str = "sliding-window-counter"
    """One of fixed-window, sliding-window-counter, moving-window."""

    rate_limit_failure_mode: Literal["auth-closed", "closed", "open"] = "auth-closed"
    """When the limiter's storage fails: auth routes 503 and the rest serve
    (auth-closed), everything 503 (closed), or everything serves (open)."""

    rate_limit_default: str = "100/15 minutes"
    """Requests per principal (the user, or the client IP when anonymous)."""

    rate_limit_login_failures_per_account: str = "5/15 minutes"
    """Failed logins one account may suffer before login is refused for it."""

    rate_limit_login_per_ip: str = "20/15 minutes"
    """Login attempts from one client IP, across all accounts."""

    rate_limit_register: str = "10/hour"
    """Registrations per client IP."""

    rate_limit_refresh: str = "30/15 minutes"
    """Token refreshes per client IP."""

    rate_limit_reports: str = "10/hour"
    """Report runs per principal: the expensive endpoint."""

    tier_limits: dict[str, str] = Field(default_factory=dict)
    """Tier name -> limit per account, as JSON; empty turns tiers off."""

    default_tier: str = "standard"
    """Tier given to new accounts."""

    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Peers (IPs or CIDRs) whose X-Forwarded-For is believed, comma-separated."""

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Browser origins allowed by CORS, comma-separated; empty allows none."""

    max_body_bytes: int = Field(default=65_536, ge=1_024)
    """Largest request body accepted; larger ones get 413."""

    max_json_depth: int = Field(default=32, ge=2, le=512)
    """Deepest nesting of arrays and objects a JSON body may have (else 400)."""

    max_page_size: int = Field(default=100, ge=1, le=1_000)
    """Upper bound on `limit` for every list endpoint."""

    docs_enabled: bool | None = None
    """Serve /docs and the OpenAPI document; defaults to on only in development."""

    @field_validator("jwt_secret")
    @classmethod
    def _secret_is_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        if (
            value is not None
            and len(value.get_secret_value().encode()) < MIN_SECRET_BYTES
        ):
            message = f"must be at least {MIN_SECRET_BYTES} bytes of random data"
            raise ValueError(message)
        return value

    @field_validator("jwt_private_key")
    @classmethod
    def _seed_is_32_bytes(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[0-9a-fA-F]{64}", value.get_secret_value()
        ):
            raise ValueError("must be 64 hex characters (a 32-byte Ed25519 seed)")
        return value

    @field_validator("trusted_proxies", "cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        return _split_commas(value)

    @field_validator("cors_origins")
    @classmethod
    def _no_wildcard_origin(cls, value: list[str]) -> list[str]:
        if "*" in value:
            raise ValueError("list origins explicitly; '*' is never allowed")
        return value

    @field_validator("rate_limit_strategy")
    @classmethod
    def _known_strategy(cls, value: str) -> str:
        if value not in RATE_LIMIT_STRATEGIES:
            raise ValueError(f"must be one of {', '.join(RATE_LIMIT_STRATEGIES)}")
        return value

    @field_validator(
        "rate_limit_default",
        "rate_limit_login_failures_per_account",
        "rate_limit_login_per_ip",
        "rate_limit_register",
        "rate_limit_refresh",
        "rate_limit_reports",
    )
    @classmethod
    def _parsable_rate(cls, value: str) -> str:
        _check_rate(value)
        return value

    @field_validator("tier_limits")
    @classmethod
    def _parsable_tiers(cls, value: dict[str, str]) -> dict[str, str]:
        for rate in value.values():
            _check_rate(rate)
        return value

    @model_validator(mode="after")
    def _key_for_the_algorithm(self) -> Settings:
        if self.token_strategy is not TokenStrategy.JWT:
            return self
        if self.jwt_algorithm == "HS256" and self.jwt_secret is None:
            raise ValueError("JWT_SECRET is required when JWT_ALGORITHM is HS256")
        if self.jwt_algorithm == "EdDSA" and self.jwt_private_key is None:
            raise ValueError("JWT_PRIVATE_KEY is required when JWT_ALGORITHM is EdDSA")
        return self

    @model_validator(mode="after")
    def _default_tier_exists(self) -> Settings:
        if self.tier_limits and self.default_tier not in self.tier_limits:
            message = f"default_tier {self.default_tier!r} is not in tier_limits"
            raise ValueError(message)
        return self

    @property
    def is_docs_enabled(self) -> bool:
        """Whether the OpenAPI document and docs pages are served."""
        if self.docs_enabled is None:
            return self.environment == "development"
        return self.docs_enabled

    @property
    def tier_names(self) -> list[str]:
        """Tiers an admin may assign."""
        return sorted(self.tier_limits) or [self.default_tier]


def _check_rate(value: str) -> None:
    try:
        parse(value)
    except ValueError:
        message = f"{value!r} is not a rate such as '100/hour' or '5/15 minutes'"
        raise ValueError(message) from None


class ConfigurationError(RuntimeError):
    """The environment does not describe a safe configuration."""


def load_settings() -> Settings:
    """Read the settings, naming each bad variable without echoing its value."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"{'.'.join(map(str, error['loc'])).upper() or 'SETTINGS'}: {error['msg']}"
            for error in exc.errors(include_input=False, include_url=False)
        ]
        # from None: the chained error would print the offending value, a secret.
        raise ConfigurationError("; ".join(problems)) from None


@functools.cache
def get_settings() -> Settings:
    """Load the settings once per process."""
    return load_settings()
