"""Sanitising user HTML with nh3 (the Rust ammonia library)."""

from __future__ import annotations

import nh3

# Plain formatting only: no attributes but href, no URL schemes but these.
ALLOWED_TAGS = frozenset(
    {"a", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre"}
    | {"strong", "ul"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise_html(html: str) -> str:
    """Keep plain formatting; drop scripts, handlers and dangerous URLs."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
