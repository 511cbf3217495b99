"""The AWS event-stream decoder: frames built byte by byte here (struct + zlib.crc32), fed whole,
split at every offset, corrupted, truncated; exception frames as typed errors; the async
wrapper over an open body."""

from __future__ import annotations

import struct
import uuid
import zlib
from datetime import datetime, timezone
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    APIResponseValidationError,
    APIStatusError,
    BadRequestError,
    InternalServerError,
    LiteLLMClient,
    PermissionDeniedError,
    RateLimitError,
)
from aio_litellm._eventstream import (
    EventStream,
    EventStreamDecoder,
    EventStreamError,
    EventStreamMessage,
    exception_error,
)

from .conftest import FakeProxy

# -- an encoder written from the format description --------------------------------------


def header(name: str, kind: int, value: Any) -> bytes:
    raw_name = name.encode()
    out = bytes([len(raw_name)]) + raw_name + bytes([kind])
    if kind in (0, 1):
        return out
    if kind == 2:
        return out + struct.pack(">b", value)
    if kind == 3:
        return out + struct.pack(">h", value)
    if kind == 4:
        return out + struct.pack(">i", value)
    if kind in (5, 8):
        return out + struct.pack(">q", value)
    if kind in (6, 7):
        data = value if kind == 6 else value.encode()
        return out + struct.pack(">H", len(data)) + data
    assert kind == 9
    return out + value


def frame(headers: bytes, payload: bytes) -> bytes:
    total = 12 + len(headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(headers))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + headers + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event(event_type: str, payload: Any) -> bytes:
    headers = (
        header(":event-type", 7, event_type)
        + header(":content-type", 7, "application/json")
        + header(":message-type", 7, "event")
    )
    return frame(headers, orjson.dumps(payload))


def exception(exception_type: str, message: str) -> bytes:
    headers = header(":exception-type", 7, exception_type) + header(":message-type", 7, "exception")
    return frame(headers, orjson.dumps({"message": message}))


UID = uuid.UUID("12345678-1234-5678-1234-567812345678")
ALL_TYPES = (
    header("t", 0, None)
    + header("f", 1, None)
    + header("byte", 2, -7)
    + header("short", 3, -300)
    + header("int", 4, 70000)
    + header("long", 5, -(2**40))
    + header("bytes", 6, b"\x00\xff")
    + header("string", 7, "h\u00e9")
    + header("ts", 8, 1_700_000_000_123)
    + header("uuid", 9, UID.bytes)
)


# -- decoding ---------------------------------------------------------------------------


def test_every_header_type() -> None:
    (message,) = EventStreamDecoder().feed(frame(ALL_TYPES, b"payload"))
    assert message.payload == b"payload"
    assert message.headers == {
        "t": True,
        "f": False,
        "byte": -7,
        "short": -300,
        "int": 70000,
        "long": -(2**40),
        "bytes": b"\x00\xff",
        "string": "h\u00e9",
        "ts": datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=timezone.utc),
        "uuid": UID,
    }
    assert message.message_type is None and message.event_type is None


def test_empty_frame_and_json() -> None:
    (message,) = EventStreamDecoder().feed(frame(b"", b""))
    assert message == EventStreamMessage({}, b"")
    assert message.json() == {}


def test_split_at_every_offset() -> None:
    data = (
        event("messageStart", {"role": "assistant"}) + frame(ALL_TYPES, b"x" * 5) + frame(b"", b"")
    )
    expected = EventStreamDecoder().feed(data)
    assert len(expected) == 3
    for cut in range(len(data) + 1):
        decoder = EventStreamDecoder()
        got = decoder.feed(data[:cut]) + decoder.feed(data[cut:])
        assert got == expected, cut
        decoder.end()


def test_byte_by_byte() -> None:
    data = event("a", {"n": 1}) + event("b", {"n": 2})
    decoder = EventStreamDecoder()
    got = [m for i in range(len(data)) for m in decoder.feed(data[i : i + 1])]
    assert [m.event_type for m in got] == ["a", "b"]
    assert [m.json() for m in got] == [{"n": 1}, {"n": 2}]


