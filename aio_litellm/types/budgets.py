"""Parameters and results of ``client.budgets`` (``/budget/*``, ``/management/v1/budgets``,
``/provider/budgets``), and the budget row other groups nest (``litellm_budget_table``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .params.budgets import BudgetNewParams, BudgetSettingsQuery, BudgetUpdateParams

__all__ = [
    "Budget",
    "BudgetCreateParams",
    "BudgetListV2Query",
    "BudgetPage",
    "BudgetPageMeta",
    "BudgetSetting",
    "BudgetSettingsQuery",
    "BudgetTable",
    "BudgetUpdateParams",
    "ProviderBudget",
    "ProviderBudgets",
]

BudgetCreateParams = BudgetNewParams
"""Body of ``POST /budget/new``; choose ``budget_id`` yourself to make a create safe to
retry."""


class BudgetListV2Query(TypedDict, total=False):
    """Query of ``GET /management/v1/budgets`` (not in the proxy's OpenAPI document).

    ``sort``: comma-separated ``budget_id``, ``max_budget``, ``tpm_limit``, ``rpm_limit``,
    ``tpd_limit``, ``created_at`` or ``budget_duration``, ``-`` prefixed for descending
    (default ``-created_at``). ``q``: substring of ``budget_id``. ``filters``: ``{field: {op:
    value}}``, sent as ``filter[field][op]=value`` (``budget_duration``: ``in``/``is_null``;
    ``max_budget``: ``gte``/``lte``/``is_null``; ``created_at``: ``gte``/``lte``); a list
    value is sent comma-separated.
    """

    page: int
    page_size: int
    sort: str
    q: str
    filters: Mapping[str, Mapping[Literal["in", "is_null", "gte", "lte", "eq"], Any]]


class BudgetTable(BaseModel):
    """A budget row as other objects nest it (``litellm_budget_table``)."""

    budget_id: str | None = None
    max_budget: float | None = None
    soft_budget: float | None = None
    max_parallel_requests: int | None = None
    tpm_limit: int | None = None
    rpm_limit: int | None = None
    tpd_limit: int | None = None
    model_max_budget: dict[str, Any] | None = None
    budget_duration: str | None = None
    budget_reset_at: str | None = None
    created_at: str | None = None


class Budget(BudgetTable, Response):
    """A budget: limits a key, team, organization, customer or tag can point at."""

    updated_at: str | None = None
    created_by: str | None = None
    updated_by: str | None = None


class BudgetSetting(Response):
    """One configurable field of a budget (``GET /budget/settings``) and its current value."""

    field_name: str
    field_type: str | None = None
    field_description: str | None = None
    field_value: Any = None
    stored_in_db: bool | None = None
    field_default_value: Any = None


class BudgetPageMeta(BaseModel):
    total_count: int | None = None
    page: int = 1
    page_size: int | None = None
    total_pages: int | None = None


class BudgetPage(Response):
    """One page of ``GET /management/v1/budgets``: ``data``, ``meta`` (counts), ``links``."""

    data: list[Budget] = []
    meta: BudgetPageMeta = BudgetPageMeta()
    links: dict[str, Any] = {}


class ProviderBudget(BaseModel):
    budget_limit: float | None = None
    time_period: str | None = None
    spend: float | None = 0.0
    budget_reset_at: str | None = None


class ProviderBudgets(Response):
    """``GET /provider/budgets``: budget and spend per provider of the router's
    ``provider_budget_config``."""

    providers: dict[str, ProviderBudget] = {}
