"""Email addresses in one canonical form, so variants of one address collide."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


class InvalidEmail(ValueError):
    """Not an email address."""


def canonical_email(address: str) -> str:
    """Validate the syntax (no DNS) and case-fold: the form we store and look up.

    email-validator applies Unicode normalisation (NFC) and lowercases the
    domain; case-folding the local part as well makes Alice@ and alice@ one
    account, which is what users expect even though RFC 5321 allows otherwise.
    """
    try:
        result = validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmail("Enter a valid email address.") from None
    return result.normalized.casefold()
