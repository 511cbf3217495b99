"""``client.other``: the proxy's OpenAPI document."""

from __future__ import annotations

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import other

from .conftest import FakeProxy, inventory, reply


def test_every_other_row_is_declared() -> None:
    assert other.Other
    rows = {(r["method"], r["path"]) for r in inventory() if r["group"] == "other"}
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("other.")}
    assert rows == declared


async def test_openapi(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/openapi.json",
        reply(body={"openapi": "3.1.0", "info": {"version": "1.110.2"}, "paths": {"/x": {}}}),
    )
    doc = await client.other.openapi()
    assert (doc.version, list(doc.paths)) == ("1.110.2", ["/x"])
    proxy.on("GET", "/openapi.json", reply(body={"openapi": "3.1.0"}))
    assert (await client.other.openapi()).version is None
