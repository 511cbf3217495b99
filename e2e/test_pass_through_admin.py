"""Typed pass-through methods of azure, langfuse, milvus and assemblyai through the real proxy.

- azure: a deployment that is not a router model goes to ``AZURE_API_BASE`` (the fake of
  e2e/fake_routes/pt_azure.py), which answers OpenAI shapes and, like Azure, wants
  ``api-version`` and the ``api-key`` the proxy adds.
- langfuse: the client's Basic credential (public key : proxy key) is accepted by the proxy,
  which sends its own Langfuse keys to the fake of e2e/fake_routes/pt_langfuse.py.
- milvus: the proxy forwards only collections that are LiteLLM-managed vector store indexes: a
  managed store (provider milvus, ``api_base`` = the fake of e2e/fake_routes/pt_milvus.py) and an
  index on it are registered, then used once the proxy has loaded them; an unknown collection
  is refused.
- assemblyai: the proxy's AssemblyAI hosts are hard-coded (api.assemblyai.com) and it has no
  ``ASSEMBLYAI_API_KEY``: only the refusal of bad input before sending is run.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from aio_litellm import (
    AuthenticationError,
    BadRequestError,
    InternalServerError,
    LiteLLMClient,
)
from aio_litellm.resources.pass_through.milvus import Milvus
from aio_litellm.types.chat import ChatCompletion, ChatCompletionChunk
from aio_litellm.types.embeddings import CreateEmbeddingResponse
from aio_litellm.types.pass_through.langfuse import IngestionResponse, Trace
from aio_litellm.types.pass_through.milvus import MilvusRowsResponse

from .launcher import Stack

pytestmark = pytest.mark.e2e

# Not a model_name of e2e/litellm-config.yaml: the proxy sends it to AZURE_API_BASE.
DEPLOYMENT = "azure-fake-deployment"


async def test_azure_chat_completions(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    got = await admin.pass_through.azure.chat_completions(
        DEPLOYMENT, messages=[{"role": "user", "content": word}], max_tokens=5
    )
    assert isinstance(got, ChatCompletion)
    assert got.choices[0].message.content == f"{DEPLOYMENT}@2024-10-21: {word}"
    assert got.usage is not None and got.usage.total_tokens == 8


async def test_azure_chat_completions_api_version(admin: LiteLLMClient) -> None:
    got = await admin.pass_through.azure.chat_completions(
        DEPLOYMENT, messages=[{"role": "user", "content": "v"}], api_version="2025-01-01-preview"
    )
    assert got.choices[0].message.content == f"{DEPLOYMENT}@2025-01-01-preview: v"


async def test_azure_chat_completions_stream(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    stream = await admin.pass_through.azure.chat_completions(
        DEPLOYMENT, stream=True, messages=[{"role": "user", "content": word}]
    )
    async with stream:
        chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == f"{DEPLOYMENT}@2024-10-21: {word}"


async def test_azure_embeddings(admin: LiteLLMClient) -> None:
    got = await admin.pass_through.azure.embeddings(DEPLOYMENT, input=["abc", "de"])
    assert isinstance(got, CreateEmbeddingResponse)
    assert [d.embedding[0] for d in got.data] == [3.0, 2.0]
    assert got.usage is not None and got.usage.total_tokens == 2


async def test_langfuse_trace_create_list_get(admin: LiteLLMClient) -> None:
    langfuse = admin.pass_through.langfuse
    trace_id = f"trace-{uuid.uuid4().hex}"
    user = f"user-{uuid.uuid4().hex}"
    created = await langfuse.traces.create(id=trace_id, name="e2e", userId=user, tags=["aio"])
    assert isinstance(created, IngestionResponse)
    assert [s.status for s in created.successes] == [201] and created.errors == []
    listed = [t async for t in langfuse.traces.list(userId=user, limit=10)]
    assert [t.id for t in listed] == [trace_id]
    got = await langfuse.traces.get(trace_id)
    assert isinstance(got, Trace) and got.name == "e2e" and got.tags == ["aio"]


async def test_langfuse_public_key_is_free(admin: LiteLLMClient) -> None:
    # The proxy reads the key from the password half; any public key is accepted.
    page = await admin.pass_through.langfuse.with_public_key("pk-lf-other").traces.list(limit=1)
    assert page.meta.page == 1


async def test_langfuse_wrong_key_is_refused(admin: LiteLLMClient) -> None:
    stranger = admin.with_options(api_key="sk-not-a-key-" + uuid.uuid4().hex)
    with pytest.raises(AuthenticationError):
        await stranger.pass_through.langfuse.traces.list()


async def test_milvus_unmanaged_collection_is_refused(admin: LiteLLMClient) -> None:
    # 500 while the proxy has no vector store index at all, 400 once it has one.
    with pytest.raises((BadRequestError, InternalServerError), match="vector store index"):
        await admin.pass_through.milvus.entities.query(
            f"unknown-{uuid.uuid4().hex}", filter="id > 0", limit=1
        )


async def test_milvus_through_a_managed_index(admin: LiteLLMClient, stack: Stack) -> None:
    if not stack.provider_url:
        pytest.skip("the fake provider's address is unknown")
    run = uuid.uuid4().hex[:8]
    store_id, store_name, index = f"vs_milvus{run}", f"milvus-{run}", f"idx-{run}"
    await admin.vector_stores.managed.create(
        vector_store_id=store_id,
        custom_llm_provider="milvus",
        vector_store_name=store_name,
        litellm_params={"api_base": f"{stack.provider_url}/up/milvus", "api_key": "fake"},
    )
    await admin.vector_stores.indexes.create(
        index_name=index,
        litellm_params={"vector_store_index": f"real_{run}", "vector_store_name": store_name},
    )
    try:
        await _use_milvus(admin.pass_through.milvus, index, f"real_{run}")
    finally:
        await admin.vector_stores.managed.delete(store_id)


async def _use_milvus(milvus: Milvus, index: str, collection: str) -> None:
    # The proxy loads indexes from its database on a timer (30 s or more).
    deadline = time.monotonic() + 90
    while True:
        try:
            created = await milvus.collections.create(index, dimension=2)
            break
        except (BadRequestError, InternalServerError):
            if time.monotonic() > deadline:
                pytest.skip("the proxy did not load the new vector store index in 90 s")
            await asyncio.sleep(3)
    assert created.ok
    assert await milvus.collections.has(index) is True
    inserted = await milvus.entities.insert(index, data=[{"id": 1, "vector": [0.1, 0.2]}])
    assert inserted.ok and inserted.data["insertCount"] == 1
    found = await milvus.entities.search(index, data=[[0.1, 0.2]], annsField="vector", limit=1)
    assert isinstance(found, MilvusRowsResponse)
    assert found.data == [{"id": 1, "vector": [0.1, 0.2], "distance": 1.0}]
    # The proxy swaps the index name for the real collection: Milvus's own message shows it.
    assert (await milvus.collections.drop(index)).ok
    missing = await milvus.collections.describe(index)
    assert not missing.ok and collection in (missing.message or "")


async def test_assemblyai_bad_input_never_leaves(admin: LiteLLMClient) -> None:
    assemblyai = admin.pass_through.assemblyai
    with pytest.raises(TypeError):
        await assemblyai.transcript.create()  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="expires_in"):
        await assemblyai.eu.realtime.token(5)
