"""``client.scim``: what each method sends, what it returns (SCIM JSON), the startIndex pager,
the licence refusal, refusals before I/O."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    APIResponseValidationError,
    APIStatusError,
    LiteLLMClient,
    PermissionDeniedError,
)
from aio_litellm.resources.scim import StartIndexStyle
from aio_litellm.types.scim import (
    GROUP_SCHEMA,
    PATCH_OP_SCHEMA,
    USER_SCHEMA,
    ScimGroup,
    ScimPlaceholder,
    ScimUser,
)

from .conftest import FakeProxy, Handler

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "scim.users.create": {"schemas": [USER_SCHEMA], "userName": "u"},
    "scim.users.replace": {"schemas": [USER_SCHEMA]},
    "scim.users.patch": {"Operations": [{"op": "replace", "path": "active", "value": False}]},
    "scim.groups.create": {"schemas": [GROUP_SCHEMA], "displayName": "g"},
    "scim.groups.replace": {"schemas": [GROUP_SCHEMA], "displayName": "g"},
    "scim.groups.patch": {"Operations": [{"op": "add", "path": "members", "value": []}]},
}

LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
LICENCE = (
    "This feature is only available for LiteLLM Enterprise users. You must be a LiteLLM "
    "Enterprise user to use this feature."
)


def scim(status: int = 200, body: Any = None) -> Handler:
    """An answer as the proxy's SCIM routes send it: ``application/scim+json``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        if body is None:
            return web.Response(status=status)
        return web.Response(
            status=status, body=orjson.dumps(body), content_type="application/scim+json"
        )

    return handler


def user(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "schemas": [USER_SCHEMA],
        "id": f"u{i}",
        "userName": f"user{i}@example.com",
        "name": {"givenName": "Ada", "familyName": f"L{i}"},
        "displayName": f"Ada {i}",
        "active": True,
        "emails": [{"value": f"user{i}@example.com", "primary": True}],
        "groups": [{"value": "t1", "display": "Team 1", "type": "direct"}],
        "meta": {"resourceType": "User"},
        **extra,
    }


def group(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "schemas": [GROUP_SCHEMA],
        "id": f"t{i}",
        "displayName": f"Team {i}",
        "members": [{"value": "u1", "display": "user1@example.com"}],
        "meta": {"resourceType": "Group", "created": "2026-01-01T00:00:00"},
        **extra,
    }


def listing(rows: list[dict[str, Any]], cap: int = 100, total: bool = True) -> Handler:
    """A SCIM list route as the proxy pages it: ``startIndex`` 1-based, ``count`` capped."""

    async def handler(request: web.Request) -> web.StreamResponse:
        start = int(request.query.get("startIndex", 1))
        count = min(int(request.query.get("count", 10)), cap)
        page = rows[start - 1 : start - 1 + count]
        body: dict[str, Any] = {
            "schemas": [LIST_SCHEMA],
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": page,
        }
        if total:
            body["totalResults"] = len(rows)
        return await scim(200, body)(request)

    return handler


