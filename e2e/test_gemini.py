"""Gemini-native routes through the real proxy: generateContent (JSON and SSE) and countTokens
on the router model ``fake-gpt``, which LiteLLM bridges to Gemini's shapes; an Interaction on
``fake-gpt`` (bridged to the Responses API). The routes LiteLLM sends to the Gemini API itself
(interaction reads, managed agents) reach the fake provider here (GEMINI_API_BASE, set by the
launcher), whose echo shows what arrived."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.gemini import GeminiContentParam, GenerateContentResponse

pytestmark = pytest.mark.e2e


def _contents(text: str) -> list[GeminiContentParam]:
    return [{"role": "user", "parts": [{"text": text}]}]


async def test_generate_content(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    got = await admin.gemini.generate_content("fake-gpt", contents=_contents(f"hello {word}"))
    assert isinstance(got, GenerateContentResponse)
    assert word in got.text and got.text.startswith("echo:")
    assert got.candidates[0].finish_reason == "STOP"
    assert got.usage_metadata is not None and (got.usage_metadata.total_token_count or 0) > 0


async def test_stream_generate_content(admin: LiteLLMClient) -> None:
    text = f"the quick brown fox {uuid.uuid4().hex}"
    stream = await admin.gemini.stream_generate_content("fake-gpt", contents=_contents(text))
    async with stream:
        chunks = [chunk async for chunk in stream]
    assert stream.response.headers["content-type"].startswith("text/event-stream")
    assert all(isinstance(c, GenerateContentResponse) for c in chunks)
    assert len(chunks) >= 4  # arrived in pieces
    assert "".join(c.text for c in chunks) == f"echo: {text}"


async def test_count_tokens(admin: LiteLLMClient) -> None:
    got = await admin.gemini.count_tokens("fake-gpt", contents=_contents("one two three four"))
    assert got.total_tokens > 0


async def test_count_tokens_grows_with_the_text(admin: LiteLLMClient) -> None:
    short = await admin.gemini.count_tokens("fake-gpt", contents=_contents("one"))
    system: GeminiContentParam = {
        "parts": [{"text": "you are a very careful and thorough assistant"}]
    }
    longer = await admin.gemini.count_tokens(
        "fake-gpt", contents=_contents("one two three four five six"), systemInstruction=system
    )
    assert longer.total_tokens > short.total_tokens > 0


async def test_interaction_on_a_router_model(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    made = await admin.gemini.interactions.create(model="fake-gpt", input=f"hi {word}")
    assert made.id and made.status == "completed" and made.model == "fake-gpt"
    assert made.outputs and word in str(made.outputs)
    # Reads go to the Gemini API whatever model made the interaction: here the fake provider's
    # echo (GEMINI_API_BASE, set by the launcher), which shows what arrived, with the proxy's
    # Gemini key in x-goog-api-key.
    got = await admin.gemini.interactions.retrieve(made.id)
    arrived = got.model_extra
    assert (arrived["provider"], arrived["method"]) == ("gemini", "GET")
    assert arrived["path"] == f"v1beta/interactions/{made.id}"
    assert "x-goog-api-key" in arrived["headers"]


async def test_managed_agents_go_to_the_gemini_api(admin: LiteLLMClient) -> None:
    listed = await admin.gemini.agents.list()  # the fake Gemini API has none
    assert listed.agents == [] and listed.next_page_token is None
