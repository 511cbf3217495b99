"""The hot results are typed views over the parsed JSON (``aio_litellm._models.View``):
attribute access, defaults, unknown fields, ``model_dump``, and a malformed body or chunk
raising ``APIResponseValidationError`` where it is read."""

from __future__ import annotations

import orjson
import pytest

from aio_litellm import APIResponseValidationError, LiteLLMClient
from aio_litellm._models import ShapeError, View
from aio_litellm.types.chat import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionMessage,
    Choice,
    ChoiceDelta,
    parse_chunk,
)
from aio_litellm.types.common import CompletionUsage
from aio_litellm.types.keys import KeyListResponse

from .conftest import FakeProxy, chunk, reply, sse

CHAT = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
BODY = {
    "id": "c1",
    "created": 1,
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "hello"}, "x_c": 1}],
    "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    "x_new": {"kept": True},
}


def test_typed_access_defaults_extras_and_dump() -> None:
    out = ChatCompletion.model_validate_json(orjson.dumps(BODY))
    assert isinstance(out, ChatCompletion) and isinstance(out, View)
    assert isinstance(out.choices[0], Choice)
    assert isinstance(out.choices[0].message, ChatCompletionMessage)
    assert out.choices[0].message.content == "hello"
    assert out.choices[0] is out.choices[0]  # built once
    assert out.object == "chat.completion" and out.system_fingerprint is None  # defaults
    assert isinstance(out.usage, CompletionUsage) and out.usage.total_tokens == 3
    assert out.x_new == {"kept": True} and out.model_extra == {"x_new": {"kept": True}}
    assert out.choices[0].model_extra == {"x_c": 1}
    dumped = out.model_dump()
    assert dumped["x_new"] == {"kept": True} and dumped["object"] == "chat.completion"
    assert dumped["choices"][0]["message"]["content"] == "hello"
    assert dumped["choices"][0]["finish_reason"] is None  # nested defaults filled in
    assert dumped["usage"]["total_tokens"] == 3
    dumped["choices"][0]["message"]["content"] = "changed"  # a fresh dict
    assert out.choices[0].message.content == "hello"
    assert out == ChatCompletion.model_validate(orjson.loads(orjson.dumps(BODY)))
    assert out.raw_response is None and out.validate_all() is out
    with pytest.raises(AttributeError):
        _ = out.not_a_field


def test_wrong_types_raise_where_parsed_or_read() -> None:
    with pytest.raises(ShapeError, match="choices"):
        ChatCompletion.model_validate({"id": "c"})
    with pytest.raises(ShapeError, match="message"):
        ChatCompletion.model_validate({"id": "c", "choices": [{"message": "x"}]})
    with pytest.raises(ShapeError, match="content"):
        ChatCompletion.model_validate({"id": "c", "choices": [{"message": {"content": 3}}]})
    # A field off the hot path is checked when read, with the typed error.
    odd = ChatCompletion.model_validate({"id": "c", "choices": [], "usage": "lots"})
    with pytest.raises(APIResponseValidationError, match="usage"):
        _ = odd.usage
    odd = ChatCompletion.model_validate({"id": "c", "choices": [], "created": "today"})
    with pytest.raises(APIResponseValidationError, match="created"):
        odd.validate_all()


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b"{oops", "Malformed stream chunk"),
        (b"[1, 2]", "Expected `object`, got `array`"),
        (b'{"id": "s", "choices": {"delta": {}}}', "choices"),
        (b'{"id": "s", "choices": [{"delta": "x"}]}', "delta"),
        (b'{"id": "s", "choices": [{"delta": {"content": 5}}]}', "content"),
        (b'{"choices": []}', "id"),
        # The second choice is the bad one: the message says what is wrong, and where.
        (
            b'{"id": "s", "choices": [{"delta": {"content": "ok"}}, {"delta": {"content": 5}}]}',
            r"Expected `str \| null`, got `int` - at `\$\.choices\[1\]\.delta\.content`",
        ),
        (b'{"id": "s", "choices": [{"delta": {}}, 7]}', r"got `int` - at `\$\.choices\[1\]`"),
        # Every declared field is checked, not only the hot ones.
        (b'{"id": "s", "choices": [], "created": "today"}', r"at `\$\.created`"),
    ],
)
async def test_a_malformed_chunk_raises_where_it_is_read(
    proxy: FakeProxy, client: LiteLLMClient, raw: bytes, match: str
) -> None:
    proxy.on("POST", "/chat/completions", sse(chunk("a"), b"data: " + raw + b"\n\n", chunk("b")))
    stream = await client.chat.completions.create(stream=True, **CHAT)  # type: ignore[arg-type]
    it = aiter(stream)
    first = await anext(it)
    assert isinstance(first, ChatCompletionChunk) and first.choices[0].delta.content == "a"
    assert isinstance(first.choices[0].delta, ChoiceDelta)
    with pytest.raises(APIResponseValidationError, match=match):
        await anext(it)  # the second chunk, where it is read
    assert stream.closed


