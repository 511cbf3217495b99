"""What the client knows about a response besides its parsed body."""

from __future__ import annotations

from typing import Any

from multidict import CIMultiDictProxy
from yarl import URL

from . import _jsonutil

__all__ = ["APIResponse"]


class APIResponse:
    """Status, headers, timing and retries of the final attempt of a call (read-only).

    ``elapsed`` is seconds from the first attempt's send to the final response (retry waits
    included). ``retries`` is the number of attempts after the first. ``content`` holds the body
    only for raw requests (``client.request_raw``); parsed results do not keep it.
    """

    # A plain slotted class rather than a frozen dataclass: one is made for every call, and a
    # frozen dataclass sets each field through object.__setattr__. The URL is turned into
    # text only when read.
    __slots__ = ("_url", "content", "elapsed", "headers", "method", "retries", "status_code")

    method: str
    status_code: int
    headers: CIMultiDictProxy[str]
    elapsed: float
    retries: int
    content: bytes | None

    def __init__(
        self,
        method: str,
        url: str | URL,
        status_code: int,
        headers: CIMultiDictProxy[str],
        elapsed: float,
        retries: int,
        content: bytes | None = None,
    ) -> None:
        self.method = method
        self._url = url
        self.status_code = status_code
        self.headers = headers
        self.elapsed = elapsed
        self.retries = retries
        self.content = content

    @property
    def url(self) -> str:
        url = self._url
        if type(url) is not str:
            url = self._url = str(url)
        return url

    def __repr__(self) -> str:
        return (
            f"APIResponse(method={self.method!r}, url={self.url!r}, "
            f"status_code={self.status_code}, elapsed={self.elapsed:.3f}, retries={self.retries})"
        )

    @property
    def request_id(self) -> str | None:
        """LiteLLM's call id (``x-litellm-call-id``), the one to quote in a bug report."""
        return self.headers.get("x-litellm-call-id")

    def json(self) -> Any:
        """The body parsed as JSON (raw requests only)."""
        if self.content is None:
            raise ValueError("this response kept no body; use client.request_raw() for one")
        return _jsonutil.loads(self.content) if self.content else None
