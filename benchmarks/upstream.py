"""A fixed-body upstream for client benchmarks: OpenAI-shaped answers, no work per request.

    python benchmarks/upstream.py PORT

Serves POST /chat/completions (~600 B JSON) and POST /embeddings (16 x 1536 float32 vectors,
base64 or float JSON as asked). Run in its own process so its CPU is not the client's.
"""

from __future__ import annotations

import base64
import random
import struct
import sys

import orjson
from aiohttp import web

DIM, COUNT = 1536, 16


def bodies() -> tuple[bytes, bytes, bytes]:
    rng = random.Random(7)
    vectors = [[rng.uniform(-1, 1) for _ in range(DIM)] for _ in range(COUNT)]
    chat = orjson.dumps(
        {
            "id": "chatcmpl-bench0000000000000000000000",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": "gpt-4o-mini-2024-07-18",
            "system_fingerprint": "fp_0000000000",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "logprobs": None,
                    "message": {
                        "role": "assistant",
                        "content": "The quick brown fox jumps over the lazy dog. " * 3,
                        "tool_calls": None,
                        "function_call": None,
                    },
                }
            ],
            "usage": {"prompt_tokens": 12, "completion_tokens": 30, "total_tokens": 42},
        }
    )

    def embedding_body(encode: bool) -> bytes:
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": base64.b64encode(struct.pack(f"<{DIM}f", *v)).decode()
                if encode
                else v,
            }
            for i, v in enumerate(vectors)
        ]
        return orjson.dumps(
            {
                "object": "list",
                "model": "text-embedding-3-small",
                "data": data,
                "usage": {"prompt_tokens": 64, "total_tokens": 64},
            }
        )

    return chat, embedding_body(True), embedding_body(False)


def main() -> None:
    port = int(sys.argv[1])
    chat, emb_b64, emb_float = bodies()

    async def chat_handler(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=chat, content_type="application/json")

    async def embeddings_handler(request: web.Request) -> web.Response:
        body = orjson.loads(await request.read())
        payload = emb_b64 if body.get("encoding_format") == "base64" else emb_float
        return web.Response(body=payload, content_type="application/json")

    app = web.Application()
    app.router.add_post("/chat/completions", chat_handler)
    app.router.add_post("/v1/chat/completions", chat_handler)
    app.router.add_post("/embeddings", embeddings_handler)
    app.router.add_post("/v1/embeddings", embeddings_handler)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
