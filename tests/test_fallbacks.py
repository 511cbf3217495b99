"""``client.fallbacks``: wire routes, bodies and queries, typed results, refusals before I/O,
and that every inventory row of the group is declared."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._routes import all_endpoints
from aio_litellm.types.fallbacks import Fallback, FallbackDeleted, FallbackSet

from .conftest import FakeProxy, reply

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "fallbacks.create": {"model": "m", "fallback_models": ["n"]},
}


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "fallbacks"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("fallbacks.")}
    assert len(rows) == 3
    assert rows <= declared


async def test_create_retrieve_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/fallback",
        reply(
            200,
            {
                "model": "fake/gpt",
                "fallback_models": ["b", "c"],
                "fallback_type": "context_window",
                "message": "Fallback configuration created successfully",
            },
        ),
    )
    proxy.on(
        "GET",
        "/fallback/fake/gpt",
        reply(
            200, {"model": "fake/gpt", "fallback_models": ["b", "c"], "fallback_type": "general"}
        ),
    )
    proxy.on(
        "DELETE",
        "/fallback/fake/gpt",
        reply(200, {"model": "fake/gpt", "fallback_type": "general", "message": "deleted"}),
    )
    made = await client.fallbacks.create(
        model="fake/gpt", fallback_models=("b", "c"), fallback_type="context_window"
    )
    assert isinstance(made, FallbackSet)
    assert (made.fallback_models, made.fallback_type) == (["b", "c"], "context_window")
    got = await client.fallbacks.retrieve("fake/gpt")
    assert isinstance(got, Fallback) and got.fallback_models == ["b", "c"]
    gone = await client.fallbacks.delete("fake/gpt", fallback_type="general")
    assert isinstance(gone, FallbackDeleted) and gone.message == "deleted"
    seen = proxy.seen
    assert seen[0].json() == {
        "model": "fake/gpt",
        "fallback_models": ["b", "c"],
        "fallback_type": "context_window",
    }
    # A model name with a slash stays one path segment.
    assert [s.raw_path for s in seen[1:]] == [
        "/fallback/fake%2Fgpt",
        "/fallback/fake%2Fgpt?fallback_type=general",
    ]


async def test_create_refuses_bad_input(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        await client.fallbacks.create(model="", fallback_models=["b"])
    with pytest.raises(TypeError, match="fallback_models"):
        await client.fallbacks.create(model="a", fallback_models=[])
    with pytest.raises(TypeError, match="not a str"):
        await client.fallbacks.create(model="a", fallback_models="b")
    with pytest.raises(ValueError, match="empty"):
        await client.fallbacks.retrieve("")
    assert proxy.seen == []
