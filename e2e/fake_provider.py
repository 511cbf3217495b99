"""A fake OpenAI-compatible LLM provider for the end-to-end suite: the only fake part.

    python e2e/fake_provider.py --port 18950 [--host 127.0.0.1]

The real LiteLLM proxy routes its models here (see e2e/litellm-config.yaml). Answers are
deterministic so tests can check what arrives through the proxy:

- chat: the reply is ``"echo: " + <last user message>``; streamed word by word as SSE.
- completions: ``"completion: " + prompt``.
- embeddings: ``vector(text)`` below, as floats or base64 float32 (``encoding_format``).
- moderations, images, audio speech (bytes), audio transcriptions (multipart), rerank.

Behaviour chosen by the model name the proxy sends upstream:

- ``*ratelimited*``: 429 with ``Retry-After: 1`` every time.
- ``*flaky*``: 429 with ``Retry-After: 1`` the first time a given message text is seen, then OK.
- ``*servererror*``: 500. ``*badrequest*``: 400.
- ``*slow*``: waits 2 s before answering.
- ``*streamcut*``: a stream that stops mid-way without ``[DONE]`` and drops the connection.

Every request is counted per (path, model) at ``GET /_stats`` so tests can see what the proxy
forwarded; ``POST /_reset`` clears the counts.

The upstream routes of the other API groups (files, batches, responses, vector stores ...) live
one group a module in ``fake_routes/``: each module's ``register(add)`` calls
``add(method, path, handler)``, which serves the route both under ``/v1`` and at the root.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import importlib.util
import struct
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web

DIM = 16


def vector(text: str, dim: int = DIM) -> list[float]:
    """The embedding of ``text``: float32-exact values derived from its sha256."""
    digest = hashlib.sha256(text.encode()).digest()
    # Multiples of 1/256 are exact in float32, so base64 and float answers decode equal.
    return [(digest[i % len(digest)] - 128) / 256 for i in range(dim)]


def error(
    status: int, message: str, kind: str, headers: dict[str, str] | None = None
) -> web.Response:
    body = {"error": {"message": message, "type": kind, "param": None, "code": str(status)}}
    return web.Response(
        status=status, body=orjson.dumps(body), content_type="application/json", headers=headers
    )


class Provider:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.seen_flaky: set[str] = set()

    async def _body(self, request: web.Request) -> dict[str, Any]:
        raw = await request.read()
        body: dict[str, Any] = orjson.loads(raw) if raw else {}
        self.counts[f"{request.path} {body.get('model', '')}"] += 1
        return body

    async def _behaviour(self, model: str, marker: str) -> web.Response | None:
        if "ratelimited" in model:
            return error(
                429,
                "Rate limit reached for fake provider",
                "rate_limit_error",
                {"Retry-After": "1"},
            )
        if "flaky" in model and marker not in self.seen_flaky:
            self.seen_flaky.add(marker)
            return error(
                429, "Rate limit reached (flaky)", "rate_limit_error", {"Retry-After": "1"}
            )
        if "servererror" in model:
            return error(500, "The fake provider had an error", "server_error")
        if "badrequest" in model:
            return error(400, "The fake provider rejected the request", "invalid_request_error")
        if "slow" in model:
            await asyncio.sleep(2)
        return None

    async def chat(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        model = str(body.get("model", ""))
        messages = body.get("messages") or [{}]
        last = messages[-1].get("content") or ""
        text = last if isinstance(last, str) else orjson.dumps(last).decode()
        failure = await self._behaviour(model, text)
        if failure is not None:
            return failure
        reply = f"echo: {text}"
        created = int(time.time())
        # A fresh id per completion, as a real provider gives: the proxy keys its spend log by it.
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        if body.get("stream"):
            return await self._stream_chat(
                request, model, reply, created, completion_id, cut="streamcut" in model
            )
        usage = {"prompt_tokens": len(text.split()), "completion_tokens": len(reply.split())}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        return web.json_response(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
            },
            dumps=lambda o: orjson.dumps(o).decode(),
        )

    async def _stream_chat(
        self,
        request: web.Request,
        model: str,
        reply: str,
        created: int,
        completion_id: str,
        cut: bool,
    ) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        words = reply.split(" ")
        pieces = [w if i == 0 else " " + w for i, w in enumerate(words)]
        for i, piece in enumerate(pieces):
            if cut and i == len(pieces) // 2:
                assert request.transport is not None
                request.transport.close()
                return response
            delta: dict[str, Any] = {"content": piece}
            if i == 0:
                delta["role"] = "assistant"
            chunk = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
            }
            await response.write(b"data: " + orjson.dumps(chunk) + b"\n\n")
        final = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        }
        await response.write(b"data: " + orjson.dumps(final) + b"\n\n")
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def completions(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        model = str(body.get("model", ""))
        prompt = body.get("prompt")
        text = prompt[0] if isinstance(prompt, list) and prompt else str(prompt or "")
        failure = await self._behaviour(model, text)
        if failure is not None:
            return failure
        reply = f"completion: {text}"
        choice = {"index": 0, "text": reply, "finish_reason": "stop", "logprobs": None}
        payload = {
            "id": "cmpl-fake",
            "object": "text_completion",
            "created": int(time.time()),
            "model": model,
            "choices": [choice],
        }
        if body.get("stream"):
            response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
            await response.prepare(request)
            await response.write(b"data: " + orjson.dumps(payload) + b"\n\n")
            await response.write(b"data: [DONE]\n\n")
            await response.write_eof()
            return response
        payload["usage"] = {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}
        return web.json_response(payload)

    async def embeddings(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        model = str(body.get("model", ""))
        inputs = body.get("input")
        texts = [inputs] if isinstance(inputs, str) else [str(t) for t in inputs or []]
        failure = await self._behaviour(model, texts[0] if texts else "")
        if failure is not None:
            return failure
        dim = int(body.get("dimensions") or DIM)
        encode = body.get("encoding_format") == "base64"
        data = []
        for i, text in enumerate(texts):
            values = vector(text, dim)
            embedding: Any = (
                base64.b64encode(struct.pack(f"<{dim}f", *values)).decode() if encode else values
            )
            data.append({"object": "embedding", "index": i, "embedding": embedding})
        tokens = sum(len(t.split()) for t in texts)
        return web.json_response(
            {
                "object": "list",
                "model": model,
                "data": data,
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }
        )

    async def moderations(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        inputs = body.get("input")
        texts = [inputs] if isinstance(inputs, str) else list(inputs or [])
        results = [
            {
                "flagged": "violence" in str(t),
                "categories": {"violence": "violence" in str(t)},
                "category_scores": {"violence": 0.99 if "violence" in str(t) else 0.01},
            }
            for t in texts
        ]
        return web.json_response(
            {"id": "modr-fake", "model": body.get("model"), "results": results}
        )

    async def images(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        n = int(body.get("n") or 1)
        png = base64.b64encode(b"\x89PNG fake image").decode()
        return web.json_response({"created": int(time.time()), "data": [{"b64_json": png}] * n})

    async def speech(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        audio = b"ID3fake-mp3:" + str(body.get("input", "")).encode()
        return web.Response(body=audio, content_type="audio/mpeg")

    async def transcriptions(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        self.counts[f"{request.path} {form.get('model', '')}"] += 1
        upload = form.get("file")
        size = len(upload.file.read()) if isinstance(upload, web.FileField) else 0
        return web.json_response({"text": f"transcribed {size} bytes"})

    async def rerank(self, request: web.Request) -> web.StreamResponse:
        body = await self._body(request)
        docs = body.get("documents") or []
        query = str(body.get("query", ""))
        scored = sorted(
            ({"index": i, "relevance_score": float(query in str(d))} for i, d in enumerate(docs)),
            key=lambda r: -r["relevance_score"],
        )
        return web.json_response({"id": "rerank-fake", "results": scored})

    async def models(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(
            {"object": "list", "data": [{"id": "fake-gpt", "object": "model"}]}
        )

    async def stats(self, request: web.Request) -> web.StreamResponse:
        return web.json_response(dict(self.counts))

    async def reset(self, request: web.Request) -> web.StreamResponse:
        self.counts.clear()
        self.seen_flaky.clear()
        return web.json_response({})


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ROUTES = Path(__file__).with_name("fake_routes")


def add_group_routes(app: web.Application) -> None:
    """Every ``fake_routes/*.py`` module's routes. Each is loaded by path (this file also runs
    as a script, outside the ``e2e`` package), as a member of the package ``fake_routes`` so
    that it can import the shared ``fake_routes/_openai.py`` relatively; the folder holding
    ``fake_routes`` goes on ``sys.path`` for that. Files starting with ``_`` are no route
    modules."""

    def add(method: str, path: str, handler: Handler) -> None:
        for prefix in ("/v1", ""):
            app.router.add_route(method, prefix + path, handler)

    if str(ROUTES.parent) not in sys.path:
        sys.path.append(str(ROUTES.parent))
    for path in sorted(ROUTES.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"{ROUTES.name}.{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.register(add)


def make_app() -> web.Application:
    provider = Provider()
    app = web.Application(client_max_size=64 * 1024 * 1024)
    for prefix in ("/v1", ""):
        app.router.add_post(prefix + "/chat/completions", provider.chat)
        app.router.add_post(prefix + "/completions", provider.completions)
        app.router.add_post(prefix + "/embeddings", provider.embeddings)
        app.router.add_post(prefix + "/moderations", provider.moderations)
        app.router.add_post(prefix + "/images/generations", provider.images)
        app.router.add_post(prefix + "/audio/speech", provider.speech)
        app.router.add_post(prefix + "/audio/transcriptions", provider.transcriptions)
        app.router.add_post(prefix + "/rerank", provider.rerank)
        app.router.add_get(prefix + "/models", provider.models)
    app.router.add_get("/_stats", provider.stats)
    app.router.add_post("/_reset", provider.reset)
    add_group_routes(app)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description="fake OpenAI-compatible provider")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    web.run_app(make_app(), host=args.host, port=args.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
