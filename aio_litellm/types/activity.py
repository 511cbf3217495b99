"""Daily activity (spend analytics) of users, teams, organizations, customers and tags."""

from __future__ import annotations

from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import BaseModel, Response

__all__ = [
    "ActivityQuery",
    "DailyActivityMetadata",
    "DailyActivityPage",
    "DailySpend",
    "ExportQuery",
    "KeyActivity",
    "KeyActivityPage",
    "KeySearchResult",
    "ModelTopKeys",
    "UserActivityPage",
    "UserSpend",
]


class ActivityQuery(TypedDict, total=False):
    """Filters of the ``/<entity>/daily/activity*`` routes (the date range, which every one
    requires, is the methods' ``start_date``/``end_date``). Id lists are comma-separated; each
    entity reads its own id filter (``team_ids``, ``user_id``, ``organization_ids``,
    ``end_user_ids``, ``tags``)."""

    model: str | None
    api_key: str | None
    timezone: int | None
    api_key_limit: int
    team_ids: str | None
    exclude_team_ids: str | None
    user_id: str | None
    organization_ids: str | None
    exclude_organization_ids: str | None
    end_user_ids: str | None
    exclude_end_user_ids: str | None
    tags: str | None
    agent_ids: str | None
    exclude_agent_ids: str | None
    include_current_utc_day: bool
    page_size: int
    limit: int


class ExportQuery(ActivityQuery, total=False):
    export_type: Literal["daily", "daily_with_keys", "daily_with_models", "daily_with_users"]
    format: Literal["csv", "json"]


class DailySpend(BaseModel):
    """One day: its ``metrics`` (spend, tokens, requests) and ``breakdown`` by model, provider,
    key, entity ..."""

    date: str
    metrics: dict[str, Any] = {}
    breakdown: dict[str, Any] = {}


class DailyActivityMetadata(BaseModel):
    total_spend: float = 0.0
    total_tokens: int = 0
    total_api_requests: int = 0
    total_successful_requests: int = 0
    total_failed_requests: int = 0
    page: int = 1
    total_pages: int = 1
    has_more: bool = False


class DailyActivityPage(Response):
    """``results`` (one per day) and ``metadata`` (totals and paging)."""

    results: list[DailySpend] = []
    metadata: DailyActivityMetadata = DailyActivityMetadata()


class KeyActivity(BaseModel):
    """One key's spend over the range: ``api_key`` (its hash), ``metrics``, ``metadata``."""

    api_key: str
    metrics: dict[str, Any] = {}
    metadata: dict[str, Any] = {}


class KeyActivityPage(Response):
    api_keys: list[KeyActivity] = []
    total_api_keys: int | None = None
    offset: int = 0
    limit: int | None = None


class UserSpend(BaseModel):
    """One user's spend and requests over the range."""

    user_id: str | None = None
    user_email: str | None = None
    user_alias: str | None = None
    spend: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    api_requests: int = 0
    successful_requests: int = 0
    failed_requests: int = 0


class UserActivityPage(Response):
    users: list[UserSpend] = []
    total_users: int | None = None
    offset: int = 0
    limit: int | None = None


class KeySearchResult(Response):
    api_keys: list[KeyActivity] = []


class ModelTopKeys(Response):
    model: str | None = None
    by_model_group: bool = False
    api_keys: list[KeyActivity] = []
