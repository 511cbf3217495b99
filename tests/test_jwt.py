"""``client.jwt.key_mappings``: what each method sends, what it returns, the page pager,
refusals before I/O."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIStatusError, ConflictError, LiteLLMClient
from aio_litellm.types.jwt import JwtKeyMapping

from .conftest import FakeProxy, reply

SECRET = "sk-mapped-0123456789"
TOKEN = hashlib.sha256(SECRET.encode()).hexdigest()

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "jwt.key_mappings.create": {"jwt_claim_name": "sub", "jwt_claim_value": "v", "token": TOKEN},
}


def mapping(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"map-{i}",
        "jwt_issuer": None,
        "jwt_claim_name": "sub",
        "jwt_claim_value": f"svc-{i}",
        "description": None,
        "is_active": True,
        "created_at": "2026-11-27T13:13:16.288000Z",
        "updated_at": "2026-11-27T13:13:16.288000Z",
        "created_by": "default_user_id",
        "updated_by": "default_user_id",
        **extra,
    }


async def test_create_info_update_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/jwt/key/mapping/new", reply(200, mapping(1)))
    proxy.on("GET", "/jwt/key/mapping/info", reply(200, mapping(1, x_new="kept")))
    proxy.on(
        "POST",
        "/jwt/key/mapping/update",
        reply(503, {"detail": "busy"}),
        reply(200, mapping(1, is_active=False, jwt_issuer="https://idp")),
    )
    proxy.on("POST", "/jwt/key/mapping/delete", reply(200, {"status": "success"}))

    km = client.jwt.key_mappings
    created = await km.create(jwt_claim_name="sub", jwt_claim_value="svc-1", key=SECRET)
    assert isinstance(created, JwtKeyMapping)
    assert (created.id, created.jwt_claim_value, created.is_active) == ("map-1", "svc-1", True)
    assert created.created_at == "2026-11-27T13:13:16.288000Z"
    info = await km.info("map-1")
    assert info.model_extra == {"x_new": "kept"}
    updated = await km.update("map-1", is_active=False, jwt_issuer="https://idp", token=TOKEN)
    assert (updated.is_active, updated.jwt_issuer) == (False, "https://idp")
    assert await km.delete("map-1") == {"status": "success"}

    seen = proxy.calls()
    assert [(s.method, s.path) for s in seen] == [
        ("POST", "/jwt/key/mapping/new"),
        ("GET", "/jwt/key/mapping/info"),
        ("POST", "/jwt/key/mapping/update"),
        ("POST", "/jwt/key/mapping/update"),  # an update sets a state: sent again after a 503
        ("POST", "/jwt/key/mapping/delete"),
    ]
    assert seen[0].json() == {"jwt_claim_name": "sub", "jwt_claim_value": "svc-1", "key": SECRET}
    assert seen[1].query == {"id": "map-1"}
    assert seen[3].json() == {
        "is_active": False,
        "jwt_issuer": "https://idp",
        "token": TOKEN,
        "id": "map-1",
    }
    assert seen[4].json() == {"id": "map-1"}


async def test_create_is_not_retried_and_conflicts_are_typed(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/jwt/key/mapping/new", reply(500, {"detail": "Failed"}))
    with pytest.raises(APIStatusError):
        await client.jwt.key_mappings.create(jwt_claim_name="sub", jwt_claim_value="a", token=TOKEN)
    assert len(proxy.seen) == 1
    detail = "A mapping for claim 'sub' = 'a' already exists for issuer 'None'."
    proxy.on("POST", "/jwt/key/mapping/new", reply(409, {"detail": detail}))
    with pytest.raises(ConflictError, match="already exists"):
        await client.jwt.key_mappings.create(jwt_claim_name="sub", jwt_claim_value="a", token=TOKEN)


async def test_the_key_never_shows_in_errors(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/jwt/key/mapping/new", reply(400, {"detail": f"bad key {SECRET}"}))
    with pytest.raises(APIStatusError) as failed:
        await client.jwt.key_mappings.create(jwt_claim_name="sub", jwt_claim_value="a", key=SECRET)
    assert failed.value.status_code == 400 and "bad key" in failed.value.message
    assert SECRET not in str(failed.value) and SECRET not in failed.value.message


async def test_list_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [mapping(i) for i in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("size", 50))
        body = {
            "mappings": rows[(page - 1) * size : page * size],
            "total_count": len(rows),
            "current_page": page,
            "total_pages": -(-len(rows) // size),
        }
        return web.Response(body=orjson.dumps(body), content_type="application/json")

    proxy.on("GET", "/jwt/key/mapping/list", pages)
    ids = [m.id async for m in client.jwt.key_mappings.list(size=2)]
    assert ids == [f"map-{i}" for i in range(5)]
    assert [s.query for s in proxy.seen] == [{"page": str(p), "size": "2"} for p in (1, 2, 3)]
    first = await client.jwt.key_mappings.list(size=2, page=3)
    assert (first.total_count, first.current_page, first.total_pages) == (5, 3, 3)
    assert [m.id for m in first.mappings] == ["map-4"]


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    km = client.jwt.key_mappings
    with pytest.raises(TypeError, match="needs key"):
        await km.create(jwt_claim_name="sub", jwt_claim_value="v")
    with pytest.raises(ValueError, match="not both"):
        await km.create(jwt_claim_name="sub", jwt_claim_value="v", key=SECRET, token=TOKEN)
    with pytest.raises(ValueError, match="SHA-256"):
        await km.create(jwt_claim_name="sub", jwt_claim_value="v", token=SECRET)
    with pytest.raises(ValueError, match="SHA-256"):
        await km.update("map-1", token=TOKEN.upper())
    with pytest.raises(ValueError, match="not both"):
        await km.update("map-1", key=SECRET, token=TOKEN)
    with pytest.raises(TypeError, match="jwt_claim_value"):
        await km.create(jwt_claim_name="sub", jwt_claim_value="", key=SECRET)
    for call in (km.info, km.delete, km.update):
        with pytest.raises(TypeError, match="mapping_id"):
            await call("")
    assert proxy.seen == []
