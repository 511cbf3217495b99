"""Virtual keys against the proxy's real database: the whole lifecycle, and every keys route."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest

from aio_litellm import (
    AuthenticationError,
    LiteLLMClient,
    LiteLLMError,
    PermissionDeniedError,
)

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def user(text: str) -> list[Any]:
    return [{"role": "user", "content": text}]


def token_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def test_key_lifecycle(admin: LiteLLMClient, stack: Stack) -> None:
    alias = f"e2e-{uuid.uuid4().hex[:12]}"
    created = await admin.keys.create(
        key_alias=alias,
        models=["fake-gpt"],
        max_budget=5.0,
        metadata={"owner": "e2e", "run": alias},
        duration="1h",
    )
    secret, token = created.key, created.token
    assert secret.startswith("sk-") and token == token_of(secret)
    assert created.key_alias == alias and created.models == ["fake-gpt"]
    assert created.max_budget == 5.0 and created.expires is not None

    info = await admin.keys.info(token)
    assert info.info["key_alias"] == alias
    assert info.info["metadata"] == {"owner": "e2e", "run": alias}
    assert info.info["max_budget"] == 5.0

    # The key works for its model, and only for it.
    async with LiteLLMClient(base_url=stack.base_url, api_key=secret) as as_key:
        reply = await as_key.chat.completions.create(model="fake-gpt", messages=user("hi"))
        assert reply.choices[0].message.content == "echo: hi"
        with pytest.raises(PermissionDeniedError) as denied:
            await as_key.embeddings.create(model="fake-embed", input="x")
        assert denied.value.error_type == "key_model_access_denied"

        updated = await admin.keys.update(token, max_budget=9.0, metadata={"owner": "e2e2"})
        assert updated.model_extra is not None and updated.model_extra["max_budget"] == 9.0
        assert (await admin.keys.info(token)).info["max_budget"] == 9.0

        blocked = await admin.keys.block(secret)
        assert blocked.blocked is True
        with pytest.raises(LiteLLMError) as refused:
            await as_key.with_options(max_retries=0).chat.completions.create(
                model="fake-gpt", messages=user("hi")
            )
        assert getattr(refused.value, "status_code", None) in (401, 403)
        assert (await admin.keys.unblock(secret)).blocked in (False, None)
        await as_key.chat.completions.create(model="fake-gpt", messages=user("again"))

        deleted = await admin.keys.delete([secret])
        assert deleted.deleted_keys == [secret]
        with pytest.raises(AuthenticationError):
            await as_key.chat.completions.create(model="fake-gpt", messages=user("gone"))


async def test_list_pages_through_every_key(admin: LiteLLMClient) -> None:
    team_alias = uuid.uuid4().hex[:8]
    secrets = []
    for i in range(5):
        key = await admin.keys.create(
            key_alias=f"page-{team_alias}-{i}", metadata={"t": team_alias}
        )
        secrets.append(key)
    try:
        first = await admin.keys.list(size=2)
        assert len(first.keys) == 2 and first.total_pages is not None and first.total_pages >= 3
        listed = [k async for k in admin.keys.list(size=2)]
        assert len(listed) == len(set(listed))  # no key twice across pages
        assert {k.token for k in secrets} <= set(listed)
        full = await admin.keys.list(
            size=50, key_alias=f"page-{team_alias}-3", return_full_object=True
        )
        assert [k["key_alias"] for k in full.keys if isinstance(k, dict)] == [
            f"page-{team_alias}-3"
        ]
        aliases = [a async for a in admin.keys.aliases(search=f"page-{team_alias}", size=2)]
        assert sorted(aliases) == [f"page-{team_alias}-{i}" for i in range(5)]
    finally:
        await admin.keys.delete([k.key for k in secrets])


async def test_caller_chosen_key(admin: LiteLLMClient, stack: Stack) -> None:
    chosen = "sk-e2e-" + uuid.uuid4().hex
    created = await admin.keys.create(key=chosen, models=["fake-gpt"])
    assert created.key == chosen and created.token == token_of(chosen)
    async with LiteLLMClient(base_url=stack.base_url, api_key=chosen) as client:
        assert (await client.keys.health()).key == "healthy"
    await admin.keys.delete(key_aliases=None, keys=[chosen])


async def test_other_keys_routes(admin: LiteLLMClient) -> None:
    a = await admin.keys.create(key_alias=f"other-{uuid.uuid4().hex[:8]}", max_budget=1.0)
    b = await admin.keys.create(key_alias=f"other-{uuid.uuid4().hex[:8]}", max_budget=1.0)
    try:
        many = await admin.keys.info_many([a.token or "", b.token or ""])
        assert {i["key_alias"] for i in many.info} == {a.key_alias, b.key_alias}

        bulk = await admin.keys.bulk_update(
            [{"key": a.token or "", "max_budget": 3.0}, {"key": "sk-missing-" + uuid.uuid4().hex}]
        )
        assert bulk.total_requested == 2
        assert [u.key for u in bulk.successful_updates] == [a.token]
        assert len(bulk.failed_updates) == 1 and bulk.failed_updates[0].failed_reason
        assert (await admin.keys.info(a.token)).info["max_budget"] == 3.0

        reset = await admin.keys.reset_spend(a.token or "", reset_to=0)
        assert reset["spend"] == 0.0 and reset["key_hash"] == a.token

        assert (await admin.keys.health()).key == "healthy"
    finally:
        await admin.keys.delete([a.key, b.key])


async def test_enterprise_routes_answer_with_a_typed_error(admin: LiteLLMClient) -> None:
    key = await admin.keys.create()
    try:
        with pytest.raises(LiteLLMError) as info:
            await admin.keys.regenerate(key.token or "")
        assert "Enterprise" in str(info.value)
    finally:
        await admin.keys.delete([key.key])


async def test_team_key_routes(admin: LiteLLMClient) -> None:
    team = await admin.request(
        "POST", "/team/new", json={"team_alias": "e2e-" + uuid.uuid4().hex[:8]}
    )
    team_id = team["team_id"]
    try:
        service = await admin.keys.generate_service_account(team_id=team_id, key_alias="svc")
        assert service.key.startswith("sk-") and service.team_id == team_id
        other = await admin.keys.create(team_id=team_id)
        result = await admin.keys.team_bulk_update(
            team_id, {"max_budget": 4.0}, key_ids=[service.token or "", other.token or ""]
        )
        assert result.total_requested == 2
        assert len(result.successful_updates) == 2, result.failed_updates
        assert (await admin.keys.info(other.token)).info["max_budget"] == 4.0
        await admin.keys.delete([service.key, other.key])
    finally:
        await admin.request("POST", "/team/delete", json={"team_ids": [team_id]})
