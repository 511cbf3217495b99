"""``client.agents``: wire routes, bodies and queries, typed results, refusals before I/O, and
that every inventory row of the group is declared."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import APIStatusError, LiteLLMClient, NotFoundError
from aio_litellm._routes import all_endpoints
from aio_litellm.types.agents import Agent, AgentMadePublic

from .conftest import FakeProxy, reply

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "agents.create": {"agent_name": "a"},
    "agents.replace": {"agent_name": "a"},
    "agents.update": {"tpm_limit": 5},
    "agents.make_many_public": {"agent_ids": ["a1"]},
}

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"


def agent(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "agent_id": f"ag-{i}",
        "agent_name": f"agent-{i}",
        "agent_card_params": {"name": f"Agent {i}", "url": "http://a.example/"},
        "litellm_params": {"model": "fake-gpt"},
        "enabled": True,
        "execution_mode": "autonomous",
        "spend": 0.5,
        "keys": [{"token": "t1", "key_alias": "k"}],
        "created_at": "2026-01-02T03:04:05Z",
        **extra,
    }


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "agents"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("agents.")}
    assert len(rows) == 17
    assert rows <= declared


async def test_list_sends_query_and_types_agents(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/agents", reply(200, [agent(1), agent(2, search_score=0.9)]))
    agents = await client.agents.list(query="translate", top_k=2, health_check=True)
    assert [a.agent_id for a in agents] == ["ag-1", "ag-2"]
    assert isinstance(agents[0], Agent) and agents[0].keys is not None
    assert agents[0].keys[0].token == "t1" and agents[1].search_score == 0.9
    assert proxy.calls()[0].query == {"query": "translate", "top_k": "2", "health_check": "true"}


async def test_create_replace_update_send_their_bodies(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/v1/agents", reply(200, agent(1)))
    proxy.on("PUT", "/v1/agents/ag-1", reply(200, agent(1, tpm_limit=9)))
    proxy.on("PATCH", "/v1/agents/ag-1", reply(200, agent(1, rpm_limit=3)))
    created = await client.agents.create(
        agent_name="agent-1", litellm_params={"model": "fake-gpt"}, tpm_limit=None
    )
    assert created.agent_name == "agent-1" and created.spend == 0.5
    replaced = await client.agents.replace("ag-1", agent_name="agent-1", tpm_limit=9)
    assert replaced.tpm_limit == 9
    patched = await client.agents.update("ag-1", rpm_limit=3)
    assert patched.rpm_limit == 3
    bodies = [json.loads(c.body) for c in proxy.calls()]
    assert bodies == [
        {"agent_name": "agent-1", "litellm_params": {"model": "fake-gpt"}, "tpm_limit": None},
        {"agent_name": "agent-1", "tpm_limit": 9},
        {"rpm_limit": 3},
    ]
    assert [c.method for c in proxy.calls()] == ["POST", "PUT", "PATCH"]


async def test_retrieve_delete_identity(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/agents/a b", reply(200, agent(7)))
    proxy.on("DELETE", "/v1/agents/ag-7", reply(200, {"message": "Agent ag-7 deleted"}))
    proxy.on(
        "GET",
        "/v1/agents/ag-7/identity",
        reply(200, {"identity": None, "identity_managed": False, "enabled": False}),
    )
    proxy.on("GET", "/v1/agents/identity/providers", reply(200, ["https://login.example/"]))
    assert (await client.agents.retrieve("a b")).agent_id == "ag-7"
    assert proxy.calls()[0].raw_path == "/v1/agents/a%20b"
    assert (await client.agents.delete("ag-7")).message == "Agent ag-7 deleted"
    status = await client.agents.identity("ag-7")
    assert status.enabled is False and status.identity is None
    assert await client.agents.identity_providers() == ["https://login.example/"]


async def test_kill_switch_and_make_public(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/v1/agents/ag-1/kill_switch",
        reply(
            200, {"agent_id": "ag-1", "url": "http://hook", "method": "POST", "status_code": 204}
        ),
    )
    made = {"message": "ok", "public_agent_groups": ["ag-1", "ag-2"], "updated_by": "admin"}
    proxy.on("POST", "/v1/agents/ag-1/make_public", reply(200, made))
    proxy.on("POST", "/v1/agents/make_public", reply(200, made))
    fired = await client.agents.kill_switch("ag-1")
    assert fired.status_code == 204 and fired.error is None
    one = await client.agents.make_public("ag-1")
    assert isinstance(one, AgentMadePublic) and one.public_agent_groups == ["ag-1", "ag-2"]
    await client.agents.make_many_public(("ag-1", "ag-2"))
    assert json.loads(proxy.calls()[-1].body) == {"agent_ids": ["ag-1", "ag-2"]}


async def test_kill_switch_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/agents/ag-1/kill_switch", reply(502, {"error": "bad gateway"}))
    with pytest.raises(APIStatusError):  # sent once: a retry could apply it twice
        await client.agents.kill_switch("ag-1")
    assert len(proxy.calls()) == 1


async def test_daily_activity_uses_agent_prefix(proxy: FakeProxy, client: LiteLLMClient) -> None:
    page = {"results": [], "metadata": {"total_pages": 1, "page": 1, "has_more": False}}
    proxy.on("GET", "/agent/daily/activity/aggregated", reply(200, page))
    result = await client.agents.daily_activity.aggregated(
        start_date="2026-01-01", end_date="2026-01-31", model="fake-gpt"
    )
    assert result.results == []
    assert proxy.calls()[0].query == {
        "start_date": "2026-01-01",
        "end_date": "2026-01-31",
        "model": "fake-gpt",
    }


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="agent_name"):
        await client.agents.create(agent_name="")
    with pytest.raises(TypeError, match="agent_name"):
        await client.agents.replace("ag-1", agent_name="")
    with pytest.raises(TypeError, match="at least one field"):
        await client.agents.update("ag-1")
    with pytest.raises(TypeError, match="not a str"):
        await client.agents.make_many_public("ag-1")
    with pytest.raises(TypeError, match="non-empty"):
        await client.agents.make_many_public([])
    assert proxy.calls() == []


async def test_missing_agent_is_a_typed_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/agents/nope", reply(404, {"detail": "Agent not found"}))
    with pytest.raises(NotFoundError):
        await client.agents.retrieve("nope")
