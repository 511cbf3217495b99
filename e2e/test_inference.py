"""Inference routes through the real proxy to the fake provider: real values, not just status."""

from __future__ import annotations

import base64
import struct
import uuid
from typing import Any

import numpy as np
import pytest

from aio_litellm import LiteLLMClient

from .conftest import Provider
from .fake_provider import DIM, vector
from .launcher import Stack

pytestmark = pytest.mark.e2e


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


async def test_chat_json(admin: LiteLLMClient) -> None:
    text = f"hello {uuid.uuid4().hex}"
    reply = await admin.chat.completions.create(model="fake-gpt", messages=user(text))
    assert reply.choices[0].message.content == f"echo: {text}"
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.total_tokens > 0
    raw = reply.raw_response
    assert raw is not None and raw.status_code == 200
    assert raw.request_id  # x-litellm-call-id
    assert raw.headers.get("x-litellm-model-id")


async def test_chat_stream_reassembles_the_reply(admin: LiteLLMClient) -> None:
    text = "the quick brown fox jumps over the lazy dog"
    stream = await admin.chat.completions.create(model="fake-gpt", messages=user(text), stream=True)
    async with stream:
        parts = [chunk.choices[0].delta.content or "" async for chunk in stream if chunk.choices]
    assert "".join(parts) == f"echo: {text}"
    assert len(parts) >= 9  # arrived in pieces
    assert stream.response.headers["content-type"].startswith("text/event-stream")


async def test_stream_keeps_the_connection(admin: LiteLLMClient) -> None:
    for _ in range(3):
        stream = await admin.chat.completions.create(
            model="fake-gpt", messages=user("a b"), stream=True
        )
        assert (
            "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
            == "echo: a b"
        )
    assert admin._pool.semaphore._value == admin._pool.max_connections
    connector = admin._pool.session.connector  # type: ignore[union-attr]
    assert connector is not None and len(connector._conns) == 1


async def test_completions_json_and_stream(admin: LiteLLMClient) -> None:
    out = await admin.completions.create(model="fake-instruct", prompt="say hi")
    assert out.choices[0].text == "completion: say hi"
    stream = await admin.completions.create(model="fake-instruct", prompt="say hi", stream=True)
    assert "".join([c.choices[0].text async for c in stream if c.choices]) == "completion: say hi"


async def test_embeddings_base64_decoded_values_match(
    admin: LiteLLMClient, provider: Provider
) -> None:
    texts = [f"text {i}" for i in range(5)]
    out = await admin.embeddings.create(model="fake-embed", input=texts)
    assert [e.index for e in out.data] == list(range(5))
    for item, text in zip(out.data, texts, strict=True):
        assert item.embedding == vector(text)  # exact: float32 values survive base64
    assert out.usage is not None and out.usage.prompt_tokens == 10


async def test_embeddings_float_and_numpy(admin: LiteLLMClient) -> None:
    floats = await admin.embeddings.create(model="fake-embed", input="one", encoding_format="float")
    assert floats.data[0].embedding == vector("one")
    arrays = await admin.embeddings.create(model="fake-embed", input=["one", "two"], as_numpy=True)
    matrix = np.stack([e.embedding for e in arrays.data])
    assert matrix.dtype == np.float32 and matrix.shape == (2, DIM)
    np.testing.assert_array_equal(
        matrix, np.array([vector("one"), vector("two")], dtype=np.float32)
    )
    raw = await admin.embeddings.create(model="fake-embed", input="one", encoding_format="base64")
    decoded = struct.unpack(f"<{DIM}f", base64.b64decode(raw.data[0].embedding))
    assert list(decoded) == vector("one")


async def test_models_list_and_info(admin: LiteLLMClient) -> None:
    names = {m.id for m in (await admin.models.list()).data}
    assert {"fake-gpt", "fake-embed", "fake-instruct"} <= names
    info = await admin.models.info()
    assert "fake-gpt" in {d.get("model_name") for d in info.data}


async def test_health(admin: LiteLLMClient, stack: Stack) -> None:
    async with LiteLLMClient(base_url=stack.base_url) as anonymous:
        assert "alive" in (await anonymous.health.liveliness()).lower()
        ready = await anonymous.health.readiness()
    assert ready.status in ("healthy", "connected")


async def test_moderations_via_request(admin: LiteLLMClient) -> None:
    out = await admin.request(
        "POST",
        "/moderations",
        json={"model": "text-moderation-latest", "input": ["calm", "violence"]},
    )
    assert [r["flagged"] for r in out["results"]] == [False, True]


async def test_images_via_request(admin: LiteLLMClient) -> None:
    out = await admin.request(
        "POST", "/images/generations", json={"model": "fake-image", "prompt": "a cat", "n": 2}
    )
    assert len(out["data"]) == 2
    assert base64.b64decode(out["data"][0]["b64_json"]).startswith(b"\x89PNG")


async def test_audio_speech_binary(admin: LiteLLMClient) -> None:
    audio = await admin.request(
        "POST",
        "/audio/speech",
        json={"model": "fake-tts", "input": "hello there", "voice": "alloy"},
        cast_to=bytes,
    )
    assert audio == b"ID3fake-mp3:hello there"


async def test_audio_transcription_multipart(admin: LiteLLMClient) -> None:
    out = await admin.request(
        "POST",
        "/audio/transcriptions",
        form={"model": "fake-whisper"},
        files={"file": ("speech.mp3", b"\x00" * 1234, "audio/mpeg")},
    )
    assert out["text"] == "transcribed 1234 bytes"


async def test_typed_media_methods(admin: LiteLLMClient) -> None:
    moderation = await admin.moderations.create(
        input=["calm", "violence"], model="text-moderation-latest"
    )
    assert [r.flagged for r in moderation.results] == [False, True]
    images = await admin.images.generate(prompt="a cat", model="fake-image", n=2)
    assert len(images.data) == 2 and base64.b64decode(images.data[0].b64_json or "").startswith(
        b"\x89PNG"
    )
    audio = await admin.audio.speech.create(model="fake-tts", input="typed", voice="alloy")
    assert audio == b"ID3fake-mp3:typed"
    text = await admin.audio.transcriptions.create(
        file=("a.mp3", b"\x01" * 321), model="fake-whisper"
    )
    assert text.text == "transcribed 321 bytes"
