"""Parameters and results of ``client.tags`` (``/tag/*``: tags with budgets and model access,
and analytics of the tags requests carry)."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .budgets import BudgetTable
from .params.tags import (
    TagDauQuery,
    TagListQuery,
    TagNewParams,
    TagSummaryQuery,
    TagUpdateParams,
    TagUserAgentPerUserAnalyticsQuery,
)

__all__ = [
    "ActiveUsers",
    "ActiveUsersResponse",
    "DistinctTag",
    "DistinctTagsResponse",
    "PerUserAnalyticsPage",
    "PerUserMetrics",
    "Tag",
    "TagActiveUsersQuery",
    "TagCreateParams",
    "TagDeleted",
    "TagListQuery",
    "TagResponse",
    "TagSummary",
    "TagSummaryQuery",
    "TagSummaryResponse",
    "TagUpdateParams",
    "TagUserAgentPerUserAnalyticsQuery",
]

TagActiveUsersQuery = TagDauQuery
"""Query of ``GET /tag/dau``, ``/tag/wau`` and ``/tag/mau`` (the same filters)."""


TagCreateParams = TagNewParams
"""Body of ``POST /tag/new``."""


class Tag(Response):
    """A tag: the models it routes to, its budget (``litellm_budget_table``). A tag only seen
    on requests (never created) has ``models`` None."""

    name: str
    description: str | None = None
    models: list[str] | None = None
    model_info: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    litellm_budget_table: BudgetTable | None = None


class TagResponse(Response):
    """``POST /tag/new`` and ``/tag/update``: a message and the tag."""

    message: str | None = None
    tag: Tag


class TagDeleted(Response):
    message: str | None = None


class DistinctTag(BaseModel):
    tag: str


class DistinctTagsResponse(Response):
    results: list[DistinctTag] = []


class ActiveUsers(BaseModel):
    """Distinct users of one tag in one day, week or month (``period_start``/``period_end``)."""

    tag: str
    active_users: int = 0
    date: str | None = None
    period_start: str | None = None
    period_end: str | None = None


class ActiveUsersResponse(Response):
    results: list[ActiveUsers] = []


class TagSummary(BaseModel):
    tag: str
    unique_users: int = 0
    total_requests: int = 0
    successful_requests: int = 0
    failed_requests: int = 0
    total_tokens: int = 0
    total_spend: float = 0.0


class TagSummaryResponse(Response):
    results: list[TagSummary] = []


class PerUserMetrics(BaseModel):
    user_id: str
    user_email: str | None = None
    user_agent: str | None = None
    successful_requests: int = 0
    failed_requests: int = 0
    total_requests: int = 0
    total_tokens: int = 0
    spend: float = 0.0


class PerUserAnalyticsPage(Response):
    """One page of ``GET /tag/user-agent/per-user-analytics``."""

    results: list[PerUserMetrics] = []
    total_count: int | None = None
    page: int = 1
    page_size: int | None = None
    total_pages: int | None = None
