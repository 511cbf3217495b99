"""``client.organizations``: what each method sends, what it returns, members, refusals, the
licence refusal, and ``create_many`` (retry-safe by ``organization_id``)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    CreateConflict,
    InternalServerError,
    LiteLLMClient,
    PermissionDeniedError,
)
from aio_litellm.types.organizations import (
    Organization,
    OrganizationMemberAddResponse,
    OrganizationMembership,
)

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "organizations.create": {"organization_alias": "v1"},
    "organizations.info_many": {"organization_ids": ["v1"]},
    "organizations.delete": {"organization_ids": ["v1"]},
    "organizations.member_add": {"members": [{"user_id": "u1", "role": "internal_user"}]},
    "organizations.member_update": {"user_id": "u1", "role": "org_admin"},
    "organizations.member_delete": {"user_id": "u1"},
}

LICENCE = {
    "detail": {
        "error": "Organizations are only available for LiteLLM Enterprise users. "
        "You must be a LiteLLM Enterprise user to use this feature."
    }
}


def org(organization_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "organization_id": organization_id,
        "organization_alias": f"alias-{organization_id}",
        "budget_id": f"budget-{organization_id}",
        "spend": 0.0,
        "models": [],
        "created_by": "admin",
        "updated_by": "admin",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        **extra,
    }


def membership(user_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "organization_id": "o1",
        "user_role": "internal_user",
        "spend": 0.0,
        "created_at": "2025-01-01",
        "updated_at": "2025-01-01",
        **extra,
    }


async def test_create_info_list_and_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/organization/new", reply(200, org("o1")))
    created = await client.organizations.create(
        organization_alias="alias-o1", models=["fake-gpt"], max_budget=3.0
    )
    assert isinstance(created, Organization) and created.organization_id == "o1"
    assert proxy.calls()[-1].json() == {
        "organization_alias": "alias-o1",
        "models": ["fake-gpt"],
        "max_budget": 3.0,
    }

    table = {"budget_id": "budget-o1", "max_budget": 3.0}
    info_body = org("o1", litellm_budget_table=table, members=[membership("u1")], teams=[{}])
    proxy.on("GET", "/organization/info", reply(200, info_body))
    info = await client.organizations.info("o1")
    assert info.litellm_budget_table is not None and info.litellm_budget_table.max_budget == 3.0
    assert isinstance(info.members[0], OrganizationMembership)
    assert info.members[0].user_role == "internal_user"
    assert proxy.calls()[-1].query == {"organization_id": "o1"}

    proxy.on("POST", "/organization/info", reply(200, [org("o1"), org("o2")]))
    many = await client.organizations.info_many(["o1", "o2"])
    assert [o.organization_id for o in many] == ["o1", "o2"]
    assert proxy.calls()[-1].json() == {"organizations": ["o1", "o2"]}

    proxy.on("GET", "/organization/list", reply(200, [org("o1"), org("o2")]))
    listed = [o.organization_id async for o in client.organizations.list(org_alias="alias")]
    assert listed == ["o1", "o2"]
    assert proxy.calls()[-1].query == {"org_alias": "alias"}
    first = await client.organizations.list()
    assert all(isinstance(o, Organization) for o in first)

    proxy.on("DELETE", "/organization/delete", reply(200, [org("o1")]))
    deleted = await client.organizations.delete(["o1"])
    assert deleted[0].organization_id == "o1"
    assert proxy.calls()[-1].json() == {"organization_ids": ["o1"]}


async def test_update_and_patch_v2(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("PATCH", "/organization/update", reply(200, org("o1", metadata={"a": 1})))
    updated = await client.organizations.update("o1", metadata={"a": 1}, max_budget=4.0)
    assert updated.metadata == {"a": 1}
    assert proxy.calls()[-1].json() == {
        "metadata": {"a": 1},
        "max_budget": 4.0,
        "organization_id": "o1",
    }

    proxy.on("PATCH", "/v2/organization/o/1", reply(200, org("o/1")))  # decoded
    patched = await client.organizations.patch_v2("o/1", max_budget=None, models=[])
    assert patched.organization_id == "o/1"
    seen = proxy.calls()[-1]
    assert seen.raw_path == "/v2/organization/o%2F1"  # one escaped segment
    assert seen.json() == {"max_budget": None, "models": []}  # None is sent: it clears


async def test_members(proxy: FakeProxy, client: LiteLLMClient) -> None:
    added = {
        "organization_id": "o1",
        "updated_users": [{"user_id": "u1"}],
        "updated_organization_memberships": [membership("u1")],
    }
    proxy.on("POST", "/organization/member_add", reply(200, added))
    members: list[Any] = [
        {"user_id": "u1", "role": "internal_user"},
        {"user_email": "b@x.io", "role": "org_admin"},
    ]
    answer = await client.organizations.member_add("o1", members, max_budget_in_organization=2.0)
    assert isinstance(answer, OrganizationMemberAddResponse)
    assert answer.updated_organization_memberships[0].user_id == "u1"
    assert proxy.calls()[-1].json() == {
        "organization_id": "o1",
        "member": members,
        "max_budget_in_organization": 2.0,
    }

    proxy.on(
        "PATCH", "/organization/member_update", reply(200, membership("u1", user_role="org_admin"))
    )
    changed = await client.organizations.member_update("o1", user_id="u1", role="org_admin")
    assert changed.user_role == "org_admin"
    assert proxy.calls()[-1].json() == {
        "organization_id": "o1",
        "user_id": "u1",
        "user_email": None,
        "role": "org_admin",
        "max_budget_in_organization": None,
    }

    proxy.on("DELETE", "/organization/member_delete", reply(200, membership("u1")))
    removed = await client.organizations.member_delete("o1", user_email="b@x.io")
    assert removed.user_id == "u1"
    assert proxy.calls()[-1].json() == {
        "organization_id": "o1",
        "user_id": None,
        "user_email": "b@x.io",
    }


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    orgs = client.organizations
    with pytest.raises(TypeError, match="non-empty list of organization_ids"):
        await orgs.delete("o1")
    with pytest.raises(TypeError, match="non-empty list of organization_ids"):
        await orgs.info_many([])
    with pytest.raises(TypeError, match="organization_alias"):
        await orgs.create(models=[])  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="organization_id"):
        await orgs.info("")
    with pytest.raises(TypeError, match="organization_id"):
        await orgs.update("", max_budget=1.0)
    with pytest.raises(TypeError, match="user_id or user_email"):
        await orgs.member_add("o1", [{"role": "internal_user"}])
    with pytest.raises(TypeError, match="user_id or user_email"):
        await orgs.member_add("o1", [])
    with pytest.raises(TypeError, match="user_id or user_email"):
        await orgs.member_update("o1", role="org_admin")
    with pytest.raises(TypeError, match="user_id or user_email"):
        await orgs.member_delete("o1")
    with pytest.raises(TypeError, match="organization_id"):
        await orgs.member_delete("", user_id="u1")
    assert proxy.seen == []


async def test_without_a_licence_the_typed_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/organization/list", reply(403, LICENCE))
    with pytest.raises(PermissionDeniedError, match="only available for LiteLLM Enterprise"):
        await client.organizations.list()


async def test_daily_activity_pages_by_day(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def days(request: web.Request) -> web.StreamResponse:
        page = int(request.query["page"])
        result = [{"date": f"2025-01-0{page}", "metrics": {"spend": page}}]
        return web.json_response({"results": result, "metadata": {"page": page, "total_pages": 2}})

    proxy.on("GET", "/organization/daily/activity", days)
    pager = client.organizations.daily_activity.list(
        organization_ids="o1", start_date="2025-01-01", end_date="2025-01-31"
    )
    walked = [d.date async for d in pager]
    assert walked == ["2025-01-01", "2025-01-02"]
    assert [s.query for s in proxy.calls()] == [
        {
            "page": "1",
            "organization_ids": "o1",
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
        },
        {
            "page": "2",
            "organization_ids": "o1",
            "start_date": "2025-01-01",
            "end_date": "2025-01-31",
        },
    ]


class OrganizationTable:
    """The proxy's organizations as /organization/new and /organization/info use them: an
    existing id fails the database's unique constraint (a 500)."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.creates = 0
        proxy.on("POST", "/organization/new", self.new)
        proxy.on("GET", "/organization/info", self.info)

    async def new(self, request: web.Request) -> web.StreamResponse:
        self.creates += 1
        body = orjson.loads(await request.read())
        org_id = body["organization_id"]
        if org_id in self.rows:
            message = "Unique constraint failed on the fields: (`organization_id`)"
            return web.json_response({"error": {"message": message, "code": "500"}}, status=500)
        budget = {"budget_id": f"budget-{org_id}", "max_budget": body.pop("max_budget", None)}
        self.rows[org_id] = {**org(org_id), **body, "litellm_budget_table": budget}
        return web.json_response(self.rows[org_id])

    async def info(self, request: web.Request) -> web.StreamResponse:
        org_id = request.query["organization_id"]
        if org_id not in self.rows:
            body = {"detail": {"error": "Organization not found"}}
            return web.json_response(body, status=404)
        return web.json_response(self.rows[org_id])


