"""``client.access_groups``: access groups (``/v1/access_group``) and model access groups with
their budgets (``access_groups.legacy``): wire routes, bodies, typed results, refusals."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import APIResponseValidationError, InternalServerError, LiteLLMClient
from aio_litellm.types.access_groups import AccessGroup, AccessGroupResource, ModelAccessGroup

from .conftest import FakeProxy, reply

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "access_groups.create": {"access_group_name": "g"},
    "access_groups.legacy.create": {"model_names": ["m"]},
    "access_groups.legacy.update": {"model_ids": ["d"]},
    "access_groups.legacy.set_budget": {"max_budget": 1.0},
}


def group(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "access_group_id": f"ag-{i}",
        "access_group_name": f"group {i}",
        "description": None,
        "access_model_names": ["gpt"],
        "access_mcp_server_ids": [],
        "access_agent_ids": [],
        "access_skill_names": [],
        "assigned_team_ids": ["t1"],
        "assigned_key_ids": [],
        "access_mcp_servers": [],
        "access_agents": [],
        "assigned_teams": [{"id": "t1", "name": None}],
        "assigned_keys": [],
        "created_at": "2026-01-02T03:04:05Z",
        "updated_at": "2026-01-02T03:04:05Z",
        **extra,
    }


async def test_create_is_sent_once(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/access_group", reply(201, group(1, description="prod models")))
    created = await client.access_groups.create(
        access_group_name="group 1",
        description="prod models",
        access_model_names=["gpt"],
        assigned_team_ids=["t1"],
    )
    assert proxy.seen[-1].json() == {
        "access_group_name": "group 1",
        "description": "prod models",
        "access_model_names": ["gpt"],
        "assigned_team_ids": ["t1"],
    }
    assert isinstance(created, AccessGroup) and created.access_group_id == "ag-1"
    assert created.assigned_teams == [AccessGroupResource(id="t1", name=None)]
    proxy.on("POST", "/v1/access_group", reply(500, {}))
    with pytest.raises(InternalServerError):
        await client.access_groups.create(access_group_name="group 2")
    with pytest.raises(TypeError, match="access_group_name"):
        await client.access_groups.create(access_group_name="")
    assert len(proxy.seen) == 2


async def test_list_retrieve_update_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/access_group", reply(200, [group(1), group(2, new_field=True)]))
    proxy.on("GET", "/v1/access_group/ag 1", reply(200, group(1)))
    proxy.on("PUT", "/v1/access_group/ag 1", reply(502, {}), reply(200, group(1, description="d")))
    proxy.on("DELETE", "/v1/access_group/ag 1", reply(204, b""))

    page = await client.access_groups.list()
    assert [g.access_group_id for g in page] == ["ag-1", "ag-2"]
    assert all(isinstance(g, AccessGroup) for g in page)
    assert page[1].model_extra == {"new_field": True}
    walked = [g.access_group_name async for g in client.access_groups.list()]
    assert walked == ["group 1", "group 2"]
    assert (await client.access_groups.retrieve("ag 1")).assigned_team_ids == ["t1"]
    assert proxy.seen[-1].raw_path == "/v1/access_group/ag%201"
    updated = await client.access_groups.update("ag 1", description="d", assigned_key_ids=[])
    assert updated.description == "d"
    assert len(proxy.calls("PUT")) == 2  # an update is safe to repeat
    assert proxy.seen[-1].json() == {"description": "d", "assigned_key_ids": []}
    await client.access_groups.delete("ag 1")
    assert proxy.seen[-1].method == "DELETE"

    proxy.on("GET", "/v1/access_group", reply(200, {"access_groups": []}))
    with pytest.raises(APIResponseValidationError):
        await client.access_groups.list()


async def test_model_access_groups(proxy: FakeProxy, client: LiteLLMClient) -> None:
    made = {"access_group": "prod", "model_names": ["gpt"], "models_updated": 2}
    proxy.on("POST", "/access_group/new", reply(200, made))
    info = {"access_group": "prod", "model_names": ["gpt"], "deployment_count": 2, "spend": 0.5}
    proxy.on("GET", "/access_group/list", reply(200, {"access_groups": [info]}))
    proxy.on("GET", "/access_group/prod/x/info", reply(200, {**info, "access_group": "prod/x"}))
    redone = {"access_group": "prod", "model_ids": ["d1"], "models_updated": 1}
    proxy.on("PUT", "/access_group/prod/update", reply(200, redone))
    gone = {"access_group": "prod", "models_updated": 1, "message": "deleted"}
    proxy.on("DELETE", "/access_group/prod/delete", reply(200, gone))
    legacy = client.access_groups.legacy

    created = await legacy.create("prod", model_names=["gpt"])
    assert (created.access_group, created.models_updated) == ("prod", 2)
    assert proxy.seen[-1].json() == {"model_names": ["gpt"], "access_group": "prod"}
    assert [g async for g in legacy.list()] == [ModelAccessGroup.model_validate(info)]
    found = await legacy.retrieve("prod/x")
    assert proxy.seen[-1].raw_path == "/access_group/prod%2Fx/info"
    assert (found.deployment_count, found.spend, found.budget) == (2, 0.5, None)
    assert (await legacy.update("prod", model_ids=["d1"])).model_ids == ["d1"]
    assert proxy.seen[-1].json() == {"model_ids": ["d1"]}
    assert (await legacy.delete("prod")).message == "deleted"
    assert len(proxy.seen) == 5

    with pytest.raises(TypeError, match="model_names or model_ids"):
        await legacy.create("prod")
    with pytest.raises(TypeError, match="model_names or model_ids"):
        await legacy.update("prod", model_names=[])
    with pytest.raises(TypeError, match="not a str"):
        await legacy.update("prod", model_names="gpt")  # a str is a Sequence[str] too
    with pytest.raises(TypeError, match="access_group"):
        await legacy.create("", model_names=["gpt"])
    assert len(proxy.seen) == 5


async def test_model_access_group_budget(proxy: FakeProxy, client: LiteLLMClient) -> None:
    budget = {"budget_id": "b1", "max_budget": 10.0, "budget_duration": "30d"}
    proxy.on("GET", "/access_group/prod/budget", reply(200, {"access_group": "prod", "spend": 1.0}))
    proxy.on(
        "PUT",
        "/access_group/prod/budget",
        reply(200, {"access_group": "prod", "spend": 1.0, "budget": budget}),
    )
    proxy.on(
        "DELETE",
        "/access_group/prod/budget",
        reply(200, {"access_group": "prod", "budget_deleted": True, "message": "ok"}),
    )
    legacy = client.access_groups.legacy

    none_yet = await legacy.get_budget("prod")
    assert (none_yet.spend, none_yet.budget) == (1.0, None)
    status = await legacy.set_budget("prod", max_budget=10.0, budget_duration="30d")
    assert proxy.seen[-1].json() == {"max_budget": 10.0, "budget_duration": "30d"}
    assert status.budget is not None and status.budget.budget_id == "b1"
    assert (await legacy.delete_budget("prod")).budget_deleted is True
    with pytest.raises(TypeError, match="max_budget"):
        await legacy.set_budget("prod", max_budget=None)
    assert len(proxy.seen) == 3
