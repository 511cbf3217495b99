"""``client.teams``: what each method sends and returns, the v2 pager, members in bulk,
callbacks, ``update_many``, input refused before I/O, and the hand-written parameter types
against the generated ones."""

from __future__ import annotations

import typing
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    APIConnectionError,
    APIResponseValidationError,
    BadRequestError,
    LiteLLMClient,
    NotFoundError,
)
from aio_litellm.types import teams as types
from aio_litellm.types.params import teams as generated

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "teams.members.bulk_delete": {"members": [{"user_id": "u1"}]},
    "teams.members.bulk_update": {"members": [{"user_id": "u1", "max_budget_in_team": 1}]},
    "teams.bulk_member_add": {"members": [{"user_id": "u1", "role": "user"}]},
    "teams.member_update": {"user_id": "u1", "role": "user"},
    "teams.model_add": {"models": ["fake-gpt"]},
    "teams.model_delete": {"models": ["fake-gpt"]},
    "teams.permissions_update": {"permissions": ["/key/info"]},
    "teams.permissions_bulk_update": {"permissions": ["/key/info"], "apply_to_all_teams": True},
    "teams.callbacks.add": {"callback_name": "langfuse", "callback_vars": {}},
}


def team(team_id: str = "t1", **extra: Any) -> dict[str, Any]:
    return {
        "team_id": team_id,
        "team_alias": f"alias-{team_id}",
        "members_with_roles": [{"user_id": "admin", "user_email": None, "role": "admin"}],
        "models": [],
        "blocked": False,
        "spend": 0.0,
        "metadata": {},
        "created_at": "2026-01-01T00:00:00Z",
        "some_new_field": 1,
        **extra,
    }


async def echo_team(request: web.Request) -> web.StreamResponse:
    """A team row carrying what the request sent (its body, else its path's team)."""
    raw = await request.read()  # the fake has read it already: this is its cached copy
    body = orjson.loads(raw) if raw else {}
    team_id = body.pop("team_id", None) or request.match_info["tail"].split("/")[1]
    return web.json_response(team(team_id, **body))


def body(proxy: FakeProxy, index: int = -1) -> Any:
    return proxy.calls()[index].json()