def test_parse_chunk_keeps_unknown_fields() -> None:
    out = parse_chunk(b'{"id":"s","choices":[{"delta":{"content":"x","x_d":1}}],"x_top":2}')
    assert out.choices[0].delta.model_extra == {"x_d": 1} and out.x_top == 2
    assert out.model_dump()["choices"][0]["delta"]["role"] is None


async def test_key_page_is_a_typed_view(proxy: FakeProxy, client: LiteLLMClient) -> None:
    page = {"keys": ["a", {"token": "b"}], "total_count": 2, "x_more": 1}
    proxy.on("GET", "/key/list", reply(200, page))
    out = await client.keys.list(size=2)
    assert isinstance(out, KeyListResponse) and out.keys == ["a", {"token": "b"}]
    assert out.total_count == 2 and out.total_pages is None and out.model_extra == {"x_more": 1}
    assert out.raw_response is not None and out.raw_response.status_code == 200
    proxy.on("GET", "/key/list", reply(200, {"keys": [1]}))
    with pytest.raises(APIResponseValidationError, match="keys"):
        await client.keys.list(size=2)


def test_what_every_reader_reads_is_built_when_the_view_is_made() -> None:
    # A chunk is decoded into its typed objects in one pass; a completion's choices and their
    # message are views in the instance's dict from the start. Either way, reading them is a
    # plain attribute lookup.
    from aio_litellm.types.chat import ChunkChoice

    raw = orjson.dumps({"id": "s", "choices": [{"delta": {"content": "a"}, "index": 0}]})
    for made in (parse_chunk(raw), ChatCompletionChunk.model_validate_json(raw)):
        (choice,) = made.choices
        assert isinstance(choice, ChunkChoice) and isinstance(choice.delta, ChoiceDelta)
        assert made.choices[0].delta.content == "a" and made.validate_all() is made
    assert ChatCompletionChunk.model_validate(orjson.loads(raw)) == parse_chunk(raw)
    reply_ = ChatCompletion.model_validate(orjson.loads(orjson.dumps(BODY)))
    assert isinstance(reply_.__dict__["choices"][0].__dict__["message"], ChatCompletionMessage)
    # A choice made on its own builds its delta too; a missing one is refused when made.
    assert ChunkChoice.model_validate({"delta": {"content": "b"}}).delta.content == "b"
    with pytest.raises(ShapeError, match="delta"):
        ChunkChoice.model_validate({})


def test_chunk_types_have_the_result_surface() -> None:
    from aio_litellm.types.chat import ChunkChoice, ChunkUsage

    raw = b'{"id":"s","choices":[{"delta":{"content":"x"}}],"usage":{"total_tokens":3,"cost":0.5}}'
    chunk = parse_chunk(raw)
    assert chunk.usage == ChunkUsage(total_tokens=3, cost=0.5)  # a known field: no slow path
    assert chunk.model_extra == {} and orjson.loads(chunk.model_dump_json())["usage"]["cost"] == 0.5
    # An instance validates as itself; a dict with unknown nested fields keeps them.
    assert ChatCompletionChunk.model_validate(chunk) is chunk
    made = ChunkChoice.model_validate({"delta": {"content": "y", "x": [1]}, "x_meta": {"a": 1}})
    assert made.delta.model_extra == {"x": [1]} and made.x_meta == {"a": 1}  # type: ignore[attr-defined]
    assert made.model_dump()["x_meta"] == {"a": 1} and made.model_dump()["delta"]["x"] == [1]
    with pytest.raises(ShapeError, match="ChunkChoice"):
        ChunkChoice.model_validate({"delta": object()})  # not JSON at all
    with pytest.raises(ShapeError, match="malformed JSON"):
        ChatCompletionChunk.model_validate_json(b"{")
