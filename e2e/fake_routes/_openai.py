"""What the OpenAI-shaped route modules share: the error body, cursor pages, JSON bodies, ids.

The route modules import it relatively (``from ._openai import ...``): the loader in
``fake_provider.py`` loads them as the package ``fake_routes``, and a test may import one as
``e2e.fake_routes.<module>``. Its name starts with ``_``, so the loader does not take it for a
route module.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Add = Callable[[str, str, Handler], None]
"""``register(add)``'s ``add(method, path, handler)``."""

_ids = itertools.count(1)


def new_id(prefix: str, *, stamped: bool = False) -> str:
    """A fresh id: ``<prefix>_fake000001``, or with ``stamped`` ``<prefix><ms>000001`` (the
    time in hex milliseconds, so an id does not repeat after the provider restarts). The
    number counts up across every module."""
    tag = f"{int(time.time() * 1000):x}" if stamped else "_fake"
    return f"{prefix}{tag}{next(_ids):06d}"


def error(
    status: int,
    message: str,
    *,
    kind: str = "invalid_request_error",
    code: str | None = None,
    **fields: Any,
) -> web.Response:
    """OpenAI's error body: ``{"error": {message, type, <fields>, code}}``."""
    body = {"error": {"message": message, "type": kind, **fields, "code": code}}
    return web.json_response(body, status=status)


def page(
    items: list[dict[str, Any]],
    request: web.Request,
    *,
    default_limit: int | None = 20,
    newest_first: bool = True,
) -> web.Response:
    """OpenAI's cursor page over ``items`` (oldest first), as the query asks: ``order``
    (``desc``: newest first; without it, ``newest_first`` decides), only the items after
    ``after`` and before ``before`` (ids; one not listed is ignored), at most ``limit`` of them
    (without it ``default_limit``; ``None``: all)."""
    order = request.query.get("order", "desc" if newest_first else "asc")
    ordered = items[::-1] if order == "desc" else list(items)
    ids = [item["id"] for item in ordered]
    after, before = request.query.get("after"), request.query.get("before")
    start = ids.index(after) + 1 if after in ids else 0
    ordered = ordered[start : ids.index(before) if before in ids else len(ids)]
    limit_param = request.query.get("limit")
    limit = int(limit_param) if limit_param else default_limit
    shown = ordered if limit is None else ordered[:limit]
    return web.json_response(
        {
            "object": "list",
            "data": shown,
            "first_id": shown[0]["id"] if shown else None,
            "last_id": shown[-1]["id"] if shown else None,
            "has_more": len(ordered) > len(shown),
        }
    )


async def read_json(request: web.Request) -> dict[str, Any]:
    """The request's JSON object; ``{}`` for an empty body or one that is not an object."""
    raw = await request.read()
    body = json.loads(raw) if raw else {}
    return body if isinstance(body, dict) else {}
