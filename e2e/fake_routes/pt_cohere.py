"""Cohere's API under ``/up/cohere`` (``COHERE_API_BASE``): ``v1/chat``, ``v2/chat`` (JSON, or
with ``stream`` Cohere's named SSE events ending with ``message-end``), ``v1/embed``. Chat
answers echo the last user text."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from ._openai import read_json

META = {"api_version": {"version": "1"}, "billed_units": {"input_tokens": 3, "output_tokens": 2}}


async def chat_v1(request: web.Request) -> web.Response:
    body = await read_json(request)
    return web.json_response(
        {
            "response_id": "r-fake",
            "generation_id": "g-fake",
            "text": f"echo: {body.get('message', '')}",
            "finish_reason": "COMPLETE",
            "chat_history": [],
            "meta": META,
        }
    )


def _event(event: dict[str, Any]) -> bytes:
    return f"event: {event['type']}\n".encode() + b"data: " + orjson.dumps(event) + b"\n\n"


async def chat_v2(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    messages = body.get("messages") or [{}]
    text = f"echo: {messages[-1].get('content', '')}"
    usage = {"billed_units": {"input_tokens": 3, "output_tokens": 2}, "tokens": {}}
    if not body.get("stream"):
        return web.json_response(
            {
                "id": "c-fake",
                "finish_reason": "COMPLETE",
                "message": {"role": "assistant", "content": [{"type": "text", "text": text}]},
                "usage": usage,
            }
        )
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    events: list[dict[str, Any]] = [
        {"type": "message-start", "id": "c-fake", "delta": {"message": {"role": "assistant"}}},
        {"type": "content-start", "index": 0, "delta": {"message": {"content": {"text": ""}}}},
    ]
    events += [
        {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": w + " "}}}}
        for w in text.split(" ")
    ]
    events += [
        {"type": "content-end", "index": 0},
        {"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": usage}},
    ]
    for event in events:
        await response.write(_event(event))
    await response.write_eof()
    return response


async def embed(request: web.Request) -> web.Response:
    body = await read_json(request)
    texts = list(body.get("texts") or [])
    return web.json_response(
        {
            "id": "e-fake",
            "response_type": "embeddings_floats",
            "embeddings": [[float(len(t)), 0.25] for t in texts],
            "texts": texts,
            "meta": META,
        }
    )


def register(add: Any) -> None:
    add("POST", "/up/cohere/v1/chat", chat_v1)
    add("POST", "/up/cohere/v2/chat", chat_v2)
    add("POST", "/up/cohere/v1/embed", embed)
