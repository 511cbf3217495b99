"""``client.public``: each catalog's route and typed result, the v1 model hub pagers (page
count, ``has_more``) and filters flattened into the query."""

from __future__ import annotations

from typing import Any

from aiohttp import web

import aio_litellm.resources.public  # noqa: F401  (declares the routes)
from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.types.public import ModelHubFacetPage, ModelHubPage

from .conftest import FakeProxy, reply
from .test_prompts import inventory


def group(name: str) -> dict[str, Any]:
    return {"model_group": name, "providers": ["openai"], "mode": "chat"}


def test_every_inventory_row_is_declared() -> None:
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("public.")}
    assert inventory("public") == declared


async def test_catalogs_are_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/public/model_hub", reply(200, [group("fake-gpt")]))
    proxy.on("GET", "/public/providers", reply(200, ["anthropic", "openai"]))
    proxy.on(
        "GET",
        "/public/model_hub/info",
        reply(200, {"docs_title": "LiteLLM API", "litellm_version": "1.110.2", "useful_links": {}}),
    )
    proxy.on(
        "GET",
        "/public/providers/fields",
        reply(
            200,
            [
                {
                    "provider": "OpenAI",
                    "provider_display_name": "OpenAI",
                    "litellm_provider": "openai",
                    "credential_fields": [{"key": "api_key", "label": "Key", "required": True}],
                }
            ],
        ),
    )
    proxy.on(
        "GET",
        "/public/endpoints",
        reply(
            200,
            {
                "endpoints": [
                    {
                        "key": "chat",
                        "label": "Chat",
                        "endpoint": "/chat/completions",
                        "providers": [{"slug": "openai", "display_name": "OpenAI"}],
                    }
                ]
            },
        ),
    )
    hub = await client.public.model_hub()
    assert [g.model_group for g in hub] == ["fake-gpt"]
    assert await client.public.providers() == ["anthropic", "openai"]
    info = await client.public.model_hub_info()
    assert info.litellm_version == "1.110.2"
    fields = await client.public.provider_fields()
    assert fields[0].credential_fields[0].key == "api_key"
    assert fields[0].credential_fields[0].required is True
    endpoints = await client.public.endpoints()
    assert endpoints.endpoints[0].providers[0].slug == "openai"


async def test_other_catalogs(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/public/agent_hub", reply(200, [{"name": "a", "url": "http://x"}]))
    proxy.on(
        "GET",
        "/public/agents/fields",
        reply(200, [{"agent_type": "a2a", "credential_fields": []}]),
    )
    proxy.on(
        "GET",
        "/public/mcp_hub",
        reply(200, [{"server_id": "s1", "name": "n", "transport": "http"}]),
    )
    proxy.on(
        "GET",
        "/public/skill_hub",
        reply(200, {"plugins": [{"name": "sk", "source": {"source": "github"}}], "count": 1}),
    )
    proxy.on(
        "GET",
        "/public/litellm_blog_posts",
        reply(200, {"posts": [{"title": "t", "description": "d", "date": "2026", "url": "u"}]}),
    )
    proxy.on(
        "GET",
        "/public/autorouter_presets",
        reply(
            200, {"cheap": {"label": "Cheap", "description": "d", "complexity_router_config": {}}}
        ),
    )
    proxy.on(
        "GET",
        "/public/complexity_router/scorer_defaults",
        reply(
            200,
            {"tier_boundaries": {"SIMPLE": 0.1}, "token_thresholds": {}, "dimension_weights": {}},
        ),
    )
    proxy.on(
        "GET",
        "/public/complexity_router/fuse_presets",
        reply(200, {"version": "1", "models": [], "harnesses": []}),
    )
    proxy.on("GET", "/public/litellm_model_cost_map", reply(200, {"gpt-4o": {"mode": "chat"}}))
    assert (await client.public.agent_hub())[0]["name"] == "a"
    assert (await client.public.agent_fields())[0].agent_type == "a2a"
    assert (await client.public.mcp_hub())[0].server_id == "s1"
    skills = await client.public.skill_hub()
    assert (skills.count, skills.plugins[0].name) == (1, "sk")
    assert (await client.public.litellm_blog_posts()).posts[0].title == "t"
    assert (await client.public.autorouter_presets())["cheap"].label == "Cheap"
    defaults = await client.public.complexity_router_scorer_defaults()
    assert defaults.tier_boundaries == {"SIMPLE": 0.1}
    assert (await client.public.complexity_router_fuse_presets()).version == "1"
    cost = await client.public.litellm_model_cost_map(catalog_only=True)
    assert cost["gpt-4o"]["mode"] == "chat"
    assert proxy.calls(path="/public/litellm_model_cost_map")[0].query == {"catalog_only": "true"}


def numbered_pages(values: list[Any], *, facet: bool) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        page = int(request.query["page"])
        size = int(request.query.get("page_size", "2"))
        data = values[(page - 1) * size : page * size]
        pages = -(-len(values) // size)
        meta: dict[str, Any] = {"page": page, "page_size": size}
        if facet:
            meta["has_more"] = page < pages
        else:
            meta |= {"total_count": len(values), "total_pages": pages}
        return web.json_response({"data": data, "meta": meta, "links": {"self": "x"}})

    return handler


async def test_model_hub_v1_walks_pages_with_filters(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    groups = [group(f"m{i}") for i in range(5)]
    proxy.on("GET", "/public/v1/model_hub", numbered_pages(groups, facet=False))
    pager = client.public.model_hub_v1(
        sort="-input_cost_per_token",
        filters={"mode": {"in": ["chat", "embedding"]}, "tpm": {"gte": 10}},
    )
    first = await pager
    assert isinstance(first, ModelHubPage)
    assert first.meta.total_pages == 3
    names = [g.model_group async for g in pager]
    assert names == [f"m{i}" for i in range(5)]
    queries = [s.query for s in proxy.seen[1:]]
    assert [q["page"] for q in queries] == ["1", "2", "3"]
    assert queries[0]["filter[mode][in]"] == "chat,embedding"
    assert queries[0]["filter[tpm][gte]"] == "10"
    assert queries[0]["sort"] == "-input_cost_per_token"
    assert "filters" not in queries[0]


async def test_model_hub_facet_stops_on_has_more(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/public/v1/model_hub/providers", numbered_pages(list("abcd"), facet=True))
    pager = client.public.model_hub_facet("providers", page_size=2)
    assert isinstance(await pager, ModelHubFacetPage)
    assert [v async for v in pager] == list("abcd")
    assert len(proxy.seen) == 3  # page 2 is full, but says has_more=false: no page 3
