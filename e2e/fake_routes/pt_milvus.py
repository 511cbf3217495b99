"""Milvus's REST API v2, as the proxy's ``/milvus/*`` pass-through reaches it: the ``api_base``
of a LiteLLM-managed vector store with ``custom_llm_provider: milvus`` (the fake's
``/up/milvus``). Collections live in memory; like Milvus, a failure is HTTP 200 with a non-zero
``code``, and a call without the store's ``Authorization: Bearer <api_key>`` is refused."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

_COLLECTIONS: dict[str, list[dict[str, Any]]] = {}


def _fail(code: int, message: str) -> web.Response:
    return web.json_response({"code": code, "message": message})


async def action(request: web.Request) -> web.Response:
    if not request.headers.get("Authorization", "").startswith("Bearer "):
        return web.json_response({"code": 1800, "message": "user hasn't authenticated"})
    raw = await request.read()
    body = orjson.loads(raw) if raw else {}
    name = body.get("collectionName") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name:
        return _fail(1100, "collectionName is required")
    resource, verb = request.match_info["resource"], request.match_info["verb"]
    rows = _COLLECTIONS.get(name)
    if (resource, verb) == ("collections", "create"):
        if rows is not None:
            return _fail(65535, f"collection {name} already exists")
        _COLLECTIONS[name] = []
        return web.json_response({"code": 0, "data": {}})
    if (resource, verb) == ("collections", "has"):
        return web.json_response({"code": 0, "data": {"has": rows is not None}})
    if rows is None:
        return _fail(100, f"can't find collection[database=default][collection={name}]")
    if (resource, verb) == ("collections", "describe"):
        return web.json_response(
            {"code": 0, "data": {"collectionName": name, "load": "LoadStateLoaded"}}
        )
    if (resource, verb) == ("collections", "drop"):
        del _COLLECTIONS[name]
        return web.json_response({"code": 0, "data": {}})
    if (resource, verb) == ("entities", "insert"):
        new = body.get("data") or []
        rows.extend(new)
        ids = [row.get("id") for row in new]
        return web.json_response({"code": 0, "data": {"insertCount": len(new), "insertIds": ids}})
    if (resource, verb) in (("entities", "query"), ("entities", "search")):
        limit = int(body.get("limit") or 10)
        hits = [{**row, "distance": 1.0} if verb == "search" else row for row in rows[:limit]]
        return web.json_response({"code": 0, "cost": 0, "data": hits})
    return _fail(1100, f"unsupported in the fake: {resource}/{verb}")


def register(add: Any) -> None:
    add("POST", "/up/milvus/v2/vectordb/{resource}/{verb}", action)
