"""client.evals and client.evals.runs: routes, the proxy model in ?model=, bodies, pagers,
results, and bad input refused before any I/O."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import AsyncPager, InternalServerError, LiteLLMClient
from aio_litellm.types.evals import (
    Eval,
    EvalCancelResponse,
    EvalDeleted,
    EvalList,
    EvalRun,
    EvalRunDeleted,
    EvalRunList,
)

from .conftest import FakeProxy, reply

CONFIG = {"type": "custom", "item_schema": {"type": "object"}, "include_sample_schema": True}
CRITERIA = [{"type": "string_check", "name": "eq", "operation": "eq", "input": "a"}]


def an_eval(n: int) -> dict[str, Any]:
    return {
        "id": f"eval_{n}",
        "object": "eval",
        "created_at": 1700000000 + n,
        "name": f"e{n}",
        "data_source_config": {"type": "custom", "schema": {}},
        "testing_criteria": CRITERIA,
        "metadata": {"owner": "qa"},
    }


def a_run(n: int, status: str = "queued") -> dict[str, Any]:
    return {
        "id": f"evalrun_{n}",
        "object": "eval.run",
        "eval_id": "eval_1",
        "status": status,
        "created_at": 1700000000,
        "model": "fake-gpt",
        "data_source": {"type": "jsonl"},
        "result_counts": {"total": 4, "passed": 3, "failed": 1, "errored": 0},
        "report_url": "https://example/report",
    }


def page(items: list[dict[str, Any]], has_more: bool) -> dict[str, Any]:
    return {
        "object": "list",
        "data": items,
        "first_id": items[0]["id"],
        "last_id": items[-1]["id"],
        "has_more": has_more,
    }


async def test_create(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/evals", reply(200, an_eval(1)))
    out = await client.evals.create(
        model="fake-gpt",
        name="e1",
        data_source_config=CONFIG,
        testing_criteria=CRITERIA,
        metadata={"owner": "qa"},
    )
    seen = proxy.calls()[0]
    assert seen.query == {"model": "fake-gpt"}
    # The proxy model travels in the query only: the provider never sees it in the eval.
    assert seen.json() == {
        "name": "e1",
        "data_source_config": CONFIG,
        "testing_criteria": CRITERIA,
        "metadata": {"owner": "qa"},
    }
    assert isinstance(out, Eval)
    assert out.id == "eval_1" and out.created_at == 1700000001
    assert out.testing_criteria == CRITERIA and out.metadata == {"owner": "qa"}
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_create_without_model_sends_no_query(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/evals", reply(200, an_eval(2)))
    await client.evals.create(data_source_config=CONFIG, testing_criteria=CRITERIA)
    assert proxy.calls()[0].raw_path == "/v1/evals"


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/evals", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.evals.create(data_source_config=CONFIG, testing_criteria=CRITERIA)
    assert len(proxy.calls()) == 1


async def test_retrieve_update_delete_cancel(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/evals/eval_1", reply(200, an_eval(1)))
    proxy.on("POST", "/v1/evals/eval_1", reply(200, {**an_eval(1), "name": "renamed"}))
    proxy.on(
        "DELETE",
        "/v1/evals/eval_1",
        reply(200, {"eval_id": "eval_1", "object": "eval.deleted", "deleted": True}),
    )
    proxy.on(
        "POST",
        "/v1/evals/eval_1/cancel",
        reply(200, {"id": "eval_1", "object": "eval", "status": "cancelled"}),
    )
    got = await client.evals.retrieve("eval_1", model="m")
    assert isinstance(got, Eval) and got.name == "e1"
    updated = await client.evals.update("eval_1", model="m", name="renamed")
    assert isinstance(updated, Eval) and updated.name == "renamed"
    deleted = await client.evals.delete("eval_1", model="m")
    assert isinstance(deleted, EvalDeleted) and deleted.deleted and deleted.eval_id == "eval_1"
    cancelled = await client.evals.cancel("eval_1", model="m")
    assert isinstance(cancelled, EvalCancelResponse) and cancelled.status == "cancelled"
    calls = proxy.calls()
    assert [(c.method, c.path) for c in calls] == [
        ("GET", "/v1/evals/eval_1"),
        ("POST", "/v1/evals/eval_1"),
        ("DELETE", "/v1/evals/eval_1"),
        ("POST", "/v1/evals/eval_1/cancel"),
    ]
    assert all(c.query == {"model": "m"} for c in calls)
    assert calls[1].json() == {"name": "renamed"}
    assert calls[0].body == calls[2].body == calls[3].body == b""


async def test_list_walks_pages_keeping_the_model(proxy: FakeProxy, client: LiteLLMClient) -> None:
    pages = [page([an_eval(1), an_eval(2)], True), page([an_eval(3)], False)]
    proxy.on("GET", "/v1/evals", reply(200, pages[0]), reply(200, pages[1]))
    pager = client.evals.list(model="fake-gpt", limit=2, order_by="updated_at")
    assert isinstance(pager, AsyncPager)
    assert [e.id async for e in pager] == ["eval_1", "eval_2", "eval_3"]
    assert [c.query for c in proxy.calls()] == [
        {"limit": "2", "order_by": "updated_at", "model": "fake-gpt"},
        {"limit": "2", "order_by": "updated_at", "model": "fake-gpt", "after": "eval_2"},
    ]
    proxy.on("GET", "/v1/evals", reply(200, pages[0]))
    first = await client.evals.list()
    assert isinstance(first, EvalList) and first.has_more and first.last_id == "eval_2"
    assert proxy.calls()[-1].query == {}


async def test_runs(proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = "/v1/evals/eval_1/runs"
    source = {"type": "jsonl", "source": {"type": "file_content", "content": []}}
    proxy.on("POST", base, reply(200, a_run(1)))
    proxy.on("GET", f"{base}/evalrun_1", reply(200, a_run(1, "completed")))
    proxy.on(
        "POST",
        f"{base}/evalrun_1",
        reply(200, {"id": "evalrun_1", "object": "eval.run", "status": "cancelled"}),
    )
    proxy.on(
        "DELETE",
        f"{base}/evalrun_1",
        reply(200, {"run_id": "evalrun_1", "object": "eval.run.deleted", "deleted": True}),
    )
    created = await client.evals.runs.create("eval_1", model="m", data_source=source, name="r1")
    assert isinstance(created, EvalRun) and created.status == "queued"
    assert created.result_counts is not None and created.result_counts.passed == 3
    got = await client.evals.runs.retrieve("evalrun_1", eval_id="eval_1", model="m")
    assert got.status == "completed" and got.report_url == "https://example/report"
    cancelled = await client.evals.runs.cancel("evalrun_1", eval_id="eval_1", model="m")
    # The proxy answers a cancel with three fields: the rest are absent, not an error.
    assert isinstance(cancelled, EvalRun)
    assert cancelled.status == "cancelled" and cancelled.eval_id is None
    deleted = await client.evals.runs.delete("evalrun_1", eval_id="eval_1", model="m")
    assert isinstance(deleted, EvalRunDeleted) and deleted.deleted and deleted.run_id == "evalrun_1"
    calls = proxy.calls()
    assert [(c.method, c.path) for c in calls] == [
        ("POST", base),
        ("GET", f"{base}/evalrun_1"),
        ("POST", f"{base}/evalrun_1"),
        ("DELETE", f"{base}/evalrun_1"),
    ]
    assert all(c.query == {"model": "m"} for c in calls)
    assert calls[0].json() == {"data_source": source, "name": "r1"}


async def test_runs_list(proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = "/v1/evals/e%2F1/runs"
    pages = [page([a_run(1)], True), page([a_run(2)], False)]
    proxy.on("GET", "/v1/evals/e/1/runs", reply(200, pages[0]), reply(200, pages[1]))
    runs = [r.id async for r in client.evals.runs.list("e/1", model="m", status="completed")]
    assert runs == ["evalrun_1", "evalrun_2"]
    calls = proxy.calls()
    assert all(c.raw_path.startswith(base + "?") for c in calls)
    assert [c.query for c in calls] == [
        {"status": "completed", "model": "m"},
        {"status": "completed", "model": "m", "after": "evalrun_1"},
    ]
    first = await client.evals.runs.list("e/1")
    assert isinstance(first, EvalRunList) and first.data[0].eval_id == "eval_1"


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="data_source_config, testing_criteria"):
        await client.evals.create(name="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="testing_criteria"):
        await client.evals.create(data_source_config=CONFIG, testing_criteria=[])
    with pytest.raises(TypeError, match="data_source"):
        await client.evals.runs.create("eval_1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="eval_id"):
        client.evals.runs.list("")
    with pytest.raises(TypeError, match="eval_id"):
        await client.evals.runs.retrieve("r")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="must not be empty"):
        await client.evals.retrieve("")
    with pytest.raises(ValueError, match="must not be empty"):
        await client.evals.runs.delete("", eval_id="e")
    assert proxy.seen == []
