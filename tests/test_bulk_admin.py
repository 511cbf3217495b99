"""Bulk admin: per-item outcomes and creates that are safe to repeat."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import (
    APIConnectionError,
    BadRequestError,
    CreateConflict,
    InternalServerError,
    LiteLLMClient,
    NotFoundError,
    PermissionDeniedError,
)
from aio_litellm._bulk_admin import differing
from aio_litellm.resources.keys import KeyNotDeleted, hash_key, new_key
from aio_litellm.resources.teams import MemberNotAdded

from .conftest import FakeProxy, FakeSleep, reply

# LiteLLM 1.110's answer to a /key/delete none of whose keys exists.
NO_KEYS_FOUND = {
    "error": {
        "message": "{'error': 'No keys found'}",
        "type": "invalid_request_error",
        "param": None,
        "code": "404",
    }
}


def _token(key: str) -> str:
    return key if not key.startswith("sk-") else hash_key(key)


class KeyStore:
    """A fake of the proxy's key table as LiteLLM 1.110 keeps it: a create with an existing
    secret changes nothing and answers 200 with the request's values; a deleted key is archived
    (``/key/info`` shows it as deleted); a delete none of whose keys exists answers 404 "No keys
    found". Able to apply a create or delete and then drop the connection."""

    def __init__(self, proxy: FakeProxy) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.archive: dict[str, dict[str, Any]] = {}
        self.creates = 0
        self.deletes = 0
        self.drop_after_apply: set[int] = set()  # create numbers (1-based) to cut off
        self.drop_delete_after_apply: set[int] = set()  # delete numbers (1-based) to cut off
        self.forbidden: set[str] = set()  # keys this caller may not delete
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
        self.rows.setdefault(token, {**body, "token": token})  # an upsert that updates nothing
        if self.creates in self.drop_after_apply:
            assert request.transport is not None
            request.transport.close()  # applied, but the client never hears so
        return web.json_response({**body, "token": token})

    async def info(self, request: web.Request) -> web.StreamResponse:
        token = request.query["key"]
        if token in self.rows:
            return web.json_response({"key": token, "info": self.rows[token]})
        if token in self.archive:
            row = {**self.archive[token], "status": "deleted", "deleted_at": "2025-01-01"}
            return web.json_response({"key": token, "info": row})
        return web.json_response(
            {"error": {"message": "Key not found in database", "code": "404"}}, status=404
        )

    async def delete(self, request: web.Request) -> web.StreamResponse:
        self.deletes += 1
        keys = orjson.loads(await request.read())["keys"]
        if self.forbidden.intersection(keys):
            message = "{'error': 'You are not authorized to delete this key'}"
            return web.json_response({"error": {"message": message, "code": "403"}}, status=403)
        found = [_token(k) for k in keys if _token(k) in self.rows]
        if not found:
            return web.json_response(NO_KEYS_FOUND, status=404)
        for token in found:
            self.archive[token] = self.rows.pop(token)
        if self.deletes in self.drop_delete_after_apply:
            assert request.transport is not None
            request.transport.close()
        return web.json_response({"deleted_keys": keys})  # all of them, as LiteLLM answers


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
    # exists", the alias being its own) was resolved by reading the key back.
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

    sent = len(proxy.calls("POST", "/key/generate"))
    proxy.on("POST", "/key/generate", reply(500, {"error": {"message": "oops", "code": "500"}}))
    result = await client.keys.create_many([{}])
    assert isinstance(result.outcomes[0].error, InternalServerError)
    assert len(proxy.calls("POST", "/key/generate")) == sent + 3  # may have been applied
    proxy.on("POST", "/key/generate", reply(403, {"error": {"message": "no", "code": "403"}}))
    result = await client.keys.create_many([{}])
    assert isinstance(result.outcomes[0].error, PermissionDeniedError)
    assert len(proxy.calls("POST", "/key/generate")) == sent + 4  # refused: not tried again


