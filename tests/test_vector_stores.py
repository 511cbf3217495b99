"""``client.vector_stores``: what each method sends, what it returns, pagers, refusals."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.vector_stores import (
    ManagedVectorStore,
    VectorStore,
    VectorStoreFile,
    VectorStoreFileContent,
)

from .conftest import FakeProxy, reply


def store(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"vs_{i}",
        "object": "vector_store",
        "created_at": 1700000000 + i,
        "name": f"store {i}",
        "status": "completed",
        "usage_bytes": 10 * i,
        "file_counts": {"in_progress": 0, "completed": i, "failed": 0, "cancelled": 0, "total": i},
        **extra,
    }


def vs_file(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"file-{i}",
        "object": "vector_store.file",
        "created_at": 1,
        "vector_store_id": "vs_1",
        "status": "completed",
        "usage_bytes": 3,
        **extra,
    }


def cursor_pages(items: list[dict[str, Any]], size: int) -> Any:
    """A list route paged like OpenAI's: ``after`` is the last id seen, ``has_more`` says more."""

    async def handler(request: web.Request) -> web.StreamResponse:
        after = request.query.get("after")
        start = next(i for i, it in enumerate(items) if it["id"] == after) + 1 if after else 0
        page = items[start : start + size]
        body = {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": start + size < len(items),
        }
        return web.json_response(body)

    return handler


