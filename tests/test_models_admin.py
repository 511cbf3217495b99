"""``client.models`` administration: deployments (create, update, patch, (un)block, delete),
``/v2/model/info`` pages, model groups, settings, deprecations, insights and metrics."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIResponseValidationError, InternalServerError, LiteLLMClient
from aio_litellm.types.models import Deployment, ProviderSettings, SlowResponseCount, StoredModel

from .conftest import FakeProxy, reply

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "models.create": {"model_name": "m", "litellm_params": {"model": "openai/m"}},
    "models.update": {"litellm_params": {"rpm": 1}},
    "models.make_public": {"model_groups": ["m"]},
    "models.update_useful_links": {"useful_links": {"Docs": "https://docs"}},
}


def row(model_id: str = "dep-1", **extra: Any) -> dict[str, Any]:
    """A deployment row as the proxy answers it after a write."""
    return {
        "model_id": model_id,
        "model_name": "gpt-small",
        "litellm_params": {"model": "<encrypted>", "api_base": "<encrypted>"},
        "model_info": {"id": model_id, "db_model": False},
        "blocked": False,
        "created_at": "2026-01-02T03:04:05Z",
        "created_by": "admin",
        "updated_at": "2026-01-02T03:04:05Z",
        "updated_by": "admin",
        **extra,
    }


async def test_create_sends_the_deployment_and_is_not_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/model/new", reply(200, row(new_field=1)))
    params = {"model": "openai/gpt-4o-mini", "api_base": "http://up/v1", "api_key": "k"}
    created = await client.models.create(model_name="gpt-small", litellm_params=params)
    assert proxy.calls()[-1].json() == {"model_name": "gpt-small", "litellm_params": params}
    assert isinstance(created, StoredModel)
    assert (created.model_id, created.model_name, created.blocked) == ("dep-1", "gpt-small", False)
    assert created.model_info == {"id": "dep-1", "db_model": False}
    assert created.created_at == "2026-01-02T03:04:05Z"
    assert created.model_extra == {"new_field": 1}

    # A create that may have been applied is not sent twice.
    proxy.on("POST", "/model/new", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.models.create(model_name="x", litellm_params={"model": "openai/x"})
    assert len(proxy.calls("POST", "/model/new")) == 2


async def test_create_refuses_a_deployment_without_name_or_params(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="model_name"):
        await client.models.create(model_name="", litellm_params={"model": "openai/x"})
    with pytest.raises(TypeError, match="litellm_params"):
        await client.models.create(model_name="x")  # type: ignore[call-arg]
    assert proxy.seen == []


async def test_stored_json_columns_sent_as_text_are_decoded(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    text_row = row(litellm_params=orjson.dumps({"model": "m"}).decode(), model_info='{"id": "a"}')
    proxy.on("POST", "/model/block", reply(200, text_row))
    blocked = await client.models.block("dep-1")
    assert blocked.litellm_params == {"model": "m"} and blocked.model_info == {"id": "a"}
    # Text that is not JSON is not a deployment's params: the result is refused, not guessed.
    proxy.on("POST", "/model/block", reply(200, row(litellm_params="not json")))
    with pytest.raises(APIResponseValidationError, match="litellm_params"):
        await client.models.block("dep-1")


async def test_update_names_the_deployment_in_model_info_and_is_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/model/update", reply(500, {}), reply(200, row(blocked=True)))
    updated = await client.models.update(
        "dep-1", litellm_params={"rpm": 5}, model_info={"description": "d"}
    )
    assert updated.blocked is True
    bodies = [seen.json() for seen in proxy.calls("POST", "/model/update")]
    assert bodies == 2 * [
        {"litellm_params": {"rpm": 5}, "model_info": {"description": "d", "id": "dep-1"}}
    ]
    with pytest.raises(TypeError, match="litellm_params"):
        await client.models.update("dep-1", model_name="renamed")
    with pytest.raises(TypeError, match="model_id"):
        await client.models.update("", litellm_params={"rpm": 5})
    assert len(proxy.seen) == 2


async def test_patch_keeps_the_deployment_id_in_model_info(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("PATCH", "/model/dep 1/update", reply(200, row("dep 1")))
    await client.models.patch("dep 1", model_info={"description": "d"})
    await client.models.patch("dep 1", model_info={"id": "mine"}, blocked=True)
    await client.models.patch("dep 1", model_name="renamed", litellm_params_to_remove=["rpm"])
    calls = proxy.calls("PATCH", "/model/dep 1/update")
    assert calls[0].raw_path == "/model/dep%201/update"
    assert [seen.json() for seen in calls] == [
        {"model_info": {"description": "d", "id": "dep 1"}},
        {"model_info": {"id": "mine"}, "blocked": True},
        {"model_name": "renamed", "litellm_params_to_remove": ["rpm"]},
    ]


async def test_delete_block_unblock(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/model/delete", reply(200, {"message": "Model: dep-1 deleted successfully"}))
    proxy.on("POST", "/model/block", reply(200, row(blocked=True)))
    proxy.on("POST", "/model/unblock", reply(200, row(blocked=False)))
    assert (await client.models.delete("dep-1")).message == "Model: dep-1 deleted successfully"
    assert (await client.models.block("dep-1")).blocked is True
    assert (await client.models.unblock("dep-1")).blocked is False
    assert [(s.path, s.json()) for s in proxy.seen] == [
        ("/model/delete", {"id": "dep-1"}),
        ("/model/block", {"model_id": "dep-1"}),
        ("/model/unblock", {"model_id": "dep-1"}),
    ]
    for call in (client.models.delete, client.models.block, client.models.unblock):
        with pytest.raises(TypeError, match="model_id"):
            await call("")
    assert len(proxy.seen) == 3


async def test_list_retrieve_and_info_send_their_filters(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/models", reply(200, {"object": "list", "data": [{"id": "gpt"}]}))
    proxy.on("GET", "/models/a/b", reply(200, {"id": "a/b", "owned_by": "openai"}))
    proxy.on("GET", "/model/info", reply(200, {"data": [{"model_name": "gpt"}]}))
    listed = await client.models.list(team_id="t1", include_model_access_groups=True)
    assert [m.id for m in listed.data] == ["gpt"]
    assert proxy.seen[-1].query == {"team_id": "t1", "include_model_access_groups": "true"}
    assert (await client.models.retrieve("a/b", healthy_only=True)).owned_by == "openai"
    assert proxy.seen[-1].raw_path == "/models/a%2Fb?healthy_only=true"
    await client.models.info("dep-1", include_team_models=True)
    assert proxy.seen[-1].query == {"include_team_models": "true", "litellm_model_id": "dep-1"}
    await client.models.info(litellm_model_id="dep-2")
    await client.models.info()
    assert [s.query for s in proxy.seen[-2:]] == [{"litellm_model_id": "dep-2"}, {}]


def v2_pages(total: int) -> Any:
    """``/v2/model/info`` over ``total`` deployments, paged by ``page``/``size``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("size", "50"))
        items = [
            {
                "model_name": f"m{i}",
                "litellm_params": {"model": "openai/x"},
                "model_info": {"id": i},
            }
            for i in range((page - 1) * size, min(page * size, total))
        ]
        pages = -(-total // size)
        body = {
            "data": items,
            "total_count": total,
            "current_page": page,
            "total_pages": pages,
            "size": size,
        }
        return web.json_response(body)

    return handler


async def test_info_v2_pages_by_page_and_size(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v2/model/info", v2_pages(5))
    first = await client.models.info_v2(size=2, search="m")
    assert (first.total_count, first.total_pages, first.current_page) == (5, 3, 1)
    assert isinstance(first.data[0], Deployment) and first.data[0].model_info == {"id": 0}
    names = [d.model_name async for d in client.models.info_v2(size=2, search="m")]
    assert names == ["m0", "m1", "m2", "m3", "m4"]
    queries = [s.query for s in proxy.seen[1:]]
    assert queries == [{"page": str(p), "size": "2", "search": "m"} for p in (1, 2, 3)]


async def test_model_groups_and_hub(proxy: FakeProxy, client: LiteLLMClient) -> None:
    group = {"model_group": "gpt", "providers": ["openai"], "mode": "chat", "rpm": 5, "new": 1}
    proxy.on("GET", "/model_group/info", reply(200, {"data": [group]}))
    proxy.on("POST", "/model_group/make_public", reply(200, {"public_model_groups": ["gpt"]}))
    links = {"Docs": {"url": "https://docs", "index": 0}}
    proxy.on("POST", "/model_hub/update_useful_links", reply(200, {"useful_links": links}))
    groups = (await client.models.group_info("gpt")).data
    assert (groups[0].model_group, groups[0].providers, groups[0].rpm) == ("gpt", ["openai"], 5)
    assert groups[0].is_public_model_group is False
    assert proxy.seen[-1].query == {"model_group": "gpt"}
    await client.models.group_info()
    assert proxy.seen[-1].query == {}
    assert (await client.models.make_public(("gpt",))).public_model_groups == ["gpt"]
    assert proxy.seen[-1].json() == {"model_groups": ["gpt"]}
    assert (await client.models.update_useful_links(links)).useful_links == links
    assert proxy.seen[-1].json() == {"useful_links": links}
    with pytest.raises(TypeError, match="not a str"):
        await client.models.make_public("gpt")
    with pytest.raises(TypeError, match="mapping"):
        await client.models.update_useful_links(["https://docs"])  # type: ignore[arg-type]
    assert len(proxy.seen) == 4


async def test_settings_deprecations_insights_and_pods(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/model/settings", reply(200, [{"name": "openai", "fields": []}]))
    gone = {"model_name": "old", "deprecation_date": "2026-01-01", "days_until_deprecation": -3}
    deprecations = {"deprecated": [gone], "warn_within_days": 7, "checked_at": "2026-01-04T00:00Z"}
    proxy.on("GET", "/model/deprecations", reply(200, deprecations))
    metric = {"model_group": "gpt", "model": "gpt-4o", "provider": "openai", "spend": 1.5}
    insights = {"start_date": "2026-01-01", "top_models": [metric], "daily_totals": [{"date": "d"}]}
    proxy.on("GET", "/model-insights", reply(200, insights))
    task = {"task_type": "coding", "label": "Coding", "share": 0.5, "leader": "gpt"}
    proxy.on("GET", "/model-insights/tasks", reply(200, {"tasks": [task]}))
    pods = {"model_id": "d/1", "service_host": "svc", "port": 80, "pod_ips": ["10.0.0.1"]}
    proxy.on("GET", "/model/d/1/kubernetes_pods", reply(200, {**pods, "pod_count": 1}))

    settings = await client.models.settings()
    assert settings == [ProviderSettings(name="openai", fields=[])]
    deps = await client.models.deprecations(warn_within_days=7)
    assert proxy.seen[-1].query == {"warn_within_days": "7"}
    assert deps.deprecated[0].days_until_deprecation == -3 and deps.imminent == []
    found = await client.models.insights(start_date="2026-01-01", metric="spend")
    assert proxy.seen[-1].query == {"start_date": "2026-01-01", "metric": "spend"}
    assert found.top_models[0].spend == 1.5 and found.daily_totals[0].requests == 0
    tasks = await client.models.insight_tasks(metric="requests")
    assert proxy.seen[-1].query == {"metric": "requests"}
    assert (tasks.tasks[0].task_type, tasks.tasks[0].share) == ("coding", 0.5)
    found_pods = await client.models.kubernetes_pods("d/1")
    assert proxy.seen[-1].raw_path == "/model/d%2F1/kubernetes_pods"
    assert (found_pods.pod_ips, found_pods.pod_count) == (["10.0.0.1"], 1)

    proxy.on("GET", "/model/settings", reply(200, {"name": "openai"}))
    with pytest.raises(APIResponseValidationError):
        await client.models.settings()


async def test_metrics_name_the_model_group(proxy: FakeProxy, client: LiteLLMClient) -> None:
    daily = {"data": [{"date": "Jan 1", "gpt-4o": 0.02}], "all_api_bases": ["gpt-4o"]}
    proxy.on("GET", "/model/metrics", reply(200, daily))
    proxy.on("GET", "/model/streaming_metrics", reply(200, daily))
    errors = {"data": [{"model": "gpt-4o", "total_exceptions": 2}], "exception_types": ["X"]}
    proxy.on("GET", "/model/metrics/exceptions", reply(200, errors))
    slow = [{"api_base": "http://up", "total_count": "4", "slow_count": 1}]
    proxy.on("GET", "/model/metrics/slow_responses", reply(200, slow))
    span = {"startTime": "2026-01-01T00:00:00", "endTime": "2026-01-02T00:00:00"}
    metrics = client.models.metrics

    latency = await metrics.latency("gpt", **span, api_key="hash", customer="c1")
    assert latency.data == [{"date": "Jan 1", "gpt-4o": 0.02}]
    assert proxy.seen[-1].query == {
        **span,
        "api_key": "hash",
        "customer": "c1",
        "_selected_model_group": "gpt",
    }
    assert (await metrics.exceptions("gpt")).exception_types == ["X"]
    assert proxy.seen[-1].query == {"_selected_model_group": "gpt"}
    assert await metrics.slow_responses("gpt") == [
        SlowResponseCount(api_base="http://up", total_count=4, slow_count=1)
    ]
    assert (await metrics.time_to_first_token("gpt", **span)).all_api_bases == ["gpt-4o"]
    assert proxy.seen[-1].query == {**span, "_selected_model_group": "gpt"}
    for call in (
        metrics.latency,
        metrics.exceptions,
        metrics.slow_responses,
        metrics.time_to_first_token,
    ):
        with pytest.raises(TypeError, match="model_group"):
            await call("")
    assert len(proxy.seen) == 4
