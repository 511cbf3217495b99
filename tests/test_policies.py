"""``client.policies``: what each method sends, what it returns, pagers, streams, refusals."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import policies as policies_module
from aio_litellm.types.policies import (
    Policy,
    PolicyAttachment,
    PolicySummary,
    PolicyTemplateEvent,
)

from .conftest import FakeProxy, reply, sse

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "policies.create": {"policy_name": "p"},
    "policies.update_status": {"version_status": "published"},
    "policies.compare": {"version_a": "a", "version_b": "b"},
    "policies.test_pipeline": {"pipeline": {"steps": []}, "test_messages": [{"content": "x"}]},
    "policies.validate": {"policies": {"p": {}}},
    "policies.test_guardrails": {"inputs_list": [{"texts": ["x"]}]},
    "policies.attachments.create": {"policy_name": "p"},
    "policies.attachments.estimate_impact": {"policy_name": "p"},
    "policies.templates.enrich": {"template_id": "t", "parameters": {"brand": "b"}},
    "policies.templates.enrich_stream": {"template_id": "t", "parameters": {"brand": "b"}},
    "policies.templates.test": {"guardrail_definitions": [{}], "text": "x"},
}


def policy(pid: str = "p-1", **extra: Any) -> dict[str, Any]:
    return {
        "policy_id": pid,
        "policy_name": "pol",
        "version_number": 1,
        "version_status": "draft",
        "guardrails_add": ["g1"],
        "guardrails_remove": [],
        "pipeline": {"mode": "pre_call", "steps": []},
        "created_at": "2026-01-01T00:00:00Z",
        "definition_location": "db",
        **extra,
    }


def attachment(aid: str = "a-1") -> dict[str, Any]:
    return {"attachment_id": aid, "policy_name": "pol", "teams": ["t-*"], "priority": 1}


def test_every_inventory_row_is_declared() -> None:
    path = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with path.open() as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["group"] == "policies"]
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("policies.")}
    assert policies_module.CREATE in REGISTRY
    assert {(r["method"], r["path"]) for r in rows} == declared
    assert len(rows) == 29


async def test_policy_crud(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/policies", reply(200, policy()))
    created = await client.policies.create(
        policy_name="pol", guardrails_add=["g1"], description="d"
    )
    assert isinstance(created, Policy) and created.guardrails_add == ["g1"]
    assert created.pipeline == {"mode": "pre_call", "steps": []}
    assert proxy.calls()[-1].json() == {
        "policy_name": "pol",
        "guardrails_add": ["g1"],
        "description": "d",
    }

    proxy.on("GET", "/policies/p-1", reply(200, policy(future_field="kept")))
    got = await client.policies.retrieve("p-1")
    assert got.model_extra == {"future_field": "kept"}

    proxy.on("PUT", "/policies/p-1", reply(200, policy(description="new")))
    updated = await client.policies.update("p-1", description="new")
    assert updated.description == "new"
    assert proxy.calls()[-1].json() == {"description": "new"}

    proxy.on("PUT", "/policies/p-1/status", reply(200, policy(version_status="published")))
    assert (await client.policies.update_status("p-1", "published")).version_status == "published"
    assert proxy.calls()[-1].json() == {"version_status": "published"}

    resolved = {"policy_id": "p-1", "policy_name": "pol", "resolved_guardrails": ["g0", "g1"]}
    proxy.on("GET", "/policies/p-1/resolved-guardrails", reply(200, resolved))
    got_resolved = await client.policies.resolved_guardrails("p-1")
    assert got_resolved.resolved_guardrails == ["g0", "g1"]

    proxy.on("DELETE", "/policies/p-1", reply(200, {"message": "Policy p-1 deleted"}))
    assert (await client.policies.delete("p-1")).message == "Policy p-1 deleted"


async def test_create_is_not_resent(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/policies", reply(500, {"detail": "x"}))
    with pytest.raises(InternalServerError):
        await client.policies.create(policy_name="pol")
    assert len(proxy.calls()) == 1


async def test_list_and_compare(proxy: FakeProxy, client: LiteLLMClient) -> None:
    listing = {"policies": [policy("a"), policy("b")], "total_count": 2}
    proxy.on("GET", "/policies/list", reply(200, listing))
    ids = [p.policy_id async for p in client.policies.list(version_status="draft")]
    assert ids == ["a", "b"]
    assert proxy.calls()[-1].query == {"version_status": "draft"}
    assert (await client.policies.list()).total_count == 2

    diff = {
        "version_a": policy("a"),
        "version_b": policy("b", version_number=2),
        "field_diffs": {"version_number": {"version_a": 1, "version_b": 2}},
    }
    proxy.on("GET", "/policies/compare", reply(200, diff))
    compared = await client.policies.compare("a", "b")
    assert compared.version_b is not None and compared.version_b.version_number == 2
    assert proxy.calls()[-1].query == {"version_a": "a", "version_b": "b"}


async def test_versions(proxy: FakeProxy, client: LiteLLMClient) -> None:
    versions = {"policy_name": "my pol", "versions": [policy("v2"), policy("v1")], "total_count": 2}
    proxy.on("GET", "/policies/name/my pol/versions", reply(200, versions))
    ids = [v.policy_id async for v in client.policies.versions.list("my pol")]
    assert ids == ["v2", "v1"]
    assert proxy.calls()[-1].raw_path == "/policies/name/my%20pol/versions"

    proxy.on("POST", "/policies/name/pol/versions", reply(200, policy("v3")))
    assert (await client.policies.versions.create("pol", source_policy_id="v1")).policy_id == "v3"
    assert proxy.calls()[-1].json() == {"source_policy_id": "v1"}

    proxy.on("DELETE", "/policies/name/pol/all-versions", reply(200, {"message": "gone"}))
    assert (await client.policies.versions.delete_all("pol")).message == "gone"


async def test_attachments(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/policies/attachments", reply(200, attachment()))
    created = await client.policies.attachments.create(policy_name="pol", teams=["t-*"])
    assert isinstance(created, PolicyAttachment) and created.teams == ["t-*"]
    assert proxy.calls()[-1].json() == {"policy_name": "pol", "teams": ["t-*"]}

    listing = {"attachments": [attachment("a-1"), attachment("a-2")], "total_count": 2}
    proxy.on("GET", "/policies/attachments/list", reply(200, listing))
    assert [a.attachment_id async for a in client.policies.attachments.list()] == ["a-1", "a-2"]

    proxy.on("GET", "/policies/attachments/a-1", reply(200, attachment()))
    assert (await client.policies.attachments.retrieve("a-1")).priority == 1

    proxy.on("DELETE", "/policies/attachments/a-1", reply(200, {"message": "deleted"}))
    assert (await client.policies.attachments.delete("a-1")).message == "deleted"

    impact = {"affected_keys_count": 3, "affected_teams_count": 1, "sample_teams": ["t-1"]}
    proxy.on("POST", "/policies/attachments/estimate-impact", reply(200, impact))
    estimate = await client.policies.attachments.estimate_impact(policy_name="pol", scope="*")
    assert (estimate.affected_keys_count, estimate.sample_teams) == (3, ["t-1"])
    assert proxy.calls()[-1].json() == {"policy_name": "pol", "scope": "*"}


async def test_resolve_and_usage(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {
        "effective_guardrails": ["g1"],
        "matched_policies": [
            {"policy_name": "pol", "matched_via": "team:t", "guardrails_added": ["g1"]}
        ],
    }
    proxy.on("POST", "/policies/resolve", reply(200, answer))
    resolved = await client.policies.resolve(team_alias="t", model="m")
    assert resolved.matched_policies[0].matched_via == "team:t"
    assert proxy.calls()[-1].json() == {"team_alias": "t", "model": "m"}
    assert proxy.calls()[-1].query == {}
    await client.policies.resolve(force_sync=True, tags=["x"])
    assert proxy.calls()[-1].query == {"force_sync": "true"}
    assert proxy.calls()[-1].json() == {"tags": ["x"]}

    overview = {"rows": [{"id": "p-1", "requestsEvaluated": 2}], "totalRequests": 2}
    proxy.on("GET", "/policies/usage/overview", reply(200, overview))
    usage = await client.policies.usage_overview(start_date="2026-01-01")
    assert usage.total_requests == 2 and usage.rows[0].id == "p-1"
    assert proxy.calls()[-1].query == {"start_date": "2026-01-01"}


async def test_pipeline_and_engine_tests(proxy: FakeProxy, client: LiteLLMClient) -> None:
    result = {
        "terminal_action": "block",
        "step_results": [{"guardrail_name": "g1", "outcome": "fail", "action_taken": "block"}],
    }
    proxy.on("POST", "/policies/test-pipeline", reply(200, result))
    pipeline = {"mode": "pre_call", "steps": [{"guardrail": "g1"}]}
    messages = [{"role": "user", "content": "x"}]
    tested = await client.policies.test_pipeline(pipeline=pipeline, test_messages=messages)
    assert tested.step_results[0].outcome == "fail"
    assert proxy.calls()[-1].json() == {"pipeline": pipeline, "test_messages": messages}

    match = {"context": {"model": "m"}, "matching_policies": ["pol"], "resolved_guardrails": []}
    proxy.on("POST", "/policy/test", reply(200, match))
    matched = await client.policies.test(model="m")
    assert matched.context is not None and matched.context.model == "m"

    validation = {
        "valid": False,
        "errors": [{"policy_name": "p", "error_type": "invalid_guardrail", "message": "no g"}],
    }
    proxy.on("POST", "/policy/validate", reply(200, validation))
    checked = await client.policies.validate({"p": {"guardrails": {"add": ["nope"]}}})
    assert not checked.valid and checked.errors[0].error_type == "invalid_guardrail"
    assert proxy.calls()[-1].json() == {"policies": {"p": {"guardrails": {"add": ["nope"]}}}}

    results = {"results": [{"inputs": {"texts": ["x"]}, "guardrail_errors": []}]}
    proxy.on("POST", "/utils/test_policies_and_guardrails", reply(200, results))
    applied = await client.policies.test_guardrails(
        guardrail_names=["g1"], inputs_list=[{"texts": ["x"]}]
    )
    assert applied.results[0]["guardrail_errors"] == []


async def test_loaded_policies(proxy: FakeProxy, client: LiteLLMClient) -> None:
    summary = {
        "scope": {"teams": ["*"]},
        "guardrails": {"add": ["g1"]},
        "resolved_guardrails": ["g1"],
        "inheritance_chain": ["pol"],
    }
    proxy.on("GET", "/policy/list", reply(200, {"policies": {"pol": summary}, "total_count": 1}))
    loaded = await client.policies.loaded.list()
    assert isinstance(loaded.policies["pol"], PolicySummary)
    assert loaded.policies["pol"].scope is not None and loaded.policies["pol"].scope.teams == ["*"]

    proxy.on("GET", "/policy/info/pol", reply(200, {"policy_name": "pol", **summary}))
    info = await client.policies.loaded.info("pol")
    assert info.policy_name == "pol" and info.resolved_guardrails == ["g1"]


async def test_templates(proxy: FakeProxy, client: LiteLLMClient) -> None:
    templates = [{"id": "t1", "guardrailDefinitions": []}, {"id": "t2"}]
    proxy.on("GET", "/policy/templates", reply(200, templates))
    assert [t["id"] async for t in client.policies.templates.list()] == ["t1", "t2"]

    enriched = {"guardrailDefinitions": [{"guardrail_name": "c"}], "competitors": ["A"]}
    proxy.on("POST", "/policy/templates/enrich", reply(200, enriched))
    got = await client.policies.templates.enrich(template_id="t1", parameters={"brand": "B"})
    assert got.competitors == ["A"] and got.competitor_variations == {}
    assert proxy.calls()[-1].json() == {"template_id": "t1", "parameters": {"brand": "B"}}

    proxy.on("POST", "/policy/templates/enrich", reply(500, {"detail": "llm down"}))
    with pytest.raises(InternalServerError):
        await client.policies.templates.enrich(template_id="t1", parameters={"brand": "B"})
    assert len(proxy.calls("POST", "/policy/templates/enrich")) == 2  # one per call

    suggestion = {"selected_templates": [{"template_id": "t1"}], "explanation": "why"}
    proxy.on("POST", "/policy/templates/suggest", reply(200, suggestion))
    suggested = await client.policies.templates.suggest(attack_examples=["ignore all"])
    assert suggested.explanation == "why"

    outcome = {
        "overall_action": "blocked",
        "results": [{"guardrail_name": "g", "action": "blocked"}],
    }
    proxy.on("POST", "/policy/templates/test", reply(200, outcome))
    checked = await client.policies.templates.test(guardrail_definitions=[{"x": 1}], text="hi")
    assert checked.results[0].action == "blocked"


def event(body: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(body) + b"\n\n"


async def test_enrich_stream(proxy: FakeProxy, client: LiteLLMClient) -> None:
    events = (
        event({"type": "competitor", "name": "A"}),
        event({"type": "status", "message": "Generating"}),
        event({"type": "done", "competitors": ["A"], "guardrailDefinitions": []}),
    )
    proxy.on("POST", "/policy/templates/enrich/stream", sse(*events, done=False))
    stream = await client.policies.templates.enrich_stream(template_id="t1", parameters={"b": 1})
    got = [e async for e in stream]
    assert all(isinstance(e, PolicyTemplateEvent) for e in got)
    assert [e.type for e in got] == ["competitor", "status", "done"]
    assert got[0].name == "A" and got[2].competitors == ["A"]


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="policy_name"):
        await client.policies.create()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="policy_name"):
        await client.policies.attachments.create(teams=["t"])  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="policy_name"):
        await client.policies.attachments.estimate_impact()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="version_b"):
        await client.policies.compare("a", "")
    with pytest.raises(TypeError, match="version_status"):
        await client.policies.update_status("p-1", "")
    with pytest.raises(TypeError, match="must be a dict, not list"):
        await client.policies.validate([])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="test_messages"):
        await client.policies.test_pipeline(pipeline={})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="inputs_list"):
        await client.policies.test_guardrails(guardrail_names=["g"])
    with pytest.raises(TypeError, match="parameters"):
        await client.policies.templates.enrich(template_id="t")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="parameters"):
        await client.policies.templates.enrich_stream(template_id="t")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="text"):
        await client.policies.templates.test(guardrail_definitions=[{}])  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="must not be empty"):
        await client.policies.retrieve("")
    assert proxy.seen == []
