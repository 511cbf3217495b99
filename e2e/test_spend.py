"""Spend against the proxy's real database: requests made with a key show in its spend logs
(paged v2 and the day-window v1 walk read the same rows), the proxy-wide spend and activity
routes, the CloudZero / Vantage settings (without their services), and the licence refusals.

The proxy writes a spend log for a request it can price, or one that failed: the traffic here is
``fake-tts`` speech (priced as OpenAI's tts-1), chat calls the upstream refuses
(``fake-badrequest``) and chat calls to ``fake-gpt`` (priced in e2e/litellm-config.yaml) made by
a team member's key. Logs are written in batches (every 10 s or so): the tests wait for them with
a deadline.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from aio_litellm import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    LiteLLMClient,
    PermissionDeniedError,
)
from aio_litellm.types.spend import SpendLog

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

SPEECHES = 5
FAILED_CHATS = 2
DEADLINE = 90.0


def today() -> date:
    return datetime.now(timezone.utc).date()


async def wait_for_logs(admin: LiteLLMClient, secret: str, count: int) -> int:
    """Poll until the key's spend logs number ``count``; the total seen."""
    since, until = str(today() - timedelta(days=1)), str(today() + timedelta(days=2))
    deadline = time.monotonic() + DEADLINE
    while True:
        page = await admin.spend.logs(start_date=since, end_date=until, api_key=secret)
        if page.total >= count or time.monotonic() > deadline:
            return page.total
        await asyncio.sleep(2)


async def test_chat_calls_of_a_team_members_key_are_that_team_and_users_spend(
    admin: LiteLLMClient, stack: Stack
) -> None:
    run = uuid.uuid4().hex[:10]
    team = await admin.teams.create(team_id=f"e2e-spend-team-{run}", team_alias=f"spend {run}")
    user = await admin.users.create(user_id=f"e2e-spend-user-{run}", auto_create_key=False)
    key = await admin.keys.create(team_id=team.team_id, user_id=user.user_id, models=["fake-gpt"])
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key, max_retries=0) as as_key:
            for i in range(3):
                reply = await as_key.chat.completions.create(
                    model="fake-gpt", messages=[{"role": "user", "content": f"spend {i}"}]
                )
                assert reply.choices[0].message.content == f"echo: spend {i}"
        assert await wait_for_logs(admin, key.key, 3) == 3
        since, until = str(today() - timedelta(days=1)), str(today() + timedelta(days=2))
        logs = [
            log async for log in admin.spend.logs(start_date=since, end_date=until, api_key=key.key)
        ]
        assert len({log.request_id for log in logs}) == 3
        assert {(log.team_id, log.user, log.model_group) for log in logs} == {
            (team.team_id, user.user_id, "fake-gpt")
        }
        assert all(log.spend > 0 and log.call_type == "acompletion" for log in logs)
        # The same rows, asked for by team.
        by_team = admin.spend.logs(start_date=since, end_date=until, team_id=team.team_id)
        assert {log.request_id async for log in by_team} == {log.request_id for log in logs}
    finally:
        await admin.keys.delete([key.key])
        await admin.users.delete([user.user_id])
        await admin.teams.delete([team.team_id])


