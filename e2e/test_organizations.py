"""Organizations against the real proxy: an enterprise feature, so without a licence its routes
answer 403, which the client raises as ``PermissionDeniedError`` with the proxy's message. The
aggregated daily-activity routes are not gated."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from aio_litellm import LiteLLMClient, PermissionDeniedError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

LICENCE = "Organizations are only available for LiteLLM Enterprise users"
START, END = "2025-01-01", "2025-01-31"


async def test_every_kind_of_route_is_refused_without_a_licence(admin: LiteLLMClient) -> None:
    org_id = f"e2e-org-{uuid.uuid4().hex[:12]}"
    orgs = admin.organizations
    calls: list[Callable[[], Awaitable[Any]]] = [
        lambda: orgs.create(organization_id=org_id, organization_alias=org_id),
        lambda: orgs.info(org_id),
        lambda: orgs.list(),
        lambda: orgs.update(org_id, organization_alias="x"),
        lambda: orgs.patch_v2(org_id, organization_alias="x"),
        lambda: orgs.member_add(org_id, [{"user_id": "u", "role": "internal_user"}]),
        lambda: orgs.delete([org_id]),
        lambda: orgs.daily_activity.list(start_date=START, end_date=END),
    ]
    for call in calls:
        with pytest.raises(PermissionDeniedError) as refused:
            await call()
        assert refused.value.status_code == 403
        assert LICENCE in refused.value.message

    # A bulk create reports the refusal as the outcome of its item.
    result = await orgs.create_many([{"organization_id": org_id, "organization_alias": org_id}])
    assert isinstance(result.outcomes[0].error, PermissionDeniedError)


async def test_aggregated_activity_answers_without_a_licence(admin: LiteLLMClient) -> None:
    org_id = f"e2e-org-{uuid.uuid4().hex[:12]}"
    activity = admin.organizations.daily_activity
    page = await activity.aggregated(organization_ids=org_id, start_date=START, end_date=END)
    assert page.results == [] and page.metadata.total_api_requests == 0
    keys = await activity.keys(organization_ids=org_id, start_date=START, end_date=END)
    assert keys.api_keys == []
