"""``client.budgets``: budgets (``/budget/*``) that keys, teams, organizations, customers and
tags point at, and the router's provider budgets."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

import pydantic
from typing_extensions import Unpack

from .._bulk_admin import create_verified, verify
from .._endpoint import Endpoint
from .._pagination import WHOLE, AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, id_list, require
from ..bulk import BulkResult, BulkRunner
from ..types.budgets import (
    Budget,
    BudgetCreateParams,
    BudgetListV2Query,
    BudgetPage,
    BudgetSetting,
    BudgetUpdateParams,
    ProviderBudgets,
)

__all__ = ["Budgets"]

CREATE = Endpoint("POST", "/budget/new", Budget, "budgets.create", retry_safe=False)
INFO = Endpoint("POST", "/budget/info", list[Budget], "budgets.info")
LIST = Endpoint("GET", "/budget/list", list[Budget], "budgets.list")
UPDATE = Endpoint("POST", "/budget/update", Budget, "budgets.update")
# The deleted row; null when there was none.
DELETE: Endpoint[Budget | None] = Endpoint("POST", "/budget/delete", Budget, "budgets.delete")
SETTINGS = Endpoint("GET", "/budget/settings", list[BudgetSetting], "budgets.settings")
LIST_V2 = Endpoint("GET", "/management/v1/budgets", BudgetPage, "budgets.list_v2")
PROVIDER = Endpoint("GET", "/provider/budgets", ProviderBudgets, "budgets.provider_budgets")

_DELETED = pydantic.TypeAdapter(Budget | None).validate_json
_V2_PAGES = PageNumberStyle(items="data", size_param="page_size", total_pages="meta.total_pages")
# Not compared when a create meets an existing budget: the proxy computes the reset time.
_NOT_COMPARED = frozenset({"budget_reset_at"})


class Budgets(Resource):
    """Budgets: create (one or many), inspect, list, change, delete."""

    __slots__ = ()

    async def create(self, **params: Unpack[BudgetCreateParams]) -> Budget:
        """Create a budget. ``POST /budget/new``; not retried once sent."""
        return await self._client._call(CREATE, json=params)

    async def info(self, budget_ids: Sequence[str]) -> builtins.list[Budget]:
        """The budgets with these ids (unknown ids are left out). ``POST /budget/info``."""
        body = {"budgets": id_list("budgets.info", "budget_ids", budget_ids)}
        return await self._client._call(INFO, json=body)

    def list(self) -> AsyncPager[builtins.list[Budget], Budget]:
        """Every budget, in one answer (a bare array). ``GET /budget/list``."""
        return AsyncPager(self._list_page, {}, WHOLE)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[Budget]:
        return await self._client._call(LIST, query=query)

    def list_v2(self, **query: Unpack[BudgetListV2Query]) -> AsyncPager[BudgetPage, Budget]:
        """Budgets page by page, sorted and filtered by the proxy (proxy admins).
        ``GET /management/v1/budgets``."""
        params: dict[str, Any] = dict(query)
        for field, ops in (params.pop("filters", None) or {}).items():
            for op, value in ops.items():
                if isinstance(value, (builtins.list, tuple)):
                    value = ",".join(str(v) for v in value)
                params[f"filter[{field}][{op}]"] = value
        return endpoint_pager(self._client, LIST_V2, params, _V2_PAGES)

    async def update(self, **params: Unpack[BudgetUpdateParams]) -> Budget:
        """Change a budget's limits (``budget_id`` names it). ``POST /budget/update``."""
        require("budgets.update", params, "budget_id")
        return await self._client._call(UPDATE, json=params)

    async def delete(self, budget_id: str) -> Budget | None:
        """Delete a budget; answers the deleted row, None when there was no such budget.
        ``POST /budget/delete``."""
        body = {"id": budget_id}
        require("budgets.delete", body, "id")
        return await self._client._call(DELETE, json=body, parse=_DELETED)

    async def settings(self, budget_id: str) -> builtins.list[BudgetSetting]:
        """The budget's configurable fields, with their current values and descriptions.
        ``GET /budget/settings``."""
        query = {"budget_id": budget_id}
        require("budgets.settings", query, "budget_id")
        return await self._client._call(SETTINGS, query=query)

    async def provider_budgets(self) -> ProviderBudgets:
        """Budget, spend and reset time per provider of the router's provider budget config.
        ``GET /provider/budgets`` (an error when the proxy has no such config)."""
        return await self._client._call(PROVIDER)

    async def create_many(
        self,
        specs: Iterable[BudgetCreateParams] | AsyncIterable[BudgetCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[BudgetCreateParams, Budget]:
        """Create many budgets; every spec must name its ``budget_id`` (retry-safe identity: an
        "already exists" for a budget with the spec's limits, as read back, is success; one with
        other limits ``CreateConflict``). Outcomes in order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: BudgetCreateParams) -> Budget:
        budget_id = spec.get("budget_id")
        if not budget_id:
            raise ValueError("create_many() needs budget_id in every spec (retry-safe identity)")

        async def find() -> Budget | None:
            found = [b for b in await self.info([budget_id]) if b.budget_id == budget_id]
            if not found:
                return None
            verify(f"budget {budget_id!r}", spec, found[0].model_dump(), _NOT_COMPARED)
            return found[0]

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)
