"""Where the skill keeps state for a session or a request, and the keys it uses there.

Shared by the reply layer (``skill.replies``) and the visit store (``skill.persistence``), so
that neither needs the other.  Nothing here is ever persisted.
"""

from __future__ import annotations

from typing import Any, cast

from ask_sdk_core.handler_input import HandlerInput

#: Session attribute: what the skill said last, for AMAZON.RepeatIntent.
LAST = "last"
#: Session attribute: the yes/no question the skill just asked, for Yes/No/Next.
PENDING = "pending"
#: Request attribute set by the visit interceptor: ``{"returning": bool}``.
VISIT = "visit"
#: Request attribute set by the catalog interceptor: the request locale's ``content.Catalog``.
CATALOG = "catalog"
#: Request attribute: what the visit interceptor read on the session's first request, for the
#: one write at the end of that request (absent when the read failed: nothing is written then).
STORED_VISIT = "stored_visit"


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """The session attributes, created if absent (the SDK types them loosely)."""
    manager = handler_input.attributes_manager
    if manager.session_attributes is None:
        manager.session_attributes = {}
    return cast(dict[str, Any], manager.session_attributes)


def request_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """Attributes that live for one request (the SDK types them as ``object``)."""
    return cast(dict[str, Any], handler_input.attributes_manager.request_attributes)
