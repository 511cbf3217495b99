"""What the client knows about a response besides its parsed body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from multidict import CIMultiDictProxy

from . import _jsonutil

__all__ = ["APIResponse"]


@dataclass(frozen=True, slots=True)
class APIResponse:
    """Status, headers, timing and retries of the final attempt of a call.

    ``elapsed`` is seconds from the first attempt's send to the final response (retry waits
    included). ``retries`` is the number of attempts after the first. ``content`` holds the body
    only for raw requests (``client.request_raw``); parsed results do not keep it.
    """

    method: str
    url: str
    status_code: int
    headers: CIMultiDictProxy[str]
    elapsed: float
    retries: int
    content: bytes | None = None

    @property
    def request_id(self) -> str | None:
        """LiteLLM's call id (``x-litellm-call-id``), the one to quote in a bug report."""
        return self.headers.get("x-litellm-call-id")

    def json(self) -> Any:
        """The body parsed as JSON (raw requests only)."""
        if self.content is None:
            raise ValueError("this response kept no body; use client.request_raw() for one")
        return _jsonutil.loads(self.content) if self.content else None
