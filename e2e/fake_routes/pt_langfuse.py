"""Langfuse's public API, as the proxy's ``/langfuse/*`` pass-through reaches it. The proxy
replaces the host's path with the caller's (``LANGFUSE_HOST`` = ``/up/langfuse`` is dropped), so
these routes live at ``/api/public/...``. Like Langfuse, a call is refused (401) unless it
carries ``Basic base64(public:secret)`` of the project's keys (the launcher's
``LANGFUSE_PUBLIC_KEY``/``LANGFUSE_SECRET_KEY``). Ingested ``trace-create`` events become traces
at once (Langfuse does it asynchronously)."""

from __future__ import annotations

import base64
import math
from typing import Any

import orjson
from aiohttp import web

PUBLIC_KEY = "pk-lf-fake"
SECRET_KEY = "sk-lf-fake"
_TRACES: dict[str, dict[str, Any]] = {}


def _authorized(request: web.Request) -> bool:
    expected = base64.b64encode(f"{PUBLIC_KEY}:{SECRET_KEY}".encode()).decode()
    return request.headers.get("Authorization") == f"Basic {expected}"


def _unauthorized() -> web.Response:
    return web.json_response(
        {"message": "Invalid credentials. Confirm that you've configured the correct host."},
        status=401,
    )


async def ingestion(request: web.Request) -> web.Response:
    if not _authorized(request):
        return _unauthorized()
    raw = await request.read()
    body = orjson.loads(raw) if raw else {}
    successes, errors = [], []
    for event in body.get("batch", []) if isinstance(body, dict) else []:
        event_id = str(event.get("id", ""))
        payload = event.get("body") if isinstance(event.get("body"), dict) else None
        if event.get("type") != "trace-create" or payload is None or not payload.get("id"):
            errors.append({"id": event_id, "status": 400, "message": "unsupported event"})
            continue
        trace = _TRACES.setdefault(payload["id"], {"observations": [], "scores": []})
        trace.update(payload)
        trace.setdefault("timestamp", event.get("timestamp"))
        successes.append({"id": event_id, "status": 201})
    return web.json_response({"successes": successes, "errors": errors}, status=207)


async def list_traces(request: web.Request) -> web.Response:
    if not _authorized(request):
        return _unauthorized()
    page = int(request.query.get("page", "1"))
    limit = int(request.query.get("limit", "50"))
    items = list(reversed(_TRACES.values()))  # newest first
    for name in ("userId", "name", "sessionId"):
        if name in request.query:
            items = [t for t in items if t.get(name) == request.query[name]]
    total = len(items)
    data = items[(page - 1) * limit : page * limit]
    meta = {
        "page": page,
        "limit": limit,
        "totalItems": total,
        "totalPages": max(1, math.ceil(total / limit)),
    }
    return web.json_response({"data": data, "meta": meta})


async def get_trace(request: web.Request) -> web.Response:
    if not _authorized(request):
        return _unauthorized()
    trace = _TRACES.get(request.match_info["trace_id"])
    if trace is None:
        return web.json_response(
            {"message": "Trace not found", "error": "LangfuseNotFoundError"}, status=404
        )
    return web.json_response(trace)


def register(add: Any) -> None:
    add("POST", "/api/public/ingestion", ingestion)
    add("GET", "/api/public/traces", list_traces)
    add("GET", "/api/public/traces/{trace_id}", get_trace)
