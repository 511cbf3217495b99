"""Mistral's API under ``/up/mistral`` (``MISTRAL_API_BASE``): chat completions (JSON or SSE
``data:`` chunks ending with ``[DONE]``), embeddings, models. The chat answer echoes the last
user text. The proxy may repeat its own prefix in the path, so routes match on the path's
end."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from ._openai import read_json

USAGE = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}


def _last_text(body: dict[str, Any]) -> str:
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and isinstance(message.get("content"), str):
            return str(message["content"])
    return ""


async def _chat(request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
    text = f"echo: {_last_text(body)}"
    model = body.get("model", "mistral-small-latest")
    if not body.get("stream"):
        return web.json_response(
            {
                "id": "cmpl-fake",
                "object": "chat.completion",
                "model": model,
                "created": 1,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text, "tool_calls": None},
                        "finish_reason": "stop",
                    }
                ],
                "usage": USAGE,
            }
        )
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    words = text.split(" ")
    for i, word in enumerate(words):
        last = i == len(words) - 1
        chunk: dict[str, Any] = {
            "id": "cmpl-fake",
            "object": "chat.completion.chunk",
            "model": model,
            "created": 1,
            "choices": [
                {
                    "index": 0,
                    "delta": {"content": word if last else word + " "},
                    "finish_reason": "stop" if last else None,
                }
            ],
        }
        if last:
            chunk["usage"] = USAGE
        await response.write(b"data: " + orjson.dumps(chunk) + b"\n\n")
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response


async def handle(request: web.Request) -> web.StreamResponse:
    tail = request.match_info["tail"]
    if request.method == "GET" and tail.endswith("v1/models"):
        return web.json_response(
            {
                "object": "list",
                "data": [
                    {
                        "id": "mistral-small-latest",
                        "object": "model",
                        "created": 1,
                        "owned_by": "mistralai",
                        "capabilities": {"completion_chat": True},
                    }
                ],
            }
        )
    body = await read_json(request)
    if tail.endswith("v1/chat/completions"):
        return await _chat(request, body)
    if tail.endswith("v1/embeddings"):
        inputs = body.get("input")
        texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
        return web.json_response(
            {
                "id": "emb-fake",
                "object": "list",
                "model": body.get("model", "mistral-embed"),
                "data": [
                    {"object": "embedding", "embedding": [float(len(t)), 0.5], "index": i}
                    for i, t in enumerate(texts)
                ],
                "usage": {"prompt_tokens": len(texts), "total_tokens": len(texts)},
            }
        )
    return web.json_response({"detail": f"no route {tail}"}, status=404)


def register(add: Any) -> None:
    add("*", "/up/mistral/{tail:.*}", handle)
