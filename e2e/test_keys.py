"""Virtual keys against the proxy's real database: the whole lifecycle, and every keys route."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest

from aio_litellm import (
    AuthenticationError,
    BadRequestError,
    CreateConflict,
    LiteLLMClient,
    LiteLLMError,
    NotFoundError,
    PermissionDeniedError,
)
from aio_litellm.resources.keys import new_key

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


async def test_delete_many_counts_a_key_already_gone_as_deleted(admin: LiteLLMClient) -> None:
    created = await admin.keys.create_many([{} for _ in range(4)])
    gone, also_gone, live, single = [o.value.key for o in created.outcomes if o.value]
    await admin.keys.delete([gone, also_gone])
    # What the proxy answers for a delete of keys none of which exists: 404 "No keys found".
    with pytest.raises(NotFoundError) as missing:
        await admin.keys.delete([gone])
    assert missing.value.status_code == 404 and "No keys found" in missing.value.message
    assert await admin.keys.delete_safely(gone) is False
    # A rerun of a delete, or a retry of one whose answer was lost: done, not failed.
    again = await admin.keys.delete_many([gone, also_gone])
    assert again.ok and [o.value for o in again.outcomes] == [gone, also_gone]
    assert (await admin.keys.delete_many([gone])).ok
    mixed = await admin.keys.delete_many([gone, live], batch_size=1)
    assert mixed.ok
    assert (await admin.keys.info(token_of(live))).info["status"] == "deleted"
    assert await admin.keys.delete_safely(single) is True


async def test_create_with_an_existing_secret_is_verified(admin: LiteLLMClient) -> None:
    secret = new_key()
    alias = f"verify-{uuid.uuid4().hex[:12]}"
    spec: dict[str, Any] = {
        "key_alias": alias,
        "models": ["fake-gpt", "fake-embed"],
        "max_budget": 5.0,
        "tpm_limit": 1000,
        "metadata": {"owner": "e2e"},
        "duration": "1h",
    }
    await admin.keys.create(key=secret, **spec)
    try:
        # The same spec again, as a rerun sends it (a csv number, models in another order):
        # the key is found and verified, not reported as a conflict.
        rerun = await admin.keys.create_many(
            [{**spec, "key": secret, "max_budget": "5", "models": ["fake-embed", "fake-gpt"]}]
        )
        assert rerun.ok, rerun.failed
        # Other values: the proxy answers the create with 200 and leaves the key as it was.
        other = {"key": secret, "key_alias": alias + "-x", "max_budget": 9.0}
        result = await admin.keys.create_many([other, {**spec, "key": secret, "tpm_limit": 5}])
        first, second = (o.error for o in result.outcomes)
        assert isinstance(first, CreateConflict) and first.fields == ("key_alias", "max_budget")
        assert isinstance(second, CreateConflict) and second.fields == ("tpm_limit",)
        assert secret not in str(first) and secret not in str(second)
        info = (await admin.keys.info(token_of(secret))).info
        assert info["key_alias"] == alias and info["max_budget"] == 5.0
        # A new secret with an alias in use: the proxy's own refusal, not a conflict.
        taken = await admin.keys.create_many([{"key_alias": alias}])
        assert isinstance(taken.outcomes[0].error, BadRequestError)
    finally:
        await admin.keys.delete([secret])
