"""``client.users``: what each method sends and returns, the list pager, bulk create/delete/
update, ``update_many``, input refused before I/O, and the hand-written parameter type against
the generated one."""

from __future__ import annotations

import typing
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIConnectionError, LiteLLMClient, NotFoundError, PermissionDeniedError
from aio_litellm.types import users as types
from aio_litellm.types.params import users as generated

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "users.create_bulk": {"users": [{"user_id": "u1"}]},
    "users.delete_bulk": {"user_ids": ["u1"]},
    "users.bulk_update": {"users": [{"user_id": "u1", "max_budget": 1}]},
}


def user(user_id: str = "u1", **extra: Any) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "user_email": f"{user_id}@example.com",
        "user_role": "internal_user",
        "teams": ["t1"],
        "spend": 0.5,
        "max_budget": None,
        "created_at": "2026-01-01T00:00:00Z",
        "verified_subjects": None,
        **extra,
    }


def body(proxy: FakeProxy) -> Any:
    return proxy.calls()[-1].json()


async def test_create_info_and_the_callers_user(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/user/new", reply(200, {**user(), "key": "sk-created-0123456789"}))
    info = {"user_id": "u1", "user_info": user(), "keys": [], "teams": [{"team_id": "t1"}]}
    proxy.on("GET", "/user/info", reply(200, info))
    proxy.on("GET", "/v2/user/info", reply(200, user(max_budget=3.0)))
    me = {"user_id": "default_user_id", "user_role": "proxy_admin", "user_email": None}
    proxy.on("GET", "/management/v1/users/me", reply(200, me))
    users = client.users

    created = await users.create(user_id="u1", user_email="u1@example.com", max_budget=3.0)
    assert (created.user_id, created.key, created.teams) == ("u1", "sk-created-0123456789", ["t1"])
    assert body(proxy) == {"user_id": "u1", "user_email": "u1@example.com", "max_budget": 3.0}
    assert (await users.info("u1")).teams == [{"team_id": "t1"}]

    row = await users.info_v2("u1")
    assert isinstance(row, types.UserInfo) and row.max_budget == 3.0 and row.teams == ["t1"]
    assert row.model_extra == {"verified_subjects": None}
    assert proxy.calls()[-1].query == {"user_id": "u1"}
    await users.info_v2()  # the caller's own
    assert proxy.calls()[-1].query == {}

    current = await users.me()
    assert (current.user_id, current.user_role) == ("default_user_id", "proxy_admin")


async def test_list_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [user(f"u{n}") for n in range(5)]

    async def pages(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        return web.json_response(
            {
                "users": rows[(page - 1) * size : page * size],
                "total": 5,
                "page": page,
                "total_pages": 3,
            }
        )

    proxy.on("GET", "/user/list", pages)
    first = await client.users.list(page_size=2, role="internal_user", sort_order="desc")
    assert [u["user_id"] for u in first.users] == ["u0", "u1"] and first.total == 5
    assert proxy.calls()[0].query == {
        "page": "1",
        "page_size": "2",
        "role": "internal_user",
        "sort_order": "desc",
    }
    walked = [u["user_id"] async for u in client.users.list(page_size=2)]
    assert walked == [f"u{n}" for n in range(5)]
    assert [c.query["page"] for c in proxy.calls()[1:]] == ["1", "2", "3"]


async def test_update_delete_and_bulk(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def update(request: web.Request) -> web.StreamResponse:
        sent = orjson.loads(await request.read())
        return web.json_response({"user_id": sent["user_id"], "data": user(**sent)})

    proxy.on("POST", "/user/update", update)
    proxy.on("POST", "/user/delete", reply(200, 2))
    results = {
        "results": [{"user_id": "u1", "success": True}, {"user_email": "x@y", "error": "nope"}],
        "total_requested": 2,
        "successful_updates": 1,
        "failed_updates": 1,
    }
    proxy.on("POST", "/user/bulk_update", reply(200, results))
    users = client.users

    updated = await users.update("u1", max_budget=9.0, user_role="internal_user_viewer")
    assert updated.data is not None and updated.data.max_budget == 9.0
    assert updated.data.user_role == "internal_user_viewer"
    assert body(proxy) == {"max_budget": 9.0, "user_role": "internal_user_viewer", "user_id": "u1"}

    assert await users.delete(["u1", "u2"]) == 2  # the proxy answers a count
    assert body(proxy) == {"user_ids": ["u1", "u2"]}

    outcome = await users.bulk_update([{"user_id": "u1", "max_budget": 1}, {"user_email": "x@y"}])
    assert [r.success for r in outcome.results] == [True, False] and outcome.failed_updates == 1
    assert body(proxy) == {"users": [{"user_id": "u1", "max_budget": 1}, {"user_email": "x@y"}]}
    await users.bulk_update(all_users=True, user_updates={"max_budget": 2.0})
    assert body(proxy) == {"all_users": True, "user_updates": {"max_budget": 2.0}}


async def test_create_and_delete_in_bulk(proxy: FakeProxy, client: LiteLLMClient) -> None:
    created = {
        "data": [
            {"user_id": "b1", "success": True, "teams": ["t1"], "key": None},
            {"user_email": "dup@x", "success": False, "error": "duplicate"},
        ],
        "meta": {"total_requested": 2, "created": 1, "failed": 1},
    }
    proxy.on("POST", "/management/v1/users/bulk", reply(200, created))
    deleted = {
        "data": [
            {"user_id": "b1", "success": True, "teams_removed": ["t1"]},
            {"user_id": "nobody", "success": False, "error": "User id=nobody not found"},
        ]
    }
    proxy.on("POST", "/management/v1/users/bulk_delete", reply(200, deleted))
    rows: list[Any] = [{"user_id": "b1", "teams": ["t1"]}, {"user_email": "dup@x"}]

    made = await client.users.create_bulk(rows)
    assert [r.success for r in made.data] == [True, False] and made.meta.failed == 1
    assert made.data[0].teams == ["t1"] and made.data[1].error == "duplicate"
    assert body(proxy) == {"users": rows}

    gone = await client.users.delete_bulk(("b1", "nobody"))
    assert [(r.user_id, r.teams_removed) for r in gone.data] == [("b1", ["t1"]), ("nobody", [])]
    assert body(proxy) == {"user_ids": ["b1", "nobody"]}


async def test_roles_seats_and_password(proxy: FakeProxy, client: LiteLLMClient) -> None:
    roles = {"proxy_admin": {"description": "admin", "ui_label": "Admin"}}
    proxy.on("GET", "/user/available_roles", reply(200, roles))
    seats = {"total_users": None, "total_users_used": 5, "total_teams_used": 1}
    proxy.on("GET", "/user/available_users", reply(200, seats))
    refusal = {"detail": {"error": "Passwords can only be changed from a dashboard session"}}
    proxy.on("POST", "/user/password/change", reply(403, refusal))

    assert (await client.users.available_roles())["proxy_admin"]["ui_label"] == "Admin"
    available = await client.users.available_users()
    assert (available.total_users, available.total_users_used) == (None, 5)
    with pytest.raises(PermissionDeniedError, match="dashboard session") as denied:
        await client.users.password_change("old-secret-pw", "new-secret-pw")
    assert "secret-pw" not in str(denied.value)
    assert body(proxy) == {"current_password": "old-secret-pw", "new_password": "new-secret-pw"}


async def test_update_many(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def update(request: web.Request) -> web.StreamResponse:
        sent = orjson.loads(await request.read())
        if sent["user_id"].startswith("gone"):
            return web.json_response({"error": {"message": "not found", "code": "404"}}, status=404)
        return web.json_response({"user_id": sent["user_id"], "data": user(**sent)})

    proxy.on("POST", "/user/update", update)
    updates: list[Any] = [{"user_id": f"u{n}", "max_budget": float(n)} for n in range(6)]
    updates[2] = {"user_id": "gone-2", "max_budget": 2.0}
    updates[4] = {"user_email": "no-id@example.com"}
    result = await client.users.update_many(updates, concurrency=3)
    assert [o.ok for o in result.outcomes] == [True, True, False, True, False, True]
    assert [o.index for o in result.outcomes] == list(range(6))
    values = [o.value.data.max_budget for o in result.outcomes if o.value and o.value.data]
    assert values == [0.0, 1.0, 3.0, 5.0]
    assert isinstance(result.outcomes[2].error, NotFoundError)
    assert isinstance(result.outcomes[4].error, ValueError)
    assert "user_id" in str(result.outcomes[4].error)
    assert len(proxy.calls()) == 5  # the update without an id was never sent


async def test_creates_are_not_sent_twice(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def cut(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    for path in ("/management/v1/users/bulk", "/management/v1/users/bulk_delete"):
        proxy.on("POST", path, cut)
    with pytest.raises(APIConnectionError):
        await client.users.create_bulk([{"user_id": "b1"}])
    with pytest.raises(APIConnectionError):
        await client.users.delete_bulk(["b1"])
    assert len(proxy.calls()) == 2


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda u: u.delete("u1"), TypeError, "non-empty list of user ids"),
        (lambda u: u.delete_bulk("u1"), TypeError, "non-empty list of user_ids"),
        (lambda u: u.delete_bulk([]), TypeError, "non-empty list of user_ids"),
        (lambda u: u.delete_bulk([f"u{i}" for i in range(501)]), ValueError, "at most 500"),
        (lambda u: u.create_bulk({"user_id": "u1"}), TypeError, "non-empty list of users"),
        (lambda u: u.bulk_update(), TypeError, "users, or all_users"),
        (lambda u: u.bulk_update(all_users=True), TypeError, "users, or all_users"),
        (lambda u: u.bulk_update([{"user_id": "u"}], all_users=True), TypeError, "users, or"),
        (lambda u: u.bulk_update([{"user_id": "u"}, {}]), ValueError, "row 1 needs user_id or"),
        (lambda u: u.password_change("", "new"), TypeError, "current_password"),
    ],
)
async def test_bad_input_is_refused_before_io(
    call: Any, error: type[Exception], message: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(error, match=message):
        await call(client.users)
    assert proxy.seen == []


async def test_a_refused_row_is_not_quoted(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(ValueError, match="row 0") as refused:
        await client.users.bulk_update([{"password": "pw-secret-123", "max_budget": 1}])
    assert "pw-secret-123" not in str(refused.value)
    assert proxy.seen == []


def test_the_hand_written_body_follows_the_generated_one() -> None:
    generated_fields = typing.get_type_hints(generated.UserUpdateParams)
    del generated_fields["user_id"]
    assert typing.get_type_hints(types.UserFields) == generated_fields
    assert types.UserCreateParams is generated.UserNewParams


async def test_create_many_when_the_user_cannot_be_read_back(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    exists = {"error": {"message": "User already exists", "code": "409"}}
    proxy.on("POST", "/user/new", reply(409, exists))
    other = {"user_id": None, "user_info": None}  # the proxy's answer for an unknown id
    proxy.on(
        "GET",
        "/user/info",
        reply(404, {"error": {"message": "nope", "code": "404"}}),
        reply(200, other),
    )
    result = await client.users.create_many([{"user_id": "u1"}, {"user_id": "u2"}], concurrency=1)
    assert [type(o.error).__name__ for o in result.outcomes] == ["ConflictError", "ConflictError"]
    assert [c.path for c in proxy.calls()] == ["/user/new", "/user/info"] * 2
