"""Password rules after NIST SP 800-63B-4 section 3.1.1.2.

Length is what counts: no composition rules, a blocklist of common and
context-specific words, and zxcvbn as a floor on guessability.
https://pages.nist.gov/800-63-4/sp800-63b.html#password
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from zxcvbn import zxcvbn

from .passwords import normalise

MIN_ZXCVBN_SCORE = 3
# zxcvbn's matching is super-linear in input length; the first 72 characters
# say all there is to say about guessability.
ZXCVBN_MAX_INPUT = 72


class WeakPassword(ValueError):
    """The password breaks a rule; the message says how to fix it."""


@dataclass(frozen=True)
class PasswordRules:
    """The configurable part of the policy."""

    min_length: int = 15
    """Fewest characters (after normalisation)."""

    max_length: int = 128
    """Most characters; at least 64 must be allowed."""


@functools.cache
def _common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text()
    return frozenset(line.strip().casefold() for line in text.splitlines() if line)


def check_password(
    password: str, rules: PasswordRules, *, context: tuple[str, ...] = ()
) -> None:
    """Raise WeakPassword unless the password is acceptable.

    `context` holds words an attacker would try first: the service name, the
    email address, the user's name. Messages never repeat the password.
    """
    candidate = normalise(password)

    if len(candidate) < rules.min_length:
        message = f"Use at least {rules.min_length} characters; a passphrase works."
        raise WeakPassword(message)

    if len(candidate) > rules.max_length:
        raise WeakPassword(f"Use at most {rules.max_length} characters.")

    folded = candidate.casefold()
    if folded in _common_passwords():
        raise WeakPassword("This password is too common. Choose another one.")

    context_words = _context_words(context)
    if any(word in folded for word in context_words if len(word) >= 4):
        raise WeakPassword("Do not build the password from your name, email or ours.")

    result = zxcvbn(candidate[:ZXCVBN_MAX_INPUT], user_inputs=list(context_words))
    if result["score"] < MIN_ZXCVBN_SCORE:
        hint = result["feedback"].get("warning") or "It is too easy to guess."
        raise WeakPassword(f"{hint} Add a few unrelated words.".strip())


def _context_words(context: tuple[str, ...]) -> tuple[str, ...]:
    words: list[str] = []
    for item in context:
        folded = item.casefold()
        words.append(folded)
        if "@" in folded:
            words.append(folded.split("@", 1)[0])
    return tuple(word for word in words if word)
