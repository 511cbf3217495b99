"""Agents against the proxy's real database: the CRUD lifecycle and the read-only routes."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, NotFoundError

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_agent_lifecycle(admin: LiteLLMClient) -> None:
    name = f"e2e-agent-{uuid.uuid4().hex[:12]}"
    created = await admin.agents.create(
        agent_name=name, litellm_params={"model": "fake-gpt"}, tpm_limit=100
    )
    agent_id = created.agent_id
    try:
        assert created.agent_name == name and created.tpm_limit == 100

        got = await admin.agents.retrieve(agent_id)
        assert got.agent_id == agent_id and got.litellm_params == {"model": "fake-gpt"}
        assert agent_id in {a.agent_id for a in await admin.agents.list()}

        patched = await admin.agents.update(agent_id, rpm_limit=7)
        assert patched.rpm_limit == 7 and patched.tpm_limit == 100

        replaced = await admin.agents.replace(
            agent_id, agent_name=name, litellm_params={"model": "fake-gpt"}, tpm_limit=5
        )
        assert replaced.tpm_limit == 5

        made = await admin.agents.make_public(agent_id)
        assert agent_id in made.public_agent_groups
        made = await admin.agents.make_many_public([agent_id])
        assert agent_id in made.public_agent_groups

        with pytest.raises(BadRequestError):  # no kill switch configured
            await admin.agents.kill_switch(agent_id)

        page = await admin.agents.daily_activity.aggregated(
            start_date="2026-01-01", end_date="2026-01-31"
        )
        assert isinstance(page.results, list)

        status = await admin.agents.identity(agent_id)
        assert status.identity_managed is False
        assert isinstance(await admin.agents.identity_providers(), list)
    finally:
        deleted = await admin.agents.delete(agent_id)
    assert agent_id in deleted.message
    with pytest.raises(NotFoundError):
        await admin.agents.retrieve(agent_id)


async def test_kill_switch_fires_its_webhook(admin: LiteLLMClient, stack: Stack) -> None:
    if not stack.provider_url:
        pytest.skip("no fake provider in this stack")
    name = f"e2e-agent-{uuid.uuid4().hex[:12]}"
    hook = f"{stack.provider_url}/v1/chat/completions"
    body = {"model": "fake-gpt", "messages": [{"role": "user", "content": "stop"}]}
    created = await admin.agents.create(
        agent_name=name,
        litellm_params={"model": "fake-gpt"},
        kill_switch={"url": hook, "method": "POST", "body": body},
    )
    try:
        fired = await admin.agents.kill_switch(created.agent_id)
        assert fired.agent_id == created.agent_id and fired.url == hook
        assert fired.status_code == 200 and fired.error is None
    finally:
        await admin.agents.delete(created.agent_id)
