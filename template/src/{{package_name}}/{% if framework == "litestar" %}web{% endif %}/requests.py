"""The request class: a body is decoded as JSON only when it says it is JSON."""

from __future__ import annotations

import re
from typing import Any

from litestar import Request

# application/json, or a structured +json type such as application/merge-patch+json.
JSON_MEDIA_TYPE = re.compile(r"^application/(?:[\w.+-]+\+)?json$", re.IGNORECASE)


class JSONRequest(Request[Any, Any, Any]):
    """Litestar's Request, stricter about what it decodes as JSON."""

    async def json(self) -> object:
        """The decoded body; None when the body is not labelled as JSON.

        A form or text body is not an object, so the handler's model refuses it
        with a 422, as under the other frameworks. Litestar would decode it
        regardless of its Content-Type, and answer 400 for a well-formed form.
        """
        media_type, _ = self.content_type
        if not JSON_MEDIA_TYPE.match(media_type):
            return None
        return await super().json()
