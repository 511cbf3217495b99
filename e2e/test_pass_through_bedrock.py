"""Bedrock pass-through through the real proxy: the router model ``fake-bedrock`` (see
e2e/litellm-config.yaml) reaches the fake Bedrock Runtime of e2e/fake_routes/pt_bedrock.py, whose
streams are real AWS event-stream frames. A raw Bedrock model id and a guardrail path are refused
by the proxy (400, asserted). Knowledge bases and agents go to AWS's agent-runtime host, which
the proxy does not let a config move: not run here."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, RateLimitError
from aio_litellm.types.pass_through.bedrock import (
    ContentBlockDeltaEvent,
    ConverseResponse,
    ConverseStreamMetadataEvent,
    MessageStartEvent,
    MessageStopEvent,
)

pytestmark = pytest.mark.e2e

MODEL = "fake-bedrock"


def _messages(text: str) -> list[dict[str, object]]:
    return [{"role": "user", "content": [{"text": text}]}]


async def test_converse(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    got = await admin.pass_through.bedrock.converse(
        MODEL, messages=_messages(f"hello {word}"), inferenceConfig={"maxTokens": 20}
    )
    assert isinstance(got, ConverseResponse)
    assert got.text == f"echo: hello {word}"
    assert got.stop_reason == "end_turn"
    assert got.usage is not None and got.usage.total_tokens == 8


async def test_converse_stream(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    stream = await admin.pass_through.bedrock.converse_stream(
        MODEL, messages=_messages(f"stream {word}")
    )
    async with stream:
        events = [e async for e in stream]
    assert stream.response.headers["content-type"].startswith("application/vnd.amazon.eventstream")
    assert isinstance(events[0], MessageStartEvent)
    text = "".join(e.text for e in events if isinstance(e, ContentBlockDeltaEvent))
    assert text.strip() == f"echo: stream {word}"
    assert any(isinstance(e, MessageStopEvent) and e.stop_reason == "end_turn" for e in events)
    meta = events[-1]
    assert isinstance(meta, ConverseStreamMetadataEvent)
    assert meta.usage is not None and meta.usage.output_tokens == 3
    assert stream.closed


async def test_converse_stream_in_band_exception(admin: LiteLLMClient) -> None:
    stream = await admin.pass_through.bedrock.converse_stream(
        MODEL, messages=_messages("please THROTTLE")
    )
    with pytest.raises(RateLimitError, match="slow down") as info:
        async with stream:
            [e async for e in stream]
    assert info.value.error_type == "throttlingException"
    assert stream.closed


async def test_invoke(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    body = {
        "anthropic_version": "bedrock-2023-05-31",
        "max_tokens": 20,
        "messages": [{"role": "user", "content": f"invoke {word}"}],
    }
    got = await admin.pass_through.bedrock.invoke(MODEL, body)
    assert got["content"][0]["text"] == f"echo: invoke {word}"

    stream = await admin.pass_through.bedrock.invoke_with_response_stream(MODEL, body)
    async with stream:
        events = [e async for e in stream]
    assert events[0]["type"] == "message_start"
    text = "".join(e["delta"]["text"] for e in events if e["type"] == "content_block_delta")
    assert text.strip() == f"echo: invoke {word}"
    assert events[-1]["type"] == "message_stop"


async def test_refused_routes(admin: LiteLLMClient) -> None:
    # Only model names of the proxy's model list are routed; a guardrail path has no model.
    with pytest.raises(BadRequestError):
        await admin.pass_through.bedrock.converse(
            "anthropic.claude-3-haiku-20240307-v1:0", messages=_messages("x")
        )
    with pytest.raises(BadRequestError, match="model"):
        await admin.pass_through.bedrock.guardrails.apply(
            "g1", "1", source="INPUT", content=[{"text": {"text": "x"}}]
        )
