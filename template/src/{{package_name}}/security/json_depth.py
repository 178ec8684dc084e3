"""A cheap guard against deeply nested JSON, run before any parser sees it.

Parsers recurse per nesting level; a small body of 10,000 "[" characters
can exhaust the stack or burn CPU long before validation could refuse it.
"""

from __future__ import annotations

OPENERS = frozenset(b"[{")
CLOSERS = frozenset(b"]}")
QUOTE = ord('"')
BACKSLASH = ord("\\")


def nesting_exceeds(body: bytes, max_depth: int) -> bool:
    """Whether arrays and objects in `body` nest deeper than `max_depth`.

    Brackets inside strings do not count. Malformed JSON is left for the
    parser to refuse; this only answers the depth question.
    """
    depth = 0
    in_string = False
    escaped = False

    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == BACKSLASH:
                escaped = True
            elif byte == QUOTE:
                in_string = False
        elif byte == QUOTE:
            in_string = True
        elif byte in OPENERS:
            depth += 1
            if depth > max_depth:
                return True
        elif byte in CLOSERS:
            depth -= 1

    return False
