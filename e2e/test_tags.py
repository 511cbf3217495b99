"""Tags against the proxy's real database: the lifecycle with a budget, and the spend of
requests that carry a tag in their ``metadata`` (written by a background job: polled)."""

from __future__ import annotations

import asyncio
import datetime
import time
import uuid

import pytest

from aio_litellm import InternalServerError, LiteLLMClient

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_tag_lifecycle(admin: LiteLLMClient) -> None:
    name = f"e2e-tag-{uuid.uuid4().hex[:12]}"
    created = await admin.tags.create(name=name, description="for e2e", max_budget=2.5)
    try:
        assert (created.tag.name, created.tag.description) == (name, "for e2e")

        with pytest.raises(InternalServerError, match="already exists"):
            await admin.tags.create(name=name)

        info = (await admin.tags.info([name]))[name]
        assert info.description == "for e2e"
        assert info.litellm_budget_table is not None
        assert info.litellm_budget_table.max_budget == 2.5

        listed = [t async for t in admin.tags.list() if t.name == name]
        assert len(listed) == 1 and listed[0].description == "for e2e"

        updated = await admin.tags.update(name=name, description="changed", max_budget=4.0)
        assert updated.tag.description == "changed"
        after = (await admin.tags.info([name]))[name]
        assert after.litellm_budget_table is not None
        assert after.litellm_budget_table.max_budget == 4.0
    finally:
        deleted = await admin.tags.delete(name)
    assert deleted.message is not None and name in deleted.message
    with pytest.raises(InternalServerError, match="Tags not found"):
        await admin.tags.info([name])


async def test_tag_spend_shows_in_its_analytics(admin: LiteLLMClient, stack: Stack) -> None:
    tag = f"e2e-spend-{uuid.uuid4().hex[:12]}"
    key = await admin.keys.create(models=["fake-gpt"])
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as as_key:
            for _ in range(3):
                await as_key.chat.completions.create(
                    model="fake-gpt",
                    messages=[{"role": "user", "content": "hi"}],
                    metadata={"tags": [tag]},
                )
        today = datetime.datetime.now(datetime.timezone.utc).date()
        start, end = (
            str(today - datetime.timedelta(days=1)),
            str(today + datetime.timedelta(days=1)),
        )
        deadline = time.monotonic() + 90
        while True:
            page = await admin.tags.daily_activity.list(tags=tag, start_date=start, end_date=end)
            if page.results or time.monotonic() > deadline:
                break
            await asyncio.sleep(3)
        assert page.results, "the proxy did not write the tag's daily spend in 90 s"
        assert page.metadata.total_api_requests == 3
        assert sum(day.metrics["api_requests"] for day in page.results) == 3

        # A tag only seen on requests is listed too, without models.
        seen = [t async for t in admin.tags.list(start_date=start, end_date=end) if t.name == tag]
        assert len(seen) == 1 and seen[0].models is None

        summary = await admin.tags.summary(tag_filter=tag, start_date=start, end_date=end)
        assert [(s.tag, s.total_requests, s.successful_requests) for s in summary.results] == [
            (tag, 3, 3)
        ]
        assert tag in [d.tag for d in (await admin.tags.distinct()).results]

        csv = await (
            await admin.tags.daily_activity.export(tags=tag, start_date=start, end_date=end)
        ).read()
        assert b"\n" in csv
    finally:
        await admin.keys.delete([key.key])
