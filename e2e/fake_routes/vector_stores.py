"""Upstream vector stores as OpenAI serves them: stores, their files (content as a JSON page)
and search. A file's text is derived from its id (``text of <file_id>``), so a search for a
file id's words finds that file."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from ._openai import Add, error, new_id, page, read_json

STORES: dict[str, dict[str, Any]] = {}
FILES: dict[str, dict[str, dict[str, Any]]] = {}  # store id -> file id -> vector_store.file


def _text(file_id: str) -> str:
    return f"text of {file_id}"


def _counts(store_id: str) -> dict[str, int]:
    n = len(FILES.get(store_id, {}))
    return {"in_progress": 0, "completed": n, "failed": 0, "cancelled": 0, "total": n}


def _store(store_id: str) -> dict[str, Any] | None:
    store = STORES.get(store_id)
    if store is not None:
        store["file_counts"] = _counts(store_id)
        store["usage_bytes"] = sum(len(_text(f)) for f in FILES.get(store_id, {}))
    return store


async def create_store(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    store_id = new_id("vs")
    now = int(time.time())
    STORES[store_id] = {
        "id": store_id,
        "object": "vector_store",
        "created_at": now,
        "name": body.get("name") or "",
        "description": body.get("description"),
        "status": "completed",
        "usage_bytes": 0,
        "file_counts": _counts(store_id),
        "last_active_at": now,
        "metadata": body.get("metadata") or {},
        "expires_after": body.get("expires_after"),
        "expires_at": None,
    }
    FILES[store_id] = {}
    for file_id in body.get("file_ids") or []:
        _attach(store_id, file_id, None)
    return web.json_response(_store(store_id) or {})


async def list_stores(request: web.Request) -> web.StreamResponse:
    return page([s for s in (_store(i) for i in STORES) if s is not None], request)


async def get_store(request: web.Request) -> web.StreamResponse:
    store = _store(request.match_info["store_id"])
    if store is None:
        return error(404, f"No vector store found with id '{request.match_info['store_id']}'.")
    return web.json_response(store)


async def update_store(request: web.Request) -> web.StreamResponse:
    store = _store(request.match_info["store_id"])
    if store is None:
        return error(404, "No vector store found.")
    body = await read_json(request)
    for key in ("name", "metadata", "expires_after"):
        if key in body:
            store[key] = body[key]
    return web.json_response(store)


async def delete_store(request: web.Request) -> web.StreamResponse:
    store_id = request.match_info["store_id"]
    if STORES.pop(store_id, None) is None:
        return error(404, "No vector store found.")
    FILES.pop(store_id, None)
    return web.json_response({"id": store_id, "object": "vector_store.deleted", "deleted": True})


async def search(request: web.Request) -> web.StreamResponse:
    store_id = request.match_info["store_id"]
    if store_id not in STORES:
        return error(404, "No vector store found.")
    body = await read_json(request)
    query = body.get("query") or ""
    words = set((" ".join(query) if isinstance(query, list) else str(query)).lower().split())
    hits = []
    for file_id, vs_file in FILES.get(store_id, {}).items():
        text = _text(file_id)
        score = len(words & set(text.lower().split())) / max(len(words), 1)
        if score:
            hits.append(
                {
                    "file_id": file_id,
                    "filename": f"{file_id}.txt",
                    "score": score,
                    "attributes": vs_file.get("attributes") or {},
                    "content": [{"type": "text", "text": text}],
                }
            )
    hits.sort(key=lambda h: -h["score"])
    limit = int(body.get("max_num_results") or 10)
    return web.json_response(
        {
            "object": "vector_store.search_results.page",
            "search_query": [query] if isinstance(query, str) else query,
            "data": hits[:limit],
            "has_more": False,
            "next_page": None,
        }
    )


def _attach(store_id: str, file_id: str, attributes: Any) -> dict[str, Any]:
    vs_file = {
        "id": file_id,
        "object": "vector_store.file",
        "created_at": int(time.time()),
        "vector_store_id": store_id,
        "status": "completed",
        "usage_bytes": len(_text(file_id)),
        "last_error": None,
        "attributes": attributes or {},
        "chunking_strategy": {
            "type": "static",
            "static": {"max_chunk_size_tokens": 800, "chunk_overlap_tokens": 400},
        },
    }
    FILES[store_id].pop(file_id, None)  # attached again: listed last, as the newest
    FILES[store_id][file_id] = vs_file
    return vs_file


async def create_file(request: web.Request) -> web.StreamResponse:
    store_id = request.match_info["store_id"]
    if store_id not in STORES:
        return error(404, "No vector store found.")
    body = await read_json(request)
    if not body.get("file_id"):
        return error(400, "Missing required parameter: 'file_id'.")
    return web.json_response(_attach(store_id, body["file_id"], body.get("attributes")))


def _file(request: web.Request) -> dict[str, Any] | None:
    return FILES.get(request.match_info["store_id"], {}).get(request.match_info["file_id"])


async def list_files(request: web.Request) -> web.StreamResponse:
    store_id = request.match_info["store_id"]
    if store_id not in STORES:
        return error(404, "No vector store found.")
    files = list(FILES[store_id].values())
    if status := request.query.get("filter"):
        files = [f for f in files if f["status"] == status]
    return page(files, request)


async def get_file(request: web.Request) -> web.StreamResponse:
    vs_file = _file(request)
    if vs_file is None:
        return error(404, "No file found.")
    return web.json_response(vs_file)


async def update_file(request: web.Request) -> web.StreamResponse:
    vs_file = _file(request)
    if vs_file is None:
        return error(404, "No file found.")
    vs_file["attributes"] = (await read_json(request)).get("attributes") or {}
    return web.json_response(vs_file)


async def delete_file(request: web.Request) -> web.StreamResponse:
    vs_file = _file(request)
    if vs_file is None:
        return error(404, "No file found.")
    del FILES[request.match_info["store_id"]][vs_file["id"]]
    return web.json_response(
        {"id": vs_file["id"], "object": "vector_store.file.deleted", "deleted": True}
    )


async def file_content(request: web.Request) -> web.StreamResponse:
    vs_file = _file(request)
    if vs_file is None:
        return error(404, "No file found.")
    return web.json_response(
        {
            "object": "vector_store.file_content.page",
            "data": [{"type": "text", "text": _text(vs_file["id"])}],
            "has_more": False,
            "next_page": None,
        }
    )


def register(add: Add) -> None:
    add("POST", "/vector_stores", create_store)
    add("GET", "/vector_stores", list_stores)
    add("GET", "/vector_stores/{store_id}", get_store)
    add("POST", "/vector_stores/{store_id}", update_store)
    add("DELETE", "/vector_stores/{store_id}", delete_store)
    add("POST", "/vector_stores/{store_id}/search", search)
    add("POST", "/vector_stores/{store_id}/files", create_file)
    add("GET", "/vector_stores/{store_id}/files", list_files)
    add("GET", "/vector_stores/{store_id}/files/{file_id}", get_file)
    add("POST", "/vector_stores/{store_id}/files/{file_id}", update_file)
    add("DELETE", "/vector_stores/{store_id}/files/{file_id}", delete_file)
    add("GET", "/vector_stores/{store_id}/files/{file_id}/content", file_content)