async def test_requests_show_in_spend_logs(admin: LiteLLMClient, stack: Stack) -> None:
    alias = f"e2e-spend-{uuid.uuid4().hex[:12]}"
    key = await admin.keys.create(key_alias=alias, models=["fake-tts", "fake-badrequest"])
    token = hashlib.sha256(key.key.encode()).hexdigest()
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key, max_retries=0) as as_key:
            for i in range(SPEECHES):
                await as_key.audio.speech.create(
                    model="fake-tts", input=f"spend {i}", voice="alloy"
                )
            for _ in range(FAILED_CHATS):
                with pytest.raises(BadRequestError):
                    await as_key.chat.completions.create(
                        model="fake-badrequest", messages=[{"role": "user", "content": "x"}]
                    )
        expected = SPEECHES + FAILED_CHATS
        assert await wait_for_logs(admin, key.key, expected) == expected

        # v2, across page boundaries: every row once, newest first.
        since, until = today() - timedelta(days=1), today() + timedelta(days=2)
        pager = admin.spend.logs(
            start_date=str(since), end_date=str(until), api_key=key.key, page_size=2
        )
        logs = [entry async for entry in pager]
        assert len(logs) == expected == len({entry.request_id for entry in logs})
        assert len([page async for page in pager.pages()]) == 4  # 2 + 2 + 2 + 1
        starts = [entry.startTime or "" for entry in logs]
        assert starts == sorted(starts, reverse=True)
        assert all(isinstance(entry, SpendLog) and entry.api_key == token for entry in logs)
        speeches = [entry for entry in logs if entry.call_type == "aspeech"]
        chats = [entry for entry in logs if entry.call_type == "acompletion"]
        assert len(speeches) == SPEECHES and len(chats) == FAILED_CHATS
        assert all(entry.spend > 0 and entry.model_group == "fake-tts" for entry in speeches)
        assert all(entry.status == "failure" and entry.spend == 0 for entry in chats)
        assert isinstance(speeches[0].metadata, dict)
        assert speeches[0].metadata["user_api_key_alias"] == alias

        # v1, one day at a time (three windows): the same rows.
        walked = [entry async for entry in admin.spend.logs_v1(since, until, api_key=key.key)]
        assert sorted(e.request_id for e in walked) == sorted(e.request_id for e in logs)
        assert {e.startTime is not None for e in walked} == {True}

        # A filter that matches nothing, and the facets of the window.
        none = admin.spend.logs(start_date=str(since), end_date=str(until), api_key="sk-none")
        assert [entry async for entry in none] == []
        users = [u async for u in admin.spend.management_users(since, until, page_size=1)]
        assert len(users) == len(set(users)) >= 1
    finally:
        await admin.keys.delete([key.key])


async def test_spend_calculate(admin: LiteLLMClient) -> None:
    messages = [{"role": "user", "content": "How much is this?"}]
    priced = await admin.spend.calculate(model="gpt-4o", messages=messages)
    assert priced.cost is not None and priced.cost > 0
    # fake-gpt costs a micro-dollar a prompt token (the config): a dozen tokens here.
    config_priced = await admin.spend.calculate(model="fake-gpt", messages=messages)
    assert config_priced.cost is not None and 5e-6 < config_priced.cost < 5e-5
    unpriced = await admin.spend.calculate(model="fake-gpt-2", messages=messages)
    assert unpriced.cost == 0.0
    completion = {
        "id": "chatcmpl-e2e",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 100, "total_tokens": 1100},
    }
    after = await admin.spend.calculate(completion_response=completion)
    assert after.cost is not None and after.cost > priced.cost


