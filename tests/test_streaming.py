"""SSE decoding by the WHATWG rules, and streams that always give their connection back."""

from __future__ import annotations

import asyncio
import itertools

import orjson
import pytest

from aio_litellm import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    InternalServerError,
    LiteLLMClient,
    RateLimitError,
    ServerSentEvent,
    SSEDecoder,
)

from .conftest import FakeProxy, FakeSleep, chunk, reply, sse

CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}


def decode(*chunks: bytes) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    events = [event for chunk in chunks for event in decoder.feed(chunk)]
    decoder.flush()
    return events


SAMPLE = (
    b": a comment\r\n"
    b"event: update\r\n"
    b"id: 7\r\n"
    b"retry: 1500\r\n"
    b"data: first\r\n"
    b"data:  second with space\r\n"
    b"\r\n"
    b'data: {"x": 1}\n\n'
    b"data:no-space\r\r"
    b"data\n\n"
    b"event: ignored-without-data\n\n"
    b"data: last\n\n"
)
EXPECTED = [
    ServerSentEvent("first\n second with space", "update", "7", 1500),
    ServerSentEvent('{"x": 1}', None, "7", 1500),
    ServerSentEvent("no-space", None, "7", 1500),
    ServerSentEvent("", None, "7", 1500),
    ServerSentEvent("last", None, "7", 1500),
]


def test_decoder_whole() -> None:
    assert decode(SAMPLE) == EXPECTED


def test_decoder_every_two_way_split() -> None:
    for cut in range(len(SAMPLE) + 1):
        assert decode(SAMPLE[:cut], SAMPLE[cut:]) == EXPECTED, cut


def test_decoder_byte_by_byte_and_three_way_splits() -> None:
    assert decode(*(SAMPLE[i : i + 1] for i in range(len(SAMPLE)))) == EXPECTED
    for a, b in itertools.combinations(range(0, len(SAMPLE), 7), 2):
        assert decode(SAMPLE[:a], SAMPLE[a:b], SAMPLE[b:]) == EXPECTED


def data_of(body: bytes, cuts: tuple[int, ...], *, fast: bool) -> list[bytes]:
    """Event data of ``body`` fed in pieces; ``fast``: the stream's way (``feed_data`` first,
    ``feed_raw`` when it declines)."""
    decoder = SSEDecoder(max_event_size=64)
    out: list[bytes] = []
    for a, b in itertools.pairwise((0, *cuts, len(body))):
        piece = body[a:b]
        datas = decoder.feed_data(piece) if fast else None
        out += datas if datas is not None else [e[1] for e in decoder.feed_raw(piece)]
    return out


SIMPLE = b'data: {"a": 1}\n\ndata: two\n\ndata: [DONE]\n\n'


@pytest.mark.parametrize("body", [SIMPLE, b"\xef\xbb\xbf" + SIMPLE, SAMPLE, SIMPLE + SAMPLE])
def test_fast_path_gives_what_the_full_decoder_gives(body: bytes) -> None:
    for cuts in [(), *((c,) for c in range(len(body))), (3, 20), (9, 10, 11)]:
        assert data_of(body, cuts, fast=True) == data_of(body, cuts, fast=False), cuts


def test_fast_path_declines_what_it_does_not_handle() -> None:
    decoder = SSEDecoder(max_event_size=8)
    assert decoder.feed_data(b"\xef\xbb\xbfdata: a\n\n") is None  # a BOM is feed_raw's
    assert decoder.feed_data(b"\xef") is None  # ... and so may be a first byte
    assert decoder.feed_raw(b"\xef\xbb\xbfdata: a\n\n") == [(None, b"a", None, None)]
    assert SSEDecoder().feed_data(b"data: a\n\n") == [b"a"]  # a first chunk without one
    assert decoder.feed_data(b"data: b\n\n" + b"data: 123456789") is None  # too long a tail
    assert decoder.feed_data(b"event: x\ndata: c\n\n") is None
    assert decoder.feed_data(b"data: d\r\n\r\n") is None
    assert decoder.feed_data(b"data: e\n\ndata: f") == [b"e"]
    assert decoder.feed_data(b"\n\n") == [b"f"]  # the pending tail completes


@pytest.mark.parametrize("split", [0, 1, 2, 3, 4])
def test_decoder_skips_a_leading_bom_even_split(split: int) -> None:
    body = b"\xef\xbb\xbfdata: first\n\ndata: second\n\n"
    assert [e.data for e in decode(body[:split], body[split:])] == ["first", "second"]
    # Only at the very start: a BOM later is data.
    assert decode(b"data: a\n\n\xef\xbb\xbfdata: b\n\n")[1:] == []


def test_decoder_field_rules() -> None:
    assert decode(b"id: a\0b\ndata: x\n\n") == [ServerSentEvent("x")]  # NUL in id: ignored
    assert decode(b"retry: 12a\ndata: x\n\n") == [ServerSentEvent("x")]  # non-digit retry
    assert decode(b"data: x\nunknown: y\n\n") == [ServerSentEvent("x")]
    # An event not ended by a blank line is dropped at end of stream.
    assert decode(b"data: complete\n\ndata: partial") == [ServerSentEvent("complete")]
    assert decode(b"data: \xff\n\n") == [ServerSentEvent("\ufffd")]
    assert decode(b"") == []


# -- streams over the wire -----------------------------------------------------------------


