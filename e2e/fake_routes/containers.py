"""Upstream containers as OpenAI serves them: containers and their files (multipart upload,
or a copy of an uploaded file by ``file_id``; content as raw bytes)."""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from ._openai import Add, error, new_id, page

CONTAINERS: dict[str, dict[str, Any]] = {}
FILES: dict[str, dict[str, dict[str, Any]]] = {}  # container id -> file id -> container.file
CONTENT: dict[tuple[str, str], bytes] = {}


async def create_container(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    if not body.get("name"):
        return error(400, "Missing required parameter: 'name'.")
    container_id = new_id("cntr")
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
    }
    FILES[container_id] = {}
    return web.json_response(CONTAINERS[container_id])


async def list_containers(request: web.Request) -> web.StreamResponse:
    items = list(CONTAINERS.values())
    if name := request.query.get("name"):
        items = [c for c in items if c["name"] == name]
    return page(items, request)


async def get_container(request: web.Request) -> web.StreamResponse:
    container = CONTAINERS.get(request.match_info["container_id"])
    if container is None:
        return error(404, "Container not found.")
    return web.json_response(container)


async def delete_container(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if CONTAINERS.pop(container_id, None) is None:
        return error(404, "Container not found.")
    for file_id in FILES.pop(container_id, {}):
        CONTENT.pop((container_id, file_id), None)
    return web.json_response({"id": container_id, "object": "container.deleted", "deleted": True})


async def create_file(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if container_id not in CONTAINERS:
        return error(404, "Container not found.")
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        upload = form.get("file")
        if not isinstance(upload, web.FileField):
            return error(400, "Missing required parameter: 'file'.")
        name, data, source = upload.filename or "upload", upload.file.read(), "user"
    else:
        file_id = (await request.json()).get("file_id")
        if not file_id:
            return error(400, "Provide 'file' or 'file_id'.")
        name, data, source = f"{file_id}.bin", f"copy of {file_id}".encode(), file_id
    cfile = {
        "id": new_id("cfile"),
        "object": "container.file",
        "container_id": container_id,
        "bytes": len(data),
        "created_at": int(time.time()),
        "path": f"/mnt/data/{name}",
        "source": source,
    }
    FILES[container_id][cfile["id"]] = cfile
    CONTENT[(container_id, cfile["id"])] = data
    return web.json_response(cfile)


def _file(request: web.Request) -> dict[str, Any] | None:
    return FILES.get(request.match_info["container_id"], {}).get(request.match_info["file_id"])


async def list_files(request: web.Request) -> web.StreamResponse:
    container_id = request.match_info["container_id"]
    if container_id not in CONTAINERS:
        return error(404, "Container not found.")
    return page(list(FILES[container_id].values()), request)


async def get_file(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return error(404, "File not found.")
    return web.json_response(cfile)


async def delete_file(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return error(404, "File not found.")
    del FILES[cfile["container_id"]][cfile["id"]]
    CONTENT.pop((cfile["container_id"], cfile["id"]), None)
    return web.json_response(
        {"id": cfile["id"], "object": "container.file.deleted", "deleted": True}
    )


async def file_content(request: web.Request) -> web.StreamResponse:
    cfile = _file(request)
    if cfile is None:
        return error(404, "File not found.")
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
