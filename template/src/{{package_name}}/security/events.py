"""Security events in the log: what happened, to whom, in which request.

OWASP's logging advice: record authentication failures, access-control
failures and abuse, with enough context to investigate, and never a
password, token, key or session identifier that would grant access.
https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html
"""

from __future__ import annotations

import logging

from ..request_context import current_request_id

logger = logging.getLogger(__name__)


def security_event(
    event: str, *, level: int = logging.WARNING, **fields: object
) -> None:
    """Log one event as `security <event> key=value ... request_id=...`."""
    request_id = current_request_id()
    details = " ".join(f"{key}={value}" for key, value in sorted(fields.items()))
    logger.log(
        level,
        "security %s %s request_id=%s",
        event,
        details,
        request_id,
        extra={"security_event": event, "request_id": request_id},
    )
