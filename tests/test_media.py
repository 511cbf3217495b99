"""Moderations, images, audio and rerank: what each sends and returns."""

from __future__ import annotations

import base64
import email.parser
import email.policy

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient

from .conftest import FakeProxy, reply


async def test_moderations(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"id": "m", "results": [{"flagged": True, "categories": {"violence": True}}]}
    proxy.on("POST", "/moderations", reply(200, body))
    out = await client.moderations.create(input=["text"], model="omni")
    assert out.results[0].flagged and out.results[0].categories == {"violence": True}
    assert proxy.calls()[0].json() == {"input": ["text"], "model": "omni"}
    with pytest.raises(ValueError, match="non-empty"):
        await client.moderations.create(input=[])


async def test_images_generate_and_edit(proxy: FakeProxy, client: LiteLLMClient) -> None:
    png = base64.b64encode(b"\x89PNG").decode()
    proxy.on("POST", "/images/generations", reply(200, {"created": 1, "data": [{"b64_json": png}]}))
    out = await client.images.generate(prompt="a cat", n=1, response_format="b64_json")
    assert base64.b64decode(out.data[0].b64_json or "") == b"\x89PNG"
    assert proxy.calls()[-1].json() == {"prompt": "a cat", "n": 1, "response_format": "b64_json"}

    seen: list[dict[str, bytes]] = []

    async def edit(request: web.Request) -> web.StreamResponse:
        head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            head + await request.read()
        )
        seen.append(
            {
                str(p.get_param("name", header="content-disposition")): p.get_payload(decode=True)
                for p in message.iter_parts()
            }
        )
        return web.json_response({"data": [{"url": "http://img/1"}]})

    proxy.on("POST", "/images/edits", edit)
    edited = await client.images.edit(
        image=("in.png", b"PNGDATA", "image/png"), prompt="add a hat", mask=b"M"
    )
    assert edited.data[0].url == "http://img/1"
    assert seen[0] == {"image": b"PNGDATA", "mask": b"M", "prompt": b"add a hat"}


async def test_audio(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/audio/speech", reply(200, b"ID3audio", {"Content-Type": "audio/mpeg"}))
    audio = await client.audio.speech.create(model="tts", input="hello", voice="alloy", speed=1.5)
    assert audio == b"ID3audio"
    assert proxy.calls()[-1].json() == {
        "model": "tts",
        "input": "hello",
        "voice": "alloy",
        "speed": 1.5,
    }
    with pytest.raises(TypeError, match="voice"):
        await client.audio.speech.create(model="tts", input="hello", voice="")

    proxy.on("POST", "/audio/transcriptions", reply(200, {"text": "hello there"}))
    text = await client.audio.transcriptions.create(
        file=("a.mp3", b"\x00" * 10), model="whisper", language="en"
    )
    assert text.text == "hello there"
    assert proxy.calls()[-1].content_type == "multipart/form-data"


async def test_rerank(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/rerank",
        reply(200, {"id": "r", "results": [{"index": 1, "relevance_score": 0.9}]}),
    )
    out = await client.rerank.create(model="rr", query="q", documents=["a", "b"], top_n=1)
    assert out.results[0].index == 1 and out.results[0].relevance_score == 0.9
    assert proxy.calls()[-1].json() == {
        "model": "rr",
        "query": "q",
        "documents": ["a", "b"],
        "top_n": 1,
    }
    with pytest.raises(TypeError, match="documents"):
        await client.rerank.create(model="rr", query="q", documents="ab")
