"""Upstream Responses API as OpenAI serves it: create (JSON, or SSE with ``event:`` lines and no
``[DONE]``), retrieve, delete, cancel, input items (cursor pages), input token count, compact.

The reply is ``"echo: " + <last user text>``; a streamed reply comes word by word. Responses are
kept in memory so retrieve, input items and delete see what create stored."""

from __future__ import annotations

import itertools
import time
from typing import Any

import orjson
from aiohttp import web

from ._openai import Add, error, page, read_json

RESPONSES: dict[str, dict[str, Any]] = {}
INPUTS: dict[str, list[dict[str, Any]]] = {}  # response id -> its input items
_ids = itertools.count(1)


def _input_items(value: Any) -> list[dict[str, Any]]:
    """The request's ``input`` as OpenAI lists it back: message items with content parts."""
    if isinstance(value, str):
        value = [{"role": "user", "content": value}]
    items = []
    for n, item in enumerate(value or []):
        content = item.get("content", "")
        if isinstance(content, str):
            content = [{"type": "input_text", "text": content}]
        items.append(
            {
                "type": item.get("type", "message"),
                "id": item.get("id") or f"msg_in{n:04d}",
                "role": item.get("role", "user"),
                "status": "completed",
                "content": content,
            }
        )
    return items


def _last_text(items: list[dict[str, Any]]) -> str:
    for item in reversed(items):
        if item.get("role") == "user":
            for part in item.get("content") or []:
                if part.get("type") in ("input_text", "text"):
                    return str(part.get("text", ""))
    return ""


def _usage(text_in: str, text_out: str) -> dict[str, Any]:
    i, o = len(text_in.split()), len(text_out.split())
    return {
        "input_tokens": i,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": o,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": i + o,
    }


def _message(msg_id: str, text: str, status: str = "completed") -> dict[str, Any]:
    part = {"type": "output_text", "text": text, "annotations": [], "logprobs": []}
    return {
        "type": "message",
        "id": msg_id,
        "status": status,
        "role": "assistant",
        "content": [part] if text or status == "completed" else [],
    }


def _response(body: dict[str, Any], resp_id: str, status: str, output: list[Any]) -> dict[str, Any]:
    return {
        "id": resp_id,
        "object": "response",
        "created_at": int(time.time()),
        "status": status,
        "background": bool(body.get("background")),
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "model": body.get("model", ""),
        "output": output,
        "parallel_tool_calls": True,
        "previous_response_id": body.get("previous_response_id"),
        "reasoning": {"effort": None, "summary": None},
        "store": body.get("store", True),
        "temperature": body.get("temperature", 1.0),
        "text": {"format": {"type": "text"}},
        "tool_choice": "auto",
        "tools": [],
        "top_p": 1.0,
        "truncation": "disabled",
        "usage": None,
        "user": None,
        "metadata": body.get("metadata") or {},
    }


async def create(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    if not body.get("model"):
        return error(400, "Missing required parameter: 'model'.", code="missing_required_parameter")
    items = _input_items(body.get("input"))
    text = _last_text(items)
    reply = f"echo: {text}"
    seq = next(_ids)
    resp_id, msg_id = f"resp_fake{seq:06d}", f"msg_fake{seq:06d}"
    done = _response(body, resp_id, "completed", [_message(msg_id, reply)])
    done["usage"] = _usage(text, reply)
    if body.get("background"):
        # A background response stays queued until it is cancelled (or retrieved as it is).
        done = {**done, "status": "queued", "output": [], "usage": None}
    if body.get("store", True):
        RESPONSES[resp_id] = done
        INPUTS[resp_id] = items
    if not body.get("stream"):
        return web.json_response(done)
    return await _stream(request, body, done, msg_id, reply)


async def _stream(
    request: web.Request, body: dict[str, Any], done: dict[str, Any], msg_id: str, reply: str
) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    seq = itertools.count()
    started = _response(body, done["id"], "in_progress", [])
    where = {"item_id": msg_id, "output_index": 0, "content_index": 0}
    empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    full = {**empty, "text": reply}
    events: list[dict[str, Any]] = [
        {"type": "response.created", "response": started},
        {"type": "response.in_progress", "response": started},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": _message(msg_id, "", "in_progress"),
        },
        {"type": "response.content_part.added", "part": empty, **where},
    ]
    words = reply.split(" ")
    for n, word in enumerate(words):
        piece = word if n == 0 else " " + word
        events.append(
            {"type": "response.output_text.delta", "delta": piece, "logprobs": [], **where}
        )
    events += [
        {"type": "response.output_text.done", "text": reply, "logprobs": [], **where},
        {"type": "response.content_part.done", "part": full, **where},
        {"type": "response.output_item.done", "output_index": 0, "item": _message(msg_id, reply)},
        {"type": "response.completed", "response": done},
    ]
    for event in events:
        event["sequence_number"] = next(seq)
        frame = b"event: " + event["type"].encode() + b"\ndata: " + orjson.dumps(event) + b"\n\n"
        await response.write(frame)
    await response.write_eof()  # the Responses stream ends at the end of the body: no [DONE]
    return response


def _stored(request: web.Request) -> dict[str, Any] | None:
    return RESPONSES.get(request.match_info["response_id"])


def _not_found(request: web.Request) -> web.Response:
    rid = request.match_info["response_id"]
    return error(404, f"Response with id '{rid}' not found.")


async def retrieve(request: web.Request) -> web.StreamResponse:
    stored = _stored(request)
    return _not_found(request) if stored is None else web.json_response(stored)


async def delete(request: web.Request) -> web.StreamResponse:
    rid = request.match_info["response_id"]
    if RESPONSES.pop(rid, None) is None:
        return _not_found(request)
    INPUTS.pop(rid, None)
    return web.json_response({"id": rid, "object": "response", "deleted": True})


async def cancel(request: web.Request) -> web.StreamResponse:
    stored = _stored(request)
    if stored is None:
        return _not_found(request)
    if not stored.get("background"):
        return error(400, "Only responses created with background=true can be cancelled.")
    stored["status"] = "cancelled"
    return web.json_response(stored)


async def input_items(request: web.Request) -> web.StreamResponse:
    rid = request.match_info["response_id"]
    if rid not in INPUTS:
        return _not_found(request)
    return page(INPUTS[rid], request)


async def input_tokens(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    text = _last_text(_input_items(body.get("input")))
    return web.json_response({"object": "response.input_tokens", "input_tokens": len(text.split())})


async def compact(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    items = _input_items(body.get("input"))
    text = " ".join(_last_text([item]) for item in items)
    seq = next(_ids)
    return web.json_response(
        {
            "id": f"cmp_fake{seq:06d}",
            "object": "response.compaction",
            "created_at": int(time.time()),
            "output": [
                {"type": "compaction", "id": f"cp_fake{seq:06d}", "encrypted_content": text[::-1]}
            ],
            "usage": _usage(text, ""),
        }
    )


def register(add: Add) -> None:
    add("POST", "/responses", create)
    add("POST", "/responses/input_tokens", input_tokens)
    add("POST", "/responses/compact", compact)
    add("GET", "/responses/{response_id}", retrieve)
    add("DELETE", "/responses/{response_id}", delete)
    add("POST", "/responses/{response_id}/cancel", cancel)
    add("GET", "/responses/{response_id}/input_items", input_items)