def test_corrupt_prelude_crc() -> None:
    data = bytearray(event("a", {}))
    data[8] ^= 0xFF
    with pytest.raises(EventStreamError, match="prelude checksum"):
        EventStreamDecoder().feed(bytes(data))


def test_corrupt_length_caught_by_prelude_crc() -> None:
    data = bytearray(event("a", {}))
    data[3] ^= 0x01  # the total length: the prelude checksum no longer matches
    with pytest.raises(EventStreamError, match="prelude checksum"):
        EventStreamDecoder().feed(bytes(data))


def test_corrupt_message_crc() -> None:
    data = bytearray(event("a", {"x": 1}))
    data[-6] ^= 0x20  # inside the payload
    decoder = EventStreamDecoder()
    with pytest.raises(EventStreamError, match="message checksum") as info:
        decoder.feed(bytes(data))
    assert isinstance(info.value, APIResponseValidationError)
    # The failed decoder holds no lock on its buffer (a view kept alive by the traceback would
    # make this a BufferError): ending it reports the frame it could not finish.
    with pytest.raises(EventStreamError, match="ended inside a frame"):
        decoder.end()


def _prelude(total: int, headers_len: int) -> bytes:
    head = struct.pack(">II", total, headers_len)
    return head + struct.pack(">I", zlib.crc32(head))


@pytest.mark.parametrize(
    ("total", "headers_len"),
    [(15, 0), (20, 5), (32 * 1024 * 1024, 0), (1024 * 1024, 200 * 1024)],
)
def test_impossible_lengths(total: int, headers_len: int) -> None:
    with pytest.raises(EventStreamError, match="impossible"):
        EventStreamDecoder().feed(_prelude(total, headers_len))


def test_truncated_stream() -> None:
    data = event("a", {"x": 1})
    decoder = EventStreamDecoder()
    assert decoder.feed(data[:-3]) == []
    with pytest.raises(EventStreamError, match="ended inside a frame"):
        decoder.end()
    decoder.end()  # the leftover was dropped: a second end() is quiet


@pytest.mark.parametrize(
    ("headers", "match"),
    [
        (b"\x01a\x0a", "unknown event-stream header type 10"),
        (b"\x05ab", "header name runs past"),
        (b"\x01a\x07\x00\x09abc", "header value runs past"),
        (b"\x01a\x09abc", "uuid header runs past"),
        (b"\x01a\x04\x00", "malformed"),
        (b"\x01a", "malformed"),
        (b"\x01\xff\x00", "malformed"),
    ],
)
def test_bad_headers(headers: bytes, match: str) -> None:
    with pytest.raises(EventStreamError, match=match):
        EventStreamDecoder().feed(frame(headers, b""))


# -- exception frames -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "cls", "status"),
    [
        ("throttlingException", RateLimitError, 429),
        ("validationException", BadRequestError, 400),
        ("accessDeniedException", PermissionDeniedError, 403),
        ("modelStreamErrorException", APIStatusError, 424),
        ("somethingNewException", InternalServerError, 500),
    ],
)
def test_exception_frames(kind: str, cls: type[APIStatusError], status: int) -> None:
    (message,) = EventStreamDecoder().feed(exception(kind, "slow down"))
    error = exception_error(message)
    assert type(error) is cls
    assert error.status_code == status
    assert error.error_type == kind
    assert error.message == f"{kind}: slow down"
    assert error.body == {"message": "slow down"}


def test_error_frame_and_plain_events() -> None:
    headers = (
        header(":message-type", 7, "error")
        + header(":error-code", 7, "throttlingException")
        + header(":error-message", 7, "busy")
    )
    (message,) = EventStreamDecoder().feed(frame(headers, b"not json"))
    error = exception_error(message)
    assert isinstance(error, RateLimitError)
    assert error.error_code == "throttlingException"
    assert error.message == "throttlingException: busy"
    assert error.body == "not json"
    (plain,) = EventStreamDecoder().feed(event("a", {}))
    assert exception_error(plain) is None
    (bare,) = EventStreamDecoder().feed(frame(header(":message-type", 7, "exception"), b""))
    unknown = exception_error(bare)
    assert unknown is not None and unknown.message == "unknownException: no message"
    odd = frame(header(":message-type", 7, "error") + header(":error-code", 4, 3), b"[]")
    (message,) = EventStreamDecoder().feed(odd)
    error = exception_error(message)
    assert error is not None and error.error_type == "unknownError"


