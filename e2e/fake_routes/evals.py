"""Upstream Evals API as OpenAI serves it: evals and their runs.

LiteLLM appends ``v1/evals`` to the model's ``api_base`` (which already ends in ``/v1``), so
these are registered as ``/v1/evals...`` and arrive as ``/v1/v1/evals...``. A run answers
``queued`` when created and ``completed`` (with result counts) when read back.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web

from ._openai import Add, error, new_id, page, read_json

EVALS: dict[str, dict[str, Any]] = {}
RUNS: dict[str, dict[str, dict[str, Any]]] = {}  # eval id -> run id -> run


def _eval_of(request: web.Request) -> dict[str, Any] | None:
    return EVALS.get(request.match_info["eval_id"])


async def create_eval(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    if not body.get("data_source_config") or not body.get("testing_criteria"):
        return error(400, "data_source_config and testing_criteria are required.")
    config = dict(body["data_source_config"])
    if config.get("type") == "custom":  # OpenAI answers the schema it will validate items with
        config["schema"] = {"type": "object", "properties": {"item": config.pop("item_schema")}}
    now = int(time.time())
    item = {
        "id": new_id("eval"),
        "object": "eval",
        "created_at": now,
        "name": body.get("name") or "",
        "data_source_config": config,
        "testing_criteria": body["testing_criteria"],
        "metadata": body.get("metadata") or {},
    }
    EVALS[item["id"]] = item
    RUNS[item["id"]] = {}
    return web.json_response(item)


async def list_evals(request: web.Request) -> web.StreamResponse:
    return page(list(EVALS.values()), request, newest_first=False)


async def get_eval(request: web.Request) -> web.StreamResponse:
    item = _eval_of(request)
    return error(404, "No eval found.") if item is None else web.json_response(item)


async def update_eval(request: web.Request) -> web.StreamResponse:
    item = _eval_of(request)
    if item is None:
        return error(404, "No eval found.")
    body = await read_json(request)
    item.update({k: v for k, v in body.items() if k in ("name", "metadata")})
    return web.json_response(item)


async def delete_eval(request: web.Request) -> web.StreamResponse:
    eval_id = request.match_info["eval_id"]
    if EVALS.pop(eval_id, None) is None:
        return error(404, "No eval found.")
    RUNS.pop(eval_id, None)
    return web.json_response({"object": "eval.deleted", "deleted": True, "eval_id": eval_id})


async def cancel_eval(request: web.Request) -> web.StreamResponse:
    item = _eval_of(request)
    if item is None:
        return error(404, "No eval found.")
    for run in RUNS[item["id"]].values():
        if run["status"] in ("queued", "in_progress"):
            run["status"] = "cancelled"
    return web.json_response({"id": item["id"], "object": "eval", "status": "cancelled"})


async def create_run(request: web.Request) -> web.StreamResponse:
    item = _eval_of(request)
    if item is None:
        return error(404, "No eval found.")
    body = await read_json(request)
    source = body.get("data_source")
    if not source:
        return error(400, "data_source is required.")
    samples = (source.get("source") or {}).get("content") or []
    run = {
        "id": new_id("evalrun"),
        "object": "eval.run",
        "eval_id": item["id"],
        "created_at": int(time.time()),
        "status": "queued",
        "name": body.get("name") or "",
        "model": (source.get("model") or "fake-gpt"),
        "data_source": source,
        "metadata": body.get("metadata") or {},
        "report_url": f"https://fake.example/evals/{item['id']}",
        "result_counts": {"total": len(samples), "passed": 0, "failed": 0, "errored": 0},
        "per_model_usage": None,
        "per_testing_criteria_results": None,
        "shared_with_openai": False,
        "error": None,
    }
    RUNS[item["id"]][run["id"]] = run
    return web.json_response(run)


def _run_of(request: web.Request) -> dict[str, Any] | None:
    return RUNS.get(request.match_info["eval_id"], {}).get(request.match_info["run_id"])


async def list_runs(request: web.Request) -> web.StreamResponse:
    item = _eval_of(request)
    if item is None:
        return error(404, "No eval found.")
    return page(list(RUNS[item["id"]].values()), request, newest_first=False)


async def get_run(request: web.Request) -> web.StreamResponse:
    run = _run_of(request)
    if run is None:
        return error(404, "No run found.")
    if run["status"] == "queued":  # read back: it has been graded, every sample passing
        total = run["result_counts"]["total"]
        run["status"] = "completed"
        run["result_counts"] = {"total": total, "passed": total, "failed": 0, "errored": 0}
    return web.json_response(run)


async def cancel_run(request: web.Request) -> web.StreamResponse:
    run = _run_of(request)
    if run is None:
        return error(404, "No run found.")
    run["status"] = "cancelled"
    return web.json_response(run)


async def delete_run(request: web.Request) -> web.StreamResponse:
    eval_id, run_id = request.match_info["eval_id"], request.match_info["run_id"]
    if RUNS.get(eval_id, {}).pop(run_id, None) is None:
        return error(404, "No run found.")
    return web.json_response({"object": "eval.run.deleted", "deleted": True, "run_id": run_id})


def register(add: Add) -> None:
    add("POST", "/v1/evals", create_eval)
    add("GET", "/v1/evals", list_evals)
    add("GET", "/v1/evals/{eval_id}", get_eval)
    add("POST", "/v1/evals/{eval_id}", update_eval)
    add("DELETE", "/v1/evals/{eval_id}", delete_eval)
    add("POST", "/v1/evals/{eval_id}/cancel", cancel_eval)
    add("POST", "/v1/evals/{eval_id}/runs", create_run)
    add("GET", "/v1/evals/{eval_id}/runs", list_runs)
    add("GET", "/v1/evals/{eval_id}/runs/{run_id}", get_run)
    add("POST", "/v1/evals/{eval_id}/runs/{run_id}/cancel", cancel_run)
    add("DELETE", "/v1/evals/{eval_id}/runs/{run_id}", delete_run)