async def test_discovery_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    resource_type = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "User",
        "name": "User",
        "endpoint": "/Users",
        "schema": USER_SCHEMA,
        "schemaExtensions": [
            {
                "schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "required": False,
            }
        ],
    }
    types_list = {"schemas": [LIST_SCHEMA], "totalResults": 1, "Resources": [resource_type]}
    schema = {
        "id": USER_SCHEMA,
        "name": "User",
        "attributes": [
            {
                "name": "name",
                "type": "complex",
                "subAttributes": [{"name": "givenName", "type": "string"}],
            }
        ],
    }
    config = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 0},
        "filter": {"supported": False, "maxResults": 100},
        "meta": {"resourceType": "ServiceProviderConfig"},
    }
    proxy.on("GET", "/scim/v2", scim(200, types_list))
    proxy.on("GET", "/scim/v2/ResourceTypes", scim(200, types_list))
    proxy.on("GET", "/scim/v2/ResourceTypes/User", scim(200, resource_type))
    proxy.on("GET", "/scim/v2/Schemas", scim(200, {"totalResults": 1, "Resources": [schema]}))
    proxy.on("GET", f"/scim/v2/Schemas/{USER_SCHEMA}", scim(200, schema))
    proxy.on("GET", "/scim/v2/ServiceProviderConfig", scim(200, config))

    root = await client.scim.root()
    assert root.totalResults == 1 and root.Resources[0].endpoint == "/Users"
    assert (
        root.raw_response is not None and "scim+json" in root.raw_response.headers["Content-Type"]
    )
    listed = await client.scim.resource_types.list()
    assert listed.Resources[0].schema_ == USER_SCHEMA
    one = await client.scim.resource_types.retrieve("User")
    extension = (one.schemaExtensions or [])[0]
    assert extension.schema_ is not None and extension.schema_.endswith("enterprise:2.0:User")
    assert extension.required is False
    schemas = await client.scim.schemas.list()
    assert [s.id for s in schemas.Resources] == [USER_SCHEMA]
    got = await client.scim.schemas.retrieve(USER_SCHEMA)
    sub = got.attributes[0].subAttributes or []
    assert got.attributes[0].type == "complex" and sub[0].name == "givenName"
    supported = await client.scim.service_provider_config()
    assert supported.patch is not None and supported.patch.supported is True
    assert supported.filter is not None and supported.filter.maxResults == 100
    assert supported.sort is None
    # The schema URN is one escaped path segment.
    assert proxy.calls()[4].raw_path == "/scim/v2/Schemas/" + USER_SCHEMA.replace(":", "%3A")
    assert all(s.method == "GET" and s.body == b"" for s in proxy.calls())


async def test_users(proxy: FakeProxy, client: LiteLLMClient) -> None:
    enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    proxy.on("POST", "/scim/v2/Users", scim(201, user(1, **{enterprise: {"department": "R&D"}})))
    proxy.on("GET", "/scim/v2/Users/u/1", scim(200, user(1, x_new=1)))
    proxy.on("PUT", "/scim/v2/Users/u/1", scim(200, user(1, displayName="Ada L.")))
    proxy.on(
        "PATCH",
        "/scim/v2/Users/u/1",
        scim(500, {"detail": "boom"}),
        scim(200, user(1, active=False)),
    )
    proxy.on("DELETE", "/scim/v2/Users/u/1", scim(204))

    created = await client.scim.users.create(
        schemas=[USER_SCHEMA],
        userName="user1@example.com",
        name={"givenName": "Ada", "familyName": "L1"},
        emails=[{"value": "user1@example.com", "primary": True}],
    )
    assert isinstance(created, ScimUser) and created.id == "u1"
    assert created.name is not None and created.name.familyName == "L1"
    assert created.emails is not None and created.emails[0].primary is True
    assert created.groups is not None and created.groups[0].display == "Team 1"
    assert created.enterprise == {"department": "R&D"}
    got = await client.scim.users.retrieve("u/1")
    assert got.model_extra == {"x_new": 1} and got.active is True
    replaced = await client.scim.users.replace("u/1", schemas=[USER_SCHEMA], displayName="Ada L.")
    assert replaced.displayName == "Ada L."
    ops = [{"op": "replace", "path": "active", "value": False}]
    patched = await client.scim.users.patch("u/1", schemas=[PATCH_OP_SCHEMA], Operations=ops)
    assert patched.active is False
    await client.scim.users.delete("u/1")  # 204: no body

    seen = proxy.calls()
    assert [(s.method, s.raw_path) for s in seen] == [
        ("POST", "/scim/v2/Users"),
        ("GET", "/scim/v2/Users/u%2F1"),
        ("PUT", "/scim/v2/Users/u%2F1"),
        ("PATCH", "/scim/v2/Users/u%2F1"),
        ("PATCH", "/scim/v2/Users/u%2F1"),  # a patch is a target state: sent again after a 500
        ("DELETE", "/scim/v2/Users/u%2F1"),
    ]
    assert seen[0].json() == {
        "schemas": [USER_SCHEMA],
        "userName": "user1@example.com",
        "name": {"givenName": "Ada", "familyName": "L1"},
        "emails": [{"value": "user1@example.com", "primary": True}],
    }
    assert seen[2].json() == {"schemas": [USER_SCHEMA], "displayName": "Ada L."}
    assert seen[3].json() == {"schemas": [PATCH_OP_SCHEMA], "Operations": ops}

    # A create that may have been applied is not sent again.
    proxy.on("POST", "/scim/v2/Users", scim(500, {"detail": "boom"}))
    with pytest.raises(APIStatusError):
        await client.scim.users.create(schemas=[USER_SCHEMA], userName="x")
    assert len(proxy.calls("POST", "/scim/v2/Users")) == 2


