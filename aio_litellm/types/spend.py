"""Parameters and results of ``client.spend``: spend logs, spend reports, global spend and
activity, and the CloudZero / Vantage cost exports.

Request bodies and documented queries are the generated TypedDicts of
``types.params.spend``, re-exported here under shorter names. Timestamps are kept as the
proxy writes them (ISO 8601 text).
"""

from __future__ import annotations

from typing import Any

from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .params.spend import (
    CloudzeroDryRunParams,
    CloudzeroExportParams,
    CloudzeroInitParams,
    CloudzeroSettingsPutParams,
    GatewayDailyActivityQuery,
    GatewayErrorsActivityQuery,
    GlobalSpendReportQuery,
    GlobalSpendTagsQuery,
    KeySpendReportQuery,
    OrganizationSpendReportQuery,
    SpendCalculateParams,
    SpendCaptureRateQuery,
    SpendLogsV2Query,
    SpendTagsQuery,
    TeamSpendReportQuery,
    UserSpendReportQuery,
    VantageDryRunParams,
    VantageExportParams,
    VantageInitParams,
    VantageSettingsPutParams,
)

__all__ = [
    "CacheActivity",
    "CacheActivityGroup",
    "CacheActivityTotals",
    "CaptureRateDay",
    "CaptureRateReport",
    "CloudZeroDryRunParams",
    "CloudZeroExportParams",
    "CloudZeroExportResult",
    "CloudZeroInitParams",
    "CloudZeroSettings",
    "CloudZeroSettingsParams",
    "DailyRequests",
    "DailySpendTotal",
    "DeploymentExceptions",
    "EndUserSpend",
    "EndUserSpendQuery",
    "EndUsers",
    "ExceptionActivity",
    "FacetMeta",
    "FacetPage",
    "GatewayActivity",
    "GatewayActivityQuery",
    "GatewayDailyEntry",
    "GatewayErrorDay",
    "GatewayErrorEntity",
    "GatewayErrors",
    "GatewayErrorsQuery",
    "GatewayRouteEntry",
    "GatewayStatusCodeEntry",
    "GlobalActivity",
    "GlobalSpend",
    "GlobalSpendReportQuery",
    "GlobalSpendTagsQuery",
    "GlobalTeamSpend",
    "KeySpend",
    "KeySpendReportQuery",
    "ModelActivity",
    "ModelSpend",
    "OrganizationSpendReportQuery",
    "ProviderSpend",
    "SpendCalculateParams",
    "SpendCalculation",
    "SpendCaptureRateQuery",
    "SpendKey",
    "SpendLog",
    "SpendLogsPage",
    "SpendLogsQuery",
    "SpendReportRow",
    "SpendTagsQuery",
    "SpendUser",
    "StatusMessage",
    "TagNames",
    "TagSpend",
    "TagSpendList",
    "TagSpendRow",
    "TeamSpendReportQuery",
    "TeamUserSpend",
    "TeamUserSpendRow",
    "UserSpendReportQuery",
    "VantageDryRunParams",
    "VantageExportParams",
    "VantageExportResult",
    "VantageInitParams",
    "VantageSettings",
    "VantageSettingsParams",
]

SpendLogsQuery = SpendLogsV2Query
"""Query of ``GET /spend/logs/v2``: ``start_date`` and ``end_date`` are required
(``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM:SS``, UTC, both included); ``api_key`` is the key's hash
(a ``sk-...`` secret is hashed before it is sent)."""
GatewayActivityQuery = GatewayDailyActivityQuery
GatewayErrorsQuery = GatewayErrorsActivityQuery
CloudZeroInitParams = CloudzeroInitParams
CloudZeroSettingsParams = CloudzeroSettingsPutParams
CloudZeroDryRunParams = CloudzeroDryRunParams
CloudZeroExportParams = CloudzeroExportParams
VantageSettingsParams = VantageSettingsPutParams


class EndUserSpendQuery(TypedDict, total=False):
    """Body of ``POST /global/spend/end_users`` (not in the proxy's OpenAPI document): the
    window (ISO 8601, default the last 30 days, end excluded) and one key's hash."""

    api_key: str | None
    startTime: str | None
    endTime: str | None


# -- spend logs ------------------------------------------------------------------------------


class SpendLog(BaseModel):
    """One request as the proxy logged it (a row of ``LiteLLM_SpendLogs``). ``api_key`` is the
    key's hash; ``/spend/logs`` (v1) also carries ``messages``, ``response`` and
    ``proxy_server_request`` where the proxy stores them."""

    request_id: str
    call_type: str | None = None
    api_key: str | None = None
    spend: float = 0.0
    total_tokens: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    startTime: str | None = None
    endTime: str | None = None
    completionStartTime: str | None = None
    request_duration_ms: int | None = None
    model: str | None = None
    model_id: str | None = None
    model_group: str | None = None
    custom_llm_provider: str | None = None
    api_base: str | None = None
    user: str | None = None
    team_id: str | None = None
    organization_id: str | None = None
    end_user: str | None = None
    session_id: str | None = None
    status: str | None = None
    cache_hit: str | None = None
    cache_key: str | None = None
    request_tags: Any = None
    """The request's tags (a list of strings as the proxy stores them)."""
    metadata: Any = None
    """What the proxy logged with the request: key alias, usage, cost breakdown, errors ..."""
    requester_ip_address: str | None = None
    litellm_call_id: str | None = None


