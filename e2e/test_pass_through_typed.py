"""Typed pass-through methods of cursor, cohere, mistral, vllm and vertex_ai through the real
proxy. Each provider's base URL points at the fake provider (``/up/<provider>``, see
e2e/launcher.py and e2e/fake_routes/pt_*.py), whose answers echo the request back. Vertex AI's
host is hard-coded in the proxy, so only its error path runs here."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import AuthenticationError, LiteLLMClient
from aio_litellm.types.chat import ChatCompletion, ChatCompletionChunk
from aio_litellm.types.models import ModelList
from aio_litellm.types.pass_through.cohere import (
    EmbedResponse,
    NonStreamedChatResponse,
    StreamedChatResponseV2,
    V2ChatResponse,
)
from aio_litellm.types.pass_through.cursor import Agent, ApiKeyInfo
from aio_litellm.types.pass_through.mistral import (
    ChatCompletionResponse,
    CompletionChunk,
    EmbeddingResponse,
)

pytestmark = pytest.mark.e2e


def _word() -> str:
    return uuid.uuid4().hex


async def test_cursor_me_and_agents(admin: LiteLLMClient) -> None:
    cursor = admin.pass_through.cursor
    me = await cursor.me()
    assert isinstance(me, ApiKeyInfo) and me.api_key_name == "fake-key"
    task = f"Add a README {_word()}"
    launched = await cursor.agents.launch(
        prompt={"text": task},
        source={"repository": "https://github.com/example/repo", "ref": "main"},
        target={"autoCreatePr": True},
    )
    assert isinstance(launched, Agent) and launched.status == "CREATING"
    assert launched.target is not None and launched.target.auto_create_pr is True
    got = await cursor.agents.get(launched.id)
    assert (got.id, got.status, got.name) == (launched.id, "RUNNING", task[:40])
    # The proxy's own OpenAI-style model list for Cursor's BYOK base URL.
    models = await cursor.models()
    assert isinstance(models, ModelList) and "fake-gpt" in {m.id for m in models.data}


async def test_cohere_chat_and_embed(admin: LiteLLMClient) -> None:
    cohere = admin.pass_through.cohere
    word = _word()
    v1 = await cohere.chat(message=f"hi {word}", model="command-r")
    assert isinstance(v1, NonStreamedChatResponse) and v1.text == f"echo: hi {word}"
    assert v1.meta is not None and v1.meta.billed_units == {"input_tokens": 3, "output_tokens": 2}
    messages: list[dict[str, str]] = [{"role": "user", "content": f"v2 {word}"}]
    v2 = await cohere.chat_v2(model="command-a", messages=messages)  # type: ignore[typeddict-item]
    assert isinstance(v2, V2ChatResponse) and v2.text == f"echo: v2 {word}"
    stream = await cohere.chat_v2(model="command-a", messages=messages, stream=True)  # type: ignore[typeddict-item]
    async with stream:
        events = [e async for e in stream]
    assert all(isinstance(e, StreamedChatResponseV2) for e in events)
    assert events[0].type == "message-start" and events[-1].type == "message-end"
    assert "".join(e.text for e in events).strip() == f"echo: v2 {word}"
    embedded = await cohere.embed(texts=["ab", "abcd"], model="embed-v4.0")
    assert isinstance(embedded, EmbedResponse) and embedded.embeddings == [[2.0, 0.25], [4.0, 0.25]]


async def test_mistral_chat_and_embeddings(admin: LiteLLMClient) -> None:
    mistral = admin.pass_through.mistral
    word = _word()
    messages: list[dict[str, str]] = [{"role": "user", "content": f"hi {word}"}]
    got = await mistral.chat.completions.create(model="mistral-small-latest", messages=messages)  # type: ignore[typeddict-item]
    assert isinstance(got, ChatCompletionResponse) and got.text == f"echo: hi {word}"
    assert got.usage is not None and got.usage.total_tokens == 5
    stream = await mistral.chat.completions.create(
        model="mistral-small-latest",
        messages=messages,  # type: ignore[typeddict-item]
        stream=True,
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, CompletionChunk) for c in chunks)
    assert "".join(c.text for c in chunks) == f"echo: hi {word}"
    assert chunks[-1].usage is not None
    embedded = await mistral.embeddings.create(model="mistral-embed", input=["abc"])
    assert isinstance(embedded, EmbeddingResponse) and embedded.data[0].embedding == [3.0, 0.5]
    models = await mistral.models.list()
    assert models.data[0].id == "mistral-small-latest"


async def test_vllm_chat_and_models(admin: LiteLLMClient) -> None:
    vllm = admin.pass_through.vllm
    word = _word()
    messages: list[dict[str, str]] = [{"role": "user", "content": f"hi {word}"}]
    # Not a model of the proxy's list: the call goes to VLLM_API_BASE.
    got = await vllm.chat.completions.create(model="fake-vllm-upstream", messages=messages)  # type: ignore[typeddict-item]
    assert isinstance(got, ChatCompletion) and got.choices[0].message.content == f"echo: hi {word}"
    stream = await vllm.chat.completions.create(
        model="fake-vllm-upstream",
        messages=messages,  # type: ignore[typeddict-item]
        stream=True,
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text.strip() == f"echo: hi {word}"
    models = await vllm.models.list()
    assert isinstance(models, ModelList) and models.data[0].id == "fake-vllm-upstream"


async def test_vertex_ai_error_path(admin: LiteLLMClient) -> None:
    # The proxy reaches Google's own host with Google credentials, which this stack has not:
    # it refuses before calling out (and does not forward the LiteLLM key to Google).
    vertex = admin.pass_through.vertex_ai
    with pytest.raises(AuthenticationError, match="Vertex AI credential") as info:
        await vertex.generate_content(
            "no-such-project",
            "us-central1",
            "gemini-2.0-flash",
            contents=[{"role": "user", "parts": [{"text": "hi"}]}],
        )
    assert info.value.status_code == 401
    with pytest.raises(AuthenticationError):
        await vertex.batch_prediction_jobs.list("no-such-project", "us-central1", pageSize=1)
