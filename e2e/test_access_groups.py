"""Access groups against the real proxy: the ``/v1/access_group`` lifecycle with a team, and a
model access group over a DB-stored deployment with its shared budget."""

from __future__ import annotations

import contextlib
import uuid

import pytest

from aio_litellm import ConflictError, LiteLLMClient, NotFoundError

from .launcher import Stack
from .test_models_admin import new_deployment

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_access_group_lifecycle(admin: LiteLLMClient) -> None:
    team = await admin.request(
        "POST", "/team/new", json={"team_alias": f"e2e-{uuid.uuid4().hex[:8]}"}
    )
    name = f"e2e-{uuid.uuid4().hex[:10]}"
    try:
        created = await admin.access_groups.create(
            access_group_name=name, description="e2e models", access_model_names=["fake-gpt"]
        )
        group_id = created.access_group_id
        assert (created.access_group_name, created.description) == (name, "e2e models")
        assert created.access_model_names == ["fake-gpt"] and created.assigned_team_ids == []
        assert created.created_at is not None

        found = await admin.access_groups.retrieve(group_id)
        assert found.access_group_name == name
        assert group_id in [g.access_group_id async for g in admin.access_groups.list()]
        assert group_id in [g.access_group_id for g in await admin.access_groups.list()]
        with pytest.raises(ConflictError):
            await admin.access_groups.create(access_group_name=name)

        updated = await admin.access_groups.update(
            group_id,
            description="e2e, changed",
            access_model_names=["fake-gpt", "fake-embed"],
            assigned_team_ids=[team["team_id"]],
        )
        assert updated.description == "e2e, changed"
        assert updated.access_model_names == ["fake-gpt", "fake-embed"]
        assert [t.id for t in updated.assigned_teams] == [team["team_id"]]
        # Fields not named keep their values.
        kept = await admin.access_groups.update(group_id, access_model_names=["fake-gpt"])
        assert kept.description == "e2e, changed" and kept.assigned_team_ids == [team["team_id"]]

        await admin.access_groups.delete(group_id)
        with pytest.raises(NotFoundError):
            await admin.access_groups.retrieve(group_id)
        with pytest.raises(NotFoundError):
            await admin.access_groups.delete(group_id)
    finally:
        await admin.request("POST", "/team/delete", json={"team_ids": [team["team_id"]]})


async def test_model_access_group_with_a_budget(admin: LiteLLMClient, stack: Stack) -> None:
    model_name = f"e2e-{uuid.uuid4().hex[:10]}"
    deployment = await new_deployment(admin, stack, model_name)
    model_id = deployment.model_id or ""
    legacy = admin.access_groups.legacy
    group = f"e2e-group-{uuid.uuid4().hex[:8]}"
    try:
        created = await legacy.create(group, model_names=[model_name])
        assert (created.access_group, created.models_updated) == (group, 1)
        info = await legacy.retrieve(group)
        assert (info.model_names, info.deployment_count, info.budget) == ([model_name], 1, None)
        assert group in [g.access_group async for g in legacy.list()]

        assert (await legacy.get_budget(group)).budget is None
        status = await legacy.set_budget(group, max_budget=25.0, budget_duration="30d")
        assert status.budget is not None and status.budget.max_budget == 25.0
        assert status.budget.budget_duration == "30d" and status.spend == 0.0
        again = await legacy.get_budget(group)
        assert again.budget is not None and again.budget.budget_id == status.budget.budget_id
        assert (await legacy.retrieve(group)).budget is not None
        assert (await legacy.delete_budget(group)).budget_deleted is True
        assert (await legacy.delete_budget(group)).budget_deleted is False
        assert (await legacy.get_budget(group)).budget is None

        redone = await legacy.update(group, model_ids=[model_id])
        assert redone.model_ids == [model_id] and redone.models_updated == 1
        deleted = await legacy.delete(group)
        assert deleted.access_group == group and deleted.models_updated == 1
        with pytest.raises(NotFoundError):
            await legacy.retrieve(group)
    finally:
        with contextlib.suppress(NotFoundError):
            await legacy.delete(group)
        await admin.models.delete(model_id)