async def test_global_spend_and_activity(admin: LiteLLMClient) -> None:
    day = today()
    spend = admin.spend.global_spend
    assert (await spend.spend()).spend is not None
    assert all(row.date for row in await spend.logs())
    assert len(await spend.keys(limit=2)) <= 2
    teams = await spend.teams()
    assert all("date" in row for row in teams.daily_spend)
    assert all(row.model is not None for row in await spend.models(limit=3))
    assert all(row.spend >= 0 for row in await spend.provider(day, day))
    tags = await spend.tags(start_date=str(day), end_date=str(day))
    assert all(tag.log_count > 0 for tag in tags.spend_per_tag)
    assert isinstance((await spend.all_tag_names()).tag_names, list)
    assert all(row.total_count > 0 for row in await spend.end_users())
    assert isinstance((await spend.all_end_users()).end_users, list)
    refreshed = await spend.refresh()
    assert refreshed is None or refreshed.status in ("success", "failure")

    activity = await spend.activity(day - timedelta(days=1), day)
    assert activity.sum_api_requests == sum(d.api_requests for d in activity.daily_data)
    for model in await spend.activity_model(day, day):
        assert model.sum_api_requests == sum(d.api_requests for d in model.daily_data)
    hits = await spend.cache_hits(day, day)
    assert hits.totals.api_requests == sum(g.api_requests for g in hits.groups)
    exceptions = await spend.exceptions("fake-gpt", day, day)
    assert exceptions.sum_num_rate_limit_exceptions >= 0
    assert isinstance(await spend.exceptions_deployment("fake-gpt", day, day), list)

    gateway = await admin.spend.gateway_activity(start_date=str(day), end_date=str(day))
    assert gateway.total_successful_requests == sum(d.successful_requests for d in gateway.by_date)
    errors = await admin.spend.gateway_errors()
    assert errors.total_failed_requests >= 0
    # A request refused before it had a key (a bad key, say) counts under an empty id.
    assert all(isinstance(e.id, str) and e.failed_requests >= 0 for e in errors.by_key)

    assert all(row.token for row in await admin.spend.keys())
    assert isinstance(await admin.spend.users(), list)
    assert await admin.spend.users(f"nobody-{uuid.uuid4().hex[:8]}") == []
    assert all(row.log_count > 0 for row in await admin.spend.tags())
    by_user = await admin.spend.team_by_user([f"no-team-{uuid.uuid4().hex[:8]}"], day, day)
    assert by_user.results == []
    end_users = admin.spend.management_end_users(day, day + timedelta(days=1))
    assert isinstance([u async for u in end_users], list)


async def test_cost_exports_keep_their_settings(admin: LiteLLMClient) -> None:
    # Settings and dry runs only read and write the proxy's database; an export would call the
    # service and is left to the unit tests.
    cloudzero, vantage = admin.spend.cloudzero, admin.spend.vantage
    try:
        await cloudzero.init(api_key="cz-e2e-secret", connection_id="conn-e2e")
        settings = await cloudzero.get_settings()
        assert settings.connection_id == "conn-e2e" and settings.status == "configured"
        assert "cz-e2e-secret" not in (settings.api_key_masked or "")
        await cloudzero.update_settings(timezone="Europe/Paris")
        assert (await cloudzero.get_settings()).timezone == "Europe/Paris"
        dry = await cloudzero.dry_run(limit=1)
        assert dry.status == "success"
    finally:
        assert (await cloudzero.delete()).status == "success"
    assert (await cloudzero.get_settings()).connection_id is None
    try:
        await vantage.init(api_key="va-e2e-secret", integration_token="tok-e2e")
        settings_v = await vantage.get_settings()
        assert settings_v.base_url and settings_v.status == "configured"
        assert (await vantage.update_settings(integration_token="tok-e2e-2")).status == "success"
        assert (await vantage.dry_run(limit=1)).status == "success"
        # A base_url in a body is what the proxy's client-side credential guard refuses.
        with pytest.raises(AuthenticationError, match="base_url"):
            await vantage.update_settings(base_url="http://127.0.0.1:9/vantage")
    finally:
        assert (await vantage.delete()).status == "success"


@pytest.mark.parametrize("report", ["key_report", "team_report", "user_report"])
async def test_spend_reports_need_a_licence(admin: LiteLLMClient, report: str) -> None:
    day = str(today())
    with pytest.raises(PermissionDeniedError, match="Enterprise") as refused:
        await getattr(admin.spend, report)(start_date=day, end_date=day)
    assert refused.value.status_code == 403


async def test_other_licence_and_service_refusals(admin: LiteLLMClient) -> None:
    day = str(today())
    with pytest.raises(PermissionDeniedError, match="Enterprise"):
        await admin.spend.organization_report(start_date=day, end_date=day, organization_id="o")
    with pytest.raises(BadRequestError, match="Enterprise"):  # the global report answers 400
        await admin.spend.global_spend.report(start_date=day, end_date=day)
    # The capture rate reads OpenAI's bill: without OPENAI_ADMIN_KEY on the proxy, 503.
    with pytest.raises(APIStatusError, match="OPENAI_ADMIN_KEY") as unavailable:
        await admin.with_options(max_retries=0).spend.capture_rate(start_date=day, end_date=day)
    assert unavailable.value.status_code == 503
