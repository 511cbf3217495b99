"""``client.memory``: what each method sends, what it returns, the pager, refusals."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.types.memory import MemoryEntry

from .conftest import FakeProxy, reply

ROUTE_ARGS = {
    "memory.create": {"key": "k", "value": "v"},
    "memory.upsert": {"value": "v"},
}

INVENTORY = Path(__file__).resolve().parent / "data" / "litellm-endpoints.tsv"


def assert_group_declared(group: str, module: str) -> None:
    """Every inventory row of ``group`` is declared by ``aio_litellm.resources.<module>``."""
    importlib.import_module(f"aio_litellm.resources.{module}")
    rows = [line.split("\t") for line in INVENTORY.read_text(encoding="utf-8").splitlines()[1:]]
    wanted = {(r[1], r[2]) for r in rows if r[0] == group}
    declared = {(ep.method, ep.path) for ep in REGISTRY}
    assert wanted, group
    assert wanted <= declared, sorted(wanted - declared)


def entry(key: str, **extra: Any) -> dict[str, Any]:
    return {
        "memory_id": f"m-{key}",
        "key": key,
        "value": "v",
        "metadata": None,
        "user_id": "u1",
        "team_id": None,
        "created_at": "2026-01-01T00:00:00Z",
        **extra,
    }


def test_every_memory_route_is_declared() -> None:
    assert_group_declared("memory", "memory")


async def test_create_retrieve_upsert_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/memory", reply(200, entry("a/b", metadata=[1, 2], extra_field=1)))
    proxy.on("GET", "/v1/memory/a/b", reply(200, entry("a/b")))
    proxy.on("PUT", "/v1/memory/a/b", reply(200, entry("a/b", value="new")))
    proxy.on("DELETE", "/v1/memory/a/b", reply(200, {"key": "a/b", "deleted": True}))

    created = await client.memory.create(key="a/b", value="v", metadata=[1, 2], team_id="t")
    assert isinstance(created, MemoryEntry)
    assert created.memory_id == "m-a/b" and created.metadata == [1, 2]
    assert created.model_extra == {"extra_field": 1}
    assert proxy.calls()[-1].json() == {
        "key": "a/b",
        "value": "v",
        "metadata": [1, 2],
        "team_id": "t",
    }

    got = await client.memory.retrieve("a/b")
    # One escaped segment on the wire; the proxy's {key:path} reads it back whole.
    assert proxy.calls()[-1].raw_path == "/v1/memory/a%2Fb"
    assert got.key == "a/b" and got.user_id == "u1"

    updated = await client.memory.upsert("a/b", value="new", metadata=None)
    assert proxy.calls()[-1].json() == {"value": "new", "metadata": None}
    assert updated.value == "new"

    gone = await client.memory.delete("a/b")
    assert proxy.calls()[-1].raw_path == "/v1/memory/a%2Fb"
    assert gone.deleted is True and gone.key == "a/b"


async def test_list_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [entry(f"k{i}") for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        chunk = rows[(page - 1) * size : page * size]
        return web.json_response({"memories": chunk, "total": len(rows)})

    proxy.on("GET", "/v1/memory", pages)
    first = await client.memory.list(key_prefix="k", page_size=2)
    assert [m.key for m in first.memories] == ["k0", "k1"] and first.total == 5
    assert proxy.calls()[-1].query == {"page": "1", "key_prefix": "k", "page_size": "2"}

    keys = [m.key async for m in client.memory.list(key_prefix="k", page_size=2)]
    assert keys == [f"k{i}" for i in range(5)]
    # pages 1-3 of the walk (the short third page ends it), after the first await
    assert [c.query["page"] for c in proxy.calls()[1:]] == ["1", "2", "3"]


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="key"):
        await client.memory.create(value="v")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="value"):
        await client.memory.create(key="k")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="value or metadata"):
        await client.memory.upsert("k", user_id="u")
    with pytest.raises(ValueError, match="empty"):
        await client.memory.retrieve("")
    assert proxy.seen == []
