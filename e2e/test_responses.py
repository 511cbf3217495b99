"""Responses (JSON and streamed), the chat queue, OCR, search (+ search tools) and RAG through
the real proxy to the fake provider (e2e/fake_routes/responses.py, ocr_search.py; RAG also uses
files.py and vector_stores.py)."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, NotFoundError
from aio_litellm.types import responses as rt
from aio_litellm.types.chat import ChatCompletionMessageParam
from aio_litellm.types.rag import RagRetrievalConfig
from aio_litellm.types.search import SearchToolLiteLLMParams

from .launcher import Stack

pytestmark = pytest.mark.e2e


def user(text: str) -> list[ChatCompletionMessageParam]:
    return [{"role": "user", "content": text}]


# -- responses ----------------------------------------------------------------------------------


async def test_response_create_retrieve_items_delete(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    conversation = [
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": "second"},
        {"role": "user", "content": f"third {word}"},
    ]
    created = await admin.responses.create(
        model="fake-gpt", input=conversation, instructions="be brief"
    )
    assert created.output_text == f"echo: third {word}"
    assert created.status == "completed" and created.model == "fake-gpt"
    assert created.usage is not None and created.usage.total_tokens == 5
    # The proxy rewrote the upstream id into one that names the deployment.
    assert created.id.startswith("resp_") and "fake" not in created.id and len(created.id) > 100
    assert created.raw_response is not None and created.raw_response.request_id

    got = await admin.responses.retrieve(created.id)
    assert got.id == created.id and got.output_text == created.output_text

    # One item a page: the pager's cursor must reach the provider for this to end in order.
    pager = admin.responses.input_items.list(created.id, limit=1, order="asc")
    first = await pager
    assert len(first.data) == 1 and first.has_more
    items = [item async for item in pager]
    texts = [item.content[0].text for item in items if isinstance(item.content, list)]
    assert texts == ["first", "second", f"third {word}"]
    assert [item.role for item in items] == ["user", "assistant", "user"]

    deleted = await admin.responses.delete(created.id)
    assert deleted.deleted is True and deleted.id == created.id
    with pytest.raises(NotFoundError):
        await admin.responses.retrieve(created.id)


async def test_response_stream_is_typed_and_ends_without_done(admin: LiteLLMClient) -> None:
    text = "the quick brown fox"
    stream = await admin.responses.create(model="fake-gpt", input=text, stream=True)
    async with stream:
        events = [event async for event in stream]
    assert stream.closed
    assert stream.response.headers["content-type"].startswith("text/event-stream")
    assert isinstance(events[0], rt.ResponseCreatedEvent)
    assert isinstance(events[-1], rt.ResponseCompletedEvent)
    assert not any(isinstance(e, rt.UnknownResponseStreamEvent) for e in events)
    deltas = [e.delta for e in events if isinstance(e, rt.ResponseTextDeltaEvent)]
    assert len(deltas) == 5 and "".join(deltas) == f"echo: {text}"
    done = [e for e in events if isinstance(e, rt.ResponseTextDoneEvent)]
    assert [e.text for e in done] == [f"echo: {text}"]
    assert events[-1].response.output_text == f"echo: {text}"
    assert [e.sequence_number for e in events] == list(range(len(events)))
    # The streamed response was stored under the id the stream announced.
    assert (await admin.responses.retrieve(events[0].response.id)).output_text == f"echo: {text}"


async def test_background_response_is_cancelled(admin: LiteLLMClient) -> None:
    queued = await admin.responses.create(model="fake-gpt", input="later", background=True)
    assert queued.status == "queued" and queued.background is True
    cancelled = await admin.responses.cancel(queued.id)
    assert cancelled.status == "cancelled" and cancelled.id == queued.id


async def test_input_tokens_and_compact(admin: LiteLLMClient) -> None:
    counted = await admin.responses.input_tokens.count(model="fake-gpt", input="one two three")
    assert counted.object == "response.input_tokens" and counted.input_tokens == 3
    compacted = await admin.responses.compact(
        model="fake-gpt", input=[{"role": "user", "content": "abc def"}]
    )
    assert compacted.object == "response.compaction"
    assert [item.encrypted_content for item in compacted.output] == ["fed cba"]
    assert compacted.usage is not None and compacted.usage.input_tokens == 2


# -- chat queue ---------------------------------------------------------------------------------


async def test_chat_queue_json_stream_and_priority(admin: LiteLLMClient) -> None:
    text = f"queued {uuid.uuid4().hex}"
    reply = await admin.chat.completions.queue(model="fake-gpt", messages=user(text), priority=3)
    assert reply.choices[0].message.content == f"echo: {text}"
    assert reply.raw_response is not None
    assert reply.raw_response.headers["x-litellm-priority"] == "3"

    stream = await admin.chat.completions.queue(
        model="fake-gpt", messages=user("a b c"), priority=0, stream=True
    )
    async with stream:
        parts = [c.choices[0].delta.content or "" async for c in stream if c.choices]
    assert "".join(parts) == "echo: a b c"

    # Without router_settings.default_priority the proxy needs one on every queued request.
    with pytest.raises(BadRequestError, match="priority is required"):
        await admin.chat.completions.queue(model="fake-gpt", messages=user("x"))


# -- ocr ----------------------------------------------------------------------------------------


async def test_ocr_by_url_and_by_upload(admin: LiteLLMClient) -> None:
    url = "https://example.com/report.pdf"
    by_url = await admin.ocr.create(
        model="fake-ocr", document={"type": "document_url", "document_url": url}
    )
    assert [p.index for p in by_url.pages] == [0, 1]
    assert by_url.text == f"# Page 1\n\n{url}\n\n# Page 2\n\n{url}"
    assert by_url.pages[0].dimensions is not None and by_url.pages[0].dimensions.dpi == 200
    assert by_url.usage_info is not None and by_url.usage_info.pages_processed == 2

    body = f"scanned {uuid.uuid4().hex}".encode()
    uploaded = await admin.ocr.create(
        model="fake-ocr", file=("scan.txt", body, "text/plain"), pages=[0]
    )
    # The bytes reached the provider (as a data: URL); pages=[0] arrived as a list.
    assert uploaded.text == "# Page 1\n\nupload: " + body.decode()


# -- search -------------------------------------------------------------------------------------


async def test_search_with_a_config_tool(admin: LiteLLMClient) -> None:
    loaded = await admin.search.list_tools()
    assert ("fake-search", "tavily") in [
        (t.search_tool_name, t.search_provider) for t in loaded.data
    ]

    found = await admin.search.create(
        search_tool_name="fake-search",
        query="litellm proxy",
        max_results=2,
        search_domain_filter=["docs.litellm.ai"],
    )
    # Tavily's answer is mapped to Perplexity's shape: content -> snippet, the rest aside.
    assert [(r.title, r.url) for r in found.results] == [
        ("litellm proxy #0", "https://docs.litellm.ai/0"),
        ("litellm proxy #1", "https://docs.litellm.ai/1"),
    ]
    assert found.results[1].snippet == "snippet 1 about litellm proxy"
    assert (found.results[0].model_extra or {})["score"] == 1.0  # Tavily's extra, kept
    assert found.provider_metadata is not None
    assert found.provider_metadata["answer"] == "an answer to litellm proxy"

    providers = await admin.search.tools.available_providers()
    assert {"tavily", "perplexity"} <= {p.provider_name for p in providers.providers}


def _fake_v1(stack: Stack) -> str:
    if not stack.provider_url:
        pytest.skip("the fake provider's address is unknown (set FAKE_PROVIDER_URL)")
    return stack.provider_url + "/v1"


async def test_search_tools_crud(admin: LiteLLMClient, stack: Stack, db: None) -> None:
    api_base = _fake_v1(stack)
    name = f"e2e-search-{uuid.uuid4().hex[:8]}"
    params: SearchToolLiteLLMParams = {
        "search_provider": "tavily",
        "api_key": "tvly-e2e-secret",
        "api_base": api_base,
    }
    created = await admin.search.tools.create(
        search_tool_name=name, litellm_params=params, search_tool_info={"description": "e2e"}
    )
    tool_id = created.search_tool_id
    assert tool_id and created.search_tool_name == name
    try:
        got = await admin.search.tools.retrieve(tool_id)
        assert got.search_tool_info == {"description": "e2e"} and got.is_from_config is False
        assert got.litellm_params["api_key"] != "tvly-e2e-secret"  # masked
        listed = await admin.search.tools.list()
        by_name = {t.search_tool_name: t for t in listed.search_tools}
        assert by_name[name].search_tool_id == tool_id and by_name["fake-search"].is_from_config

        # Usable at once by name.
        found = await admin.search.create(search_tool_name=name, query="fresh tool")
        assert [r.title for r in found.results] == [f"fresh tool #{n}" for n in range(3)]

        renamed = f"{name}-2"
        updated = await admin.search.tools.update(
            tool_id, search_tool_name=renamed, litellm_params=params
        )
        assert updated.search_tool_name == renamed
        loaded = [t.search_tool_name for t in (await admin.search.list_tools()).data]
        assert renamed in loaded and name not in loaded
    finally:
        deleted = await admin.search.tools.delete(tool_id)
    assert deleted.search_tool_name == renamed
    with pytest.raises(NotFoundError):
        await admin.search.tools.retrieve(tool_id)


async def test_search_tool_test_connection(admin: LiteLLMClient, stack: Stack) -> None:
    ok = await admin.search.tools.test_connection(
        search_provider="tavily", api_key="fake", api_base=_fake_v1(stack)
    )
    assert ok.ok and ok.results_count == 1 and ok.test_query == "test"
    # A provider that cannot be reached is a 200 with status "error", not an HTTP error.
    bad = await admin.search.tools.test_connection(
        search_provider="tavily", api_key="fake", api_base="http://127.0.0.1:9/v1"
    )
    assert not bad.ok and bad.error_type == "APIConnectionError"


# -- rag ----------------------------------------------------------------------------------------


async def test_rag_ingest_then_query(admin: LiteLLMClient, db: None) -> None:
    # The vector store calls reach the fake through the config's named credential; the proxy
    # records it with the store it creates, so the query needs no credential of its own.
    store = {"custom_llm_provider": "openai", "litellm_credential_name": "fake-openai"}
    ingested = await admin.rag.ingest(
        file=("notes.txt", b"LiteLLM is a gateway to many providers.", "text/plain"),
        ingest_options={"vector_store": store, "name": "e2e-rag"},
    )
    assert ingested.status == "completed"
    assert ingested.vector_store_id and ingested.file_id

    retrieval: RagRetrievalConfig = {
        "vector_store_id": ingested.vector_store_id,
        "custom_llm_provider": "openai",
        "top_k": 2,
    }
    question = f"what is text of {ingested.file_id}"
    answer = await admin.rag.query(
        model="fake-gpt",
        messages=user(question),
        retrieval_config=retrieval,
    )
    assert answer.choices[0].message.content is not None
    assert answer.choices[0].message.content.endswith(question)
    results = answer.search_results
    assert results is not None
    assert [hit["file_id"] for hit in results["data"]] == [ingested.file_id]

    stream = await admin.rag.query(
        model="fake-gpt",
        messages=user("streamed question"),
        retrieval_config=retrieval,
        stream=True,
    )
    async with stream:
        parts = [c.choices[0].delta.content or "" async for c in stream if c.choices]
    assert "".join(parts).endswith("streamed question")


async def test_rag_refuses_caller_credentials(admin: LiteLLMClient) -> None:
    with pytest.raises(BadRequestError, match="api_base"):
        await admin.rag.ingest(
            file=("a.txt", b"x", "text/plain"),
            ingest_options={
                "vector_store": {"custom_llm_provider": "openai", "api_base": "http://evil"}
            },
        )