async def test_delete_many_batches_and_isolates_bad_keys(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    created = await client.keys.create_many([{} for _ in range(25)])
    secrets = [o.value.key for o in created.outcomes if o.value is not None]
    await client.keys.create(key="sk-not-mine-0000001")
    store.forbidden = {"sk-not-mine-0000001"}
    doomed = [*secrets[:10], "sk-not-mine-0000001", *secrets[10:]]
    result = await client.keys.delete_many(doomed, batch_size=5)
    assert [o.item for o in result.outcomes] == doomed
    assert [o.index for o in result.failed] == [10]
    assert isinstance(result.outcomes[10].error, PermissionDeniedError)
    assert len(result.succeeded) == 25 and list(store.rows) == [hash_key("sk-not-mine-0000001")]
    deletes = proxy.calls("POST", "/key/delete")
    assert len(deletes) == 6 + 5  # six batches; the failing one again key by key
    with pytest.raises(TypeError, match="not a str"):
        await client.keys.delete_many("sk-abc")  # type: ignore[arg-type]


async def test_a_key_already_gone_counts_as_deleted(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    created = await client.keys.create_many([{} for _ in range(3)])
    secrets = [o.value.key for o in created.outcomes if o.value is not None]
    # The first delete is applied and its answer lost: the retry meets "No keys found".
    store.drop_delete_after_apply = {1}
    result = await client.keys.delete_many(secrets)
    assert result.ok and [o.value for o in result.outcomes] == secrets
    assert store.deletes == 2 and not store.rows
    # Run again, one at a time, mixed with a key that still exists: all done.
    live = (await client.keys.create_safely()).key
    again = await client.keys.delete_many([*secrets, live], batch_size=1)
    assert again.ok and len(again.outcomes) == 4 and not store.rows
    assert await client.keys.delete_safely(secrets[0]) is False
    assert await client.keys.delete_safely((await client.keys.create_safely()).key) is True


async def test_only_the_precise_answer_means_already_gone(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/key/delete", reply(404, {"error": {"message": "no route", "code": "404"}}))
    result = await client.keys.delete_many(["sk-aaaaaaaaaaaa1"])
    assert isinstance(result.outcomes[0].error, NotFoundError)
    result = await client.keys.delete_many(["sk-aaaaaaaaaaaa1", "sk-bbbbbbbbbbbb2"])
    assert [type(o.error) for o in result.outcomes] == [NotFoundError, NotFoundError]
    with pytest.raises(NotFoundError):
        await client.keys.delete_safely("sk-aaaaaaaaaaaa1")

    async def down(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    proxy.on("POST", "/key/delete", down)
    result = await client.with_options(max_retries=0).keys.delete_many(["sk-aaaaaaaaaaaa1"] * 3)
    assert [type(o.error) for o in result.outcomes] == [APIConnectionError] * 3


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
    proxy.on("POST", "/key/delete", reply(200, {"deleted_keys": []}))
    with pytest.raises(KeyNotDeleted):
        await client.keys.delete_safely("sk-bbbbbbbbbbbb2")


async def test_a_key_that_exists_with_other_values_is_a_conflict(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    store = KeyStore(proxy)
    theirs = "sk-belongs-to-another-team-01"
    stored: dict[str, Any] = {
        "key_alias": "theirs",
        "team_id": "t-other",
        "max_budget": 100.0,
        "models": ["a", "b"],
        "metadata": {"owner": "them", "added": "by the proxy"},
    }
    await client.keys.create(key=theirs, **stored)
    result = await client.keys.create_many(
        [
            # Answered 200 (the proxy leaves an existing key as it is): told by reading back.
            {"key": theirs, "team_id": "t-mine", "max_budget": 5},
            # Answered 400 (its alias exists): read back too.
            {"key": theirs, "key_alias": "theirs", "max_budget": 5, "models": ["a"]},
            # What is stored, as a csv or a hand-written spec would say it.
            {"key": theirs, **stored, "max_budget": "100", "models": ["b", "a"], "metadata": {}},
        ],
        concurrency=1,
    )
    first, second, third = result.outcomes
    assert isinstance(first.error, CreateConflict) and isinstance(second.error, CreateConflict)
    assert first.error.fields == ("team_id", "max_budget")
    assert second.error.fields == ("max_budget", "models")
    assert "already exists with other values for: team_id, max_budget" in str(first.error)
    for error in (first.error, second.error):
        assert theirs not in str(error) and theirs not in repr(error)
    assert third.ok and third.value is not None and third.value.team_id == "t-other"
    assert list(store.rows.values()) == [{**stored, "key": theirs, "token": hash_key(theirs)}]


async def test_a_chosen_key_is_read_back_a_new_one_is_not(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    KeyStore(proxy)
    assert (await client.keys.create_many([{"key_alias": "new"}])).ok
    assert proxy.calls("GET", "/key/info") == []  # chosen here: nothing can be there already
    assert (await client.keys.create_many([{"key": "sk-chosen-by-caller-1"}])).ok
    assert len(proxy.calls("GET", "/key/info")) == 1
    await client.keys.create_safely(key="sk-chosen-just-now-1", new_secret=True)
    assert len(proxy.calls("GET", "/key/info")) == 1
    # A key deleted since is not the one asked for: "already exists" is not taken as done.
    await client.keys.delete(["sk-chosen-by-caller-1"])
    with pytest.raises(BadRequestError, match="alias 'new' already exists"):
        await client.keys.create_safely(key="sk-chosen-by-caller-1", key_alias="new")
    again = await client.keys.create_safely(key="sk-chosen-by-caller-1", key_alias="back")
    assert again.key_alias == "back"


def test_stored_values_compare_sensibly() -> None:
    stored: dict[str, Any] = {
        "models": ["b", "a"],
        "max_budget": 5.0,
        "tpm_limit": 10,
        "blocked": False,
        "metadata": {"team": "x", "tags": ["p", "q"], "added": 1},
        "budget_limits": [{"budget_duration": "1d", "max_budget": 1.0, "reset_at": "t"}],
        "team_id": None,
        "aliases": {},
        "user_id": "u",
        "spend": 3.0,
    }
    same: dict[str, Any] = {
        "models": ("a", "b"),
        "max_budget": "5",
        "tpm_limit": 10.0,
        "blocked": "false",
        "metadata": {"tags": ["q", "p"], "team": "x"},
        "budget_limits": [{"max_budget": 1, "budget_duration": "1d"}],
        "aliases": None,
        "duration": "1h",  # not returned by the read-back: not compared
        "user_id": None,  # not set by the spec
        "spend": 0,  # ignored
    }
    assert differing(same, stored, {"spend"}) == []
    other: dict[str, Any] = {
        "models": ["a", "a"],
        "max_budget": "five",
        "tpm_limit": True,
        "blocked": "no",
        "metadata": {"team": "y"},
        "budget_limits": [{"max_budget": 2}],
        "team_id": "t",
        "aliases": {"m": "n"},
        "user_id": ["u"],
        "spend": 0,
    }
    assert differing(other, stored) == list(other)
    assert differing({"models": ["a"], "metadata": "x"}, stored) == ["models", "metadata"]


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
    conflict = result.outcomes[2].error
    assert isinstance(conflict, CreateConflict) and conflict.fields == ("user_email",)
    assert "user 'u-taken' already exists" in str(conflict)
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
    other = await client.teams.create_many([{"team_id": "t1", "team_alias": "uno"}])
    conflict = other.outcomes[0].error
    assert isinstance(conflict, CreateConflict) and conflict.fields == ("team_alias",)
    assert directory.teams["t1"]["team_alias"] == "one"
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