async def test_create_info_list(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/team/new", echo_team)
    info = {"team_id": "t1", "team_info": team(), "keys": [{"token": "h"}], "team_memberships": []}
    proxy.on("GET", "/team/info", reply(200, info))
    rows = [{**team("t1"), "keys": [], "team_memberships": [{"user_id": "u1"}]}, team("t2")]
    proxy.on("GET", "/team/list", reply(200, rows))

    created = await client.teams.create(team_id="t1", max_budget=5.0, models=["fake-gpt"])
    assert isinstance(created, types.Team)
    assert (created.team_id, created.max_budget, created.models) == ("t1", 5.0, ["fake-gpt"])
    assert created.model_extra == {"some_new_field": 1}  # unknown fields are kept
    assert created.raw_response is not None and created.raw_response.status_code == 200
    assert body(proxy) == {"team_id": "t1", "max_budget": 5.0, "models": ["fake-gpt"]}

    got = await client.teams.info("t1", key_limit=3)
    assert got.keys == [{"token": "h"}] and got.team_info["team_alias"] == "alias-t1"
    assert proxy.calls()[-1].query == {"team_id": "t1", "key_limit": "3"}

    listed = await client.teams.list(organization_id="o1")
    assert [t.team_id for t in listed] == ["t1", "t2"]
    assert isinstance(listed[0], types.TeamListEntry)
    assert listed[0].team_memberships == [{"user_id": "u1"}] and listed[1].keys == []
    assert proxy.calls()[-1].query == {"organization_id": "o1"}


async def test_a_list_that_is_not_a_list_fails_clearly(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/team/available", reply(200, {"teams": []}))
    with pytest.raises(APIResponseValidationError, match=r"GET .*/team/available"):
        await client.teams.available()


async def test_list_v2_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    teams = [team(f"t{n}") for n in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        return web.json_response(
            {
                "teams": teams[(page - 1) * size : page * size],
                "total": 5,
                "page": page,
                "page_size": size,
                "total_pages": 3,
            }
        )

    proxy.on("GET", "/v2/team/list", pages)
    first = await client.teams.list_v2(page_size=2, search="t", sort_by="team_id")
    assert [t.team_id for t in first.teams] == ["t0", "t1"] and first.total_pages == 3
    assert proxy.calls()[0].query == {
        "page": "1",
        "page_size": "2",
        "search": "t",
        "sort_by": "team_id",
    }
    walked = [t.team_id async for t in client.teams.list_v2(page_size=2)]
    assert walked == [f"t{n}" for n in range(5)]
    assert [c.query["page"] for c in proxy.calls()[1:]] == ["1", "2", "3"]

    # Without a page count, a page shorter than page_size is the last.
    async def uncounted(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        return web.json_response({"teams": teams[(page - 1) * size : page * size]})

    proxy.on("GET", "/v2/team/list", uncounted)
    proxy.seen.clear()
    assert len([t async for t in client.teams.list_v2(page_size=2)]) == 5
    assert [c.query["page"] for c in proxy.calls()] == ["1", "2", "3"]


async def test_update_patch_delete_block(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def update(request: web.Request) -> web.StreamResponse:
        sent = orjson.loads(await request.read())
        return web.json_response({"team_id": sent["team_id"], "data": team(**sent)})

    proxy.on("POST", "/team/update", update)
    proxy.on("PATCH", "/team/t 1", echo_team)
    proxy.on("POST", "/team/delete", reply(200, {"deleted_teams": ["t1", "t2"]}))
    proxy.on("POST", "/team/block", echo_team)
    proxy.on("POST", "/team/unblock", echo_team)

    updated = await client.teams.update("t1", max_budget=7.5, team_alias="new")
    assert updated.data is not None and updated.data.max_budget == 7.5
    assert body(proxy) == {"max_budget": 7.5, "team_alias": "new", "team_id": "t1"}

    patched = await client.teams.patch("t 1", metadata={"cost_center": "42", "old": None})
    assert patched.team_id == "t 1"
    assert proxy.calls()[-1].raw_path == "/team/t%201"
    assert body(proxy) == {"metadata": {"cost_center": "42", "old": None}}  # no team_id in it

    assert (await client.teams.delete(["t1", "t2"])).deleted_teams == ["t1", "t2"]
    assert body(proxy) == {"team_ids": ["t1", "t2"]}

    await client.teams.block("t1")
    await client.teams.unblock("t1")
    assert [(c.path, c.json()) for c in proxy.calls()[-2:]] == [
        ("/team/block", {"team_id": "t1"}),
        ("/team/unblock", {"team_id": "t1"}),
    ]


async def test_available_and_metadata_schema(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/team/available", reply(200, [team("open-1"), team("open-2")]))
    schema = {"fields": [{"key": "cost_center", "label": "Cost center"}, {"key": "owner"}]}
    proxy.on("GET", "/team/metadata_schema", reply(200, schema))
    available = await client.teams.available()
    assert [t.team_id for t in available] == ["open-1", "open-2"]
    assert all(isinstance(t, types.Team) for t in available)
    fields = (await client.teams.metadata_schema()).fields
    assert [(f.key, f.label) for f in fields] == [("cost_center", "Cost center"), ("owner", None)]


async def test_members(proxy: FakeProxy, client: LiteLLMClient) -> None:
    added = {**team(), "updated_users": [{"user_id": "u1"}], "updated_team_memberships": []}
    proxy.on("POST", "/team/member_add", reply(200, added))
    proxy.on("POST", "/team/member_delete", echo_team)
    updated = {"team_id": "t1", "user_id": "u1", "max_budget_in_team": 2.0, "tpm_limit": None}
    proxy.on("POST", "/team/member_update", reply(200, updated))
    bulk = {
        "team_id": "t1",
        "results": [{"user_id": "u1", "success": True}, {"user_id": "u2", "success": False}],
        "total_requested": 2,
        "successful_additions": 1,
        "failed_additions": 1,
    }
    proxy.on("POST", "/team/bulk_member_add", reply(200, bulk))
    teams = client.teams

    result = await teams.member_add(
        "t1", [{"user_id": "u1", "role": "user"}], max_budget_in_team=3, allowed_models=[]
    )
    assert result.updated_users == [{"user_id": "u1"}] and result.team_id == "t1"
    assert body(proxy) == {
        "team_id": "t1",
        "member": [{"user_id": "u1", "role": "user"}],
        "max_budget_in_team": 3,
        "allowed_models": [],
    }
    await teams.member_add("t1", [{"user_email": "a@x", "role": "admin"}])
    assert body(proxy) == {"team_id": "t1", "member": [{"user_email": "a@x", "role": "admin"}]}

    member = await teams.member_update("t1", user_id="u1", max_budget_in_team=2.0, role="user")
    assert (member.user_id, member.max_budget_in_team) == ("u1", 2.0)
    assert body(proxy) == {
        "user_id": "u1",
        "max_budget_in_team": 2.0,
        "role": "user",
        "team_id": "t1",
    }

    after = await teams.member_delete("t1", user_email="a@x")
    assert isinstance(after, types.Team)
    assert body(proxy) == {"team_id": "t1", "user_id": None, "user_email": "a@x"}

    outcome = await teams.bulk_member_add("t1", [{"user_id": "u1", "role": "user"}])
    assert [r.success for r in outcome.results] == [True, False] and outcome.failed_additions == 1
    assert body(proxy) == {
        "team_id": "t1",
        "all_users": False,
        "members": [{"user_id": "u1", "role": "user"}],
    }
    await teams.bulk_member_add("t1", all_users=True, max_budget_in_team=1.5)
    assert body(proxy) == {"team_id": "t1", "all_users": True, "max_budget_in_team": 1.5}


async def test_member_budget_and_spend_resets(proxy: FakeProxy, client: LiteLLMClient) -> None:
    spend = {"team_id": "t/1", "user_id": "u1", "spend": 0.0, "previous_spend": 2.5}
    proxy.on("POST", "/team/t/1/member/u1/reset_spend", reply(200, spend))
    budget = {"team_id": "t/1", "user_id": "u1", "budget_id": "b1", "budget_source": "team"}
    proxy.on("POST", "/team/t/1/member/u1/reset_budget", reply(200, budget))
    me = {"team_id": "t/1", "user_id": "u1", "role": "user", "spend": 1.0, "budget_id": None}
    proxy.on("GET", "/team/t/1/members/me", reply(200, me))

    reset = await client.teams.member_reset_spend("t/1", "u1")
    assert reset.previous_spend == 2.5 and body(proxy) == {"reset_to": 0.0}
    assert proxy.calls()[-1].raw_path == "/team/t%2F1/member/u1/reset_spend"
    await client.teams.member_reset_spend("t/1", "u1", reset_to=1.25)
    assert body(proxy) == {"reset_to": 1.25}
    back = await client.teams.member_reset_budget("t/1", "u1")
    assert (back.budget_id, back.budget_source) == ("b1", "team")
    mine = await client.teams.members_me("t/1")
    assert (mine.role, mine.spend) == ("user", 1.0)


async def test_members_in_bulk(proxy: FakeProxy, client: LiteLLMClient) -> None:
    deleted = {"data": [{"user_id": "u1", "success": True}, {"user_email": "b@x", "error": "no"}]}
    proxy.on("POST", "/management/v1/teams/t1/members/bulk_delete", reply(200, deleted))
    limits = {
        "data": [
            {"user_id": "u1", "success": True, "max_budget": 4.0, "max_budget_source": "member"}
        ]
    }
    proxy.on("POST", "/management/v1/teams/t1/members/bulk_update", reply(200, limits))

    gone = await client.teams.members.bulk_delete("t1", [{"user_id": "u1"}, {"user_email": "b@x"}])
    assert [(r.success, r.error) for r in gone.data] == [(True, None), (False, "no")]
    assert body(proxy) == {"members": [{"user_id": "u1"}, {"user_email": "b@x"}]}

    done = await client.teams.members.bulk_update(
        "t1", [{"user_id": "u1", "max_budget_in_team": 4.0, "tpm_limit": None}]
    )
    assert done.data[0].max_budget == 4.0 and done.data[0].max_budget_source == "member"
    assert body(proxy) == {
        "members": [{"user_id": "u1", "max_budget_in_team": 4.0, "tpm_limit": None}]
    }


async def test_models_and_permissions(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/team/model/add", echo_team)
    proxy.on("POST", "/team/model/delete", echo_team)
    listed = {
        "team_id": "t1",
        "team_member_permissions": ["/key/info"],
        "all_available_permissions": ["/key/info", "/key/list"],
    }
    proxy.on("GET", "/team/permissions_list", reply(200, listed))
    proxy.on("POST", "/team/permissions_update", echo_team)
    appended = {"message": "ok", "teams_updated": 2, "permissions_appended": ["/key/list"]}
    proxy.on("POST", "/team/permissions_bulk_update", reply(200, appended))
    teams = client.teams

    assert (await teams.model_add("t1", ["fake-gpt"])).models == ["fake-gpt"]
    await teams.model_delete("t1", ("fake-gpt",))
    assert body(proxy) == {"team_id": "t1", "models": ["fake-gpt"]}

    permissions = await teams.permissions_list("t1")
    assert permissions.all_available_permissions == ["/key/info", "/key/list"]
    assert proxy.calls()[-1].query == {"team_id": "t1"}
    changed = await teams.permissions_update("t1", ["/key/info"])
    assert changed.team_member_permissions == ["/key/info"]
    assert body(proxy) == {"team_id": "t1", "team_member_permissions": ["/key/info"]}
    await teams.permissions_update("t1", [])  # none: allowed
    assert body(proxy)["team_member_permissions"] == []

    result = await teams.permissions_bulk_update(["/key/list"], team_ids=["t1", "t2"])
    assert result.teams_updated == 2
    assert body(proxy) == {
        "permissions": ["/key/list"],
        "apply_to_all_teams": False,
        "team_ids": ["t1", "t2"],
    }
    await teams.permissions_bulk_update(["/key/list"], apply_to_all_teams=True)
    assert body(proxy) == {"permissions": ["/key/list"], "apply_to_all_teams": True}


async def test_callbacks_and_logging(proxy: FakeProxy, client: LiteLLMClient) -> None:
    data = {"team_id": "t/1", "success_callbacks": ["langfuse"], "failure_callbacks": []}
    masked = {**data, "callback_vars": {"langfuse_secret_key": "***REDACTED***"}}
    proxy.on("GET", "/team/t/1/callback", reply(200, {"status": "success", "data": masked}))
    stored = team("t/1", metadata={"logging": [{"callback_name": "langfuse"}]})
    proxy.on("POST", "/team/t/1/callback", reply(200, {"status": "success", "data": stored}))
    removed = {**data, "success_callbacks": []}
    answer = {"status": "success", "message": "removed", "data": removed}
    proxy.on("DELETE", "/team/t/1/callback/langfuse", reply(200, answer))
    proxy.on("POST", "/team/t/1/disable_logging", reply(200, answer))
    callbacks = client.teams.callbacks

    listed = await callbacks.list("t/1")
    assert listed.data is not None and listed.data.success_callbacks == ["langfuse"]
    assert listed.data.callback_vars == {"langfuse_secret_key": "***REDACTED***"}
    assert proxy.calls()[-1].raw_path == "/team/t%2F1/callback"

    variables = {"langfuse_public_key": "pk", "langfuse_secret_key": "sk-lf-secret"}
    added = await callbacks.add(
        "t/1", callback_name="langfuse", callback_type="success", callback_vars=variables
    )
    assert added.data is not None and added.data.metadata == stored["metadata"]
    assert body(proxy) == {
        "callback_name": "langfuse",
        "callback_type": "success",
        "callback_vars": variables,
    }

    gone = await callbacks.delete("t/1", "langfuse")
    assert gone.message == "removed" and gone.data is not None and gone.data.success_callbacks == []
    off = await client.teams.disable_logging("t/1")
    assert off.status == "success" and proxy.calls()[-1].raw_path == "/team/t%2F1/disable_logging"


async def test_update_many(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def update(request: web.Request) -> web.StreamResponse:
        sent = orjson.loads(await request.read())
        if sent["team_id"] == "gone":
            return web.json_response(
                {"error": {"message": "Team not found", "code": "404"}}, status=404
            )
        return web.json_response({"team_id": sent["team_id"], "data": team(**sent)})

    proxy.on("POST", "/team/update", update)
    updates: list[Any] = [
        {"team_id": "t0", "max_budget": 1.0},
        {"team_id": "gone", "max_budget": 2.0},
        {"max_budget": 3.0},
        {"team_id": "t3", "team_alias": "three", "metadata": {"k": "v"}},
    ]
    result = await client.teams.update_many(updates, concurrency=2)
    assert [o.ok for o in result.outcomes] == [True, False, False, True]
    assert [o.item for o in result.outcomes] == updates  # one outcome per update, in order
    first, missing, no_id, last = result.outcomes
    assert first.value is not None and first.value.data is not None
    assert first.value.data.max_budget == 1.0
    assert isinstance(missing.error, NotFoundError)
    assert isinstance(no_id.error, ValueError) and "team_id" in str(no_id.error)
    assert last.value is not None and last.value.data is not None
    assert last.value.data.team_alias == "three"
    sent = sorted((c.json() for c in proxy.calls()), key=lambda b: b["team_id"])
    assert sent == [
        {"max_budget": 2.0, "team_id": "gone"},
        {"max_budget": 1.0, "team_id": "t0"},
        {"team_alias": "three", "metadata": {"k": "v"}, "team_id": "t3"},
    ]
    assert updates[0] == {"team_id": "t0", "max_budget": 1.0}  # the caller's dicts untouched


async def test_update_many_retries_an_update_that_was_cut(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def cut(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    async def ok(request: web.Request) -> web.StreamResponse:
        return web.json_response({"team_id": "t1", "data": team()})

    proxy.on("POST", "/team/update", cut, ok)
    result = await client.teams.update_many([{"team_id": "t1", "max_budget": 1}])
    assert result.ok and len(proxy.calls()) == 2  # an update is safe to send again


async def test_creates_and_adds_are_not_sent_twice(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def cut(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    for path in ("/team/new", "/team/bulk_member_add", "/team/t1/callback"):
        proxy.on("POST", path, cut)
    with pytest.raises(APIConnectionError):
        await client.teams.create(team_id="t1")
    with pytest.raises(APIConnectionError):
        await client.teams.bulk_member_add("t1", all_users=True)
    with pytest.raises(APIConnectionError):
        await client.teams.callbacks.add("t1", callback_name="langfuse", callback_vars={})
    assert len(proxy.calls()) == 3


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda t: t.delete("t1"), TypeError, "list of team_ids, not a str"),
        (lambda t: t.delete([]), TypeError, "non-empty list of team_ids"),
        (lambda t: t.model_add("t1", "fake-gpt"), TypeError, "list of models, not a str"),
        (lambda t: t.model_delete("t1", []), TypeError, "non-empty list of models"),
        (lambda t: t.member_update("t1", role="user"), TypeError, "user_id or user_email"),
        (lambda t: t.member_delete("t1"), TypeError, "user_id or user_email"),
        (lambda t: t.bulk_member_add("t1"), TypeError, "members or all_users"),
        (
            lambda t: t.permissions_update("t1", "/key/info"),
            TypeError,
            "list of permissions, not a str",
        ),
        (lambda t: t.permissions_bulk_update(["/key/info"]), TypeError, "team_ids or apply"),
        (
            lambda t: t.permissions_bulk_update(
                ["/key/info"], team_ids=["t"], apply_to_all_teams=True
            ),
            TypeError,
            "team_ids or apply",
        ),
        (lambda t: t.permissions_bulk_update([], apply_to_all_teams=True), TypeError, "non-empty"),
        (lambda t: t.members.bulk_delete("t1", []), TypeError, "non-empty list of members"),
        (lambda t: t.members.bulk_delete("t1", {"user_id": "u"}), TypeError, "list of members"),
        (
            lambda t: t.members.bulk_delete("t1", [{"user_id": "u", "user_email": "e"}]),
            ValueError,
            "by user_id or user_email",
        ),
        (lambda t: t.members.bulk_update("t1", [{"max_budget_in_team": 1}]), ValueError, "user_id"),
        (
            lambda t: t.members.bulk_update("t1", [{"user_id": f"u{i}"} for i in range(501)]),
            ValueError,
            "at most 500",
        ),
        (
            lambda t: t.callbacks.add("t1", callback_name="", callback_vars={}),
            TypeError,
            "callback_name",
        ),
        (lambda t: t.callbacks.add("t1", callback_name="x"), TypeError, "callback_vars"),
        (lambda t: t.patch("", max_budget=1), ValueError, "must not be empty"),
        (lambda t: t.callbacks.delete("t1", ".."), None, None),
    ],
)
async def test_bad_input_is_refused_before_io(
    call: Any,
    error: type[Exception] | None,
    message: str | None,
    proxy: FakeProxy,
    client: LiteLLMClient,
) -> None:
    if error is None:  # an id that would climb the path is escaped instead
        with pytest.raises(NotFoundError):
            await call(client.teams)
        assert proxy.calls()[0].raw_path == "/team/t1/callback/%2E%2E"
        return
    with pytest.raises(error, match=message):
        await call(client.teams)
    assert proxy.seen == []


async def test_a_proxy_refusal_is_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    premium = {"detail": "Assigning team admins is a premium feature."}
    proxy.on("POST", "/team/member_update", reply(400, premium))
    with pytest.raises(BadRequestError, match="premium feature"):
        await client.teams.member_update("t1", user_id="u1", role="admin")


def hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@pytest.mark.parametrize(
    ("written", "source", "minus"),
    [
        (types.TeamFields, generated.TeamUpdateParams, {"team_id"}),
        (types.TeamFields, generated.TeamParams, {"team_id"}),
        (types.TeamMemberUpdateFields, generated.TeamMemberUpdateParams, {"team_id"}),
    ],
)
def test_hand_written_bodies_follow_the_generated_ones(
    written: Any, source: Any, minus: set[str]
) -> None:
    expected = {k: v for k, v in hints(source).items() if k not in minus}
    assert hints(written) == expected
    assert not written.__required_keys__


def test_the_permission_literal_follows_the_generated_one() -> None:
    generated_permissions = hints(generated.TeamPermissionsBulkUpdateParams)["permissions"]
    item = typing.get_args(generated_permissions)[0]
    assert typing.get_args(item) == typing.get_args(types.TeamPermission)
    assert types.TeamCreateParams is generated.TeamNewParams


async def test_create_many_and_add_members_failures(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    exists = {"error": {"message": "Team id = t1 already exists", "code": "400"}}
    proxy.on("POST", "/team/new", reply(400, exists))
    proxy.on("GET", "/team/info", reply(404, {"error": {"message": "gone", "code": "404"}}))
    result = await client.teams.create_many([{"team_id": "t1"}, {"team_alias": "no id"}])
    # "Already exists", yet it cannot be read back: the proxy's refusal stands.
    assert isinstance(result.outcomes[0].error, BadRequestError)
    assert isinstance(result.outcomes[1].error, ValueError)
    assert "team_id in every spec" in str(result.outcomes[1].error)

    refused = {"error": {"message": "not allowed", "type": "auth_error", "code": "400"}}
    proxy.on("POST", "/team/member_add", reply(400, refused))
    info = {"team_id": "t1", "team_info": team(members_with_roles=[{"user_id": "u0"}])}
    proxy.on("GET", "/team/info", reply(200, info))
    members: list[Any] = [{"user_id": "u0", "role": "user"}, {"user_id": "u1", "role": "user"}]
    added = await client.teams.add_members("t1", members)
    # u0 was in the team already; u1 is not, and carries the refusal of its batch.
    assert added.outcomes[0].ok and isinstance(added.outcomes[1].error, BadRequestError)
