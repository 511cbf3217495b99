"""client.ocr, client.search (+ search.tools) and client.rag: what each sends and returns."""

from __future__ import annotations

import email.parser
import email.policy
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm.types.chat import ChatCompletionChunk
from aio_litellm.types.ocr import OCRDocument, OCRResponse
from aio_litellm.types.rag import RagIngestOptions, RagIngestResponse, RagQueryResponse
from aio_litellm.types.search import (
    LoadedSearchToolList,
    SearchProviderList,
    SearchResponse,
    SearchTool,
    SearchToolConnection,
    SearchToolDeleted,
    SearchToolList,
)

from .conftest import FakeProxy, FakeSleep, chunk, reply, sse


def multipart(seen: Any) -> dict[str, tuple[str | None, bytes]]:
    """The parts of a multipart body: name -> (filename, content)."""
    head = f"Content-Type: {seen.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + seen.body)
    parts: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        parts[str(part.get_param("name", header="content-disposition"))] = (
            part.get_filename(),
            payload,
        )
    return parts


# -- ocr ----------------------------------------------------------------------------------------

OCR = {
    "object": "ocr",
    "model": "mistral-ocr-latest",
    "pages": [
        {"index": 0, "markdown": "# Title", "images": [], "dimensions": {"dpi": 200}},
        {"index": 1, "markdown": "body text", "extra_page_field": 1},
    ],
    "usage_info": {"pages_processed": 2, "doc_size_bytes": 1234},
    "document_annotation": None,
}


async def test_ocr_document_by_url(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/ocr", reply(200, OCR))
    doc: OCRDocument = {"type": "document_url", "document_url": "https://example.com/a.pdf"}
    out = await client.ocr.create(model="fake-ocr", document=doc, pages=[0, 1])
    assert proxy.calls()[0].json() == {"model": "fake-ocr", "document": doc, "pages": [0, 1]}
    assert isinstance(out, OCRResponse)
    assert out.text == "# Title\n\nbody text"
    assert out.pages[0].dimensions is not None and out.pages[0].dimensions.dpi == 200
    assert out.pages[1].model_extra == {"extra_page_field": 1}
    assert out.usage_info is not None and out.usage_info.pages_processed == 2


async def test_ocr_file_upload_is_multipart_with_json_fields(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/ocr", reply(200, OCR))
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4 fake")
    await client.ocr.create(
        model="fake-ocr", file=pdf, pages=[0, 2], include_image_base64=False, image_limit=3
    )
    seen = proxy.calls()[0]
    assert seen.content_type == "multipart/form-data"
    parts = multipart(seen)
    assert parts["file"] == ("scan.pdf", b"%PDF-1.4 fake")
    # Text as it is, everything else as JSON: the proxy json-loads each field it can.
    assert parts["model"] == (None, b"fake-ocr")
    assert orjson.loads(parts["pages"][1]) == [0, 2]
    assert parts["include_image_base64"] == (None, b"false")
    assert parts["image_limit"] == (None, b"3")


async def test_ocr_needs_exactly_one_document_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    doc: OCRDocument = {"type": "image_url", "image_url": "data:image/png;base64,AA=="}
    with pytest.raises(TypeError, match="exactly one"):
        await client.ocr.create(model="fake-ocr")
    with pytest.raises(TypeError, match="exactly one"):
        await client.ocr.create(model="fake-ocr", document=doc, file=b"x")
    with pytest.raises(TypeError, match="model"):
        await client.ocr.create(document=doc)  # type: ignore[call-arg]
    with pytest.raises(FileNotFoundError):
        await client.ocr.create(model="fake-ocr", file=Path("/nonexistent/scan.pdf"))
    assert proxy.seen == []


# -- search -------------------------------------------------------------------------------------

SEARCH = {
    "object": "search",
    "results": [
        {"title": "LiteLLM", "url": "https://docs.litellm.ai", "snippet": "A proxy", "score": 0.9},
        {"title": "Other", "url": "https://example.com", "snippet": "", "date": "2024-01-01"},
    ],
    "provider_metadata": {"answer": "a gateway", "request_id": "tv-1"},
}


async def test_search_create(proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep) -> None:
    # A search changes nothing: a 502 is retried.
    proxy.on("POST", "/search", reply(502, {}), reply(200, SEARCH))
    out = await client.search.create(
        search_tool_name="fake-search",
        query="what is litellm",
        max_results=2,
        search_domain_filter=["litellm.ai"],
    )
    assert proxy.calls()[-1].json() == {
        "search_tool_name": "fake-search",
        "query": "what is litellm",
        "max_results": 2,
        "search_domain_filter": ["litellm.ai"],
    }
    assert len(sleep.waits) == 1
    assert isinstance(out, SearchResponse)
    assert [r.url for r in out.results] == ["https://docs.litellm.ai", "https://example.com"]
    assert out.results[0].model_extra == {"score": 0.9} and out.results[1].date == "2024-01-01"
    assert out.provider_metadata == {"answer": "a gateway", "request_id": "tv-1"}


async def test_search_refuses_missing_arguments_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="query"):
        await client.search.create(search_tool_name="fake-search")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="search_tool_name"):
        await client.search.create(query="q")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="search_provider"):
        await client.search.tools.test_connection(api_key="k")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="litellm_params"):
        await client.search.tools.create(search_tool_name="t")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="search_tool_name"):
        await client.search.tools.update("id1", litellm_params={"search_provider": "tavily"})  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="empty"):
        await client.search.tools.retrieve("")
    assert proxy.seen == []


