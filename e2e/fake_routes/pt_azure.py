"""Azure OpenAI, as the proxy's ``/azure/*`` pass-through reaches it (``AZURE_API_BASE`` = the
fake's ``/up/azure``): ``openai/deployments/{deployment}/chat/completions`` (JSON or SSE),
``completions`` and ``embeddings``. Like Azure, a call without ``api-version`` or without the
``api-key`` header is refused. The chat answer echoes the last user text and names the
deployment and API version, so a test sees its own request come back."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

BASE = "/up/azure/openai/deployments/{deployment}"


def _refusal(request: web.Request) -> web.Response | None:
    if "api-version" not in request.query:
        body = {
            "error": {
                "code": "MissingApiVersionParameter",
                "message": "The api-version query parameter (?api-version=) is required for "
                "all requests.",
            }
        }
        return web.json_response(body, status=400)
    if not request.headers.get("api-key"):
        body = {"error": {"code": "401", "message": "Access denied due to missing api-key."}}
        return web.json_response(body, status=401)
    return None


async def _json(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    body = orjson.loads(raw) if raw else {}
    return body if isinstance(body, dict) else {}


def _last_text(messages: Any) -> str:
    for message in reversed(messages if isinstance(messages, list) else []):
        if isinstance(message, dict) and isinstance(message.get("content"), str):
            return str(message["content"])
    return ""


async def chat(request: web.Request) -> web.StreamResponse:
    refused = _refusal(request)
    if refused is not None:
        return refused
    body = await _json(request)
    deployment = request.match_info["deployment"]
    text = f"{deployment}@{request.query['api-version']}: {_last_text(body.get('messages'))}"
    common = {"id": "chatcmpl-azure1", "created": 1700000000, "model": "gpt-4o"}
    if body.get("stream"):
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for i in range(0, len(text), 8):
            delta = (
                {"role": "assistant", "content": text[i : i + 8]}
                if i == 0
                else {"content": text[i : i + 8]}
            )
            event = {
                **common,
                "object": "chat.completion.chunk",
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            }
            await response.write(b"data: " + orjson.dumps(event) + b"\n\n")
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response
    return web.json_response(
        {
            **common,
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 5, "completion_tokens": 3, "total_tokens": 8},
            "prompt_filter_results": [],
        }
    )


async def completions(request: web.Request) -> web.Response:
    refused = _refusal(request)
    if refused is not None:
        return refused
    body = await _json(request)
    return web.json_response(
        {
            "id": "cmpl-azure1",
            "object": "text_completion",
            "created": 1700000000,
            "model": "gpt-35-turbo-instruct",
            "choices": [
                {"index": 0, "text": f"echo: {body.get('prompt')}", "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 2, "completion_tokens": 2, "total_tokens": 4},
        }
    )


async def embeddings(request: web.Request) -> web.Response:
    refused = _refusal(request)
    if refused is not None:
        return refused
    body = await _json(request)
    inputs = body.get("input")
    texts = inputs if isinstance(inputs, list) else [inputs]
    data = [
        {"object": "embedding", "index": i, "embedding": [float(len(str(t))), 0.5, -0.5]}
        for i, t in enumerate(texts)
    ]
    return web.json_response(
        {
            "object": "list",
            "data": data,
            "model": "text-embedding-3-small",
            "usage": {"prompt_tokens": len(texts), "total_tokens": len(texts)},
        }
    )


def register(add: Any) -> None:
    add("POST", f"{BASE}/chat/completions", chat)
    add("POST", f"{BASE}/completions", completions)
    add("POST", f"{BASE}/embeddings", embeddings)
