"""Pass-through upstreams that only echo: ``/up/<provider>/<path>`` answers what arrived (method,
path, query, JSON body, the headers a test looks at), so a test sees where the proxy sent a
pass-through call. Providers with typed methods answer their own shapes in their own modules."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

ECHOED = ("anthropic", "gemini", "openrouter", "openai")
_HEADERS = ("content-type", "anthropic-version", "x-goog-api-key", "authorization", "x-api-key")


async def echo(request: web.Request) -> web.Response:
    raw = await request.read()
    body: Any
    try:
        body = orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        body = raw.decode("utf-8", "replace")
    seen = {
        "provider": request.match_info["provider"],
        "method": request.method,
        "path": request.match_info["tail"],
        "query": dict(request.query),
        "body": body,
        # Whether a header arrived, not its value: the proxy's key must not come back.
        "headers": [h for h in _HEADERS if h in request.headers],
    }
    return web.json_response(seen)


def register(add: Any) -> None:
    for provider in ECHOED:
        add("*", f"/up/{{provider:{provider}}}/{{tail:.*}}", echo)
