"""Email addresses in one canonical form, so variants of one address collide."""

from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email


class InvalidEmail(ValueError):
    """Not an email address."""


def canonical_email(address: str) -> str:
    """Validate the syntax (no DNS) and case-fold: the form we store and look up.

    NFKC first folds compatibility look-alikes (fullwidth letters, ligatures)
    into their plain forms; case-folding the local part as well makes Alice@
    and alice@ one account, as users expect, though RFC 5321 allows otherwise.
    """
    folded = unicodedata.normalize("NFKC", address)
    try:
        result = validate_email(folded, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmail("Enter a valid email address.") from None
    return result.normalized.casefold()