# -- the async wrapper over a real body -------------------------------------------------


def body_handler(*chunks: bytes, cut: bool = False) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "application/vnd.amazon.eventstream"}
        )
        await response.prepare(request)
        for chunk in chunks:
            await response.write(chunk)
        if cut:
            assert request.transport is not None
            request.transport.close()
            return response
        await response.write_eof()
        return response

    return handler


def _types(message: EventStreamMessage) -> str | None:
    return message.event_type if message.event_type != "skip" else None


async def _open(client: LiteLLMClient) -> EventStream[str]:
    body = await client.pass_through.bedrock.open("POST", "x/stream", json={})
    return EventStream(body, _types)


async def test_async_iteration_skips_and_ends(client: LiteLLMClient, proxy: FakeProxy) -> None:
    data = event("a", {}) + event("skip", {}) + event("b", {})
    proxy.on("POST", "/bedrock/x/stream", body_handler(data[:7], data[7:40], data[40:]))
    async with await _open(client) as stream:
        assert stream.response.status_code == 200
        assert [name async for name in stream] == ["a", "b"]
        assert stream.closed


async def test_async_truncated_body(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/bedrock/x/stream", body_handler(event("a", {}), event("b", {})[:-2]))
    stream = await _open(client)
    assert await stream.__anext__() == "a"
    with pytest.raises(EventStreamError, match="ended inside a frame") as info:
        await stream.__anext__()
    assert info.value.url is not None and info.value.url.endswith("/bedrock/x/stream")
    assert info.value.method == "POST"
    assert stream.closed


async def test_async_corrupt_frame_closes(client: LiteLLMClient, proxy: FakeProxy) -> None:
    bad = bytearray(event("b", {}))
    bad[-1] ^= 1
    proxy.on("POST", "/bedrock/x/stream", body_handler(event("a", {}), bytes(bad)))
    stream = await _open(client)
    with pytest.raises(EventStreamError, match="message checksum"):
        [name async for name in stream]
    assert stream.closed


async def test_async_exception_frame(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/bedrock/x/stream",
        body_handler(event("a", {}), exception("throttlingException", "Too many requests")),
    )
    stream = await _open(client)
    assert await stream.__anext__() == "a"
    with pytest.raises(RateLimitError) as info:
        await stream.__anext__()
    assert info.value.error_type == "throttlingException"
    assert info.value.method == "POST"
    assert stream.closed


async def test_async_parse_failure(client: LiteLLMClient, proxy: FakeProxy) -> None:
    def parse(message: EventStreamMessage) -> Any:
        return message.json()

    proxy.on("POST", "/bedrock/x/stream", body_handler(frame(b"", b"{not json")))
    body = await client.pass_through.bedrock.open("POST", "x/stream", json={})
    stream = EventStream(body, parse)
    with pytest.raises(EventStreamError, match="could not be parsed") as info:
        await stream.__anext__()
    assert info.value.body == "{not json"
    assert stream.closed


async def test_async_aclose_early(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/bedrock/x/stream", body_handler(event("a", {}), event("b", {})))
    stream = await _open(client)
    assert await stream.__anext__() == "a"
    await stream.aclose()
    assert stream.closed


async def test_async_parser_bug_closes(client: LiteLLMClient, proxy: FakeProxy) -> None:
    def parse(message: EventStreamMessage) -> Any:
        raise KeyError("bug")

    proxy.on("POST", "/bedrock/x/stream", body_handler(event("a", {})))
    body = await client.pass_through.bedrock.open("POST", "x/stream", json={})
    stream = EventStream(body, parse)
    with pytest.raises(KeyError, match="bug"):
        await stream.__anext__()
    assert stream.closed