async def test_search_list_tools(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "object": "list",
        "data": [{"search_tool_name": "fake-search", "search_provider": "tavily"}],
    }
    proxy.on("GET", "/search/tools", reply(200, body))
    out = await client.search.list_tools()
    assert isinstance(out, LoadedSearchToolList)
    assert [(t.search_tool_name, t.search_provider) for t in out.data] == [
        ("fake-search", "tavily")
    ]


TOOL = {
    "search_tool_id": "st/1",
    "search_tool_name": "my-search",
    "litellm_params": {"search_provider": "tavily", "api_key": "tvly****"},
    "search_tool_info": {"description": "web"},
    "created_at": "2025-01-01T00:00:00+00:00",
    "updated_at": "2025-01-01T00:00:00+00:00",
    "is_from_config": False,
}
NEW_TOOL: dict[str, Any] = {
    "search_tool_name": "my-search",
    "litellm_params": {"search_provider": "tavily", "api_key": "tvly-secret"},
    "search_tool_info": {"description": "web"},
}


async def test_search_tools_crud(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/search_tools", reply(200, TOOL))
    proxy.on("GET", "/search_tools/list", reply(200, {"search_tools": [TOOL, {**TOOL, "x": 1}]}))
    proxy.on("GET", "/search_tools/st/1", reply(200, TOOL))
    proxy.on("PUT", "/search_tools/st/1", reply(200, {**TOOL, "search_tool_name": "renamed"}))
    proxy.on("DELETE", "/search_tools/st/1", reply(200, {"message": "deleted", **TOOL}))

    created = await client.search.tools.create(**NEW_TOOL)
    assert isinstance(created, SearchTool) and created.search_tool_id == "st/1"
    assert proxy.calls()[-1].json() == {"search_tool": NEW_TOOL}

    listed = await client.search.tools.list()
    assert isinstance(listed, SearchToolList) and len(listed.search_tools) == 2
    assert listed.search_tools[1].model_extra == {"x": 1}

    got = await client.search.tools.retrieve("st/1")
    assert got.litellm_params["api_key"] == "tvly****" and got.is_from_config is False
    # The id is one escaped segment.
    assert proxy.seen[-1].raw_path == "/search_tools/st%2F1"

    updated = await client.search.tools.update(
        "st/1", **{**NEW_TOOL, "search_tool_name": "renamed"}
    )
    assert updated.search_tool_name == "renamed"
    assert proxy.seen[-1].method == "PUT"
    assert proxy.calls()[-1].json() == {"search_tool": {**NEW_TOOL, "search_tool_name": "renamed"}}

    deleted = await client.search.tools.delete("st/1")
    assert isinstance(deleted, SearchToolDeleted) and deleted.search_tool_name == "my-search"
    assert [s.method for s in proxy.seen] == ["POST", "GET", "GET", "PUT", "DELETE"]


async def test_search_tool_create_is_not_resent(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/search_tools", reply(500, {"detail": "db"}), reply(200, TOOL))
    with pytest.raises(InternalServerError):
        await client.search.tools.create(**NEW_TOOL)
    assert len(proxy.seen) == 1 and sleep.waits == []


async def test_search_tool_connection_and_providers(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    failure = {"status": "error", "message": "Invalid API key", "error_type": "AuthError"}
    success = {"status": "success", "message": "ok", "test_query": "test", "results_count": 1}
    proxy.on("POST", "/search_tools/test_connection", reply(200, failure), reply(200, success))
    bad = await client.search.tools.test_connection(search_provider="tavily", api_key="nope")
    assert isinstance(bad, SearchToolConnection) and not bad.ok
    assert (bad.message, bad.error_type) == ("Invalid API key", "AuthError")
    assert proxy.calls()[-1].json() == {
        "litellm_params": {"search_provider": "tavily", "api_key": "nope"}
    }
    good = await client.search.tools.test_connection(search_provider="tavily")
    assert good.ok and good.results_count == 1

    providers = {"providers": [{"provider_name": "tavily", "ui_friendly_name": "Tavily"}]}
    proxy.on("GET", "/search_tools/ui/available_providers", reply(200, providers))
    out = await client.search.tools.available_providers()
    assert isinstance(out, SearchProviderList)
    assert [(p.provider_name, p.ui_friendly_name) for p in out.providers] == [("tavily", "Tavily")]


# -- rag ----------------------------------------------------------------------------------------

INGESTED = {"id": "ingest_1", "status": "completed", "vector_store_id": "vs_1", "file_id": "f1"}
OPTIONS: RagIngestOptions = {
    "vector_store": {"custom_llm_provider": "openai", "vector_store_id": "vs_1"},
    "chunking_strategy": {"chunk_size": 500, "chunk_overlap": 50},
}


async def test_rag_ingest_by_url_is_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/rag/ingest", reply(200, INGESTED))
    out = await client.rag.ingest(file_url="https://example.com/a.txt", ingest_options=OPTIONS)
    assert isinstance(out, RagIngestResponse)
    assert (out.status, out.vector_store_id, out.file_id) == ("completed", "vs_1", "f1")
    assert proxy.calls()[0].json() == {
        "file_url": "https://example.com/a.txt",
        "ingest_options": OPTIONS,
    }


async def test_rag_ingest_file_is_multipart_with_a_request_field(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    # An ingest may have created a store and a file: a 500 is not resent.
    proxy.on("POST", "/rag/ingest", reply(500, {"detail": {"error": "x"}}), reply(200, INGESTED))
    with pytest.raises(InternalServerError):
        await client.rag.ingest(
            file=("notes.txt", b"hello rag", "text/plain"), ingest_options=OPTIONS
        )
    assert len(proxy.seen) == 1 and sleep.waits == []
    await client.rag.ingest(file=("notes.txt", b"hello rag", "text/plain"), ingest_options=OPTIONS)
    parts = multipart(proxy.seen[-1])
    assert set(parts) == {"file", "request"}
    assert parts["file"] == ("notes.txt", b"hello rag")
    assert orjson.loads(parts["request"][1]) == {"ingest_options": OPTIONS}


async def test_rag_ingest_refuses_incomplete_input_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="file=, file_url= or file_id="):
        await client.rag.ingest(ingest_options=OPTIONS)
    with pytest.raises(TypeError, match="vector_store"):
        await client.rag.ingest(file_id="f1", ingest_options={"name": "x"})  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="ingest_options"):
        await client.rag.ingest(file_id="f1")  # type: ignore[call-arg]
    assert proxy.seen == []


RAG_ANSWER = {
    "id": "c1",
    "object": "chat.completion",
    "model": "fake-gpt",
    "choices": [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "LiteLLM is a gateway.",
                "provider_specific_fields": {
                    "search_results": {
                        "object": "vector_store.search_results.page",
                        "data": [{"file_id": "f1", "score": 0.8, "content": [{"text": "x"}]}],
                    }
                },
            },
        }
    ],
}
QUERY: dict[str, Any] = {
    "model": "fake-gpt",
    "messages": [{"role": "user", "content": "What is LiteLLM?"}],
    "retrieval_config": {"vector_store_id": "vs_1", "custom_llm_provider": "openai", "top_k": 3},
}


