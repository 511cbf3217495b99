"""Bulk admin: per-item outcomes and creates that are safe to repeat."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIConnectionError, BadRequestError, LiteLLMClient
from aio_litellm.resources.keys import KeyNotDeleted, hash_key, new_key
from aio_litellm.resources.teams import MemberNotAdded

from .conftest import FakeProxy, FakeSleep


class KeyStore:
    """A fake of the proxy's key table, able to apply a create and then drop the connection."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.creates = 0
        self.drop_after_apply: set[int] = set()  # create numbers (1-based) to cut off
        proxy.on("POST", "/key/generate", self.generate)
        proxy.on("GET", "/key/info", self.info)
        proxy.on("POST", "/key/delete", self.delete)

    async def generate(self, request: web.Request) -> web.StreamResponse:
        self.creates += 1
        body = orjson.loads(await request.read())
        secret = body["key"]
        alias = body.get("key_alias")
        token = hashlib.sha256(secret.encode()).hexdigest()
        if alias and any(r.get("key_alias") == alias for r in self.rows.values()):
            return web.json_response(
                {"error": {"message": f"Key with alias '{alias}' already exists.", "code": "400"}},
                status=400,
            )
        self.rows[token] = {**body, "token": token}
        if self.creates in self.drop_after_apply:
            assert request.transport is not None
            request.transport.close()  # applied, but the client never hears so
        return web.json_response({**body, "token": token})

    async def info(self, request: web.Request) -> web.StreamResponse:
        row = self.rows.get(request.query["key"])
        if row is None:
            return web.json_response({"error": {"message": "not found", "code": "404"}}, status=404)
        return web.json_response({"key": row["token"], "info": row})

    async def delete(self, request: web.Request) -> web.StreamResponse:
        keys = orjson.loads(await request.read())["keys"]
        missing = [k for k in keys if hash_key(k) not in self.rows and k not in self.rows]
        if missing:
            return web.json_response({"error": {"message": "not found", "code": "404"}}, status=404)
        for k in keys:
            self.rows.pop(hash_key(k), None)
            self.rows.pop(k, None)
        return web.json_response({"deleted_keys": keys})


def test_new_key_format() -> None:
    keys = {new_key() for _ in range(100)}
    assert len(keys) == 100
    assert all(k.startswith("sk-") and len(k) == 25 for k in keys)
    assert hash_key("sk-a") == hashlib.sha256(b"sk-a").hexdigest()


async def test_create_many_one_outcome_per_spec(proxy: FakeProxy, client: LiteLLMClient) -> None:
    store = KeyStore(proxy)
    specs: list[Any] = [{"key_alias": f"k{i}", "max_budget": i} for i in range(50)]
    specs[7] = {"key": "sk-chosen-by-caller-7"}
    result = await client.keys.create_many(specs, concurrency=8)
    assert result.ok and len(result.outcomes) == 50
    assert [o.item for o in result.outcomes] == specs
    assert result.outcomes[3].value is not None and result.outcomes[3].value.key_alias == "k3"
    assert result.outcomes[7].value is not None
    assert result.outcomes[7].value.key == "sk-chosen-by-caller-7"
    secrets = [o.value.key for o in result.outcomes if o.value is not None]
    assert len(set(secrets)) == 50 and len(store.rows) == 50
    assert "key" not in specs[0]  # the caller's specs are not modified