class SpendLogsPage(Response):
    """One page of ``GET /spend/logs/v2``. ``total`` stops counting at 10,000
    (``total_is_capped``); the pagers then read on until a short page."""

    data: list[SpendLog] = []
    total: int = 0
    page: int = 1
    page_size: int = 0
    total_pages: int = 0
    total_is_capped: bool = False

    @property
    def last_page(self) -> int | None:
        """``total_pages``, unless the proxy capped the count it comes from (then unknown)."""
        return None if self.total_is_capped else self.total_pages


class FacetMeta(BaseModel):
    page: int = 1
    page_size: int = 0
    has_more: bool = False


class FacetPage(Response):
    """One page of the distinct values of a spend log column (``/management/v1/spend_logs/*``)."""

    data: list[str] = []
    meta: FacetMeta = FacetMeta()
    links: Any = None

    @property
    def last_page(self) -> int | None:
        """This page's number when it is the last (``has_more`` false), else unknown."""
        return None if self.meta.has_more else self.meta.page


# -- reports ---------------------------------------------------------------------------------


class TagSpendRow(BaseModel):
    """Spend of one request tag (``GET /spend/tags``)."""

    individual_request_tag: str | None = None
    log_count: int = 0
    total_spend: float = 0.0


class SpendCalculation(Response):
    """What a request costs (``POST /spend/calculate``); 0 for a model without a price."""

    cost: float | None = None


class CaptureRateDay(BaseModel):
    date: str
    captured_spend: float = 0.0
    provider_spend: float = 0.0
    capture_rate: float | None = None


class CaptureRateReport(Response):
    """Spend the proxy captured against the provider's own bill, per UTC day."""

    provider: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    captured_spend: float = 0.0
    provider_spend: float = 0.0
    capture_rate: float | None = None
    threshold: float | None = None
    below_threshold: bool = False
    days: list[CaptureRateDay] = []


class SpendReportRow(BaseModel):
    """Spend of one key over a report's range, with a row per model (and team, for an
    organization) in ``model_details``."""

    api_key: str | None = None
    total_cost: float = 0.0
    total_input_tokens: int = 0
    total_output_tokens: int = 0
    model_details: list[dict[str, Any]] = []


class TeamUserSpendRow(BaseModel):
    team_id: str
    team_alias: str | None = None
    user_id: str = ""
    user_email: str | None = None
    user_alias: str | None = None
    spend: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    api_requests: int = 0
    successful_requests: int = 0
    failed_requests: int = 0


class TeamUserSpend(Response):
    """Spend per user within teams (``GET /team/spend/by_user``)."""

    start_date: str | None = None
    end_date: str | None = None
    results: list[TeamUserSpendRow] = []


class GatewayDailyEntry(BaseModel):
    date: str
    successful_requests: int = 0
    failed_requests: int = 0


class GatewayRouteEntry(BaseModel):
    category: str | None = None
    route: str | None = None
    successful_requests: int = 0
    failed_requests: int = 0


class GatewayStatusCodeEntry(BaseModel):
    status_code: int
    failed_requests: int = 0


class GatewayActivity(Response):
    """Requests counted at the proxy's edge (``GET /gateway/daily/activity``)."""

    total_successful_requests: int = 0
    total_failed_requests: int = 0
    by_date: list[GatewayDailyEntry] = []
    by_route: list[GatewayRouteEntry] = []
    by_status_code: list[GatewayStatusCodeEntry] = []


class GatewayErrorDay(GatewayDailyEntry):
    client_errors: int = 0
    server_errors: int = 0
    by_status_code: list[GatewayStatusCodeEntry] = []


class GatewayErrorEntity(BaseModel):
    """A key, team, user or model group and the requests of it that failed."""

    id: str
    label: str | None = None
    api_requests: int = 0
    failed_requests: int = 0
    top_status_code: int | None = None
    top_status_code_requests: int = 0


class GatewayErrors(Response):
    """Failed requests by day, status and caller (``GET /gateway/errors/activity``)."""

    total_successful_requests: int = 0
    total_failed_requests: int = 0
    by_date: list[GatewayErrorDay] = []
    by_status_code: list[GatewayStatusCodeEntry] = []
    by_key: list[GatewayErrorEntity] = []
    by_team: list[GatewayErrorEntity] = []
    by_user: list[GatewayErrorEntity] = []
    by_model: list[GatewayErrorEntity] = []


