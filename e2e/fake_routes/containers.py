"""Upstream containers as OpenAI serves them: containers and their files (multipart upload,
or a copy of an uploaded file by ``file_id``; content as raw bytes)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

Add = Callable[[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]], None]

CONTAINERS: dict[str, dict[str, Any]] = {}
FILES: dict[str, dict[str, dict[str, Any]]] = {}  # container id -> file id -> container.file
CONTENT: dict[tuple[str, str], bytes] = {}
_ids = itertools.count(1)


def _error(status: int, message: str) -> web.Response:
    body = {"error": {"message": message, "type": "invalid_request_error", "code": None}}
    return web.json_response(body, status=status)


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if not k.startswith("_")}


def _page(items: list[dict[str, Any]], request: web.Request) -> web.Response:
    """OpenAI cursor paging: ``order`` by creation, ``after`` an id, ``limit``."""
    order = request.query.get("order", "desc")
    ordered = sorted(items, key=lambda it: it["_seq"], reverse=order == "desc")
    ids = [it["id"] for it in ordered]
    if (after := request.query.get("after")) in ids:
        ordered = ordered[ids.index(after) + 1 :]
    limit = int(request.query.get("limit", 20))
    page = [_public(it) for it in ordered[:limit]]
    return web.json_response(
        {
            "object": "list",
            "data": page,
            "first_id": page[0]["id"] if page else None,
            "last_id": page[-1]["id"] if page else None,
            "has_more": len(ordered) > limit,
        }
    )


async def create_container(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    if not body.get("name"):
        return _error(400, "Missing required parameter: 'name'.")
    seq = next(_ids)
    container_id = f"cntr_fake{seq:06d}"
    now = int(time.time())
    CONTAINERS[container_id] = {
        "id": container_id,
        "object": "container",
        "created_at": now,
        "status": "running",
        "expires_after": body.get("expires_after") or {"anchor": "last_active_at", "minutes": 20},
        "last_active_at": now,
        "name": body["name"],
        "memory_limit": body.get("memory_limit", "1g"),
        "_seq": seq,
    }
    FILES[container_id] = {}
    return web.json_response(_public(CONTAINERS[container_id]))


async def list_containers(request: web.Request) -> web.StreamResponse:
    items = list(CONTAINERS.values())
    if name := request.query.get("name"):
        items = [c for c in items if c["name"] == name]
    return _page(items, request)


async def get_container(request: web.Request) -> web.StreamResponse:
    container = CONTAINERS.get(request.match_info["container_id"])
    if container is None:
        return _error(404, "Container not found.")
    return web.json_response(_public(container))


async def delete_container(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if CONTAINERS.pop(container_id, None) is None:
        return _error(404, "Container not found.")
    for file_id in FILES.pop(container_id, {}):
        CONTENT.pop((container_id, file_id), None)
    return web.json_response({"id": container_id, "object": "container.deleted", "deleted": True})


async def create_file(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if container_id not in CONTAINERS:
        return _error(404, "Container not found.")
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            return _error(400, "Missing required parameter: 'file'.")
        name, data, source = upload.filename or "upload", upload.file.read(), "user"
    else:
        file_id = (await request.json()).get("file_id")
        if not file_id:
            return _error(400, "Provide 'file' or 'file_id'.")
        name, data, source = f"{file_id}.bin", f"copy of {file_id}".encode(), file_id
    seq = next(_ids)
    cfile = {
        "id": f"cfile_fake{seq:06d}",
        "object": "container.file",
        "container_id": container_id,
        "bytes": len(data),
        "created_at": int(time.time()),
        "path": f"/mnt/data/{name}",
        "source": source,
        "_seq": seq,
    }
    FILES[container_id][cfile["id"]] = cfile
    CONTENT[(container_id, cfile["id"])] = data
    return web.json_response(_public(cfile))


def _file(request: web.Request) -> dict[str, Any] | None:
    return FILES.get(request.match_info["container_id"], {}).get(request.match_info["file_id"])


async def list_files(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if container_id not in CONTAINERS:
        return _error(404, "Container not found.")
    return _page(list(FILES[container_id].values()), request)


async def get_file(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return _error(404, "File not found.")
    return web.json_response(_public(cfile))


async def delete_file(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return _error(404, "File not found.")
    del FILES[cfile["container_id"]][cfile["id"]]
    CONTENT.pop((cfile["container_id"], cfile["id"]), None)
    return web.json_response(
        {"id": cfile["id"], "object": "container.file.deleted", "deleted": True}
    )


async def file_content(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return _error(404, "File not found.")
    return web.Response(
        body=CONTENT[(cfile["container_id"], cfile["id"])],
        content_type="application/octet-stream",
    )


def register(add: Add) -> None:
    add("POST", "/containers", create_container)
    add("GET", "/containers", list_containers)
    add("GET", "/containers/{container_id}", get_container)
    add("DELETE", "/containers/{container_id}", delete_container)
    add("POST", "/containers/{container_id}/files", create_file)
    add("GET", "/containers/{container_id}/files", list_files)
    add("GET", "/containers/{container_id}/files/{file_id}", get_file)
    add("DELETE", "/containers/{container_id}/files/{file_id}", delete_file)
    add("GET", "/containers/{container_id}/files/{file_id}/content", file_content)