async def test_create_applied_then_dropped_is_not_duplicated(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    store = KeyStore(proxy)
    # Creates number 1, 3 and 5 are applied and cut off: the first attempt of each of the first
    # three specs. Their second attempts meet "alias already exists" (400).
    store.drop_after_apply = {1, 3, 5}
    specs: list[Any] = [{"key_alias": f"a{i}"} for i in range(3)] + [{}]
    result = await client.keys.create_many(specs, concurrency=1)
    assert result.ok, [o.error for o in result.failed]
    # Each cut-off create was sent again with the same secret; the second answer ("alias
    # exists" for the first three) was resolved by reading the key back.
    assert len(store.rows) == 4
    assert store.creates == 7
    for outcome in result.outcomes:
        assert outcome.value is not None
        assert store.rows[hash_key(outcome.value.key)]["key"] == outcome.value.key
    assert len(sleep.waits) == 3


async def test_retry_without_alias_meets_an_idempotent_proxy(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    store.drop_after_apply = {1}
    result = await client.keys.create_many([{"models": ["m"]}])
    assert result.ok and len(store.rows) == 1 and store.creates == 2


async def test_someone_elses_alias_is_a_real_conflict(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    await client.keys.create(key="sk-existing-000001", key_alias="taken")
    result = await client.keys.create_many([{"key_alias": "taken"}, {"key_alias": "free"}])
    assert isinstance(result.outcomes[0].error, BadRequestError)
    assert result.outcomes[1].ok and len(store.rows) == 2


async def test_create_gives_up_after_attempts_but_checks_once_more(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    store = KeyStore(proxy)
    store.drop_after_apply = {1, 2, 3}
    # Every attempt applies and is cut off: the final read-back finds the key: success.
    result = await client.keys.create_many([{}])
    assert result.ok and store.creates == 3 and len(store.rows) == 1

    async def down(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    proxy.on("POST", "/key/generate", down)
    result = await client.keys.create_many([{}])
    assert isinstance(result.outcomes[0].error, APIConnectionError)


async def test_delete_many_batches_and_isolates_bad_keys(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    created = await client.keys.create_many([{} for _ in range(25)])
    secrets = [o.value.key for o in created.outcomes if o.value is not None]
    doomed = [*secrets[:10], "sk-never-existed-123", *secrets[10:]]
    result = await client.keys.delete_many(doomed, batch_size=5)
    assert [o.item for o in result.outcomes] == doomed
    assert [o.index for o in result.failed] == [10]
    assert len(result.succeeded) == 25 and not store.rows
    deletes = proxy.calls("POST", "/key/delete")
    assert len(deletes) == 6 + 5  # six batches; the failing one again key by key
    with pytest.raises(TypeError, match="not a str"):
        await client.keys.delete_many("sk-abc")  # type: ignore[arg-type]


async def test_delete_reports_keys_the_proxy_did_not_list(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def partial(request: web.Request) -> web.StreamResponse:
        keys = orjson.loads(await request.read())["keys"]
        return web.json_response({"deleted_keys": keys[:1]})

    proxy.on("POST", "/key/delete", partial)
    result = await client.keys.delete_many(["sk-aaaaaaaaaaaa1", "sk-bbbbbbbbbbbb2"])
    assert result.outcomes[0].ok
    assert isinstance(result.outcomes[1].error, KeyNotDeleted)
    assert "sk-bbbbbbbbbbbb2" not in str(result.outcomes[1].error)  # masked


async def test_update_and_block_many(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def echo(request: web.Request) -> web.StreamResponse:
        return web.json_response(orjson.loads(await request.read()))

    proxy.on("POST", "/key/update", echo)
    proxy.on("POST", "/key/block", echo)
    proxy.on("POST", "/key/unblock", echo)
    updates = [{"key": f"h{i}", "max_budget": i} for i in range(5)] + [{"max_budget": 1}]
    result = await client.keys.update_many(updates)
    assert [o.ok for o in result.outcomes] == [True] * 5 + [False]
    assert result.outcomes[2].value is not None and result.outcomes[2].value.key == "h2"
    blocked = await client.keys.block_many(["h1", "h2"])
    unblocked = await client.keys.block_many(["h1"], blocked=False)
    assert blocked.ok and unblocked.ok
    assert [c.path for c in proxy.calls()[-3:]] == ["/key/block", "/key/block", "/key/unblock"]


class Directory:
    """A fake of the proxy's users and teams."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.users: dict[str, dict[str, Any]] = {}
        self.teams: dict[str, dict[str, Any]] = {}
        self.drop_first_create = True
        proxy.on("POST", "/user/new", self.user_new)
        proxy.on("GET", "/user/info", self.user_info)
        proxy.on("POST", "/team/new", self.team_new)
        proxy.on("GET", "/team/info", self.team_info)
        proxy.on("POST", "/team/member_add", self.member_add)

    async def user_new(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        if body["user_id"] in self.users:
            return web.json_response({"error": {"message": "exists", "code": "409"}}, status=409)
        self.users[body["user_id"]] = body
        if self.drop_first_create:
            self.drop_first_create = False
            assert request.transport is not None
            request.transport.close()
        return web.json_response({**body, "key": "sk-user-key"})

    async def user_info(self, request: web.Request) -> web.StreamResponse:
        user = self.users.get(request.query["user_id"])
        if user is None:
            return web.json_response({"error": {"message": "nope", "code": "404"}}, status=404)
        return web.json_response({"user_id": user["user_id"], "user_info": user})

    async def team_new(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        if body["team_id"] in self.teams:
            return web.json_response({"error": {"message": "exists", "code": "400"}}, status=400)
        self.teams[body["team_id"]] = {**body, "members_with_roles": []}
        return web.json_response(self.teams[body["team_id"]])

    async def team_info(self, request: web.Request) -> web.StreamResponse:
        team = self.teams[request.query["team_id"]]
        return web.json_response({"team_id": team["team_id"], "team_info": team})

    async def member_add(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        team = self.teams[body["team_id"]]
        new = [m for m in body["member"] if m not in team["members_with_roles"]]
        new = [m for m in new if m.get("user_id") != "forbidden"]
        if not new:
            return web.json_response(
                {
                    "error": {
                        "message": "All users are already in team",
                        "type": "team_member_already_in_team",
                        "code": "400",
                    }
                },
                status=400,
            )
        team["members_with_roles"].extend(new)
        return web.json_response(team)


async def test_users_create_many_verifies_existing(proxy: FakeProxy, client: LiteLLMClient) -> None:
    directory = Directory(proxy)
    directory.users["u-taken"] = {"user_id": "u-taken", "user_email": "someone@else"}
    specs: list[Any] = [
        {"user_id": "u1", "user_email": "u1@x"},  # applied then dropped: verified by read-back
        {"user_id": "u2", "user_email": "u2@x"},
        {"user_id": "u-taken", "user_email": "me@x"},  # exists, but not as asked: a conflict
        {"user_email": "no-id@x"},
    ]
    result = await client.users.create_many(specs, concurrency=1)
    assert [o.ok for o in result.outcomes] == [True, True, False, False]
    assert result.outcomes[0].value is not None and result.outcomes[0].value.user_id == "u1"
    assert "user_id" in str(result.outcomes[3].error)
    assert len(directory.users) == 3


async def test_teams_create_many_and_add_members(proxy: FakeProxy, client: LiteLLMClient) -> None:
    directory = Directory(proxy)
    teams = await client.teams.create_many(
        [{"team_id": "t1", "team_alias": "one"}, {"team_id": "t2", "team_alias": "two"}]
    )
    assert teams.ok
    again = await client.teams.create_many([{"team_id": "t1", "team_alias": "one"}])
    assert again.ok  # already there as asked: success, not a duplicate
    members: list[Any] = [{"user_id": f"u{i}", "role": "user"} for i in range(7)]
    members.append({"user_id": "forbidden", "role": "user"})
    result = await client.teams.add_members("t1", members, batch_size=3)
    assert [o.ok for o in result.outcomes] == [True] * 7 + [False]
    assert isinstance(result.outcomes[7].error, MemberNotAdded)
    rerun = await client.teams.add_members("t1", members[:3])
    assert rerun.ok  # "already in team" is success
    assert len(directory.teams["t1"]["members_with_roles"]) == 7
    with pytest.raises(ValueError, match="user_id or user_email"):
        await client.teams.add_members("t1", [{"role": "user"}])
