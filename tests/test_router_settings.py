"""``client.router_settings``: wire routes, bodies and queries, typed results, refusals before
I/O, and that every inventory row of the group is declared."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._routes import all_endpoints
from aio_litellm.types.router_settings import RouterSettingsInfo, ShadowEvalJob

from .conftest import FakeProxy, reply

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

CONFIG = {"tiers": {"SIMPLE": ["fake-gpt"]}, "classifier_type": "heuristic"}

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "router_settings.auto_router.test_routing": {"complexity_router_config": CONFIG},
    "router_settings.auto_router.validate": {"complexity_router_config": CONFIG},
    "router_settings.shadow_evals.start": {"shadow_percentage": 5.0},
}


def job(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "job_id": f"job-{i}",
        "targets": [{"target_type": "team", "target_id": "t1", "max_turns": 10}],
        "router_names": ["auto"],
        "models": ["fake-gpt"],
        "judge_model": "fake-gpt",
        "shadow_percentage": 5.0,
        "created_at": "2026-01-01T00:00:00Z",
        "ends_at": "2026-01-08T00:00:00Z",
        "status": "active",
        **extra,
    }


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "routerSettings"
        }
    declared = {
        (ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("router_settings.")
    }
    assert len(rows) == 14
    assert rows <= declared


async def test_settings_and_fields(proxy: FakeProxy, client: LiteLLMClient) -> None:
    field = {
        "field_name": "routing_strategy",
        "field_type": "String",
        "field_value": "simple-shuffle",
        "field_description": "how",
        "options": ["simple-shuffle", "least-busy"],
        "ui_field_name": "Routing Strategy",
    }
    common = {
        "fields": [field],
        "routing_strategy_descriptions": {"simple-shuffle": "random"},
        "routing_group_strategies": ["priority"],
    }
    proxy.on(
        "GET",
        "/router/settings",
        reply(
            200,
            {
                **common,
                "current_values": {"num_retries": 0, "x_unknown": 1},
                "source": {"num_retries": "config"},
            },
        ),
    )
    proxy.on("GET", "/router/fields", reply(200, common))
    proxy.on("GET", "/adaptive_router/state", reply(200, {"routers": [{"router_name": "a"}]}))
    got = await client.router_settings.retrieve()
    assert isinstance(got, RouterSettingsInfo)
    assert got.current_values == {"num_retries": 0, "x_unknown": 1}
    assert got.source == {"num_retries": "config"}
    assert got.fields[0].options == ["simple-shuffle", "least-busy"]
    fields = await client.router_settings.fields()
    assert fields.routing_group_strategies == ["priority"] and not hasattr(fields, "current_values")
    state = await client.router_settings.adaptive_state()
    assert state.routers == [{"router_name": "a"}]


async def test_auto_router_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/auto_router/availability",
        reply(200, {"allowances": [{"key": "complexity", "limit": 1, "remaining": 0}]}),
    )
    proxy.on(
        "GET",
        "/auto_router/benchmarks",
        reply(200, {"start_date": "2026-01-01", "end_date": "2026-01-02", "routers_in_scope": 2}),
    )
    proxy.on("GET", "/auto_router/classifier/default_prompt", reply(200, {"system_prompt": "p"}))
    proxy.on("POST", "/auto_router/classifier/default_prompt", reply(200, {"system_prompt": "q"}))
    proxy.on(
        "GET",
        "/auto_router/session",
        reply(200, {"session_id": "s1", "router_name": "auto", "turns": 3, "spend": 0.5}),
    )
    proxy.on(
        "POST",
        "/auto_router/test_routing",
        reply(200, {"routed_model": "fake-gpt", "routed_model_configured": True}),
    )
    proxy.on(
        "POST",
        "/auto_router/validate_complexity_router_config",
        reply(200, {"valid": False, "error": "no tiers"}),
    )
    auto = client.router_settings.auto_router
    avail = await auto.availability(team_id="t1")
    assert avail.allowances[0].remaining == 0
    bench = await auto.benchmarks(start_date="2026-01-01", end_date="2026-01-02")
    assert bench.routers_in_scope == 2 and bench.groups == []
    assert (await auto.classifier_prompt(context_window_size=2)).system_prompt == "p"
    preview = await auto.preview_classifier_prompt(classification_rubric="chat")
    assert preview.system_prompt == "q"
    session = await auto.session("s1")
    assert (session.turns, session.spend, session.last_model) == (3, 0.5, None)
    routed = await auto.test_routing(prompt="hi", complexity_router_config=CONFIG)
    assert routed.routed_model == "fake-gpt" and routed.routed_model_configured
    checked = await auto.validate(complexity_router_config={})
    assert (checked.valid, checked.error) == (False, "no tiers")
    seen = proxy.seen
    assert seen[0].json() == {"team_id": "t1"}
    assert seen[1].query == {"start_date": "2026-01-01", "end_date": "2026-01-02"}
    assert seen[2].query == {"context_window_size": "2"}
    assert seen[3].json() == {"classification_rubric": "chat"}
    assert seen[4].query == {"session_id": "s1"}
    assert seen[5].json() == {"prompt": "hi", "complexity_router_config": CONFIG}
    assert seen[6].json() == {"complexity_router_config": {}}


async def test_auto_router_refusals(proxy: FakeProxy, client: LiteLLMClient) -> None:
    auto = client.router_settings.auto_router
    with pytest.raises(TypeError, match="session_id"):
        await auto.session("")
    with pytest.raises(TypeError, match="complexity_router_config"):
        await auto.test_routing(prompt="hi")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="complexity_router_config"):
        await auto.validate()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="shadow_percentage"):
        await client.router_settings.shadow_evals.start(team_ids=["t"])  # type: ignore[call-arg]
    assert proxy.seen == []


async def test_shadow_evals(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/auto_router/shadow_eval", reply(200, [job(2), job(1)]))
    proxy.on("POST", "/auto_router/shadow_eval/start", reply(200, job(3)))
    proxy.on(
        "GET",
        "/auto_router/shadow_eval/job 3",
        reply(200, job(3, judged_count=4, judge_spend=0.1, results={"wins": 1})),
    )
    proxy.on("POST", "/auto_router/shadow_eval/job 3/stop", reply(200, job(3, stopped_by="me")))
    evals = client.router_settings.shadow_evals
    jobs = await evals.list(target_type="team", limit=5)
    assert [j.job_id for j in jobs] == ["job-2", "job-1"]
    assert isinstance(jobs[0], ShadowEvalJob) and jobs[0].targets[0].max_turns == 10
    started = await evals.start(team_ids=["t1"], shadow_percentage=5.0)
    assert started.job_id == "job-3" and started.judged_count is None
    got = await evals.retrieve("job 3")
    assert (got.judged_count, got.results) == (4, {"wins": 1})
    stopped = await evals.stop("job 3")
    assert stopped.stopped_by == "me"
    seen = proxy.seen
    assert seen[0].query == {"target_type": "team", "limit": "5"}
    assert seen[1].json() == {"team_ids": ["t1"], "shadow_percentage": 5.0}
    assert [s.raw_path for s in seen[2:]] == [
        "/auto_router/shadow_eval/job%203",
        "/auto_router/shadow_eval/job%203/stop",
    ]


async def test_shadow_eval_start_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/auto_router/shadow_eval/start", reply(502, {}))
    with pytest.raises(APIStatusError):
        await client.router_settings.shadow_evals.start(team_ids=["t1"], shadow_percentage=5.0)
    assert len(proxy.seen) == 1
