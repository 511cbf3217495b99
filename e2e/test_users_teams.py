"""Teams and users against the proxy's real database: lifecycles with members, block/unblock,
v2 list paging, callbacks, permissions, bulk routes, daily activity, and ``update_many`` at
200 items."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest

from aio_litellm import (
    BadRequestError,
    LiteLLMClient,
    NotFoundError,
    PermissionDeniedError,
    UnprocessableEntityError,
)

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

TODAY = datetime.date.today()
RANGE = {
    "start_date": (TODAY - datetime.timedelta(days=7)).isoformat(),
    "end_date": TODAY.isoformat(),
}


def run_id() -> str:
    return uuid.uuid4().hex[:10]


async def test_team_lifecycle_with_members(admin: LiteLLMClient, stack: Stack) -> None:
    run = run_id()
    team_id, alice, bob, carol = f"team-{run}", f"alice-{run}", f"bob-{run}", f"carol-{run}"
    made = await admin.users.create_bulk(
        [{"user_id": u, "user_email": f"{u}@example.com"} for u in (alice, bob, carol)]
    )
    assert [r.success for r in made.data] == [True, True, True], made.data
    team = await admin.teams.create(team_id=team_id, team_alias=f"alias-{run}", max_budget=10.0)
    try:
        assert (team.team_id, team.team_alias, team.max_budget) == (
            team_id,
            f"alias-{run}",
            10.0,
        )
        info = await admin.teams.info(team_id)
        assert info.team_info["team_alias"] == f"alias-{run}"
        assert team_id in {t.team_id for t in await admin.teams.list()}

        updated = await admin.teams.update(team_id, max_budget=20.0, metadata={"a": 1, "b": 2})
        assert updated.data is not None and updated.data.max_budget == 20.0
        patched = await admin.teams.patch(team_id, metadata={"b": None, "c": 3})
        assert patched.metadata == {"a": 1, "c": 3}  # merged: b removed, a kept

        # Members: add, change, reset, remove.
        added = await admin.teams.member_add(team_id, [{"user_id": alice, "role": "user"}])
        assert alice in {m["user_id"] for m in added.members_with_roles}
        assert [u["user_id"] for u in added.updated_users] == [alice]
        changed = await admin.teams.member_update(team_id, user_id=alice, max_budget_in_team=2.5)
        assert (changed.user_id, changed.max_budget_in_team) == (alice, 2.5)
        # Making a member an admin is a licence feature on this proxy: a typed refusal.
        with pytest.raises(BadRequestError, match="premium feature"):
            await admin.teams.member_update(team_id, user_id=alice, role="admin")
        spend = await admin.teams.member_reset_spend(team_id, alice)
        assert (spend.user_id, spend.spend) == (alice, 0.0)
        back = await admin.teams.member_reset_budget(team_id, alice)
        assert back.user_id == alice and back.budget_source is not None

        # The member's own key sees its own membership.
        key = await admin.keys.create(user_id=alice, team_id=team_id)
        try:
            async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as as_alice:
                mine = await as_alice.teams.members_me(team_id)
                assert (mine.user_id, mine.team_id, mine.role) == (alice, team_id, "user")
        finally:
            await admin.keys.delete([key.key])

        bulk = await admin.teams.bulk_member_add(
            team_id, [{"user_id": bob, "role": "user"}, {"user_id": carol, "role": "user"}]
        )
        assert (bulk.successful_additions, bulk.failed_additions) == (2, 0)
        limits = await admin.teams.members.bulk_update(
            team_id, [{"user_id": bob, "max_budget_in_team": 4.0}, {"user_id": f"nobody-{run}"}]
        )
        assert [(r.success, r.max_budget) for r in limits.data] == [(True, 4.0), (False, None)]
        removed = await admin.teams.members.bulk_delete(team_id, [{"user_id": bob}])
        assert [(r.user_id, r.success) for r in removed.data] == [(bob, True)]
        after = await admin.teams.member_delete(team_id, user_id=carol)
        left = {m["user_id"] for m in after.members_with_roles}
        assert alice in left and bob not in left and carol not in left

        # Models and member permissions.
        assert "fake-gpt" in (await admin.teams.model_add(team_id, ["fake-gpt"])).models
        assert "fake-gpt" not in (await admin.teams.model_delete(team_id, ["fake-gpt"])).models
        permissions = await admin.teams.permissions_list(team_id)
        assert "/key/info" in permissions.all_available_permissions
        changed_team = await admin.teams.permissions_update(team_id, ["/key/info"])
        assert changed_team.team_member_permissions == ["/key/info"]
        appended = await admin.teams.permissions_bulk_update(["/key/list"], team_ids=[team_id])
        assert appended.teams_updated == 1
        listed = (await admin.teams.permissions_list(team_id)).team_member_permissions
        assert sorted(listed or []) == ["/key/info", "/key/list"]

        # Block and unblock.
        assert (await admin.teams.block(team_id)).blocked is True
        assert (await admin.teams.info(team_id)).team_info["blocked"] is True
        assert (await admin.teams.unblock(team_id)).blocked is False

        assert isinstance((await admin.teams.metadata_schema()).fields, list)
        assert isinstance(await admin.teams.available(), list)
    finally:
        deleted = await admin.teams.delete([team_id])
        await admin.users.delete_bulk([alice, bob, carol])
    assert deleted.deleted_teams == [team_id]
    with pytest.raises(NotFoundError):
        await admin.teams.info(team_id)


async def test_team_callbacks(admin: LiteLLMClient) -> None:
    team = await admin.teams.create(team_alias=f"callbacks-{run_id()}")
    secret = "sk-lf-" + uuid.uuid4().hex
    try:
        added = await admin.teams.callbacks.add(
            team.team_id,
            callback_name="langfuse",
            callback_type="success",
            callback_vars={
                "langfuse_public_key": "pk-lf-e2e",
                "langfuse_secret_key": secret,
                "langfuse_host": "http://127.0.0.1:9",
            },
        )
        assert added.status == "success" and added.data is not None
        listed = await admin.teams.callbacks.list(team.team_id)
        assert listed.data is not None and listed.data.success_callbacks == ["langfuse"]
        assert listed.data.callback_vars["langfuse_secret_key"] == "***REDACTED***"
        # The same callback for the same event again: refused, not added twice.
        with pytest.raises(BadRequestError, match="already exists"):
            await admin.teams.callbacks.add(
                team.team_id,
                callback_name="langfuse",
                callback_type="success",
                callback_vars={"langfuse_host": "http://127.0.0.1:9"},
            )
        removed = await admin.teams.callbacks.delete(team.team_id, "langfuse")
        assert removed.data is not None and removed.data.success_callbacks == []
        off = await admin.teams.disable_logging(team.team_id)
        assert off.data is not None and off.data.failure_callbacks == []
    finally:
        await admin.teams.delete([team.team_id])


async def test_v2_list_pages_across_pages(admin: LiteLLMClient) -> None:
    run = run_id()
    ids = [f"v2-{run}-{i}" for i in range(5)]
    created = await admin.teams.create_many(
        [{"team_id": t, "team_alias": f"v2-{run}-{i}"} for i, t in enumerate(ids)]
    )
    assert created.ok, created.failed[:1]
    try:
        first = await admin.teams.list_v2(team_alias=f"v2-{run}", page_size=2, sort_by="team_id")
        assert (first.total, first.total_pages) == (5, 3)
        assert [t.team_id for t in first.teams] == ids[:2]
        pages = [p async for p in admin.teams.list_v2(team_alias=f"v2-{run}", page_size=2).pages()]
        assert [len(p.teams) for p in pages] == [2, 2, 1]
        walked = [
            t.team_id
            async for t in admin.teams.list_v2(
                team_alias=f"v2-{run}", page_size=2, sort_by="team_id"
            )
        ]
        assert walked == ids
    finally:
        await admin.teams.delete(ids)


async def test_user_lifecycle(admin: LiteLLMClient) -> None:
    run = run_id()
    user_id = f"user-{run}"
    created = await admin.users.create(
        user_id=user_id, user_email=f"{user_id}@example.com", max_budget=3.0
    )
    try:
        assert created.user_id == user_id and created.key and created.key.startswith("sk-")
        info = await admin.users.info(user_id)
        assert info.user_info is not None and info.user_info["max_budget"] == 3.0
        row = await admin.users.info_v2(user_id)
        assert (row.user_id, row.user_email, row.max_budget) == (
            user_id,
            f"{user_id}@example.com",
            3.0,
        )
        page = await admin.users.list(user_ids=user_id, page_size=10)
        assert [u["user_id"] for u in page.users] == [user_id]

        updated = await admin.users.update(user_id, max_budget=4.0, user_alias=f"alias-{run}")
        assert updated.data is not None and updated.data.max_budget == 4.0
        bulk = await admin.users.bulk_update([{"user_id": user_id, "max_budget": 5.0}])
        assert (bulk.successful_updates, bulk.failed_updates) == (1, 0)
        assert (await admin.users.info_v2(user_id)).max_budget == 5.0

        assert "internal_user" in await admin.users.available_roles()
        seats = await admin.users.available_users()
        assert seats.total_users_used is not None and seats.total_users_used >= 1
        me = await admin.users.me()
        assert me.user_role == "proxy_admin"
        # Only a dashboard session that logged in with a password may change one: a key gets 403.
        with pytest.raises(PermissionDeniedError, match="dashboard session"):
            await admin.users.password_change("not-the-password", "another-password-1")
    finally:
        assert await admin.users.delete([user_id]) == 1
    with pytest.raises(NotFoundError):
        await admin.users.info_v2(user_id)


async def test_users_in_bulk(admin: LiteLLMClient) -> None:
    run = run_id()
    made = await admin.users.create_bulk(
        [{"user_id": f"bulk-{run}-a"}, {"user_id": f"bulk-{run}-b", "auto_create_key": True}]
    )
    assert made.meta.created == 2
    assert made.data[0].key is None and (made.data[1].key or "").startswith("sk-")
    gone = await admin.users.delete_bulk([f"bulk-{run}-a", f"bulk-{run}-b", f"nobody-{run}"])
    assert [r.success for r in gone.data] == [True, True, False]
    assert gone.data[2].error


async def test_daily_activity(admin: LiteLLMClient) -> None:
    # The proxy has no spend for new entities: the calls answer, possibly empty.
    for activity in (admin.teams.daily_activity, admin.users.daily_activity):
        first = await activity.list(**RANGE, page_size=5)
        assert first.metadata.page == 1
        # The proxy pages its daily records, not days: a busy day can come on several pages.
        days = [d async for d in activity.list(**RANGE)]
        assert all(RANGE["start_date"] <= d.date <= RANGE["end_date"] for d in days)
        aggregated = await activity.aggregated(**RANGE)
        assert aggregated.metadata.total_spend >= 0
        keys = [k async for k in activity.keys(**RANGE, limit=10)]
        assert all(k.api_key for k in keys)
        assert isinstance((await activity.search("sk", **RANGE)).api_keys, list)
        top = await activity.model_top_keys("fake-gpt", **RANGE)
        assert top.model == "fake-gpt" and top.by_model_group is True
        csv = await activity.export(**RANGE).read()
        assert csv.startswith(b"date,")
    users = admin.users.daily_activity
    assert all(u.spend >= 0 for u in [u async for u in users.users(**RANGE)])
    assert isinstance((await users.cache_leakage_keys(**RANGE)).api_keys, list)
    with pytest.raises(BadRequestError, match="end_date must be on or after start_date"):
        await users.aggregated(start_date=RANGE["end_date"], end_date="2000-01-01")


async def test_update_many_at_200_items(admin: LiteLLMClient) -> None:
    run = run_id()
    user_ids = [f"many-{run}-{i:03d}" for i in range(200)]
    made = await admin.users.create_bulk([{"user_id": u} for u in user_ids])
    assert made.meta.created == 200, made.data[:1]
    team_ids = [f"many-{run}-t{i}" for i in range(3)]
    assert (await admin.teams.create_many([{"team_id": t} for t in team_ids])).ok
    try:
        updates: list[Any] = [
            {"user_id": u, "max_budget": float(i), "metadata": {"run": run, "i": i}}
            for i, u in enumerate(user_ids)
        ]
        # One bad update among them fails alone.
        updates.insert(100, {"user_id": user_ids[0], "max_budget": "lots"})
        result = await admin.users.update_many(updates, concurrency=16)
        assert len(result.outcomes) == 201
        assert [o.index for o in result.outcomes] == list(range(201))
        failed = [o.index for o in result.outcomes if not o.ok]
        assert failed == [100]
        assert isinstance(result.outcomes[100].error, UnprocessableEntityError)
        budgets = [o.value.data.max_budget for o in result.outcomes if o.value and o.value.data]
        assert budgets == [float(i) for i in range(200)]
        for i in (0, 99, 199):  # read back
            assert (await admin.users.info_v2(user_ids[i])).max_budget == float(i)

        teams = await admin.teams.update_many(
            [{"team_id": t, "max_budget": 7.0} for t in team_ids]
            + [{"team_id": f"nobody-{run}", "max_budget": 1.0}]
        )
        assert [o.ok for o in teams.outcomes] == [True, True, True, False]
        assert isinstance(teams.outcomes[3].error, NotFoundError)
        assert (await admin.teams.info(team_ids[1])).team_info["max_budget"] == 7.0
    finally:
        await admin.teams.delete(team_ids)
        gone = await admin.users.delete_bulk(user_ids)
        assert all(r.success for r in gone.data)
