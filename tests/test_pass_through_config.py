"""``client.pass_through_config``: wire routes, bodies and queries, typed results, refusals
before I/O, and that every inventory row of the group is declared."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._routes import all_endpoints

from .conftest import FakeProxy, reply

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "pass_through_config.create": {"path": "/p", "target": "http://t"},
    "pass_through_config.update": {"path": "/p", "target": "http://t"},
    "pass_through_config.delete": {"endpoint_id": "e1"},
}

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"


def endpoint(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"pt-{i}",
        "path": f"/fake-{i}",
        "target": "http://provider/v1/chat/completions",
        "headers": {},
        "auth": True,
        "is_from_config": False,
        **extra,
    }


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThroughConfig"
        }
    declared = {
        (ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("pass_through_config.")
    }
    assert len(rows) == 4
    assert rows <= declared


async def test_list_filters_by_query(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/config/pass_through_endpoint", reply(200, {"endpoints": [endpoint(1)]}))
    listed = await client.pass_through_config.list(team_id="t1")
    assert [e.id for e in listed.endpoints] == ["pt-1"]
    assert listed.endpoints[0].auth is True and listed.endpoints[0].include_subpath is False
    await client.pass_through_config.list()
    assert [c.query for c in proxy.calls()] == [{"team_id": "t1"}, {}]


async def test_create_update_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/config/pass_through_endpoint", reply(200, {"endpoints": [endpoint(1)]}))
    proxy.on(
        "POST",
        "/config/pass_through_endpoint/pt-1",
        reply(200, {"endpoints": [endpoint(1, auth=False)]}),
    )
    proxy.on("DELETE", "/config/pass_through_endpoint", reply(200, {"endpoints": [endpoint(1)]}))
    created = await client.pass_through_config.create(
        path="/fake-1", target="http://provider/v1/chat/completions", methods=["POST"]
    )
    assert created.endpoints[0].path == "/fake-1"
    updated = await client.pass_through_config.update(
        "pt-1", path="/fake-1", target="http://provider/v1/chat/completions", auth=False
    )
    assert updated.endpoints[0].auth is False
    deleted = await client.pass_through_config.delete("pt-1")
    assert deleted.endpoints[0].id == "pt-1"
    create, update, delete = proxy.calls()
    assert json.loads(create.body) == {
        "path": "/fake-1",
        "target": "http://provider/v1/chat/completions",
        "methods": ["POST"],
    }
    assert json.loads(update.body)["auth"] is False
    assert (delete.method, delete.query, delete.body) == ("DELETE", {"endpoint_id": "pt-1"}, b"")


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/config/pass_through_endpoint", reply(502, {"error": "bad gateway"}))
    with pytest.raises(APIStatusError):  # sent once: a retry could apply it twice
        await client.pass_through_config.create(path="/p", target="http://t")
    assert len(proxy.calls()) == 1


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="target"):
        await client.pass_through_config.create(path="/p", target="")
    with pytest.raises(TypeError, match="path"):
        await client.pass_through_config.update("pt-1", path="", target="http://t")
    with pytest.raises(TypeError, match="endpoint_id"):
        await client.pass_through_config.delete("")
    assert proxy.calls() == []
