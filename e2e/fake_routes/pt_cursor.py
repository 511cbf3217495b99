"""Cursor's Cloud Agents API under ``/up/cursor`` (``CURSOR_API_BASE``): ``v0/me`` and agents
(launch, get), kept in memory. The proxy authenticates with Basic ``base64(key:)``: a call
without it gets Cursor's 401."""

from __future__ import annotations

import itertools
from typing import Any

from aiohttp import web

from ._openai import read_json

_AGENTS: dict[str, dict[str, Any]] = {}
_ids = itertools.count(1)


def _unauthorized(request: web.Request) -> web.Response | None:
    if not request.headers.get("Authorization", "").startswith("Basic "):
        return web.json_response({"error": "Unauthorized"}, status=401)
    return None


async def me(request: web.Request) -> web.Response:
    return _unauthorized(request) or web.json_response(
        {
            "apiKeyName": "fake-key",
            "createdAt": "2025-01-01T00:00:00Z",
            "userEmail": "dev@example.com",
        }
    )


async def launch(request: web.Request) -> web.Response:
    denied = _unauthorized(request)
    if denied:
        return denied
    body = await read_json(request)
    prompt, source = body.get("prompt") or {}, body.get("source") or {}
    if not prompt.get("text") or not source.get("repository"):
        return web.json_response(
            {"error": "prompt.text and source.repository are required"}, status=400
        )
    agent_id = f"bc_fake{next(_ids):06d}"
    agent = {
        "id": agent_id,
        "name": prompt["text"][:40],
        "status": "CREATING",
        "source": {"repository": source["repository"], "ref": source.get("ref", "main")},
        "target": {
            "branchName": f"cursor/{agent_id}",
            "url": f"https://cursor.com/agents?id={agent_id}",
            "autoCreatePr": bool((body.get("target") or {}).get("autoCreatePr")),
        },
        "createdAt": "2025-01-01T00:00:00Z",
    }
    _AGENTS[agent_id] = agent
    return web.json_response(agent)


async def get(request: web.Request) -> web.Response:
    denied = _unauthorized(request)
    if denied:
        return denied
    agent = _AGENTS.get(request.match_info["agent_id"])
    if agent is None:
        return web.json_response({"error": "Agent not found"}, status=404)
    agent["status"] = "RUNNING"
    return web.json_response(agent)


def register(add: Any) -> None:
    add("GET", "/up/cursor/v0/me", me)
    add("POST", "/up/cursor/v0/agents", launch)
    add("GET", "/up/cursor/v0/agents/{agent_id}", get)
