"""Password hashing with Argon2id (argon2-cffi)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@dataclass(frozen=True)
class HashingCost:
    """Argon2id parameters; the defaults sit at OWASP's floor."""

    time_cost: int = 2
    """Iterations."""

    memory_kib: int = 19_456
    """Memory per hash in KiB (19 MiB)."""

    parallelism: int = 1
    """Lanes."""


def normalise(password: str) -> str:
    """NFKC form, so the same password typed on two keyboards hashes alike."""
    return unicodedata.normalize("NFKC", password)


class PasswordHashing:
    """Hash and verify passwords; verify costs the same for unknown users."""

    def __init__(self, cost: HashingCost) -> None:
        self._hasher = PasswordHasher(
            time_cost=cost.time_cost,
            memory_cost=cost.memory_kib,
            parallelism=cost.parallelism,
        )
        # Verifying against this when the account does not exist keeps the
        # response time of "no such user" equal to "wrong password".
        self._dummy_hash = self._hasher.hash("dummy password that matches nothing")

    def hash(self, password: str) -> str:
        """Hash a password for storage."""
        return self._hasher.hash(normalise(password))

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Check a password; with no stored hash, burn the same time and fail."""
        candidate = normalise(password)

        if stored_hash is None:
            self._verify_quietly(self._dummy_hash, candidate)
            return False

        return self._verify_quietly(stored_hash, candidate)

    def needs_rehash(self, stored_hash: str) -> bool:
        """Whether the hash was made with weaker parameters than today's."""
        return self._hasher.check_needs_rehash(stored_hash)

    def _verify_quietly(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False
