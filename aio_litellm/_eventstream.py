"""AWS event-stream (``application/vnd.amazon.eventstream``): the binary framing of Bedrock's
``converse-stream``, ``invoke-with-response-stream`` and agent answers.

A frame is a 12-byte prelude (total length, headers length, CRC32 of those 8 bytes), the
headers (name length, name, type byte, typed value), the payload and a CRC32 of everything
before it, all big-endian. ``EventStreamDecoder.feed`` takes bytes split anywhere and returns
the frames they complete; ``EventStream`` wraps an open body (``Provider.open``) into a typed
``async for``.

Hand-written on purpose, not a library: the format is a hundred lines of ``struct`` and
``zlib.crc32`` (stdlib, C speed); botocore's ``eventstream`` module would pull the whole
botocore stack (and its pinned urllib3) into an asyncio client that never signs requests, and
``awscrt`` is a native wheel per platform for the same hundred lines.

Errors: broken framing (a CRC mismatch, impossible lengths, a stream ending mid-frame, an unknown
header type) raises ``EventStreamError``, an ``APIResponseValidationError``: the answer was a
2xx whose body is not what the route returns. A frame whose ``:message-type`` is ``exception``
or ``error`` is the service failing in-band: it raises the status error AWS documents for its
``:exception-type`` (``throttlingException`` -> ``RateLimitError`` (429),
``validationException`` -> ``BadRequestError`` (400), ``accessDeniedException`` -> 403,
``resourceNotFoundException`` -> 404, ``modelStreamErrorException`` -> 424, ``serviceUnavailable``
-> 503, unknown ones -> ``InternalServerError`` (500)), with ``error_type`` = the exception type
and ``body`` = the payload, so ``except RateLimitError`` works for both a 429 answer and a
throttled stream.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Generic, TypeVar

from . import _jsonutil
from ._closing import Closing
from ._exceptions import APIResponseValidationError, APIStatusError, status_error_class
from ._streaming import ByteStream

__all__ = [
    "EventStream",
    "EventStreamDecoder",
    "EventStreamError",
    "EventStreamMessage",
    "HeaderValue",
    "exception_error",
]

T = TypeVar("T")

HeaderValue = bool | int | bytes | str | datetime | uuid.UUID

_PRELUDE = struct.Struct(">III")
_PRELUDE_LEN = 12
_CRC_LEN = 4
_MIN_FRAME = _PRELUDE_LEN + _CRC_LEN
# AWS caps a frame at 16 MiB and its headers at 128 KiB: more is a corrupt length, not a frame.
MAX_FRAME = 16 * 1024 * 1024
MAX_HEADERS = 128 * 1024

# Header value types: 0 true, 1 false, 2 byte, 3 short, 4 int, 5 long, 6 bytes, 7 string,
# 8 timestamp (ms since the epoch), 9 uuid.
_FIXED: dict[int, struct.Struct] = {
    2: struct.Struct(">b"),
    3: struct.Struct(">h"),
    4: struct.Struct(">i"),
    5: struct.Struct(">q"),
    8: struct.Struct(">q"),
}
_LENGTH = struct.Struct(">H")

# AWS's HTTP status for each in-band exception of Bedrock's runtime and agent runtime.
EXCEPTION_STATUS: dict[str, int] = {
    "throttlingException": 429,
    "modelNotReadyException": 429,
    "validationException": 400,
    "serviceQuotaExceededException": 400,
    "accessDeniedException": 403,
    "resourceNotFoundException": 404,
    "conflictException": 409,
    "modelTimeoutException": 408,
    "modelStreamErrorException": 424,
    "dependencyFailedException": 424,
    "badGatewayException": 502,
    "serviceUnavailableException": 503,
    "internalServerException": 500,
}


class EventStreamError(APIResponseValidationError):
    """The body is not a well-formed AWS event stream (checksum, length, truncation)."""

    def __init__(
        self,
        message: str,
        *,
        status_code: int = 200,
        body: Any = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body=body, method=method, url=url)


@dataclass(frozen=True, slots=True)
class EventStreamMessage:
    """One decoded frame: its headers (typed values) and raw payload."""

    headers: Mapping[str, HeaderValue] = field(default_factory=dict)
    payload: bytes = b""

    def _text_header(self, name: str) -> str | None:
        value = self.headers.get(name)
        return value if isinstance(value, str) else None

    @property
    def message_type(self) -> str | None:
        """``event``, ``exception`` or ``error``."""
        return self._text_header(":message-type")

    @property
    def event_type(self) -> str | None:
        """The event's name (``contentBlockDelta``, ``chunk`` ...)."""
        return self._text_header(":event-type")

    @property
    def exception_type(self) -> str | None:
        return self._text_header(":exception-type")

    def json(self) -> Any:
        """The payload parsed as JSON (``{}`` when empty)."""
        return _jsonutil.loads(self.payload) if self.payload else {}


