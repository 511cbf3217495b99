"""``client.access_groups``: access groups (``/v1/access_group``: models, MCP servers, agents and
skills granted to teams and keys) and, as ``legacy``, model access groups (``/access_group/*``:
names tagged on deployments, with an optional shared budget)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import WHOLE, AsyncPager, SinglePageStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.access_groups import (
    AccessGroup,
    AccessGroupBudgetParams,
    AccessGroupBudgetStatus,
    AccessGroupCreateParams,
    AccessGroupUpdateParams,
    ModelAccessGroup,
    ModelAccessGroupBudgetDeleted,
    ModelAccessGroupDeleted,
    ModelAccessGroupList,
    ModelAccessGroupModels,
    ModelAccessGroupResult,
)

__all__ = ["AccessGroups", "ModelAccessGroups"]

# Creates are not retry-safe: one that timed out may have been applied (a second then fails
# with 409). Updates replace what they name, budgets are set as a whole: safe to repeat.
CREATE = Endpoint("POST", "/v1/access_group", AccessGroup, "access_groups.create", retry_safe=False)
LIST = Endpoint("GET", "/v1/access_group", builtins.list[AccessGroup], "access_groups.list")
RETRIEVE = Endpoint(
    "GET", "/v1/access_group/{access_group_id}", AccessGroup, "access_groups.retrieve"
)
UPDATE = Endpoint("PUT", "/v1/access_group/{access_group_id}", AccessGroup, "access_groups.update")
# 204, no body.
DELETE = Endpoint(
    "DELETE", "/v1/access_group/{access_group_id}", type(None), "access_groups.delete"
)

LEGACY_CREATE = Endpoint(
    "POST",
    "/access_group/new",
    ModelAccessGroupResult,
    "access_groups.legacy.create",
    retry_safe=False,
)
LEGACY_LIST = Endpoint(
    "GET", "/access_group/list", ModelAccessGroupList, "access_groups.legacy.list"
)
LEGACY_RETRIEVE = Endpoint(
    "GET", "/access_group/{access_group}/info", ModelAccessGroup, "access_groups.legacy.retrieve"
)
LEGACY_UPDATE = Endpoint(
    "PUT",
    "/access_group/{access_group}/update",
    ModelAccessGroupResult,
    "access_groups.legacy.update",
)
LEGACY_DELETE = Endpoint(
    "DELETE",
    "/access_group/{access_group}/delete",
    ModelAccessGroupDeleted,
    "access_groups.legacy.delete",
)
GET_BUDGET = Endpoint(
    "GET",
    "/access_group/{access_group}/budget",
    AccessGroupBudgetStatus,
    "access_groups.legacy.get_budget",
)
SET_BUDGET = Endpoint(
    "PUT",
    "/access_group/{access_group}/budget",
    AccessGroupBudgetStatus,
    "access_groups.legacy.set_budget",
)
DELETE_BUDGET = Endpoint(
    "DELETE",
    "/access_group/{access_group}/budget",
    ModelAccessGroupBudgetDeleted,
    "access_groups.legacy.delete_budget",
)

# The pipeline validates model results only: the bare array is validated here.
_LEGACY_PAGES = SinglePageStyle(items="access_groups")


class ModelAccessGroups(Resource):
    """Model access groups, by name (``/access_group/*``): the proxy tags the deployments of
    the given model names (or ids) with the group. Needs DB-stored models (``/model/new``)."""

    __slots__ = ()

    async def create(
        self, access_group: str, **models: Unpack[ModelAccessGroupModels]
    ) -> ModelAccessGroupResult:
        """Create a group over ``model_names`` (every deployment of each) or ``model_ids``.
        ``POST /access_group/new``; not retried once sent."""
        require("access_groups.legacy.create", {"access_group": access_group}, "access_group")
        body = {**_models("access_groups.legacy.create", models), "access_group": access_group}
        return await self._client._call(LEGACY_CREATE, json=body)

    def list(self) -> AsyncPager[ModelAccessGroupList, ModelAccessGroup]:
        """Every model access group with its models, budget and spend (one answer).
        ``GET /access_group/list``."""
        return endpoint_pager(self._client, LEGACY_LIST, {}, _LEGACY_PAGES)

    async def retrieve(self, access_group: str) -> ModelAccessGroup:
        """One model access group. ``GET /access_group/{access_group}/info``."""
        return await self._client._call(LEGACY_RETRIEVE, path={"access_group": access_group})

    async def update(
        self, access_group: str, **models: Unpack[ModelAccessGroupModels]
    ) -> ModelAccessGroupResult:
        """Replace a group's models: deployments not named lose the tag.
        ``PUT /access_group/{access_group}/update``."""
        return await self._client._call(
            LEGACY_UPDATE,
            path={"access_group": access_group},
            json=_models("access_groups.legacy.update", models),
        )

    async def delete(self, access_group: str) -> ModelAccessGroupDeleted:
        """Delete a group (its deployments lose the tag).
        ``DELETE /access_group/{access_group}/delete``."""
        return await self._client._call(LEGACY_DELETE, path={"access_group": access_group})

    async def get_budget(self, access_group: str) -> AccessGroupBudgetStatus:
        """A group's shared budget and the spend drawn against it.
        ``GET /access_group/{access_group}/budget``."""
        return await self._client._call(GET_BUDGET, path={"access_group": access_group})

    async def set_budget(
        self, access_group: str, **budget: Unpack[AccessGroupBudgetParams]
    ) -> AccessGroupBudgetStatus:
        """Set or replace a group's shared budget (or link ``budget_id``).
        ``PUT /access_group/{access_group}/budget``."""
        if not any(value is not None for value in budget.values()):
            raise TypeError(
                "set_budget() needs max_budget, soft_budget, budget_duration or budget_id"
            )
        return await self._client._call(
            SET_BUDGET, path={"access_group": access_group}, json=budget
        )

    async def delete_budget(self, access_group: str) -> ModelAccessGroupBudgetDeleted:
        """Remove a group's shared budget (the group stays).
        ``DELETE /access_group/{access_group}/budget``."""
        return await self._client._call(DELETE_BUDGET, path={"access_group": access_group})


class AccessGroups(Resource):
    """Access groups (``/v1/access_group``): create, list, read, change, delete."""

    __slots__ = ("__dict__",)

    legacy: group[ModelAccessGroups] = group("access_groups:ModelAccessGroups")

    async def create(self, **params: Unpack[AccessGroupCreateParams]) -> AccessGroup:
        """Create an access group. ``POST /v1/access_group``; not retried once sent."""
        require("access_groups.create", params, "access_group_name")
        return await self._client._call(CREATE, json=params)

    def list(self) -> AsyncPager[builtins.list[AccessGroup], AccessGroup]:
        """Every access group, newest first (one answer). ``GET /v1/access_group``."""
        return AsyncPager(self._list_page, {}, WHOLE)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[AccessGroup]:
        return await self._client._call(LIST, query=query)

    async def retrieve(self, access_group_id: str) -> AccessGroup:
        """One access group. ``GET /v1/access_group/{access_group_id}``."""
        return await self._client._call(RETRIEVE, path={"access_group_id": access_group_id})

    async def update(
        self, access_group_id: str, **params: Unpack[AccessGroupUpdateParams]
    ) -> AccessGroup:
        """Change the given fields; id lists given replace the stored ones.
        ``PUT /v1/access_group/{access_group_id}``."""
        return await self._client._call(
            UPDATE, path={"access_group_id": access_group_id}, json=params
        )

    async def delete(self, access_group_id: str) -> None:
        """Delete an access group and detach it from its teams and keys.
        ``DELETE /v1/access_group/{access_group_id}``."""
        await self._client._call(DELETE, path={"access_group_id": access_group_id})


def _models(method: str, models: Mapping[str, Any]) -> dict[str, Any]:
    """The body naming a model access group's models: the proxy needs one non-empty list."""
    for name in ("model_names", "model_ids"):
        if isinstance(models.get(name), str):
            raise TypeError(f"{method}() {name} must be a list, not a str")
    if not models.get("model_names") and not models.get("model_ids"):
        raise TypeError(f"{method}() needs model_names or model_ids")
    return dict(models)
