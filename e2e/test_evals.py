"""Evals and their runs through the real proxy to the fake provider (e2e/fake_routes/evals.py),
routed by the proxy model named in ``?model=``."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from aio_litellm import InternalServerError, LiteLLMClient, NotFoundError
from aio_litellm.types.evals import EvalRun

pytestmark = pytest.mark.e2e

MODEL = "fake-gpt"
CONFIG = {"type": "custom", "item_schema": {"type": "object"}, "include_sample_schema": False}
CRITERIA = [
    {
        "type": "string_check",
        "name": "exact",
        "input": "{{sample.output_text}}",
        "reference": "{{item.answer}}",
        "operation": "eq",
    }
]


async def make_eval(admin: LiteLLMClient, name: str) -> Any:
    return await admin.evals.create(
        model=MODEL,
        name=name,
        data_source_config=CONFIG,
        testing_criteria=CRITERIA,
        # LiteLLM 1.110 drops "metadata" itself; extra_body is merged into what it sends.
        extra_body={"metadata": {"suite": "e2e"}},
    )


async def test_eval_lifecycle(admin: LiteLLMClient) -> None:
    name = f"e2e {uuid.uuid4().hex[:8]}"
    created = await make_eval(admin, name)
    assert created.id.startswith("eval_") and created.name == name
    assert created.testing_criteria == CRITERIA and created.metadata == {"suite": "e2e"}
    assert created.data_source_config is not None
    assert created.data_source_config["type"] == "custom"
    assert created.raw_response is not None and created.raw_response.status_code == 200
    plain = await admin.evals.create(
        model=MODEL, data_source_config=CONFIG, testing_criteria=CRITERIA, metadata={"a": "b"}
    )
    assert plain.metadata == {}  # the documented loss
    await admin.evals.delete(plain.id, model=MODEL)

    got = await admin.evals.retrieve(created.id, model=MODEL)
    assert got.id == created.id and got.created_at == created.created_at

    # LiteLLM 1.110 cannot answer an update (a datetime in its response path): a proxy bug.
    with pytest.raises(InternalServerError, match="not JSON serializable"):
        await admin.evals.update(created.id, model=MODEL, name="renamed")

    cancelled = await admin.evals.cancel(created.id, model=MODEL)
    assert cancelled.id == created.id and cancelled.status == "cancelled"

    deleted = await admin.evals.delete(created.id, model=MODEL)
    assert deleted.deleted and deleted.eval_id == created.id
    with pytest.raises(NotFoundError):
        await admin.evals.retrieve(created.id, model=MODEL)


async def test_list_walks_pages(admin: LiteLLMClient) -> None:
    tag = uuid.uuid4().hex[:8]
    made = [await make_eval(admin, f"page {tag} {i}") for i in range(3)]
    first = await admin.evals.list(model=MODEL, limit=2)
    assert len(first.data) == 2 and first.has_more
    # The proxy forwards after/limit: the walk reaches every eval, each once.
    walked = [e.id async for e in admin.evals.list(model=MODEL, limit=2)]
    assert len(walked) == len(set(walked))
    assert {e.id for e in made} <= set(walked)
    for e in made:
        await admin.evals.delete(e.id, model=MODEL)


async def test_runs(admin: LiteLLMClient) -> None:
    parent = await make_eval(admin, "runs")
    source = {
        "type": "jsonl",
        "source": {
            "type": "file_content",
            "content": [{"item": {"answer": "4"}, "sample": {"output_text": "4"}}] * 3,
        },
    }
    runs = admin.evals.runs
    created = await runs.create(parent.id, model=MODEL, data_source=source, name="r1")
    assert isinstance(created, EvalRun)
    assert created.eval_id == parent.id and created.status == "queued" and created.name == "r1"
    assert created.data_source == source

    done = await runs.retrieve(created.id, eval_id=parent.id, model=MODEL)
    assert done.status == "completed"
    assert done.result_counts is not None and done.result_counts.passed == 3

    second = await runs.create(parent.id, model=MODEL, data_source=source)
    listed = [r.id async for r in runs.list(parent.id, model=MODEL, limit=1)]
    assert listed == [created.id, second.id]

    cancelled = await runs.cancel(second.id, eval_id=parent.id, model=MODEL)
    assert cancelled.id == second.id and cancelled.status == "cancelled"

    gone = await runs.delete(created.id, eval_id=parent.id, model=MODEL)
    assert gone.deleted and gone.run_id == created.id
    assert [r.id async for r in runs.list(parent.id, model=MODEL)] == [second.id]
    await admin.evals.delete(parent.id, model=MODEL)