def _decode_headers(data: memoryview) -> dict[str, HeaderValue]:
    headers: dict[str, HeaderValue] = {}
    pos, end = 0, len(data)
    try:
        while pos < end:
            name_len = data[pos]
            pos += 1
            raw_name = bytes(data[pos : pos + name_len])
            if len(raw_name) != name_len:
                raise EventStreamError("an event-stream header name runs past its headers")
            name = raw_name.decode("utf-8")
            pos += name_len
            kind = data[pos]
            pos += 1
            value: HeaderValue
            if kind in (0, 1):
                value = kind == 0
            elif kind in _FIXED:
                fmt = _FIXED[kind]
                (number,) = fmt.unpack_from(data, pos)
                pos += fmt.size
                value = (
                    datetime.fromtimestamp(number / 1000, tz=timezone.utc) if kind == 8 else number
                )
            elif kind in (6, 7):
                (length,) = _LENGTH.unpack_from(data, pos)
                pos += 2
                raw = bytes(data[pos : pos + length])
                if len(raw) != length:
                    raise EventStreamError("an event-stream header value runs past its headers")
                pos += length
                value = raw if kind == 6 else raw.decode("utf-8")
            elif kind == 9:
                raw = bytes(data[pos : pos + 16])
                if len(raw) != 16:
                    raise EventStreamError("an event-stream uuid header runs past its headers")
                pos += 16
                value = uuid.UUID(bytes=raw)
            else:
                raise EventStreamError(f"unknown event-stream header type {kind}")
            headers[name] = value
    except (IndexError, struct.error, UnicodeDecodeError) as exc:
        raise EventStreamError(f"malformed event-stream headers: {exc}") from None
    return headers


class EventStreamDecoder:
    """Incremental decoder: ``feed`` bytes as they arrive, get the frames they complete;
    ``end()`` at the end of the body raises if a frame was left unfinished."""

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, chunk: bytes) -> list[EventStreamMessage]:
        buffer = self._buffer
        buffer += chunk
        messages: list[EventStreamMessage] = []
        start = 0
        while len(buffer) - start >= _PRELUDE_LEN:
            total, headers_len, prelude_crc = _PRELUDE.unpack_from(buffer, start)
            if zlib.crc32(memoryview(buffer)[start : start + 8]) != prelude_crc:
                raise EventStreamError("event-stream prelude checksum mismatch")
            if (
                total < _MIN_FRAME
                or total > MAX_FRAME
                or headers_len > MAX_HEADERS
                or headers_len > total - _MIN_FRAME
            ):
                raise EventStreamError(
                    f"impossible event-stream frame lengths (total {total}, headers {headers_len})"
                )
            if len(buffer) - start < total:
                break
            # A copy, not a view: a view left in a traceback would lock the buffer's size.
            frame = bytes(memoryview(buffer)[start : start + total])
            start += total
            (message_crc,) = struct.unpack_from(">I", frame, total - _CRC_LEN)
            view = memoryview(frame)
            if zlib.crc32(view[: total - _CRC_LEN]) != message_crc:
                raise EventStreamError("event-stream message checksum mismatch")
            headers_end = _PRELUDE_LEN + headers_len
            headers = _decode_headers(view[_PRELUDE_LEN:headers_end])
            messages.append(EventStreamMessage(headers, frame[headers_end : total - _CRC_LEN]))
        if start:
            del buffer[:start]
        return messages

    def end(self) -> None:
        """The body ended: an unfinished frame is a truncated stream."""
        if self._buffer:
            size = len(self._buffer)
            self._buffer.clear()
            raise EventStreamError(f"the event stream ended inside a frame ({size} bytes left)")


