"""SCIM v2 against the real proxy: an enterprise feature, so without a licence every route is
refused with 403 and the proxy's message, as a typed error, before anything is changed."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from aio_litellm import LiteLLMClient, NotFoundError, PermissionDeniedError
from aio_litellm.types.scim import GROUP_SCHEMA, USER_SCHEMA

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def calls(client: LiteLLMClient) -> dict[str, Callable[[], Awaitable[Any]]]:
    name = f"e2e-scim-{uuid.uuid4().hex[:12]}"
    scim = client.scim
    return {
        "root": scim.root,
        "service_provider_config": scim.service_provider_config,
        "schemas.retrieve": lambda: scim.schemas.retrieve(USER_SCHEMA),
        "users.list": lambda: scim.users.list(count=5),  # a pager: awaited, its first page
        "users.create": lambda: scim.users.create(schemas=[USER_SCHEMA], userName=name),
        "groups.create": lambda: scim.groups.create(schemas=[GROUP_SCHEMA], displayName=name),
        "groups.delete": lambda: scim.groups.delete(name),
        "placeholders.list": scim.placeholders.list,
    }


@pytest.mark.parametrize(
    "route",
    [
        "root",
        "service_provider_config",
        "schemas.retrieve",
        "users.list",
        "users.create",
        "groups.create",
        "groups.delete",
        "placeholders.list",
    ],
)
async def test_scim_needs_a_licence(admin: LiteLLMClient, route: str) -> None:
    with pytest.raises(PermissionDeniedError) as refused:
        await calls(admin)[route]()
    assert refused.value.status_code == 403
    assert "only available for LiteLLM Enterprise users" in refused.value.message


async def test_nothing_was_provisioned(admin: LiteLLMClient) -> None:
    # The refusal comes before the handler: a refused create leaves no team behind.
    name = f"e2e-scim-{uuid.uuid4().hex[:12]}"
    with pytest.raises(PermissionDeniedError):
        await admin.scim.groups.create(schemas=[GROUP_SCHEMA], displayName=name, id=name)
    with pytest.raises(NotFoundError):
        await admin.request("GET", "/team/info", params={"team_id": name})
