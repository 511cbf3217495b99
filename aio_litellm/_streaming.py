"""Bodies read as they arrive: typed ``Stream``s of server-sent events (decoded by ``_sse``) and
binary downloads."""

from __future__ import annotations

import asyncio
import itertools
import operator
import os
import warnings
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import aiohttp

from . import _jsonutil
from ._closing import Closing
from ._exceptions import APIResponseValidationError, ClientClosedError, make_status_error
from ._sse import EventTooLarge, ServerSentEvent, SSEDecoder
from ._transport import map_transport_error

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = [
    "ByteStream",
    "Download",
    "EventTooLarge",
    "OpenBody",
    "SSEDecoder",
    "ServerSentEvent",
    "Stream",
]

T = TypeVar("T")

# After [DONE] the rest of the body (normally just the chunked terminator) is read so the
# keep-alive connection goes back to the pool; past these bounds it is closed instead.
DRAIN_MAX_BYTES = 64 * 1024
DRAIN_TIMEOUT = 1.0


class OpenBody(Closing):
    """A response whose body is read as it arrives (a stream, a download).

    It holds its connection and concurrency slot until the body is read to the end or it is
    closed: ``async with``, ``await aclose()``, leaving an ``async for`` early, or dropping it
    (then with a ``ResourceWarning``). The client's ``Timeout.read`` bounds every wait between
    chunks and ``max_response_size`` the whole body; closing the client ends it with
    ``ClientClosedError``, waking a task blocked reading it.
    """

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        *,
        on_close: Callable[[OpenBody], None],
        info: APIResponse,
        redact: Callable[[str], str],
        method: str,
        url: str,
        max_size: int | None = None,
    ) -> None:
        self._response = response
        self._on_close = on_close
        self._redact = redact
        self._method = method
        self._url = url
        self._closed = False
        self._aborted = False
        self._received = 0
        self._max_size = max_size
        self.response = info
        """Status, headers and timing of the response."""

    async def _next_chunk(self) -> bytes:
        """The next piece of the body; ``b""`` at its end (the connection then goes back to the
        pool). Errors come typed, with the body closed."""
        error: BaseException | None = None
        content = self._response.content
        try:
            chunk = await (content.read(self._piece) if self._piece else content.readany())
        except Exception as exc:
            error = self._read_error(exc)
        except BaseException:  # cancelled: the body cannot be resumed, give it back
            self._close(reuse=False)
            raise
        if error is None:
            if not chunk:
                self._close(reuse=True)  # read whole: the connection is reusable
                return b""
            self._received += len(chunk)
            if self._max_size is None or self._received <= self._max_size:
                return chunk
            error = self._invalid(
                f"a body of {self._received:,}+ bytes exceeds max_response_size={self._max_size:,}",
                None,
            )
        # Raised here, outside the handler, so the aiohttp exception (whose text may hold the
        # raw URL) is not chained to ours.
        self._close(reuse=False)
        raise error

    def _closed_error(self) -> ClientClosedError:
        return ClientClosedError(f"the client was closed while this {self._kind} was open")

    _kind = "response"
    _piece = 0  # 0: whatever has arrived (low latency); else at most this many bytes a read

    def _read_error(self, exc: Exception) -> BaseException:
        if self._aborted:
            return self._closed_error()
        mapped = map_transport_error(exc, method=self._method, url=self._url)
        if mapped is None:
            return exc
        mapped.message = self._redact(mapped.message)
        mapped.args = (mapped.message,)
        return mapped

    def _invalid(self, message: str, data: bytes | None) -> APIResponseValidationError:
        return APIResponseValidationError(
            message,
            status_code=self._response.status,
            body=None if data is None else data.decode("utf-8", "replace"),
            method=self._method,
            url=self._url,
        )

    @property
    def closed(self) -> bool:
        return self._closed

    def _close(self, *, reuse: bool) -> None:
        if self._closed:
            return
        self._closed = True
        if reuse:
            self._response.release()
        else:
            # Also wakes a task blocked in readany() with a "connection closed" error.
            self._response.close()
        self._on_close(self)

    def _abort(self) -> None:
        """The client is closing: end the body; its reader gets ``ClientClosedError``."""
        if not self._closed:
            self._aborted = True
            self._close(reuse=False)

    def __del__(self) -> None:
        # A body dropped unread would keep its concurrency slot forever; give it back.
        if not getattr(self, "_closed", True):
            self._close(reuse=False)
            warnings.warn(
                f"a {type(self).__name__} was garbage-collected unclosed: read it to the end, "
                f"or use 'async with' / 'await {self._kind}.aclose()'",
                ResourceWarning,
                stacklevel=1,
            )

    async def aclose(self) -> None:
        """Close it and release its connection (idempotent)."""
        self._close(reuse=False)