async def test_create_many_is_safe_to_repeat(proxy: FakeProxy, client: LiteLLMClient) -> None:
    table = OrganizationTable(proxy)
    specs: list[Any] = [
        {"organization_id": "o1", "organization_alias": "one", "max_budget": 1.0},
        {"organization_id": "o2", "organization_alias": "two"},
        {"organization_alias": "no id"},
    ]
    first = await client.organizations.create_many(specs)
    assert [o.ok for o in first.outcomes] == [True, True, False]
    assert isinstance(first.outcomes[2].error, ValueError)

    rerun: list[Any] = [
        {"organization_id": "o1", "organization_alias": "one", "max_budget": 1},  # as stored
        {"organization_id": "o2", "organization_alias": "zwei"},  # other alias
        {"organization_id": "o1", "organization_alias": "one", "max_budget": 8.0},  # other budget
        {"organization_id": "o3", "organization_alias": "three"},
    ]
    again = await client.organizations.create_many(rerun, concurrency=1)
    assert [o.item for o in again.outcomes] == rerun
    assert [o.ok for o in again.outcomes] == [True, False, False, True]
    value = again.outcomes[0].value
    assert isinstance(value, Organization) and value.organization_alias == "one"
    fields = [getattr(again.outcomes[i].error, "fields", None) for i in (1, 2)]
    assert fields == [("organization_alias",), ("max_budget",)]
    assert all(isinstance(again.outcomes[i].error, CreateConflict) for i in (1, 2))
    assert table.rows["o2"]["organization_alias"] == "two"


async def test_create_many_reports_a_create_that_never_landed(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/organization/new", reply(500, {"error": {"message": "db down"}}))
    proxy.on("GET", "/organization/info", reply(404, {"detail": {"error": "not found"}}))
    result = await client.organizations.create_many(
        [{"organization_id": "o1", "organization_alias": "one"}]
    )
    assert isinstance(result.outcomes[0].error, InternalServerError)
    assert len(proxy.calls("POST", "/organization/new")) == 3  # the create's own attempts