async def test_create_sends_params_and_is_not_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/vector_stores", reply(200, store(1, expires_at=99, x_new="kept")))
    created = await client.vector_stores.create(
        name="store 1",
        file_ids=["file-a", "file-b"],
        expires_after={"anchor": "last_active_at", "days": 7},
        metadata={"team": "x"},
        target_model_names="fake-gpt",
    )
    assert isinstance(created, VectorStore)
    assert (created.id, created.status, created.expires_at) == ("vs_1", "completed", 99)
    assert created.file_counts is not None and created.file_counts.completed == 1
    assert created.model_extra == {"x_new": "kept"}
    assert created.raw_response is not None and created.raw_response.status_code == 200
    assert proxy.calls()[0].json() == {
        "name": "store 1",
        "file_ids": ["file-a", "file-b"],
        "expires_after": {"anchor": "last_active_at", "days": 7},
        "metadata": {"team": "x"},
        "target_model_names": "fake-gpt",
    }

    # A create that may have been applied is not sent again; an update (a state) is.
    proxy.on("POST", "/vector_stores", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(APIStatusError):
        await client.vector_stores.create(name="again")
    assert len(proxy.calls("POST", "/vector_stores")) == 2
    proxy.on("POST", "/vector_stores/vs_1", reply(500, {}), reply(200, store(1, name="renamed")))
    renamed = await client.vector_stores.update("vs_1", name="renamed")
    assert renamed.name == "renamed" and len(proxy.calls("POST", "/vector_stores/vs_1")) == 2


async def test_retrieve_update_delete_escape_the_id(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/vector_stores/vs/1", reply(200, store(1)))
    proxy.on("POST", "/vector_stores/vs/1", reply(200, store(1, metadata={"k": "v"})))
    proxy.on(
        "DELETE",
        "/vector_stores/vs/1",
        reply(200, {"id": "vs_1", "object": "vector_store.deleted", "deleted": True}),
    )
    got = await client.vector_stores.retrieve("vs/1")
    assert got.usage_bytes == 10 and got.name == "store 1"
    updated = await client.vector_stores.update(
        vector_store_id="vs/1", metadata={"k": "v"}, expires_after=None
    )
    assert updated.metadata == {"k": "v"}
    deleted = await client.vector_stores.delete("vs/1")
    assert deleted.deleted is True and deleted.id == "vs_1"
    seen = proxy.calls()
    assert [(s.method, s.raw_path) for s in seen] == [
        ("GET", "/vector_stores/vs%2F1"),
        ("POST", "/vector_stores/vs%2F1"),
        ("DELETE", "/vector_stores/vs%2F1"),
    ]
    assert seen[1].json() == {"metadata": {"k": "v"}, "expires_after": None}
    assert seen[0].body == b"" and seen[2].body == b""


async def test_list_walks_every_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    items = [store(i) for i in range(1, 6)]
    proxy.on("GET", "/vector_stores", cursor_pages(items, 2))
    first = await client.vector_stores.list(limit=2, order="asc")
    assert [s.id for s in first.data] == ["vs_1", "vs_2"] and first.has_more
    assert len(proxy.seen) == 1  # awaiting the pager is one page
    walked = [s async for s in client.vector_stores.list(limit=2, order="asc")]
    assert [s.id for s in walked] == [f"vs_{i}" for i in range(1, 6)]
    assert all(isinstance(s, VectorStore) for s in walked)
    assert [s.query for s in proxy.seen[1:]] == [
        {"limit": "2", "order": "asc"},
        {"limit": "2", "order": "asc", "after": "vs_2"},
        {"limit": "2", "order": "asc", "after": "vs_4"},
    ]


async def test_search(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "object": "vector_store.search_results.page",
        "search_query": "red fox",
        "data": [
            {
                "file_id": "file-1",
                "filename": "fox.txt",
                "score": 0.91,
                "attributes": {"lang": "en"},
                "content": [{"type": "text", "text": "the red fox"}],
            }
        ],
        "has_more": False,
        "next_page": None,
    }
    proxy.on("POST", "/vector_stores/vs 1/search", reply(200, body))
    page = await client.vector_stores.search(
        "vs 1", query="red fox", max_num_results=3, filters={"type": "eq", "key": "lang"}
    )
    assert page.search_query == "red fox" and not page.has_more
    hit = page.data[0]
    assert (hit.file_id, hit.score, hit.content[0].text) == ("file-1", 0.91, "the red fox")
    seen = proxy.calls()[0]
    assert seen.raw_path == "/vector_stores/vs%201/search"
    assert seen.json() == {
        "query": "red fox",
        "max_num_results": 3,
        "filters": {"type": "eq", "key": "lang"},
    }


async def test_files(proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = "/vector_stores/vs_1/files"
    proxy.on("POST", base, reply(200, vs_file(1, attributes={"lang": "en"})))
    failed = vs_file(1, status="failed", last_error={"code": "invalid_file", "message": "bad"})
    proxy.on("GET", f"{base}/file-1", reply(200, failed))
    proxy.on("POST", f"{base}/file-1", reply(200, vs_file(1, attributes=None)))
    proxy.on(
        "DELETE",
        f"{base}/file-1",
        reply(200, {"id": "file-1", "object": "vector_store.file.deleted", "deleted": True}),
    )
    created = await client.vector_stores.files.create(
        "vs_1", file_id="file-1", attributes={"lang": "en"}, chunking_strategy={"type": "auto"}
    )
    assert isinstance(created, VectorStoreFile) and created.attributes == {"lang": "en"}
    got = await client.vector_stores.files.retrieve("vs_1", "file-1")
    assert got.status == "failed" and got.last_error is not None
    assert got.last_error.code == "invalid_file"
    cleared = await client.vector_stores.files.update("vs_1", "file-1", attributes=None)
    assert cleared.attributes is None
    gone = await client.vector_stores.files.delete(vector_store_id="vs_1", file_id="file-1")
    assert gone.deleted and gone.object == "vector_store.file.deleted"
    seen = proxy.calls()
    assert [(s.method, s.path) for s in seen] == [
        ("POST", base),
        ("GET", f"{base}/file-1"),
        ("POST", f"{base}/file-1"),
        ("DELETE", f"{base}/file-1"),
    ]
    assert seen[0].json() == {
        "file_id": "file-1",
        "attributes": {"lang": "en"},
        "chunking_strategy": {"type": "auto"},
    }
    assert seen[2].json() == {"attributes": None}


async def test_file_list_pages_and_filter(proxy: FakeProxy, client: LiteLLMClient) -> None:
    items = [vs_file(i) for i in range(3)]
    proxy.on("GET", "/vector_stores/vs_1/files", cursor_pages(items, 2))
    files = [f async for f in client.vector_stores.files.list("vs_1", filter="completed", limit=2)]
    assert [f.id for f in files] == ["file-0", "file-1", "file-2"]
    assert [s.query for s in proxy.seen] == [
        {"filter": "completed", "limit": "2"},
        {"filter": "completed", "limit": "2", "after": "file-1"},
    ]


@pytest.mark.parametrize(
    "body",
    [
        # OpenAI: a page of parts.
        {
            "object": "vector_store.file_content.page",
            "data": [{"type": "text", "text": "hello "}, {"type": "text", "text": "world"}],
            "has_more": False,
            "next_page": None,
        },
        # LiteLLM's own shape.
        {
            "file_id": "file-1",
            "filename": "a.txt",
            "content": [{"type": "text", "text": "hello "}, {"type": "text", "text": "world"}],
        },
    ],
)
async def test_file_content_is_parsed_json(
    body: dict[str, Any], proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/vector_stores/vs_1/files/file-1/content", reply(200, body))
    content = await client.vector_stores.files.content("vs_1", "file-1")
    assert isinstance(content, VectorStoreFileContent)
    assert content.text == "hello world" and len(content.parts) == 2
    assert proxy.seen[0].headers["Accept"] == "application/json"


async def test_managed_vector_stores(proxy: FakeProxy, client: LiteLLMClient) -> None:
    row = {
        "vector_store_id": "vs_1",
        "custom_llm_provider": "openai",
        "vector_store_name": "docs",
        "vector_store_metadata": {"a": 1},
        "litellm_params": {"api_key": "sk-****"},
        "created_at": "2025-01-01T00:00:00Z",
    }
    proxy.on(
        "POST",
        "/vector_store/new",
        reply(200, {"status": "success", "message": "created", "vector_store": row}),
    )
    proxy.on("POST", "/vector_store/info", reply(200, {"vector_store": row}))
    proxy.on(
        "POST",
        "/vector_store/update",
        reply(200, {"status": "success", "vector_store": {**row, "vector_store_name": "new"}}),
    )
    proxy.on("POST", "/vector_store/delete", reply(200, {"status": "success", "message": "gone"}))
    made = await client.vector_stores.managed.create(
        vector_store_id="vs_1",
        custom_llm_provider="openai",
        vector_store_name="docs",
        litellm_params={"api_key": "sk-real"},
    )
    assert made.status == "success" and isinstance(made.vector_store, ManagedVectorStore)
    assert made.vector_store.litellm_params == {"api_key": "sk-****"}
    info = await client.vector_stores.managed.info("vs_1")
    assert info.vector_store.vector_store_metadata == {"a": 1}
    updated = await client.vector_stores.managed.update("vs_1", vector_store_name="new")
    assert updated.vector_store is not None and updated.vector_store.vector_store_name == "new"
    deleted = await client.vector_stores.managed.delete("vs_1")
    assert deleted.message == "gone"
    bodies = [s.json() for s in proxy.calls()]
    assert bodies == [
        {
            "vector_store_id": "vs_1",
            "custom_llm_provider": "openai",
            "vector_store_name": "docs",
            "litellm_params": {"api_key": "sk-real"},
        },
        {"vector_store_id": "vs_1"},
        {"vector_store_name": "new", "vector_store_id": "vs_1"},
        {"vector_store_id": "vs_1"},
    ]


async def test_managed_list_walks_page_numbers(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [{"vector_store_id": f"vs_{i}", "custom_llm_provider": "openai"} for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("page_size", 100))
        body = {
            "object": "list",
            "data": rows[(page - 1) * size : page * size],
            "total_count": len(rows),
            "current_page": page,
            "total_pages": -(-len(rows) // size),
        }
        return web.Response(body=orjson.dumps(body), content_type="application/json")

    proxy.on("GET", "/vector_store/list", pages)
    ids = [r.vector_store_id async for r in client.vector_stores.managed.list(page_size=2)]
    assert ids == [f"vs_{i}" for i in range(5)]
    assert [s.query for s in proxy.seen] == [{"page": str(p), "page_size": "2"} for p in (1, 2, 3)]
    first = await client.vector_stores.managed.list(page_size=2)
    assert (first.total_count, first.total_pages, first.current_page) == (5, 3, 1)


async def test_indexes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    index = {
        "id": "idx-1",
        "index_name": "docs-index",
        "litellm_params": {"vector_store_index": "real-index", "vector_store_name": "docs"},
        "created_by": "admin",
        "created_at": "2025-01-01T00:00:00Z",
    }
    proxy.on("POST", "/v1/indexes", reply(200, index))
    proxy.on("GET", "/v1/indexes", reply(200, {"object": "list", "data": [index, index]}))
    made = await client.vector_stores.indexes.create(
        index_name="docs-index",
        litellm_params={"vector_store_index": "real-index", "vector_store_name": "docs"},
    )
    assert (made.id, made.index_name, made.created_by) == ("idx-1", "docs-index", "admin")
    listed = await client.vector_stores.indexes.list()
    assert [i.index_name for i in listed.data] == ["docs-index", "docs-index"]
    assert proxy.calls()[0].json() == {
        "index_name": "docs-index",
        "litellm_params": {"vector_store_index": "real-index", "vector_store_name": "docs"},
    }


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    vs = client.vector_stores
    with pytest.raises(TypeError, match="query"):
        await vs.search("vs_1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="file_id"):
        await vs.files.create("vs_1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="attributes"):
        await vs.files.update("vs_1", "file-1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="custom_llm_provider"):
        await vs.managed.create(vector_store_id="vs_1")  # type: ignore[call-arg]
    for call in (vs.managed.info, vs.managed.delete, vs.managed.update):
        with pytest.raises(TypeError, match="vector_store_id"):
            await call("")
    with pytest.raises(TypeError, match="litellm_params"):
        await vs.indexes.create(index_name="i")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="empty"):
        await vs.retrieve("")
    with pytest.raises(ValueError, match="empty"):
        await vs.files.content("vs_1", "")
    with pytest.raises(TypeError, match="str or int"):
        await vs.delete(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        await vs.files.list("")
    assert proxy.seen == []
