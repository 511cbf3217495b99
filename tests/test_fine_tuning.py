"""``client.fine_tuning.jobs``: what each method sends and what it returns, and the proxy's
licence refusal as recorded from LiteLLM 1.110.2 (e2e/test_files.py checks it live)."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm.types.fine_tuning import FineTuningJob, FineTuningJobList

from .conftest import FakeProxy, FakeSleep, reply

# What the proxy answers every fine-tuning route without an enterprise licence (recorded).
REFUSAL = {
    "error": {
        "message": "Only premium users can use this endpoint + You must be a LiteLLM "
        "Enterprise user to use this feature. If you have a license please set "
        "`LITELLM_LICENSE` in your env. Get a 7 day trial key here: "
        "https://www.litellm.ai/enterprise#trial. \nPricing: "
        "https://www.litellm.ai/#pricing",
        "type": "internal_server_error",
        "param": None,
        "code": "500",
    }
}


def job_json(job_id: str, status: str = "queued", **extra: Any) -> dict[str, Any]:
    return {
        "id": job_id,
        "object": "fine_tuning.job",
        "model": "gpt-4o-mini",
        "status": status,
        "created_at": 1700000000,
        "training_file": "file-train",
        "result_files": [],
        "hyperparameters": {"n_epochs": "auto", "batch_size": 4},
        "method": {"type": "supervised", "supervised": {"hyperparameters": {}}},
        **extra,
    }


async def test_create_sends_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/fine_tuning/jobs", reply(200, job_json("ftjob-1", seed=7)))
    out = await client.fine_tuning.jobs.create(
        model="gpt-4o-mini",
        training_file="file-train",
        hyperparameters={"n_epochs": 3},
        suffix="mine",
        custom_llm_provider="openai",
    )
    assert isinstance(out, FineTuningJob)
    assert (out.id, out.status, out.seed, out.result_files) == ("ftjob-1", "queued", 7, [])
    assert out.hyperparameters is not None and out.hyperparameters.n_epochs == "auto"
    assert out.hyperparameters.batch_size == 4
    assert out.method is not None and out.method.type == "supervised"
    assert proxy.calls()[0].json() == {
        "model": "gpt-4o-mini",
        "training_file": "file-train",
        "hyperparameters": {"n_epochs": 3},
        "suffix": "mine",
        "custom_llm_provider": "openai",
    }


async def test_the_licence_refusal_is_a_500_not_retried_for_create(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/fine_tuning/jobs", reply(500, REFUSAL, {"Connection": "close"}))
    with pytest.raises(InternalServerError, match="Only premium users") as info:
        await client.fine_tuning.jobs.create(model="m", training_file="f")
    assert info.value.status_code == 500
    assert len(proxy.calls()) == 1 and sleep.waits == []


async def test_create_refuses_missing_arguments_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="training_file"):
        await client.fine_tuning.jobs.create(model="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="fine_tuning_job_id"):
        await client.fine_tuning.jobs.retrieve("")
    with pytest.raises(TypeError, match="fine_tuning_job_id"):
        await client.fine_tuning.jobs.cancel("")
    assert proxy.seen == []


async def test_retrieve_and_cancel(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/fine_tuning/jobs/ft 1", reply(200, job_json("ft 1", "running")))
    proxy.on(
        "POST",
        "/fine_tuning/jobs/ft 1/cancel",
        reply(200, job_json("ft 1", "cancelled", error={"code": "c", "message": "m"})),
    )
    got = await client.fine_tuning.jobs.retrieve("ft 1", custom_llm_provider="azure")
    assert got.status == "running"
    cancelled = await client.fine_tuning.jobs.cancel(
        fine_tuning_job_id="ft 1", custom_llm_provider="openai"
    )
    assert cancelled.status == "cancelled" and cancelled.error is not None
    assert cancelled.error.code == "c"
    get, cancel = proxy.calls()
    assert get.raw_path == "/fine_tuning/jobs/ft%201?custom_llm_provider=azure"
    # The proxy reads the provider of a cancel from its JSON body.
    assert cancel.raw_path == "/fine_tuning/jobs/ft%201/cancel"
    assert cancel.json() == {"custom_llm_provider": "openai"}


async def test_list_walks_the_cursor_by_item_id(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # OpenAI's job list has no last_id: the cursor is the last job's id.
    pages = {
        None: {"data": [job_json("j1"), job_json("j2")], "has_more": True},
        "j2": {"data": [job_json("j3")], "has_more": False},
    }

    async def page(request: web.Request) -> web.StreamResponse:
        return web.json_response({"object": "list", **pages[request.query.get("after")]})

    proxy.on("GET", "/fine_tuning/jobs", page)
    ids = [j.id async for j in client.fine_tuning.jobs.list(custom_llm_provider="openai")]
    assert ids == ["j1", "j2", "j3"]
    assert [c.query for c in proxy.calls()] == [
        {"custom_llm_provider": "openai"},
        {"custom_llm_provider": "openai", "after": "j2"},
    ]
    first = await client.fine_tuning.jobs.list(limit=2)
    assert isinstance(first, FineTuningJobList) and first.has_more