async def test_stream_yields_typed_chunks_and_reuses_connection(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("Hel"), chunk("lo"), chunk("!"), linger=0.02))
    for _ in range(3):
        stream = await client.chat.completions.create(stream=True, **CHAT)
        text = "".join([c.choices[0].delta.content or "" async for c in stream])
        assert text == "Hello!"
        assert stream.closed
        assert stream.response.status_code == 200
    assert proxy.calls()[0].json()["stream"] is True
    assert len(proxy.peers) == 1  # drained after [DONE]: the connection went back to the pool
    assert client._pool.semaphore._value == client._pool.max_connections


async def test_break_releases_connection_and_slot(proxy: FakeProxy) -> None:
    proxy.on("POST", "/chat/completions", sse(*(chunk(str(i)) for i in range(50)), pause=0.001))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        assert client._pool.semaphore._value == 0
        async for part in stream:
            assert part.choices[0].delta.content == "0"
            break
        for _ in range(5):
            await asyncio.sleep(0)  # the loop's generator is finalised asynchronously
        assert stream.closed
        assert client._pool.semaphore._value == 1
        # The single slot is free again: another call goes through.
        proxy.on("GET", "/models", reply(200, {"data": []}))
        await asyncio.wait_for(client.models.list(), 5)


async def test_async_with_and_aclose_release(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("a"), chunk("b")))
    async with await client.chat.completions.create(stream=True, **CHAT) as stream:
        first = await stream.__anext__()
        assert first.choices[0].delta.content == "a"
    assert stream.closed
    assert client._pool.semaphore._value == client._pool.max_connections
    stream2 = await client.chat.completions.create(stream=True, **CHAT)
    await stream2.aclose()
    await stream2.aclose()  # idempotent
    assert [c async for c in stream2] == []
    assert client._pool.semaphore._value == client._pool.max_connections


async def test_in_band_error_raises_typed_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    error = b'data: {"error": {"message": "provider exploded", "code": "429"}}\n\n'
    proxy.on("POST", "/chat/completions", sse(chunk("a"), error, done=False))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    got = []
    with pytest.raises(RateLimitError, match="provider exploded"):
        async for part in stream:
            got.append(part.choices[0].delta.content)
    assert got == ["a"]
    assert stream.closed

    error_event = b'event: error\ndata: {"error": {"message": "boom"}}\n\n'
    proxy.on("POST", "/chat/completions", sse(error_event, done=False))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    with pytest.raises(InternalServerError, match="boom"):
        await stream.__anext__()


async def test_events_of_one_read_come_out_in_order_then_the_failure(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # One write, one read: the good events before a bad one are yielded first; the bad one
    # raises where it is read; nothing after it is yielded.
    error = b'data: {"error": {"message": "late failure", "code": 503}}\n\n'
    body = chunk("a") + chunk("b") + error + chunk("c")
    proxy.on("POST", "/chat/completions", sse(body, done=False))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    got = []
    with pytest.raises(APIStatusError, match="late failure") as caught:
        async for part in stream:
            got.append(part.choices[0].delta.content)
    assert got == ["a", "b"] and caught.value.status_code == 503 and stream.closed
    # [DONE] mid-read ends the stream: what follows it (even garbage) is not parsed.
    body = chunk("x") + b"data: [DONE]\n\n" + b"data: {oops\n\n"
    proxy.on("POST", "/chat/completions", sse(body, done=False))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    assert [c.choices[0].delta.content async for c in stream] == ["x"]
    assert stream.closed


async def test_malformed_chunk(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/chat/completions", sse(b"data: {oops\n\n"))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    with pytest.raises(APIResponseValidationError, match="Malformed stream chunk"):
        async for _ in stream:
            pass
    assert stream.closed


async def test_stream_cut_midway_is_a_connection_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("a"), b'data: {"id"', cut=True))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    with pytest.raises(APIConnectionError):
        async for _ in stream:
            pass
    assert client._pool.semaphore._value == client._pool.max_connections


async def test_stream_without_done_ends_cleanly(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("x"), done=False))
    stream = await client.chat.completions.create(stream=True, **CHAT)
    assert [c.choices[0].delta.content async for c in stream] == ["x"]


async def test_stream_retried_before_first_byte(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on(
        "POST",
        "/chat/completions",
        reply(429, {"error": {"message": "slow down"}}, {"llm_provider-retry-after": "2"}),
        sse(chunk("ok")),
    )
    stream = await client.chat.completions.create(stream=True, **CHAT)
    assert [c.choices[0].delta.content async for c in stream] == ["ok"]
    assert sleep.waits == [2.0]
    assert stream.response.retries == 1


async def test_completions_stream_and_raw_stream(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"id": "t", "choices": [{"index": 0, "text": "yo"}]}
    proxy.on("POST", "/completions", sse(b"data: " + orjson.dumps(body) + b"\n\n"))
    stream = await client.completions.create(model="m", prompt="p", stream=True)
    assert [c.choices[0].text async for c in stream] == ["yo"]
    proxy.on("POST", "/v1/responses", sse(b'data: {"type": "delta", "n": 1}\n\n'))
    raw = await client.request_stream("POST", "/v1/responses", json={"model": "m"})
    assert [e async for e in raw] == [{"type": "delta", "n": 1}]


async def test_a_dropped_stream_gives_its_slot_back(proxy: FakeProxy) -> None:
    import gc

    proxy.on("POST", "/chat/completions", sse(chunk("a"), chunk("b")))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1) as client:
        stream = await client.chat.completions.create(stream=True, **CHAT)
        assert client._pool.semaphore._value == 0
        with pytest.warns(ResourceWarning, match="garbage-collected unclosed"):  # noqa: PT031
            del stream
            gc.collect()
        assert client._pool.semaphore._value == 1
        proxy.on("GET", "/models", reply(200, {"data": []}))
        await asyncio.wait_for(client.models.list(), 5)  # the one slot is usable again
