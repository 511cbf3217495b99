"""The provider's Files, Batch and fine-tuning APIs, shaped as OpenAI answers them.

- files: multipart upload (kept in memory), list (cursor ``after``/``limit``), get, content,
  delete.
- batches: ``validating`` when created and ``completed`` from the first read on, or, with
  ``metadata={"fake_in_progress_reads": "N"}``, ``in_progress`` for the first N reads (its
  ``request_counts`` rising) and ``completed`` from read N+1. The output file has one line per
  input line: the chat route's echo reply (``"echo: " + last user message``), or for an
  ``/embeddings`` line one vector per input (``[len(text)]``); a line whose model names
  ``badrequest`` fails (status 400) and goes to the error file instead. Cancel makes a running
  batch ``cancelled``.
- fine-tuning jobs: create, list, get, cancel. The proxy refuses these routes without an
  enterprise licence, so they are reached only with one.
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any

from aiohttp import web

from ._openai import Add, error, new_id, page

FILES: dict[str, dict[str, Any]] = {}
CONTENT: dict[str, bytes] = {}
BATCHES: dict[str, dict[str, Any]] = {}
READS: dict[str, int] = {}  # batch id -> times read (a batch advances as it is read)
JOBS: dict[str, dict[str, Any]] = {}

# This group's variants: errors carry ``"param": null``, ids carry their creation time, and a
# list without ``limit`` answers every item.
_error = functools.partial(error, param=None)
_new_id = functools.partial(new_id, stamped=True)
_page = functools.partial(page, default_limit=None)


def _store(content: bytes, filename: str, purpose: str) -> dict[str, Any]:
    file_id = _new_id("file-")
    FILES[file_id] = {
        "id": file_id,
        "object": "file",
        "bytes": len(content),
        "created_at": int(time.time()),
        "filename": filename,
        "purpose": purpose,
        "status": "processed",
        "expires_at": None,
        "status_details": None,
    }
    CONTENT[file_id] = content
    return FILES[file_id]


async def create_file(request: web.Request) -> web.StreamResponse:
    fields: dict[str, str] = {}
    content, filename = b"", "upload"
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if part.filename is not None:  # type: ignore[union-attr]
            filename = part.filename  # type: ignore[union-attr]
            content = await part.read()  # type: ignore[union-attr]
        else:
            fields[str(part.name)] = (await part.read()).decode()  # type: ignore[union-attr]
    if "purpose" not in fields:
        return _error(400, "Missing required parameter: 'purpose'.")
    return web.json_response(_store(content, filename, fields["purpose"]))


async def list_files(request: web.Request) -> web.StreamResponse:
    purpose = request.query.get("purpose")
    items = [f for f in FILES.values() if purpose in (None, f["purpose"])]
    return _page(items, request)


async def get_file(request: web.Request) -> web.StreamResponse:
    found = FILES.get(request.match_info["file_id"])
    return web.json_response(found) if found else _error(404, "No such File object")


async def file_content(request: web.Request) -> web.StreamResponse:
    file_id = request.match_info["file_id"]
    if file_id not in CONTENT:
        return _error(404, "No such File object")
    return web.Response(body=CONTENT[file_id], content_type="application/octet-stream")


async def delete_file(request: web.Request) -> web.StreamResponse:
    file_id = request.match_info["file_id"]
    if FILES.pop(file_id, None) is None:
        return _error(404, "No such File object")
    CONTENT.pop(file_id, None)
    return web.json_response({"id": file_id, "object": "file", "deleted": True})


def _chat_body(body: dict[str, Any]) -> dict[str, Any]:
    """The chat route's echo reply to the request's last user message."""
    messages = body.get("messages") or [{}]
    text = str(messages[-1].get("content", ""))
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", ""),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": f"echo: {text}"},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
    }


def _embeddings_body(body: dict[str, Any]) -> dict[str, Any]:
    inputs = body.get("input")
    texts = [inputs] if isinstance(inputs, str) else [str(t) for t in inputs or []]
    return {
        "object": "list",
        "model": body.get("model", ""),
        "data": [
            {"object": "embedding", "index": i, "embedding": [float(len(text))]}
            for i, text in enumerate(texts)
        ],
        "usage": {"prompt_tokens": len(texts), "total_tokens": len(texts)},
    }


def _answer(line: dict[str, Any]) -> dict[str, Any]:
    """One output line for one input line (status 400 when its model names ``badrequest``)."""
    body = line.get("body") or {}
    if "badrequest" in str(body.get("model", "")):
        status = 400
        answer: dict[str, Any] = {
            "error": {"message": "fake bad request", "type": "invalid_request_error"}
        }
    else:
        status = 200
        embeddings = str(line.get("url", "")).endswith("/embeddings")
        answer = _embeddings_body(body) if embeddings else _chat_body(body)
    return {
        "id": _new_id("batch_req_"),
        "custom_id": line.get("custom_id"),
        "response": {"status_code": status, "request_id": "req-fake", "body": answer},
        "error": None,
    }


def _run(batch: dict[str, Any]) -> None:
    """Advance a batch by one read: in progress for the reads its metadata asks, then done."""
    if batch["status"] not in ("validating", "in_progress"):
        return
    lines = [json.loads(line) for line in CONTENT[batch["input_file_id"]].splitlines() if line]
    now = int(time.time())
    reads = int((batch.get("metadata") or {}).get("fake_in_progress_reads") or 0)
    READS[batch["id"]] = count = READS.get(batch["id"], 0) + 1
    if count <= reads:
        done = len(lines) * (count - 1) // reads
        batch.update(
            status="in_progress",
            in_progress_at=batch["in_progress_at"] or now,
            request_counts={"total": len(lines), "completed": done, "failed": 0},
        )
        return
    answers = [_answer(line) for line in lines]
    failed = [a for a in answers if a["response"]["status_code"] != 200]
    ok = [a for a in answers if a["response"]["status_code"] == 200]
    out = _store(_jsonl(ok), "batch_output.jsonl", "batch_output")
    errors = _store(_jsonl(failed), "batch_errors.jsonl", "batch_output") if failed else None
    batch.update(
        status="completed",
        output_file_id=out["id"],
        error_file_id=errors["id"] if errors else None,
        in_progress_at=batch["in_progress_at"] or now,
        finalizing_at=now,
        completed_at=now,
        request_counts={"total": len(lines), "completed": len(ok), "failed": len(failed)},
    )


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


async def create_batch(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    missing = [k for k in ("input_file_id", "endpoint", "completion_window") if not body.get(k)]
    if missing:
        return _error(400, f"Missing required parameter: {missing[0]!r}.")
    if body["input_file_id"] not in CONTENT:
        return _error(400, f"Input file {body['input_file_id']} not found")
    batch_id = _new_id("batch_")
    now = int(time.time())
    BATCHES[batch_id] = {
        "id": batch_id,
        "object": "batch",
        "endpoint": body["endpoint"],
        "errors": None,
        "input_file_id": body["input_file_id"],
        "completion_window": body["completion_window"],
        "status": "validating",
        "output_file_id": None,
        "error_file_id": None,
        "created_at": now,
        "in_progress_at": None,
        "expires_at": now + 86400,
        "finalizing_at": None,
        "completed_at": None,
        "failed_at": None,
        "expired_at": None,
        "cancelling_at": None,
        "cancelled_at": None,
        "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "metadata": body.get("metadata"),
    }
    return web.json_response(BATCHES[batch_id])


async def list_batches(request: web.Request) -> web.StreamResponse:
    return _page(list(BATCHES.values()), request)


async def get_batch(request: web.Request) -> web.StreamResponse:
    batch = BATCHES.get(request.match_info["batch_id"])
    if batch is None:
        return _error(404, "No batch found")
    _run(batch)
    return web.json_response(batch)


async def cancel_batch(request: web.Request) -> web.StreamResponse:
    batch = BATCHES.get(request.match_info["batch_id"])
    if batch is None:
        return _error(404, "No batch found")
    if batch["status"] in ("completed", "failed", "expired"):
        return _error(409, f"Cannot cancel a batch with status '{batch['status']}'.")
    now = int(time.time())
    batch.update(status="cancelled", cancelling_at=now, cancelled_at=now)
    return web.json_response(batch)


def _job(body: dict[str, Any]) -> dict[str, Any]:
    job_id = _new_id("ftjob-")
    JOBS[job_id] = {
        "id": job_id,
        "object": "fine_tuning.job",
        "model": body["model"],
        "created_at": int(time.time()),
        "finished_at": None,
        "fine_tuned_model": None,
        "organization_id": "org-fake",
        "result_files": [],
        "status": "queued",
        "validation_file": body.get("validation_file"),
        "training_file": body["training_file"],
        "hyperparameters": {"n_epochs": "auto", "batch_size": "auto"},
        "trained_tokens": None,
        "seed": body.get("seed") or 42,
        "error": None,
    }
    return JOBS[job_id]


async def create_job(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    if not body.get("model") or body.get("training_file") not in CONTENT:
        return _error(400, "model and an uploaded training_file are required")
    return web.json_response(_job(body))


async def list_jobs(request: web.Request) -> web.StreamResponse:
    return _page(list(JOBS.values()), request)


async def get_job(request: web.Request) -> web.StreamResponse:
    job = JOBS.get(request.match_info["job_id"])
    return web.json_response(job) if job else _error(404, "No such job")


async def cancel_job(request: web.Request) -> web.StreamResponse:
    job = JOBS.get(request.match_info["job_id"])
    if job is None:
        return _error(404, "No such job")
    job.update(status="cancelled", finished_at=int(time.time()))
    return web.json_response(job)


def register(add: Add) -> None:
    add("POST", "/files", create_file)
    add("GET", "/files", list_files)
    add("GET", "/files/{file_id}", get_file)
    add("DELETE", "/files/{file_id}", delete_file)
    add("GET", "/files/{file_id}/content", file_content)
    add("POST", "/batches", create_batch)
    add("GET", "/batches", list_batches)
    add("GET", "/batches/{batch_id}", get_batch)
    add("POST", "/batches/{batch_id}/cancel", cancel_batch)
    add("POST", "/fine_tuning/jobs", create_job)
    add("GET", "/fine_tuning/jobs", list_jobs)
    add("GET", "/fine_tuning/jobs/{job_id}", get_job)
    add("POST", "/fine_tuning/jobs/{job_id}/cancel", cancel_job)
