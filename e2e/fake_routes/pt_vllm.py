"""vLLM's OpenAI API under ``/up/vllm`` (``VLLM_API_BASE``), for models that are not in the
proxy's model list: chat completions (JSON or SSE with ``[DONE]``) echoing the last user text,
and the model list."""

from __future__ import annotations

from typing import Any

import orjson
from aiohttp import web

from ._openai import read_json

MODEL = "fake-vllm-upstream"


async def chat(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    messages = body.get("messages") or [{}]
    text = f"echo: {messages[-1].get('content', '')}"
    usage = {"prompt_tokens": 2, "completion_tokens": 2, "total_tokens": 4}
    if not body.get("stream"):
        return web.json_response(
            {
                "id": "chatcmpl-vllm",
                "object": "chat.completion",
                "created": 1,
                "model": body.get("model", MODEL),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
            }
        )
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    for word in text.split(" "):
        chunk = {
            "id": "chatcmpl-vllm",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": body.get("model", MODEL),
            "choices": [{"index": 0, "delta": {"content": word + " "}, "finish_reason": None}],
        }
        await response.write(b"data: " + orjson.dumps(chunk) + b"\n\n")
    await response.write(b"data: [DONE]\n\n")
    await response.write_eof()
    return response


async def models(request: web.Request) -> web.Response:
    return web.json_response(
        {
            "object": "list",
            "data": [
                {
                    "id": MODEL,
                    "object": "model",
                    "created": 1,
                    "owned_by": "vllm",
                    "max_model_len": 4096,
                }
            ],
        }
    )


def register(add: Any) -> None:
    add("POST", "/up/vllm/v1/chat/completions", chat)
    add("GET", "/up/vllm/v1/models", models)
