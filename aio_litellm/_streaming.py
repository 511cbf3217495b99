"""Server-sent events: a WHATWG-conformant decoder and the typed ``Stream`` over a response."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import aiohttp

from . import _jsonutil
from ._exceptions import APIResponseValidationError, make_status_error
from ._transport import map_transport_error

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = ["SSEDecoder", "ServerSentEvent", "Stream"]

T = TypeVar("T")

# After [DONE] the rest of the body (normally just the chunked terminator) is read so the
# keep-alive connection goes back to the pool; past these bounds it is closed instead.
DRAIN_MAX_BYTES = 64 * 1024
DRAIN_TIMEOUT = 1.0


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event. ``event`` is None when the stream named no type ("message")."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


class SSEDecoder:
    """Incremental decoder: feed bytes as they arrive, get events as they complete.

    Follows the WHATWG rules: CR, LF and CRLF line ends (also split across chunks), ``data``
    lines joined with LF, one leading space after the colon dropped, ``:`` comments ignored,
    ``id`` with NUL ignored, ``retry`` only when all digits, an event with no data not dispatched.
    """

    __slots__ = ("_buf", "_data", "_event", "_id", "_retry", "_skip_lf")

    def __init__(self) -> None:
        self._buf = b""
        self._skip_lf = False
        self._data: list[bytes] = []
        self._event: bytes | None = None
        self._id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Events completed by ``chunk``."""
        return [
            ServerSentEvent(
                data.decode("utf-8", "replace"),
                event.decode("utf-8", "replace") if event else None,
                last_id,
                retry,
            )
            for event, data, last_id, retry in self.feed_raw(chunk)
        ]

    def feed_raw(self, chunk: bytes) -> list[tuple[bytes | None, bytes, str | None, int | None]]:
        """Like ``feed``, as ``(event, data, id, retry)`` with bytes left undecoded: the
        stream's hot path hands ``data`` straight to the JSON parser."""
        if self._skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._skip_lf = False
        if not chunk:
            return []
        data = self._buf + chunk if self._buf else chunk
        events: list[tuple[bytes | None, bytes, str | None, int | None]] = []
        if b"\r" in data:
            lines = [line.rstrip(b"\r\n") for line in self._split_any(data)]
        else:
            # The common case (LF only): one split, the last piece is the unfinished line.
            lines = data.split(b"\n")
            self._buf = lines.pop()
        append = self._data.append
        for line in lines:
            if line[:5] == b"data:":
                value = line[5:]
                append(value[1:] if value[:1] == b" " else value)
            elif not line:
                event = self._dispatch()
                append = self._data.append  # _dispatch started a new list
                if event is not None:
                    events.append(event)
            else:
                self._field(line)
        return events

    def _split_any(self, data: bytes) -> list[bytes]:
        lines = data.splitlines(keepends=True)
        last = lines[-1]
        if last[-1:] in (b"\r", b"\n"):
            self._buf = b""
            # A CR at the very end may be the first half of a CRLF split across chunks.
            self._skip_lf = last[-1:] == b"\r"
        else:
            self._buf = lines.pop()
        return lines

    def flush(self) -> None:
        """End of stream: an event not ended by a blank line is discarded, as the spec says."""
        self._buf = b""
        self._skip_lf = False
        self._data = []
        self._event = None

    def _field(self, line: bytes) -> None:
        if line[:1] == b":":
            return  # a comment
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value)
        elif name == b"event":
            self._event = value
        elif name == b"id" and b"\0" not in value:
            self._id = value.decode("utf-8", "replace")
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)

    def _dispatch(self) -> tuple[bytes | None, bytes, str | None, int | None] | None:
        data, event = self._data, self._event
        self._data = []
        self._event = None
        if not data:
            return None
        return (event, data[0] if len(data) == 1 else b"\n".join(data), self._id, self._retry)