class Stream(OpenBody, Generic[T]):
    """An open server-sent-events response: ``async for chunk in stream`` yields typed chunks.

    Ends at ``data: [DONE]`` (then the rest of the body is drained, bounded, so the connection is
    reused) or at the end of the body. An in-band ``{"error": ...}`` event raises the typed
    error. ``max_event_size`` bounds one event; see ``OpenBody`` for the lifecycle and bounds.
    """

    _kind = "stream"

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        *,
        parse: Callable[[bytes], T],
        on_close: Callable[[OpenBody], None],
        info: APIResponse,
        redact: Callable[[str], str],
        method: str,
        url: str,
        max_event_size: int | None = None,
        max_size: int | None = None,
    ) -> None:
        super().__init__(
            response,
            on_close=on_close,
            info=info,
            redact=redact,
            method=method,
            url=url,
            max_size=max_size,
        )
        self._parse = parse
        # The data of the events decoded but not yet read, kept as bytes (which the garbage
        # collector does not track) until read: parsing a whole read ahead would keep hundreds
        # of parsed chunks alive per stream and make every collection walk them. ``_pending``
        # holds plain events only, so reading one is a popleft and a parse; ``_later`` starts at
        # the first special one ([DONE], an error event) and is sorted when _pending runs out.
        self._pending: deque[bytes] = deque()
        self._later: list[bytes] = []
        self._failure: BaseException | None = None  # raised once the events before it are out
        self._decoder = SSEDecoder(max_event_size=max_event_size)

    def __aiter__(self) -> AsyncIterator[T]:
        # A separate iterator per loop, referenced by nothing but the loop: when a loop is left
        # early the iterator is freed at once and closes the stream (no reference cycle, so no
        # wait for the garbage collector).
        return _StreamIterator(self)

    async def __anext__(self) -> T:
        return await self._next()

    def _take(self, data: bytes) -> T:
        try:
            return self._parse(data)
        except Exception as exc:
            error = self._failed(exc, data)
        raise error  # outside the handler: nothing chained to it

    async def _next(self) -> T:
        """The next event when ``_pending`` is empty: a special one, or the next read's."""
        pending = self._pending
        while not pending:
            if self._later:
                data, rest = self._later[0], self._later[1:]
                self._later = []
                self._queue(rest)
                if data == b"[DONE]":
                    await self._drain()
                    raise StopAsyncIteration
                data = bytes(data)  # an _ErrorEvent: the JSON parser takes exact bytes only
                try:
                    self._raise_in_band(data)
                except Exception as exc:
                    error = self._failed(exc, data)
                else:
                    return self._take(data)
                raise error
            await self._read_more()
        return self._take(pending.popleft())

    async def _read_more(self) -> None:
        """Decode the next read; at the end, or when a failure is due, raise."""
        if self._failure is not None:
            failure, self._failure = self._failure, None
            self._close(reuse=False)
            raise failure
        if self._closed:
            if self._aborted:
                raise self._closed_error()
            raise StopAsyncIteration
        chunk = await self._next_chunk()
        if not chunk:
            self._decoder.flush()
            return
        datas = self._decoder.feed_data(chunk)
        if datas is None:
            try:
                events = self._decoder.feed_raw(chunk)
            except EventTooLarge as exc:
                events = exc.events
                self._failure = self._invalid(str(exc), None)
            datas = [
                data if event != b"error" else _ErrorEvent(data) for event, data, _, _ in events
            ]
        self._queue(datas)

    def _queue(self, datas: list[bytes]) -> None:
        """Plain events to ``_pending``; from the first special one on, to ``_later``."""
        # The first special one's index, found without a Python-level loop.
        special = map(_is_special, datas)
        cut = next(itertools.compress(itertools.count(), special), len(datas))
        if cut == len(datas):
            self._pending.extend(datas)
        else:
            self._pending.extend(datas[:cut])
            self._later = datas[cut:]

    def _failed(self, exc: Exception, data: bytes) -> Exception:
        """The stream ends here: the error for ``exc`` (a parser's ``ValueError`` becomes the
        typed validation error)."""
        self._close(reuse=False)
        if isinstance(exc, ValueError):
            message = f"Malformed stream chunk: {self._redact(str(exc))[:500]}"
            return self._invalid(message, data)
        return exc

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
        self._pending.clear()
        self._later = []
        super()._close(reuse=reuse)


