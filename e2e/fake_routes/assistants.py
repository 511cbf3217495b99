"""Upstream Assistants API as OpenAI serves it: assistants, threads, messages and runs.

A run completes at once: its reply is ``"echo: " + <the thread's last user message>``, added
to the thread as an assistant message. Created without ``stream`` the run answers ``queued``
and ``completed`` on the next GET (the proxy polls until then); with ``stream`` it answers the
OpenAI event stream (``event:`` lines, ending with ``event: done`` / ``data: [DONE]``).
"""

from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import web

from ._openai import Add, error, new_id, page, read_json

ASSISTANTS: dict[str, dict[str, Any]] = {}
THREADS: dict[str, dict[str, Any]] = {}
MESSAGES: dict[str, list[dict[str, Any]]] = {}  # thread id -> messages, oldest first
RUNS: dict[str, dict[str, Any]] = {}


async def create_assistant(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    if not body.get("model"):
        return error(400, "Missing required parameter: 'model'.")
    assistant = {
        "id": new_id("asst"),
        "object": "assistant",
        "created_at": int(time.time()),
        "model": body["model"],
        "name": body.get("name"),
        "description": body.get("description"),
        "instructions": body.get("instructions"),
        "tools": body.get("tools") or [],
        "tool_resources": body.get("tool_resources") or {},
        "metadata": body.get("metadata") or {},
        "temperature": body.get("temperature", 1.0),
        "top_p": body.get("top_p", 1.0),
        "response_format": body.get("response_format", "auto"),
    }
    ASSISTANTS[assistant["id"]] = assistant
    return web.json_response(assistant)


async def list_assistants(request: web.Request) -> web.StreamResponse:
    return page(list(ASSISTANTS.values()), request)


async def delete_assistant(request: web.Request) -> web.StreamResponse:
    assistant_id = request.match_info["assistant_id"]
    if ASSISTANTS.pop(assistant_id, None) is None:
        return error(404, f"No assistant found with id '{assistant_id}'.")
    return web.json_response({"id": assistant_id, "object": "assistant.deleted", "deleted": True})


def _message(thread_id: str, role: str, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": new_id("msg"),
        "object": "thread.message",
        "created_at": int(time.time()),
        "thread_id": thread_id,
        "role": role,
        "status": "completed",
        "content": [{"type": "text", "text": {"value": text, "annotations": []}}],
        "attachments": [],
        "metadata": {},
        "assistant_id": None,
        "run_id": None,
        **extra,
    }


async def create_thread(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    thread = {
        "id": new_id("thread"),
        "object": "thread",
        "created_at": int(time.time()),
        "metadata": body.get("metadata") or {},
        "tool_resources": {},
    }
    THREADS[thread["id"]] = thread
    MESSAGES[thread["id"]] = [
        _message(thread["id"], m["role"], m["content"]) for m in body.get("messages") or []
    ]
    return web.json_response(thread)


def _thread(request: web.Request) -> str | None:
    thread_id = request.match_info["thread_id"]
    return thread_id if thread_id in THREADS else None


async def get_thread(request: web.Request) -> web.StreamResponse:
    thread_id = _thread(request)
    if thread_id is None:
        return error(404, "No thread found.")
    return web.json_response(THREADS[thread_id])


async def create_message(request: web.Request) -> web.StreamResponse:
    thread_id = _thread(request)
    if thread_id is None:
        return error(404, "No thread found.")
    body = await read_json(request)
    content = body.get("content")
    text = content if isinstance(content, str) else json.dumps(content)
    message = _message(thread_id, body.get("role", "user"), text)
    message["metadata"] = body.get("metadata") or {}
    MESSAGES[thread_id].append(message)
    return web.json_response(message)


async def list_messages(request: web.Request) -> web.StreamResponse:
    thread_id = _thread(request)
    if thread_id is None:
        return error(404, "No thread found.")
    return page(MESSAGES[thread_id], request)


def _run(thread_id: str, body: dict[str, Any], status: str) -> dict[str, Any]:
    assistant = ASSISTANTS.get(body.get("assistant_id", ""), {})
    now = int(time.time())
    return {
        "id": new_id("run"),
        "object": "thread.run",
        "created_at": now,
        "thread_id": thread_id,
        "assistant_id": body.get("assistant_id"),
        "status": status,
        "model": body.get("model") or assistant.get("model", "fake-gpt"),
        "instructions": body.get("instructions") or assistant.get("instructions") or "",
        "tools": body.get("tools") or [],
        "metadata": body.get("metadata") or {},
        "parallel_tool_calls": True,
        "started_at": now,
        "completed_at": now if status == "completed" else None,
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
        if status == "completed"
        else None,
    }


def _reply_text(thread_id: str) -> str:
    users = [m for m in MESSAGES[thread_id] if m["role"] == "user"]
    last = users[-1]["content"][0]["text"]["value"] if users else ""
    return f"echo: {last}"


async def create_run(request: web.Request) -> web.StreamResponse:
    thread_id = _thread(request)
    if thread_id is None:
        return error(404, "No thread found.")
    body = await read_json(request)
    if body.get("assistant_id") not in ASSISTANTS:
        return error(404, f"No assistant found with id '{body.get('assistant_id')}'.")
    reply = _reply_text(thread_id)
    if not body.get("stream"):
        run = _run(thread_id, body, "queued")
        RUNS[run["id"]] = run
        MESSAGES[thread_id].append(
            _message(
                thread_id,
                "assistant",
                reply,
                assistant_id=run["assistant_id"],
                run_id=run["id"],
            )
        )
        return web.json_response(run)
    return await _stream_run(request, thread_id, body, reply)


async def _stream_run(
    request: web.Request, thread_id: str, body: dict[str, Any], reply: str
) -> web.StreamResponse:
    run = _run(thread_id, body, "queued")
    done = {**_run(thread_id, body, "completed"), "id": run["id"]}
    RUNS[run["id"]] = done
    message = _message(
        thread_id, "assistant", reply, assistant_id=run["assistant_id"], run_id=run["id"]
    )
    empty = {**message, "status": "in_progress", "content": []}
    words = reply.split(" ")
    deltas = [
        {
            "id": message["id"],
            "object": "thread.message.delta",
            "delta": {
                "content": [
                    {
                        "index": 0,
                        "type": "text",
                        "text": {"value": (" " if i else "") + word, "annotations": []},
                    }
                ]
            },
        }
        for i, word in enumerate(words)
    ]
    events: list[tuple[str, Any]] = [
        ("thread.run.created", run),
        ("thread.run.in_progress", {**run, "status": "in_progress"}),
        ("thread.message.created", empty),
        ("thread.message.in_progress", empty),
        *[("thread.message.delta", d) for d in deltas],
        ("thread.message.completed", message),
        ("thread.run.completed", done),
    ]
    MESSAGES[thread_id].append(message)
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    await response.prepare(request)
    for name, data in events:
        await response.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
    await response.write(b"event: done\ndata: [DONE]\n\n")
    await response.write_eof()
    return response


async def get_run(request: web.Request) -> web.StreamResponse:
    run = RUNS.get(request.match_info["run_id"])
    if run is None or run["thread_id"] != request.match_info["thread_id"]:
        return error(404, "No run found.")
    # Polled: the run has finished by now.
    run.update(
        status="completed",
        completed_at=int(time.time()),
        usage={"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    )
    return web.json_response(run)


def register(add: Add) -> None:
    add("POST", "/assistants", create_assistant)
    add("GET", "/assistants", list_assistants)
    add("DELETE", "/assistants/{assistant_id}", delete_assistant)
    add("POST", "/threads", create_thread)
    add("GET", "/threads/{thread_id}", get_thread)
    add("POST", "/threads/{thread_id}/messages", create_message)
    add("GET", "/threads/{thread_id}/messages", list_messages)
    add("POST", "/threads/{thread_id}/runs", create_run)
    add("GET", "/threads/{thread_id}/runs/{run_id}", get_run)