async def test_rag_query_returns_the_answer_and_its_sources(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/rag/query", reply(200, RAG_ANSWER))
    out = await client.rag.query(**QUERY, rerank={"enabled": True, "model": "r", "top_n": 1})
    assert proxy.calls()[0].json() == {
        **QUERY,
        "rerank": {"enabled": True, "model": "r", "top_n": 1},
    }
    assert isinstance(out, RagQueryResponse)
    assert out.choices[0].message.content == "LiteLLM is a gateway."
    assert out.search_results["data"][0]["file_id"] == "f1"

    plain = {**RAG_ANSWER, "choices": [{"index": 0, "message": {"role": "assistant"}}]}
    proxy.on("POST", "/rag/query", reply(200, plain))
    assert (await client.rag.query(**QUERY)).search_results is None


async def test_rag_query_stream(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/rag/query", sse(chunk("Lite"), chunk("LLM")))
    stream = await client.rag.query(**QUERY, stream=True)
    chunks = [c async for c in stream]
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == "LiteLLM"
    assert proxy.calls()[0].json() == {**QUERY, "stream": True}


async def test_rag_query_refuses_incomplete_input_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="retrieval_config"):
        await client.rag.query(model="m", messages=QUERY["messages"])  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="vector_store_id"):
        await client.rag.query(  # type: ignore[call-overload]
            model="m", messages=QUERY["messages"], retrieval_config={"top_k": 1}
        )
    assert proxy.seen == []


async def test_rag_failed_ingest_is_raised(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def failed(request: web.Request) -> web.StreamResponse:
        detail = {"detail": {"id": "i1", "status": "failed", "error": "bad file"}}
        return web.json_response(detail, status=400)

    proxy.on("POST", "/rag/ingest", failed)
    with pytest.raises(Exception, match="bad file") as caught:
        await client.rag.ingest(file_id="f1", ingest_options=OPTIONS)
    assert getattr(caught.value, "status_code", None) == 400
