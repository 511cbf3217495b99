"""``client.decisions``: what each method sends and returns, bad input refused."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import decisions

from .conftest import FakeProxy, inventory, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "decisions.create": {"model": "m", "input": "x", "questions": [{"type": "predicate"}]},
    "decisions.extract": {"model": "m", "fields": {"a": {"type": "string"}}},
    "decisions.systemone": {"model": "m", "state": "x", "questions": {"q": {"type": "noul"}}},
}


def test_every_decisions_row_is_declared() -> None:
    assert decisions.Decisions
    rows = {(r["method"], r["path"]) for r in inventory() if r["group"] == "decisions"}
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("decisions.")}
    assert rows == declared


async def test_create(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/decisions",
        reply(body={"model": "m", "answers": [{"probability": 0.9}], "usage": {}}),
    )
    args = ROUTE_ARGS["decisions.create"]
    result = await client.decisions.create(**args)
    assert result.answers[0]["probability"] == 0.9
    assert proxy.calls()[-1].json() == args


async def test_systemone_and_extract(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/systemone", reply(body={"answers": {"q": {"probability": 0.1}}}))
    proxy.on(
        "POST",
        "/extraction",
        reply(body={"model": "m", "answers": {"a": {"value": "v"}}, "truncated": False}),
    )
    one = await client.decisions.systemone(**ROUTE_ARGS["decisions.systemone"])
    assert one.answers["q"]["probability"] == 0.1
    got = await client.decisions.extract(**ROUTE_ARGS["decisions.extract"], state="text")
    assert (got.answers["a"]["value"], got.truncated) == ("v", False)
    assert proxy.calls()[-1].json()["state"] == "text"


async def test_a_paid_call_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/decisions", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.decisions.create(**ROUTE_ARGS["decisions.create"])
    assert len(proxy.calls()) == 1


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="questions"):
        await client.decisions.create(model="m", input="x", questions=[])
    with pytest.raises(TypeError, match="fields"):
        await client.decisions.extract(model="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="state"):
        await client.decisions.systemone(model="m", questions={"q": {}})  # type: ignore[call-arg]
    assert proxy.seen == []