_SPECIAL = (b"[DONE]", b'{"error"')  # data that is not a plain event: the end, an error
# Whether an event's data is special; an _ErrorEvent always is (see its startswith).
_is_special = operator.methodcaller("startswith", _SPECIAL)


class _ErrorEvent(bytes):
    """The data of an event named ``error``: checked for an in-band error like
    ``{"error": ...}`` data."""

    def startswith(self, *args: Any) -> bool:
        return True  # special, wherever it is looked at


class _StreamIterator(AsyncIterator[T]):
    """A stream's ``async for``: the per-event path is a popleft and a parse (no call into the
    stream); the rest is ``Stream._next``. Closes the stream when freed, as ``_LoopIterator``."""

    __slots__ = ("_parse", "_pending", "_stream")

    def __init__(self, stream: Stream[T]) -> None:
        self._stream = stream
        self._pending = stream._pending
        self._parse = stream._parse

    async def __anext__(self) -> T:
        if self._pending:
            data = self._pending.popleft()
            try:
                return self._parse(data)
            except Exception as exc:
                error = self._stream._failed(exc, data)
            raise error  # outside the handler: nothing chained to it
        return await self._stream._next()

    def __del__(self) -> None:
        self._stream._close(reuse=False)


class _LoopIterator(AsyncIterator[T]):
    """What ``async for`` iterates: the body's own ``__anext__``, closing it when freed."""

    __slots__ = ("_stream",)

    def __init__(self, stream: ByteStream) -> None:
        self._stream = stream

    def __anext__(self) -> Awaitable[T]:
        return self._stream.__anext__()  # type: ignore[return-value]

    def __del__(self) -> None:
        self._stream._close(reuse=False)


class ByteStream(OpenBody):
    """An open binary body (a file's content, a video): ``async for chunk in body``,
    ``await body.read()``, ``await body.save(path)``. Never held whole in memory unless read."""

    _kind = "download"
    # Bounded pieces: readany() would join up to the whole read buffer (megabytes) at once.
    _piece = 256 * 1024

    def __aiter__(self) -> AsyncIterator[bytes]:
        return _LoopIterator(self)

    async def __anext__(self) -> bytes:
        if self._closed:
            if self._aborted:
                raise self._closed_error()
            raise StopAsyncIteration
        chunk = await self._next_chunk()
        if not chunk:
            raise StopAsyncIteration
        return chunk

    async def read(self) -> bytes:
        """The rest of the body, in memory (bounded by ``max_response_size``)."""
        return b"".join([chunk async for chunk in self])

    async def save(self, path: str | os.PathLike[str]) -> int:
        """Write the rest of the body to ``path`` as it arrives; returns the bytes written.

        Written to ``path + ".part"`` and renamed when complete, so ``path`` never holds a
        partial body; on failure the part file is removed.
        """
        target = Path(path)
        part = target.with_name(target.name + ".part")
        written = 0
        out = await asyncio.to_thread(part.open, "wb")
        try:
            async for chunk in self:
                await asyncio.to_thread(out.write, chunk)
                written += len(chunk)
            await asyncio.to_thread(out.close)
            await asyncio.to_thread(part.replace, target)
        except BaseException:
            out.close()
            part.unlink(missing_ok=True)
            raise
        return written


class Download:
    """A download not yet started: ``await`` it (or ``async with`` it) for the open
    ``ByteStream``; ``await d.read()`` and ``await d.save(path)`` open, read and close it."""

    __slots__ = ("_body", "_open")

    def __init__(self, open_: Callable[[], Awaitable[ByteStream]]) -> None:
        self._open = open_

    def __await__(self) -> Generator[Any, None, ByteStream]:
        return self._open().__await__()

    async def __aenter__(self) -> ByteStream:
        self._body = await self._open()
        return self._body

    async def __aexit__(self, *exc_info: object) -> None:
        await self._body.aclose()

    async def read(self) -> bytes:
        async with self as body:
            return await body.read()

    async def save(self, path: str | os.PathLike[str]) -> int:
        async with self as body:
            return await body.save(path)