def exception_error(message: EventStreamMessage) -> APIStatusError | None:
    """The typed error of an ``exception``/``error`` frame; None for an event."""
    kind = message.message_type
    if kind not in ("exception", "error"):
        return None
    headers = message.headers
    if kind == "exception":
        error_type = message.exception_type or "unknownException"
        code = None
    else:
        code_value = headers.get(":error-code")
        error_type = code_value if isinstance(code_value, str) else "unknownError"
        code = error_type
    try:
        body = message.json()
    except ValueError:
        body = message.payload.decode("utf-8", "replace")
    text: str | None = None
    if isinstance(body, dict):
        found = body.get("message") or body.get("Message")
        text = found if isinstance(found, str) else None
    if text is None:
        found = headers.get(":error-message")
        text = found if isinstance(found, str) else (body if isinstance(body, str) else None)
    status = EXCEPTION_STATUS.get(error_type, 500)
    return status_error_class(status)(
        f"{error_type}: {text or 'no message'}",
        status_code=status,
        body=body,
        error_type=error_type,
        error_code=code,
    )


class EventStream(Closing, Generic[T]):
    """An open AWS event stream: ``async for event in stream`` yields each event frame as
    ``parse`` types it (frames it maps to None are skipped); an exception frame raises its
    typed error. ``async with`` / ``aclose()`` close the body, as does any error or the end."""

    __slots__ = ("_body", "_decoder", "_parse", "_pending")

    def __init__(self, body: ByteStream, parse: Callable[[EventStreamMessage], T | None]) -> None:
        self._body = body
        self._parse = parse
        self._decoder = EventStreamDecoder()
        self._pending: deque[EventStreamMessage] = deque()

    @property
    def response(self) -> Any:
        """Status, headers and timing of the response (``APIResponse``)."""
        return self._body.response

    @property
    def closed(self) -> bool:
        return self._body.closed

    def __aiter__(self) -> AsyncIterator[T]:
        return self

    async def __anext__(self) -> T:
        while True:
            while self._pending:
                message = self._pending.popleft()
                error = exception_error(message)
                if error is not None:
                    raise await self._fail(error)
                try:
                    item = self._parse(message)
                except ValueError as exc:
                    raise await self._fail(
                        EventStreamError(
                            f"an event-stream {message.event_type or 'event'} frame could not "
                            f"be parsed: {exc}",
                            body=message.payload.decode("utf-8", "replace"),
                        )
                    ) from None
                except BaseException:  # a parser's bug: the body is given back all the same
                    await self._body.aclose()
                    raise
                if item is not None:
                    return item
            try:
                chunk = await self._body.__anext__()
            except StopAsyncIteration:
                await self._finish()  # the body is whole: a frame left over is a truncation
                raise
            try:
                self._pending.extend(self._decoder.feed(chunk))
            except EventStreamError as exc:
                raise await self._fail(exc) from None

    async def _fail(self, error: APIStatusError | EventStreamError) -> Exception:
        """``error`` with the request it belongs to, once the body is closed."""
        body = self._body
        await body.aclose()
        error.method = body._method
        error.url = body._url
        if isinstance(error, APIStatusError):
            error.headers = body.response.headers
            error.request_id = error.headers.get("x-litellm-call-id")
        else:
            error.status_code = body.response.status_code
        return error

    async def _finish(self) -> None:
        try:
            self._decoder.end()
        except EventStreamError as exc:
            raise await self._fail(exc) from None

    async def aclose(self) -> None:
        await self._body.aclose()