async def test_groups(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/scim/v2/Groups", scim(201, group(1)))
    proxy.on("GET", "/scim/v2/Groups/t1", scim(200, group(1)))
    proxy.on("PUT", "/scim/v2/Groups/t1", scim(200, group(1, displayName="Renamed")))
    proxy.on("PATCH", "/scim/v2/Groups/t1", scim(200, group(1, members=[])))
    proxy.on("DELETE", "/scim/v2/Groups/t1", scim(204))

    members = [{"value": "u1"}]
    created = await client.scim.groups.create(
        schemas=[GROUP_SCHEMA], displayName="Team 1", id="t1", members=members
    )
    assert isinstance(created, ScimGroup) and created.displayName == "Team 1"
    assert created.members is not None and created.members[0].display == "user1@example.com"
    assert (await client.scim.groups.retrieve("t1")).id == "t1"
    replaced = await client.scim.groups.replace(
        "t1", schemas=[GROUP_SCHEMA], displayName="Renamed", members=members
    )
    assert replaced.displayName == "Renamed"
    ops = [{"op": "remove", "path": 'members[value eq "u1"]'}]
    assert (await client.scim.groups.patch("t1", Operations=ops)).members == []
    await client.scim.groups.delete("t1")

    seen = proxy.calls()
    assert [s.method for s in seen] == ["POST", "GET", "PUT", "PATCH", "DELETE"]
    assert seen[0].json() == {
        "schemas": [GROUP_SCHEMA],
        "displayName": "Team 1",
        "id": "t1",
        "members": members,
    }
    assert seen[2].json()["displayName"] == "Renamed"
    assert seen[3].json() == {"Operations": ops}


async def test_lists_walk_start_index(proxy: FakeProxy, client: LiteLLMClient) -> None:
    users = [user(i) for i in range(1, 6)]
    proxy.on("GET", "/scim/v2/Users", listing(users))
    ids = [u.id async for u in client.scim.users.list(count=2, filter='userName eq "x"')]
    assert ids == ["u1", "u2", "u3", "u4", "u5"]
    assert [s.query for s in proxy.seen] == [
        {"startIndex": str(n), "count": "2", "filter": 'userName eq "x"'} for n in (1, 3, 5)
    ]
    first = await client.scim.users.list(count=2)
    assert (first.totalResults, first.startIndex, first.itemsPerPage) == (5, 1, 2)
    assert isinstance(first.Resources[0], ScimUser)

    # The proxy answers at most its cap whatever count asks for: short pages do not end the
    # walk while totalResults says more follow.
    proxy.seen.clear()
    groups = [group(i) for i in range(1, 6)]
    proxy.on("GET", "/scim/v2/Groups", listing(groups, cap=2))
    ids = [g.id async for g in client.scim.groups.list(count=100, startIndex=2)]
    assert ids == ["t2", "t3", "t4", "t5"]
    assert [s.query["startIndex"] for s in proxy.seen] == ["2", "4"]


async def test_list_without_total_stops_at_a_short_or_empty_page(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/scim/v2/Users", listing([user(i) for i in range(1, 4)], total=False))
    assert [u.id async for u in client.scim.users.list(count=2)] == ["u1", "u2", "u3"]
    assert len(proxy.seen) == 2
    proxy.seen.clear()
    # No count and no total: only an empty page ends it.
    assert [u.id async for u in client.scim.users.list()] == ["u1", "u2", "u3"]
    assert [s.query["startIndex"] for s in proxy.seen] == ["1", "4"]


def test_start_index_style_reads_plain_json_pages() -> None:
    style = StartIndexStyle()
    assert style.first({"count": 2}) == {"startIndex": 1, "count": 2}
    params = {"startIndex": 1, "count": 2}
    page = {"totalResults": 3, "Resources": [1, 2]}
    assert style.next(params, page, [1, 2]) == {"startIndex": 3, "count": 2}
    assert style.next({"startIndex": 3, "count": 2}, {"totalResults": 3}, [3]) is None
    assert style.next(params, {}, []) is None


async def test_placeholders(proxy: FakeProxy, client: LiteLLMClient) -> None:
    row = {"placeholder_user_id": "a@x.io", "resolved_user_ids": ["u9"], "team_ids": ["t1"]}
    proxy.on("GET", "/scim/v2/placeholders", scim(200, [row, {**row, "team_ids": []}]))
    merged = {"placeholder_user_id": "a@x.io", "merged_into_user_id": "u9", "team_ids": ["t1"]}
    proxy.on("POST", "/scim/v2/placeholders/a@x.io/merge", scim(200, merged))

    rows = await client.scim.placeholders.list()
    assert all(isinstance(r, ScimPlaceholder) for r in rows)
    assert [(r.placeholder_user_id, r.resolved_user_ids, r.team_ids) for r in rows] == [
        ("a@x.io", ["u9"], ["t1"]),
        ("a@x.io", ["u9"], []),
    ]
    assert [r.team_ids async for r in client.scim.placeholders.list()] == [["t1"], []]
    done = await client.scim.placeholders.merge("a@x.io")
    assert (done.merged_into_user_id, done.team_ids) == ("u9", ["t1"])
    assert proxy.calls()[2].raw_path == "/scim/v2/placeholders/a%40x.io/merge"

    # A merge deletes the placeholder: not sent again once it may have been applied.
    proxy.on("POST", "/scim/v2/placeholders/a@x.io/merge", scim(502, {"detail": "bad gateway"}))
    with pytest.raises(APIStatusError):
        await client.scim.placeholders.merge("a@x.io")
    assert len(proxy.calls("POST")) == 2
    assert len(proxy.calls("GET")) == 2  # the whole list is one answer

    proxy.on("GET", "/scim/v2/placeholders", scim(200, [{"team_ids": "not a list"}]))
    with pytest.raises(APIResponseValidationError, match="team_ids"):
        await client.scim.placeholders.list()


async def test_without_a_licence_every_route_is_refused(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/scim/v2/Users", scim(403, {"detail": {"error": LICENCE}}))
    with pytest.raises(PermissionDeniedError) as refused:
        await client.scim.users.list()
    assert refused.value.status_code == 403 and "LiteLLM Enterprise" in refused.value.message
    assert len(proxy.seen) == 1  # a refusal is not retried


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    users, groups = client.scim.users, client.scim.groups
    with pytest.raises(TypeError, match="schemas"):
        await users.create(userName="x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="schemas"):
        await users.replace("u1", schemas=[])
    with pytest.raises(TypeError, match="Operations"):
        await users.patch("u1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="displayName"):
        await groups.create(schemas=[GROUP_SCHEMA])  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="displayName"):
        await groups.replace("t1", schemas=[GROUP_SCHEMA], displayName="")
    with pytest.raises(TypeError, match="Operations"):
        await groups.patch("t1", Operations=[])
    with pytest.raises(ValueError, match="empty"):
        await users.retrieve("")
    with pytest.raises(ValueError, match="empty"):
        await groups.delete("")
    with pytest.raises(ValueError, match="empty"):
        await client.scim.schemas.retrieve("")
    with pytest.raises(TypeError, match="str or int"):
        await client.scim.placeholders.merge(None)  # type: ignore[arg-type]
    assert proxy.seen == []
