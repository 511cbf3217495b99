"""``client.guardrails``: what each method sends, what it returns, pagers, refusals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import BadRequestError, InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import guardrails as guardrails_module
from aio_litellm.types.guardrails import (
    ApplyGuardrailResponse,
    Guardrail,
    GuardrailParams,
    GuardrailSubmission,
    UsageLogEntry,
)

from .conftest import FakeProxy, reply

DEFINITION = {"guardrail_name": "g1", "litellm_params": {"guardrail": "x", "mode": "pre_call"}}

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "guardrails.create": {"guardrail": DEFINITION},
    "guardrails.update": {"guardrail": DEFINITION},
    "guardrails.apply": {"guardrail_name": "g1", "text": "hi"},
    "guardrails.register": {"guardrail_name": "g1", "litellm_params": {"guardrail": "x"}},
    "guardrails.test_custom_code": {"custom_code": "def f(): pass", "test_input": {"t": 1}},
    "guardrails.validate_blocked_words_file": {"file_content": "blocked_words: []"},
}


def guardrail(gid: str = "g-1", **extra: Any) -> dict[str, Any]:
    return {
        "guardrail_id": gid,
        "guardrail_name": f"name-{gid}",
        "litellm_params": {
            "guardrail": "litellm_content_filter",
            "mode": "pre_call",
            "default_on": False,
            "api_key": "sk-****",
        },
        "guardrail_info": {"description": "d"},
        "created_at": "2026-01-01T00:00:00Z",
        "guardrail_definition_location": "db",
        **extra,
    }


def test_every_inventory_row_is_declared() -> None:
    path = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with path.open() as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["group"] == "guardrails"]
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("guardrails.")}
    assert guardrails_module.LIST in REGISTRY
    assert {(r["method"], r["path"]) for r in rows} == declared
    assert len(rows) == 22


async def test_create_retrieve_update_patch_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/guardrails", reply(200, guardrail()))
    created = await client.guardrails.create(guardrail=DEFINITION)
    assert isinstance(created, Guardrail) and created.guardrail_id == "g-1"
    assert isinstance(created.litellm_params, GuardrailParams)
    assert created.litellm_params.guardrail == "litellm_content_filter"
    assert created.litellm_params.model_extra == {"api_key": "sk-****"}
    assert proxy.calls()[-1].json() == {"guardrail": DEFINITION}

    proxy.on("GET", "/guardrails/g 1", reply(200, guardrail("g 1", extra_field=1)))
    got = await client.guardrails.retrieve("g 1")
    assert got.guardrail_id == "g 1" and got.model_extra == {"extra_field": 1}
    assert proxy.calls()[-1].raw_path == "/guardrails/g%201"

    proxy.on("PUT", "/guardrails/g-1", reply(200, guardrail()))
    await client.guardrails.update("g-1", guardrail=DEFINITION)
    assert proxy.calls()[-1].json() == {"guardrail": DEFINITION}

    proxy.on("PATCH", "/guardrails/g-1", reply(200, guardrail(guardrail_name="new")))
    patched = await client.guardrails.patch("g-1", guardrail_name="new")
    assert patched.guardrail_name == "new"
    assert proxy.calls()[-1].json() == {"guardrail_name": "new"}

    message = {"message": "Guardrail g-1 deleted successfully"}
    proxy.on("DELETE", "/guardrails/g-1", reply(200, message))
    deleted = await client.guardrails.delete("g-1")
    assert deleted.message == "Guardrail g-1 deleted successfully"


async def test_create_is_not_resent_but_reads_are(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/guardrails", reply(500, {"detail": "boom"}))
    with pytest.raises(InternalServerError):
        await client.guardrails.create(guardrail=DEFINITION)
    assert len(proxy.calls("POST", "/guardrails")) == 1

    proxy.on("GET", "/guardrails/g-1", reply(502, {}), reply(200, guardrail()))
    assert (await client.guardrails.retrieve("g-1")).guardrail_id == "g-1"
    assert len(proxy.calls("GET", "/guardrails/g-1")) == 2


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="guardrail"):
        await client.guardrails.create()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="must be a dict, not str"):
        await client.guardrails.create(guardrail="g1")  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match="litellm_params"):
        await client.guardrails.update("g-1", guardrail={"guardrail_name": "g1"})
    with pytest.raises(TypeError, match="text"):
        await client.guardrails.apply(guardrail_name="g1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="litellm_params"):
        await client.guardrails.register(guardrail_name="g1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="test_input"):
        await client.guardrails.test_custom_code(custom_code="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="file_content"):
        await client.guardrails.validate_blocked_words_file("")
    with pytest.raises(ValueError, match="must not be empty"):
        await client.guardrails.retrieve("")
    assert proxy.seen == []


async def test_lists_answer_every_guardrail_at_once(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/guardrails/list", reply(200, {"guardrails": [guardrail("a")]}))
    proxy.on(
        "GET", "/v2/guardrails/list", reply(200, {"guardrails": [guardrail("a"), guardrail("b")]})
    )
    page = await client.guardrails.list()
    assert [g.guardrail_id for g in page.guardrails] == ["a"]
    ids = [g.guardrail_id async for g in client.guardrails.list_v2()]
    assert ids == ["a", "b"]
    assert len(proxy.calls("GET", "/v2/guardrails/list")) == 1


async def test_apply(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/apply_guardrail", reply(200, {"response_text": "my [EMAIL]"}))
    result = await client.guardrails.apply(guardrail_name="pii", text="my a@b.c", language="en")
    assert isinstance(result, ApplyGuardrailResponse) and result.response_text == "my [EMAIL]"
    assert proxy.calls()[-1].json() == {
        "guardrail_name": "pii",
        "text": "my a@b.c",
        "language": "en",
    }

    proxy.on("POST", "/apply_guardrail", reply(400, {"error": {"message": "blocked"}}))
    with pytest.raises(BadRequestError, match="blocked"):
        await client.guardrails.apply(guardrail_name="pii", text="bad")


async def test_register_and_submissions(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {"guardrail_id": "s1", "guardrail_name": "g1", "status": "pending_review"}
    proxy.on("POST", "/guardrails/register", reply(200, answer))
    params = {"guardrail": "generic_guardrail_api", "api_base": "http://x"}
    registered = await client.guardrails.register(
        guardrail_name="g1", litellm_params=params, team_id="t1"
    )
    assert registered.status == "pending_review"
    assert proxy.calls()[-1].json() == {
        "guardrail_name": "g1",
        "litellm_params": params,
        "team_id": "t1",
    }

    submission = {**answer, "team_id": "t1", "team_guardrail": True}
    listing = {
        "submissions": [submission],
        "summary": {"total": 3, "pending_review": 1, "active": 1, "rejected": 1},
    }
    proxy.on("GET", "/guardrails/submissions", reply(200, listing))
    page = await client.guardrails.submissions.list(status="pending_review", team_id="t1")
    assert page.summary is not None and page.summary.total == 3
    assert proxy.calls()[-1].query == {"status": "pending_review", "team_id": "t1"}
    items = [s async for s in client.guardrails.submissions.list()]
    assert [type(s) for s in items] == [GuardrailSubmission]

    proxy.on("GET", "/guardrails/submissions/s1", reply(200, submission))
    assert (await client.guardrails.submissions.retrieve("s1")).team_id == "t1"

    decided = {"guardrail_id": "s1", "status": "active", "message": "Guardrail approved"}
    proxy.on("POST", "/guardrails/submissions/s1/approve", reply(200, decided))
    assert (await client.guardrails.submissions.approve("s1")).status == "active"
    proxy.on("POST", "/guardrails/submissions/s1/reject", reply(500, {"detail": "x"}))
    with pytest.raises(InternalServerError):
        await client.guardrails.submissions.reject("s1")
    assert len(proxy.calls("POST", "/guardrails/submissions/s1/reject")) == 1


async def test_custom_code_and_blocked_words(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {"success": True, "result": {"action": "allow"}}
    proxy.on("POST", "/guardrails/test_custom_code", reply(200, answer))
    tested = await client.guardrails.test_custom_code(
        custom_code="def apply_guardrail(i, r, t): return allow()", test_input={"texts": ["a"]}
    )
    assert tested.success and tested.result == {"action": "allow"}

    invalid = {"valid": False, "errors": ["Entry 0: missing keyword"]}
    proxy.on("POST", "/guardrails/validate_blocked_words_file", reply(200, invalid))
    checked = await client.guardrails.validate_blocked_words_file("blocked_words: [{}]")
    assert (checked.valid, checked.errors) == (False, ["Entry 0: missing keyword"])
    assert proxy.calls()[-1].json() == {"file_content": "blocked_words: [{}]"}


async def test_ui_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    settings = {"supported_entities": ["EMAIL_ADDRESS"], "supported_modes": ["pre_call"]}
    proxy.on("GET", "/guardrails/ui/add_guardrail_settings", reply(200, settings))
    got = await client.guardrails.ui.add_guardrail_settings()
    assert got.supported_entities == ["EMAIL_ADDRESS"] and got.supported_actions == []

    category = {"category_name": "harm", "yaml_content": "x: 1", "file_type": "yaml"}
    proxy.on("GET", "/guardrails/ui/category_yaml/harm", reply(200, category))
    assert (await client.guardrails.ui.category_yaml("harm")).yaml_content == "x: 1"

    proxy.on("GET", "/guardrails/ui/major_airlines", reply(200, {"airlines": [{"id": "BA"}]}))
    assert (await client.guardrails.ui.major_airlines()).airlines == [{"id": "BA"}]

    params = {"bedrock": {"guardrailIdentifier": {"required": True}}}
    proxy.on("GET", "/guardrails/ui/provider_specific_params", reply(200, params))
    assert await client.guardrails.ui.provider_specific_params() == params


async def test_usage_overview_and_detail(proxy: FakeProxy, client: LiteLLMClient) -> None:
    overview = {
        "rows": [{"id": "g-1", "name": "n", "requestsEvaluated": 4, "failRate": 25.0}],
        "chart": [{"date": "2026-01-01", "passed": 3, "blocked": 1}],
        "totalRequests": 4,
        "totalBlocked": 1,
        "passRate": 75.0,
    }
    proxy.on("GET", "/guardrails/usage/overview", reply(200, overview))
    got = await client.guardrails.usage.overview(start_date="2026-01-01", end_date="2026-01-07")
    assert got.rows[0].requests_evaluated == 4 and got.chart[0].blocked == 1
    assert proxy.calls()[-1].query == {"start_date": "2026-01-01", "end_date": "2026-01-07"}

    detail = {"guardrail_id": "g-1", "guardrail_name": "n", "time_series": [], "failRate": 0}
    proxy.on("GET", "/guardrails/usage/detail/g-1", reply(200, detail))
    got_detail = await client.guardrails.usage.detail("g-1", start_date="2026-01-01")
    assert got_detail.guardrail_name == "n"
    assert proxy.calls()[-1].query == {"start_date": "2026-01-01"}


def log(i: int) -> dict[str, Any]:
    return {"id": f"r{i}", "timestamp": "t", "action": "blocked"}


async def test_usage_logs_walk_to_total_past_filtered_pages(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # Page 2 lost its runs to the action filter; page 3 still has some.
    proxy.on(
        "GET",
        "/guardrails/usage/logs",
        reply(200, {"logs": [log(1), log(2)], "total": 5, "page": 1, "page_size": 2}),
        reply(200, {"logs": [], "total": 5, "page": 2, "page_size": 2}),
        reply(200, {"logs": [log(5)], "total": 5, "page": 3, "page_size": 2}),
    )
    pager = client.guardrails.usage.logs(guardrail_id="g-1", action="blocked", page_size=2)
    ids = [e.id async for e in pager]
    assert ids == ["r1", "r2", "r5"]
    assert [c.query["page"] for c in proxy.calls()] == ["1", "2", "3"]
    assert proxy.calls()[0].query == {
        "page": "1",
        "guardrail_id": "g-1",
        "action": "blocked",
        "page_size": "2",
    }


async def test_usage_logs_first_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/guardrails/usage/logs", reply(200, {"logs": [log(1)], "total": 1}))
    page = await client.guardrails.usage.logs(policy_id="p-1")
    assert isinstance(page.logs[0], UsageLogEntry) and page.page_size == 50
    items = [e async for e in client.guardrails.usage.logs(policy_id="p-1")]
    assert len(items) == 1
    assert len(proxy.calls()) == 2  # the walk stops at total