class SpendKey(BaseModel):
    """A key as ``GET /spend/keys`` lists it (its row: ``token`` is the hash)."""

    token: str | None = None
    key_name: str | None = None
    key_alias: str | None = None
    spend: float = 0.0
    max_budget: float | None = None
    user_id: str | None = None
    team_id: str | None = None


class SpendUser(BaseModel):
    """A user as ``GET /spend/users`` lists it."""

    user_id: str | None = None
    user_email: str | None = None
    user_alias: str | None = None
    spend: float = 0.0
    max_budget: float | None = None


# -- global spend and activity ---------------------------------------------------------------


class GlobalSpend(Response):
    """Spend of the last 30 days, and the proxy's ``max_budget``."""

    spend: float | None = 0.0
    max_budget: float | None = None


class DailySpendTotal(BaseModel):
    """One day of ``GET /global/spend/logs`` (the last 30 days)."""

    date: str | None = None
    spend: float | None = None


class KeySpend(BaseModel):
    """One of the keys spending most over the last 30 days."""

    api_key: str | None = None
    key_alias: str | None = None
    key_name: str | None = None
    total_spend: float | None = None


class ModelSpend(BaseModel):
    """One of the models spending most over the last 30 days."""

    model: str | None = None
    total_spend: float | None = None
    total_tokens: int | None = None


class GlobalTeamSpend(Response):
    """Daily spend of the top teams over the last 30 days: ``daily_spend`` rows map team
    aliases to spend (plus ``date``)."""

    daily_spend: list[dict[str, Any]] = []
    teams: list[str] = []
    total_spend_per_team: list[dict[str, Any]] = []


class ProviderSpend(BaseModel):
    provider: str
    spend: float = 0.0


class TagSpend(BaseModel):
    name: str | None = None
    spend: float | None = 0.0
    log_count: int = 0


class TagSpendList(Response):
    """Spend per request tag, most first (``GET /global/spend/tags``)."""

    spend_per_tag: list[TagSpend] = []


class TagNames(Response):
    tag_names: list[str | None] = []


class EndUsers(Response):
    end_users: list[str | None] = []


class EndUserSpend(BaseModel):
    end_user: str | None = None
    total_count: int = 0
    total_spend: float | None = None


class DailyRequests(BaseModel):
    """A day of activity; ``date`` as the proxy's charts write it (``Jan 22``)."""

    date: str | None = None
    api_requests: int = 0
    total_tokens: int | None = 0


class GlobalActivity(Response):
    """Requests and tokens per day (``GET /global/activity``)."""

    daily_data: list[DailyRequests] = []
    sum_api_requests: int = 0
    sum_total_tokens: int = 0


class ModelActivity(BaseModel):
    """Requests and tokens per day of one model group (top 10 by requests)."""

    model: str | None = None
    daily_data: list[DailyRequests] = []
    sum_api_requests: int = 0
    sum_total_tokens: int = 0


class ExceptionActivity(Response):
    """Rate-limit (429) failures per day of one model group."""

    daily_data: list[dict[str, Any]] = []
    sum_num_rate_limit_exceptions: int = 0


class DeploymentExceptions(BaseModel):
    """Rate-limit (429) failures per day of one deployment (``api_base``)."""

    api_base: str | None = None
    daily_data: list[dict[str, Any]] = []
    sum_num_rate_limit_exceptions: int = 0


class CacheActivityGroup(BaseModel):
    call_type: str
    api_requests: int = 0
    cache_hits: int = 0
    failed_requests: int = 0
    cached_completion_tokens: int = 0
    generated_completion_tokens: int = 0


class CacheActivityTotals(BaseModel):
    api_requests: int = 0
    cache_hits: int = 0
    failed_requests: int = 0
    cached_completion_tokens: int = 0
    cache_hit_ratio: float = 0.0


class CacheActivity(Response):
    """Cache hits against requests, per call type (``GET /global/activity/cache_hits``)."""

    groups: list[CacheActivityGroup] = []
    totals: CacheActivityTotals = CacheActivityTotals()
    filter_options: dict[str, Any] = {}
    error_breakdown: list[dict[str, Any]] = []


class StatusMessage(Response):
    """``{"message": ..., "status": "success"}``."""

    message: str | None = None
    status: str | None = None


# -- cost exports ----------------------------------------------------------------------------


class CloudZeroSettings(Response):
    """The stored CloudZero settings (the API key masked)."""

    api_key_masked: str | None = None
    connection_id: str | None = None
    timezone: str | None = None
    status: str | None = None


class CloudZeroExportResult(Response):
    message: str | None = None
    status: str | None = None
    records_exported: int | None = None
    dry_run_data: dict[str, Any] | None = None
    summary: dict[str, Any] | None = None


class VantageSettings(Response):
    """The stored Vantage settings (secrets masked)."""

    api_key_masked: str | None = None
    integration_token_masked: str | None = None
    base_url: str | None = None
    status: str | None = None


class VantageExportResult(Response):
    message: str | None = None
    status: str | None = None
    dry_run_data: dict[str, Any] | None = None
    summary: dict[str, Any] | None = None