class Stream(Generic[T]):
    """An open streaming response: ``async for chunk in stream`` yields typed chunks.

    Ends at ``data: [DONE]`` (then the rest of the body is drained, bounded, so the connection is
    reused) or at the end of the body. An in-band ``{"error": ...}`` event raises the typed
    error. ``async with stream``, ``await stream.aclose()`` and breaking out of ``async for`` all
    release the connection and the concurrency slot.
    """

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        *,
        parse: Callable[[bytes], T],
        on_close: Callable[[], None],
        info: APIResponse,
        redact: Callable[[str], str],
        method: str,
        url: str,
    ) -> None:
        self._response = response
        self._parse = parse
        self._on_close = on_close
        self._redact = redact
        self._method = method
        self._url = url
        self._closed = False
        self._done = False
        self._iterator: AsyncIterator[T] | None = None
        self.response = info
        """Status, headers and timing of the response that opened the stream."""

    def __aiter__(self) -> AsyncIterator[T]:
        # A fresh generator per loop: when a loop breaks, its generator is dropped and finalised,
        # which closes the stream without the caller having to.
        return self._iterate()

    async def __anext__(self) -> T:
        if self._iterator is None:
            self._iterator = self._iterate()
        return await self._iterator.__anext__()

    async def __aenter__(self) -> Stream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    @property
    def closed(self) -> bool:
        return self._closed

    async def _iterate(self) -> AsyncIterator[T]:
        if self._closed:
            return
        decoder = SSEDecoder()
        content = self._response.content
        try:
            while True:
                try:
                    chunk = await content.readany()
                except Exception as exc:
                    mapped = map_transport_error(exc, method=self._method, url=self._url)
                    if mapped is None:
                        raise
                    raise mapped from exc
                if not chunk:
                    break
                for event, data, _, _ in decoder.feed_raw(chunk):
                    if data == b"[DONE]":
                        await self._drain()
                        return
                    yield self._event(event, data)
            decoder.flush()
            # The body ended without [DONE]: it was read whole, so the connection is reusable.
            self._close(reuse=True)
        finally:
            self._close(reuse=False)

    def _event(self, event: bytes | None, data: bytes) -> T:
        if event == b"error" or data.startswith(b'{"error"'):
            self._raise_in_band(data)
        try:
            return self._parse(data)
        except ValueError as exc:
            raise APIResponseValidationError(
                f"Malformed stream chunk: {exc}",
                status_code=self._response.status,
                body=data.decode("utf-8", "replace"),
                method=self._method,
                url=self._url,
            ) from exc

    def _raise_in_band(self, data: bytes) -> None:
        try:
            body: Any = _jsonutil.loads(data)
        except _jsonutil.JSONDecodeError:
            body = data.decode("utf-8", "replace")
        status = 500
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            code = error.get("code")
            if isinstance(code, (int, str)) and str(code).isdigit() and 400 <= int(code) < 600:
                status = int(code)
        elif not isinstance(error, str):
            return
        raise make_status_error(
            status,
            self._response.headers,
            body,
            method=self._method,
            url=self._url,
            redact=self._redact,
        )

    async def _drain(self) -> None:
        content = self._response.content

        async def read_rest() -> bool:
            remaining = DRAIN_MAX_BYTES
            while remaining > 0:
                chunk = await content.read(remaining)
                if not chunk:
                    return True
                remaining -= len(chunk)
            return False

        try:
            reusable = await asyncio.wait_for(read_rest(), DRAIN_TIMEOUT)
        except (asyncio.TimeoutError, aiohttp.ClientError, OSError):
            reusable = False
        self._close(reuse=reusable)

    def _close(self, *, reuse: bool) -> None:
        if self._closed:
            return
        self._closed = True
        if reuse:
            self._response.release()
        else:
            self._response.close()
        self._on_close()

    def __del__(self) -> None:
        # A stream dropped unread would keep its concurrency slot forever; give it back.
        if not getattr(self, "_closed", True):
            self._close(reuse=False)
            warnings.warn(
                "a Stream was garbage-collected unclosed: iterate it to the end, or use "
                "'async with stream' / 'await stream.aclose()'",
                ResourceWarning,
                stacklevel=1,
            )

    async def aclose(self) -> None:
        """Close the stream and release its connection (idempotent)."""
        if self._iterator is not None:
            await self._iterator.aclose()  # type: ignore[attr-defined]
        self._close(reuse=False)
