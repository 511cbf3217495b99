"""``client.spend``: spend logs, spend reports, proxy-wide spend and activity
(``spend.global_spend``), and the CloudZero / Vantage cost exports."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import pydantic
from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import (
    AsyncPager,
    DateLike,
    DateWindowStyle,
    PageNumberStyle,
    WindowPager,
    endpoint_pager,
)
from .._resource import Resource, group, require
from ..types.spend import (
    CacheActivity,
    CaptureRateReport,
    CloudZeroDryRunParams,
    CloudZeroExportParams,
    CloudZeroExportResult,
    CloudZeroInitParams,
    CloudZeroSettings,
    CloudZeroSettingsParams,
    DailySpendTotal,
    DeploymentExceptions,
    EndUsers,
    EndUserSpend,
    EndUserSpendQuery,
    ExceptionActivity,
    FacetPage,
    GatewayActivity,
    GatewayActivityQuery,
    GatewayErrors,
    GatewayErrorsQuery,
    GlobalActivity,
    GlobalSpend,
    GlobalSpendReportQuery,
    GlobalSpendTagsQuery,
    GlobalTeamSpend,
    KeySpend,
    KeySpendReportQuery,
    ModelActivity,
    ModelSpend,
    OrganizationSpendReportQuery,
    ProviderSpend,
    SpendCalculateParams,
    SpendCalculation,
    SpendCaptureRateQuery,
    SpendKey,
    SpendLog,
    SpendLogsPage,
    SpendLogsQuery,
    SpendReportRow,
    SpendTagsQuery,
    SpendUser,
    StatusMessage,
    TagNames,
    TagSpendList,
    TagSpendRow,
    TeamSpendReportQuery,
    TeamUserSpend,
    UserSpendReportQuery,
    VantageDryRunParams,
    VantageExportParams,
    VantageExportResult,
    VantageInitParams,
    VantageSettings,
    VantageSettingsParams,
)
from .keys import hash_key

__all__ = ["CloudZero", "Spend", "SpendGlobal", "Vantage"]

LOGS = Endpoint("GET", "/spend/logs/v2", SpendLogsPage, "spend.logs")
LOGS_V1 = Endpoint("GET", "/spend/logs", list[SpendLog], "spend.logs_v1")
KEYS = Endpoint("GET", "/spend/keys", list[SpendKey], "spend.keys")
USERS = Endpoint("GET", "/spend/users", list[SpendUser | None], "spend.users")
TAGS = Endpoint("GET", "/spend/tags", list[TagSpendRow], "spend.tags")
# Computes a price from its input: nothing is written, sending it twice is harmless.
CALCULATE = Endpoint("POST", "/spend/calculate", SpendCalculation, "spend.calculate")
CAPTURE_RATE = Endpoint("GET", "/spend/capture_rate", CaptureRateReport, "spend.capture_rate")
KEY_REPORT = Endpoint("GET", "/key/spend/report", list[SpendReportRow], "spend.key_report")
TEAM_REPORT = Endpoint("GET", "/team/spend/report", list[SpendReportRow], "spend.team_report")
USER_REPORT = Endpoint("GET", "/user/spend/report", list[SpendReportRow], "spend.user_report")
ORG_REPORT = Endpoint(
    "GET", "/organization/spend/report", list[SpendReportRow], "spend.organization_report"
)
TEAM_BY_USER = Endpoint("GET", "/team/spend/by_user", TeamUserSpend, "spend.team_by_user")
GATEWAY_ACTIVITY = Endpoint(
    "GET", "/gateway/daily/activity", GatewayActivity, "spend.gateway_activity"
)
GATEWAY_ERRORS = Endpoint("GET", "/gateway/errors/activity", GatewayErrors, "spend.gateway_errors")
MANAGEMENT_USERS = Endpoint(
    "GET", "/management/v1/spend_logs/users", FacetPage, "spend.management_users"
)
MANAGEMENT_END_USERS = Endpoint(
    "GET", "/management/v1/spend_logs/end_users", FacetPage, "spend.management_end_users"
)

GLOBAL_SPEND = Endpoint("GET", "/global/spend", GlobalSpend, "spend.global_spend.spend")
GLOBAL_LOGS = Endpoint(
    "GET", "/global/spend/logs", list[DailySpendTotal], "spend.global_spend.logs"
)
GLOBAL_KEYS = Endpoint("GET", "/global/spend/keys", list[KeySpend], "spend.global_spend.keys")
GLOBAL_TEAMS = Endpoint("GET", "/global/spend/teams", GlobalTeamSpend, "spend.global_spend.teams")
GLOBAL_MODELS = Endpoint(
    "GET", "/global/spend/models", list[ModelSpend], "spend.global_spend.models"
)
GLOBAL_PROVIDER = Endpoint(
    "GET", "/global/spend/provider", list[ProviderSpend], "spend.global_spend.provider"
)
GLOBAL_TAGS = Endpoint("GET", "/global/spend/tags", TagSpendList, "spend.global_spend.tags")
GLOBAL_TAG_NAMES = Endpoint(
    "GET", "/global/spend/all_tag_names", TagNames, "spend.global_spend.all_tag_names"
)
# A query sent as a POST body: it reads only.
GLOBAL_END_USERS = Endpoint(
    "POST", "/global/spend/end_users", list[EndUserSpend], "spend.global_spend.end_users"
)
GLOBAL_REPORT = Endpoint(
    "GET", "/global/spend/report", list[dict[str, Any]], "spend.global_spend.report"
)
# Re-reads the materialized spend view: a second refresh reads the same again. The proxy
# answers null when there is no materialized view to refresh.
GLOBAL_REFRESH: Endpoint[StatusMessage | None] = Endpoint(
    "POST", "/global/spend/refresh", StatusMessage, "spend.global_spend.refresh"
)
GLOBAL_RESET = Endpoint(
    "POST", "/global/spend/reset", StatusMessage, "spend.global_spend.reset", retry_safe=False
)
ACTIVITY = Endpoint("GET", "/global/activity", GlobalActivity, "spend.global_spend.activity")
ACTIVITY_MODEL = Endpoint(
    "GET", "/global/activity/model", list[ModelActivity], "spend.global_spend.activity_model"
)
CACHE_HITS = Endpoint(
    "GET", "/global/activity/cache_hits", CacheActivity, "spend.global_spend.cache_hits"
)
EXCEPTIONS = Endpoint(
    "GET", "/global/activity/exceptions", ExceptionActivity, "spend.global_spend.exceptions"
)
EXCEPTIONS_DEPLOYMENT = Endpoint(
    "GET",
    "/global/activity/exceptions/deployment",
    list[DeploymentExceptions],
    "spend.global_spend.exceptions_deployment",
)
ALL_END_USERS = Endpoint(
    "GET", "/global/all_end_users", EndUsers, "spend.global_spend.all_end_users"
)

# Init stores new settings and an export sends the spend to the outside service: neither is
# sent again once it may have been applied. A dry run only reads.
CLOUDZERO_INIT = Endpoint(
    "POST", "/cloudzero/init", StatusMessage, "spend.cloudzero.init", retry_safe=False
)
CLOUDZERO_SETTINGS = Endpoint(
    "GET", "/cloudzero/settings", CloudZeroSettings, "spend.cloudzero.get_settings"
)
CLOUDZERO_UPDATE = Endpoint(
    "PUT", "/cloudzero/settings", StatusMessage, "spend.cloudzero.update_settings"
)
CLOUDZERO_DRY_RUN = Endpoint(
    "POST", "/cloudzero/dry-run", CloudZeroExportResult, "spend.cloudzero.dry_run"
)
CLOUDZERO_EXPORT = Endpoint(
    "POST", "/cloudzero/export", CloudZeroExportResult, "spend.cloudzero.export", retry_safe=False
)
CLOUDZERO_DELETE = Endpoint("DELETE", "/cloudzero/delete", StatusMessage, "spend.cloudzero.delete")
VANTAGE_INIT = Endpoint(
    "POST", "/vantage/init", StatusMessage, "spend.vantage.init", retry_safe=False
)
VANTAGE_SETTINGS = Endpoint(
    "GET", "/vantage/settings", VantageSettings, "spend.vantage.get_settings"
)
VANTAGE_UPDATE = Endpoint(
    "PUT", "/vantage/settings", StatusMessage, "spend.vantage.update_settings"
)
VANTAGE_DRY_RUN = Endpoint("POST", "/vantage/dry-run", VantageExportResult, "spend.vantage.dry_run")
VANTAGE_EXPORT = Endpoint(
    "POST", "/vantage/export", VantageExportResult, "spend.vantage.export", retry_safe=False
)
VANTAGE_DELETE = Endpoint("DELETE", "/vantage/delete", StatusMessage, "spend.vantage.delete")

# /spend/logs answers at most this many rows (the newest) per request.
_V1_CAP = 10_000
# total_pages is derived from a count the proxy caps at 10,000 rows: last_page drops it then.
_LOG_PAGES = PageNumberStyle(items="data", size_param="page_size", total_pages="last_page")
_FACET_PAGES = PageNumberStyle(items="data", size_param="page_size", total_pages="last_page")

_MAYBE_STATUS = pydantic.TypeAdapter(StatusMessage | None).validate_json
_REPORT_ROWS = pydantic.TypeAdapter(list[SpendReportRow]).validate_json


class SpendGlobal(Resource):
    """Proxy-wide spend and activity (``/global/*``; proxy admins, beta routes of the proxy).
    Dates are UTC days (``YYYY-MM-DD``), both included."""

    __slots__ = ()

    async def spend(self) -> GlobalSpend:
        """Spend of the last 30 days and the proxy's ``max_budget``. ``GET /global/spend``."""
        return await self._client._call(GLOBAL_SPEND)

    async def logs(self, api_key: str | None = None) -> builtins.list[DailySpendTotal]:
        """Spend per day of the last 30 days, of the proxy or of one key.
        ``GET /global/spend/logs``."""
        query = _hashed({"api_key": api_key})
        return await self._client._call(GLOBAL_LOGS, query=query)

    async def keys(self, limit: int | None = None) -> builtins.list[KeySpend]:
        """The keys spending most over the last 30 days. ``GET /global/spend/keys``."""
        query = {"limit": limit}
        return await self._client._call(GLOBAL_KEYS, query=query)

    async def teams(self) -> GlobalTeamSpend:
        """Daily spend of the top 10 teams over the last 30 days. ``GET /global/spend/teams``."""
        return await self._client._call(GLOBAL_TEAMS)

    async def models(self, limit: int | None = None) -> builtins.list[ModelSpend]:
        """The models spending most over the last 30 days (10 unless ``limit``).
        ``GET /global/spend/models``."""
        query = {"limit": limit}
        return await self._client._call(GLOBAL_MODELS, query=query)

    async def provider(
        self, start_date: DateLike, end_date: DateLike
    ) -> builtins.list[ProviderSpend]:
        """Spend per provider. ``GET /global/spend/provider``."""
        query = day_range("spend.global_spend.provider", start_date, end_date)
        return await self._client._call(GLOBAL_PROVIDER, query=query)

    async def tags(self, **query: Unpack[GlobalSpendTagsQuery]) -> TagSpendList:
        """Spend per request tag (``tags``: comma-separated, default all).
        ``GET /global/spend/tags``."""
        params = _with_days("spend.global_spend.tags", query)
        return await self._client._call(GLOBAL_TAGS, query=params)

    async def all_tag_names(self) -> TagNames:
        """Every request tag in the spend logs. ``GET /global/spend/all_tag_names``."""
        return await self._client._call(GLOBAL_TAG_NAMES)

    async def end_users(self, **body: Unpack[EndUserSpendQuery]) -> builtins.list[EndUserSpend]:
        """The 100 end users spending most in a window (default: the last 30 days).
        ``POST /global/spend/end_users``."""
        return await self._client._call(GLOBAL_END_USERS, json=_hashed(dict(body)))

    async def report(
        self, **query: Unpack[GlobalSpendReportQuery]
    ) -> builtins.list[dict[str, Any]]:
        """Spend per day, grouped by team (default), customer or key, with keys and models
        inside. ``GET /global/spend/report`` (enterprise licence: 400 without)."""
        params = _with_days("spend.global_spend.report", query)
        return await self._client._call(GLOBAL_REPORT, query=_hashed(params))

    async def refresh(self) -> StatusMessage | None:
        """Refresh the materialized monthly spend view (``None``: the proxy has none, its view
        is a plain one). ``POST /global/spend/refresh``."""
        return await self._client._call(GLOBAL_REFRESH, parse=_MAYBE_STATUS)

    async def reset(self) -> StatusMessage:
        """Set the recorded spend of every key and team to 0 (the spend logs stay).
        ``POST /global/spend/reset``; not retried once sent."""
        return await self._client._call(GLOBAL_RESET)

    async def activity(self, start_date: DateLike, end_date: DateLike) -> GlobalActivity:
        """Requests and tokens per day. ``GET /global/activity``."""
        query = day_range("spend.global_spend.activity", start_date, end_date)
        return await self._client._call(ACTIVITY, query=query)

    async def activity_model(
        self, start_date: DateLike, end_date: DateLike
    ) -> builtins.list[ModelActivity]:
        """Requests and tokens per day of the 10 busiest model groups.
        ``GET /global/activity/model``."""
        query = day_range("spend.global_spend.activity_model", start_date, end_date)
        return await self._client._call(ACTIVITY_MODEL, query=query)

    async def cache_hits(
        self,
        start_date: DateLike,
        end_date: DateLike,
        *,
        key_aliases: Sequence[str] | None = None,
        models: Sequence[str] | None = None,
    ) -> CacheActivity:
        """Cache hits against requests, per call type. ``GET /global/activity/cache_hits``."""
        query = {
            **day_range("spend.global_spend.cache_hits", start_date, end_date),
            "key_aliases": _names("key_aliases", key_aliases),
            "models": _names("models", models),
        }
        return await self._client._call(CACHE_HITS, query=query)

    async def exceptions(
        self, model_group: str, start_date: DateLike, end_date: DateLike
    ) -> ExceptionActivity:
        """Rate-limit (429) failures per day of a model group.
        ``GET /global/activity/exceptions``."""
        query = _exceptions_query("exceptions", model_group, start_date, end_date)
        return await self._client._call(EXCEPTIONS, query=query)

    async def exceptions_deployment(
        self, model_group: str, start_date: DateLike, end_date: DateLike
    ) -> builtins.list[DeploymentExceptions]:
        """Rate-limit (429) failures per day of each deployment of a model group.
        ``GET /global/activity/exceptions/deployment``."""
        query = _exceptions_query("exceptions_deployment", model_group, start_date, end_date)
        return await self._client._call(EXCEPTIONS_DEPLOYMENT, query=query)

    async def all_end_users(self) -> EndUsers:
        """Every end user in the spend logs (a scan of them all: prefer
        ``spend.management_end_users``). ``GET /global/all_end_users``."""
        return await self._client._call(ALL_END_USERS)


class CloudZero(Resource):
    """Spend export to CloudZero (``/cloudzero/*``; needs a CloudZero account)."""

    __slots__ = ()

    async def init(self, **params: Unpack[CloudZeroInitParams]) -> StatusMessage:
        """Store the CloudZero API key and connection. ``POST /cloudzero/init``."""
        require("spend.cloudzero.init", params, "api_key", "connection_id")
        return await self._client._call(CLOUDZERO_INIT, json=params)

    async def get_settings(self) -> CloudZeroSettings:
        """The stored settings, the API key masked. ``GET /cloudzero/settings``."""
        return await self._client._call(CLOUDZERO_SETTINGS)

    async def update_settings(self, **params: Unpack[CloudZeroSettingsParams]) -> StatusMessage:
        """Change the stored settings. ``PUT /cloudzero/settings``."""
        return await self._client._call(CLOUDZERO_UPDATE, json=params)

    async def dry_run(self, **params: Unpack[CloudZeroDryRunParams]) -> CloudZeroExportResult:
        """What an export would send, without sending it. ``POST /cloudzero/dry-run``."""
        return await self._client._call(CLOUDZERO_DRY_RUN, json=params)

    async def export(self, **params: Unpack[CloudZeroExportParams]) -> CloudZeroExportResult:
        """Send the spend to CloudZero. ``POST /cloudzero/export``; not retried once sent."""
        return await self._client._call(CLOUDZERO_EXPORT, json=params)

    async def delete(self) -> StatusMessage:
        """Remove the stored settings. ``DELETE /cloudzero/delete``."""
        return await self._client._call(CLOUDZERO_DELETE)


class Vantage(Resource):
    """Spend export to Vantage (``/vantage/*``; needs a Vantage account)."""

    __slots__ = ()

    async def init(self, **params: Unpack[VantageInitParams]) -> StatusMessage:
        """Store the Vantage API key and integration token. ``POST /vantage/init``; the proxy
        refuses a ``base_url`` (401) unless it allows client-side credentials."""
        require("spend.vantage.init", params, "api_key", "integration_token")
        return await self._client._call(VANTAGE_INIT, json=params)

    async def get_settings(self) -> VantageSettings:
        """The stored settings, secrets masked. ``GET /vantage/settings``."""
        return await self._client._call(VANTAGE_SETTINGS)

    async def update_settings(self, **params: Unpack[VantageSettingsParams]) -> StatusMessage:
        """Change the stored settings. ``PUT /vantage/settings``; the proxy refuses a
        ``base_url`` (401) unless it allows client-side credentials."""
        return await self._client._call(VANTAGE_UPDATE, json=params)

    async def dry_run(self, **params: Unpack[VantageDryRunParams]) -> VantageExportResult:
        """What an export would send (500 rows unless ``limit``), without sending it.
        ``POST /vantage/dry-run``."""
        return await self._client._call(VANTAGE_DRY_RUN, json=params)

    async def export(self, **params: Unpack[VantageExportParams]) -> VantageExportResult:
        """Send the spend to Vantage. ``POST /vantage/export``; not retried once sent."""
        return await self._client._call(VANTAGE_EXPORT, json=params)

    async def delete(self) -> StatusMessage:
        """Remove the stored settings. ``DELETE /vantage/delete``."""
        return await self._client._call(VANTAGE_DELETE)


class Spend(Resource):
    """Spend: the request logs, reports per key, team, user and organization, and what the
    proxy-wide (``global_spend``) and export (``cloudzero``, ``vantage``) routes give.

    An ``api_key`` filter is the key's hash; a ``sk-...`` secret is hashed here before it is
    sent, so it stays out of URLs and the proxy's logs.
    """

    __slots__ = ("__dict__",)

    global_spend: group[SpendGlobal] = group("spend:SpendGlobal")
    cloudzero: group[CloudZero] = group("spend:CloudZero")
    vantage: group[Vantage] = group("spend:Vantage")

    def logs(self, **query: Unpack[SpendLogsQuery]) -> AsyncPager[SpendLogsPage, SpendLog]:
        """Spend logs between ``start_date`` and ``end_date`` (required), newest first, page by
        page (``page_size`` up to 1000). ``GET /spend/logs/v2``.

        Both ends are included as instants: ``YYYY-MM-DD`` is that day's 00:00 UTC, so a month
        is ``start_date="2025-01-01", end_date="2025-02-01"`` (a row at 2025-02-01 00:00:00.000
        exactly comes with it). ``async for`` reads past the 10,000 rows the proxy counts. The
        pages are offsets into the matches: rows logged during the walk shift them, so walk
        a range that is complete (in the past) to read each row once.
        """
        require("spend.logs", query, "start_date", "end_date")
        return endpoint_pager(self._client, LOGS, _hashed(dict(query)), _LOG_PAGES)

    def logs_v1(
        self,
        start_date: DateLike,
        end_date: DateLike,
        *,
        api_key: str | None = None,
        user_id: str | None = None,
        request_id: str | None = None,
        window_days: int = 1,
    ) -> WindowPager[builtins.list[SpendLog], SpendLog]:
        """Spend logs from the deprecated route, read ``window_days`` at a time (each answer
        is capped at 10,000 rows): ``async for`` walks the windows in order, each newest first;
        ``await`` gives the first window. ``GET /spend/logs`` (``summarize=false``).

        The range is the route's: from ``start_date`` 00:00 UTC to ``end_date`` 00:00 UTC, both
        included (whole days only). A row on the instant two windows share is yielded once. A
        window that reaches the cap raises ``WindowTruncatedError`` before any of its rows is
        used: use ``logs`` (paged) for that much traffic.
        """
        style = DateWindowStyle.between(
            start_date,
            end_date,
            step=timedelta(days=window_days),
            cap=_V1_CAP,
            time_field="startTime",
            item_id="request_id",
        )
        query = {"api_key": api_key, "user_id": user_id, "request_id": request_id}
        return WindowPager(self._logs_v1_window, {**_hashed(query), "summarize": False}, style)

    async def _logs_v1_window(self, query: dict[str, Any]) -> builtins.list[SpendLog]:
        return await self._client._call(LOGS_V1, query=query)

    async def keys(self) -> builtins.list[SpendKey]:
        """Every key the caller may see, with its spend (one answer, not paged).
        ``GET /spend/keys``."""
        return await self._client._call(KEYS)

    async def users(self, user_id: str | None = None) -> builtins.list[SpendUser]:
        """Every user (or the one ``user_id``; ``[]`` when there is none) with their spend.
        ``GET /spend/users``."""
        found = await self._client._call(USERS, query={"user_id": user_id})
        return [user for user in found if user is not None]  # an unknown user_id: [null]

    async def tags(self, **query: Unpack[SpendTagsQuery]) -> builtins.list[TagSpendRow]:
        """Spend and request count per request tag, over every log or a range of days.
        ``GET /spend/tags``."""
        params = _with_days("spend.tags", query, optional=True)
        return await self._client._call(TAGS, query=params)

    async def calculate(self, **params: Unpack[SpendCalculateParams]) -> SpendCalculation:
        """What a request would cost (``model`` and ``messages``) or what a completion cost
        (``completion_response``). ``POST /spend/calculate``."""
        if params.get("model") is not None:
            require("spend.calculate", params, "messages")
        elif params.get("completion_response") is None:
            raise TypeError("spend.calculate() needs model and messages, or completion_response")
        return await self._client._call(CALCULATE, json=params)

    async def capture_rate(self, **query: Unpack[SpendCaptureRateQuery]) -> CaptureRateReport:
        """Captured spend against the provider's bill per day (proxy admins; the proxy needs
        the provider's billing key, e.g. ``OPENAI_ADMIN_KEY``). ``GET /spend/capture_rate``."""
        params = _with_days("spend.capture_rate", query)
        return await self._client._call(CAPTURE_RATE, query=params)

    async def key_report(
        self, **query: Unpack[KeySpendReportQuery]
    ) -> builtins.list[SpendReportRow]:
        """Spend of the calling key (admins: of ``api_key``) per model.
        ``GET /key/spend/report`` (enterprise licence: 403 without)."""
        return await self._report(KEY_REPORT, query)

    async def team_report(
        self, **query: Unpack[TeamSpendReportQuery]
    ) -> builtins.list[SpendReportRow]:
        """Spend of the calling key's team (admins: of ``team_id``) per key and model.
        ``GET /team/spend/report`` (enterprise licence: 403 without)."""
        return await self._report(TEAM_REPORT, query)

    async def user_report(
        self, **query: Unpack[UserSpendReportQuery]
    ) -> builtins.list[SpendReportRow]:
        """Spend of the calling user (admins: of ``internal_user_id``) per key and model.
        ``GET /user/spend/report`` (enterprise licence: 403 without)."""
        return await self._report(USER_REPORT, query)

    async def organization_report(
        self, **query: Unpack[OrganizationSpendReportQuery]
    ) -> builtins.list[SpendReportRow]:
        """Spend of an organization and its teams per key, team and model.
        ``GET /organization/spend/report`` (enterprise licence: 403 without)."""
        return await self._report(ORG_REPORT, query)

    async def _report(self, ep: Endpoint[Any], query: Any) -> builtins.list[SpendReportRow]:
        params = _with_days(ep.attr, query)
        return await self._client._call(ep, query=_hashed(params), parse=_REPORT_ROWS)

    async def team_by_user(
        self, team_ids: str | Sequence[str], start_date: DateLike, end_date: DateLike
    ) -> TeamUserSpend:
        """Spend per user within teams (a team's members without the team's activity
        permission see only their own row). ``GET /team/spend/by_user``."""
        ids = [team_ids] if isinstance(team_ids, str) else _names("team_ids", team_ids)
        if not ids or not all(ids):
            raise ValueError("spend.team_by_user() needs at least one team id")
        query = {"team_ids": ",".join(ids), **day_range("spend.team_by_user", start_date, end_date)}
        return await self._client._call(TEAM_BY_USER, query=query)

    async def gateway_activity(self, **query: Unpack[GatewayActivityQuery]) -> GatewayActivity:
        """Successful and failed requests per day, route and status, counted at the proxy's
        edge (proxy admins). ``GET /gateway/daily/activity``."""
        return await self._client._call(GATEWAY_ACTIVITY, query=query)

    async def gateway_errors(self, **query: Unpack[GatewayErrorsQuery]) -> GatewayErrors:
        """Failed requests per day and status, and the keys, teams, users and model groups
        they come from (proxy admins). ``GET /gateway/errors/activity``."""
        return await self._client._call(GATEWAY_ERRORS, query=query)

    def management_users(
        self,
        start_time: DateLike,
        end_time: DateLike,
        *,
        q: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[FacetPage, str]:
        """The distinct users in the spend logs of a window (both ends included; a naive time
        is UTC), page by page, sorted; ``q`` matches part of the id.
        ``GET /management/v1/spend_logs/users``."""
        return self._facet(MANAGEMENT_USERS, start_time, end_time, q, page_size)

    def management_end_users(
        self,
        start_time: DateLike,
        end_time: DateLike,
        *,
        q: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPager[FacetPage, str]:
        """The distinct end users in the spend logs of a window, page by page, sorted.
        ``GET /management/v1/spend_logs/end_users``."""
        return self._facet(MANAGEMENT_END_USERS, start_time, end_time, q, page_size)

    def _facet(
        self,
        ep: Endpoint[FacetPage],
        start_time: DateLike,
        end_time: DateLike,
        q: str | None,
        page_size: int | None,
    ) -> AsyncPager[FacetPage, str]:
        query = {
            "filter[startTime][gte]": _instant("start_time", start_time),
            "filter[startTime][lte]": _instant("end_time", end_time),
            "q": q,
            "page_size": page_size,
        }
        return endpoint_pager(self._client, ep, query, _FACET_PAGES)


def _hashed(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with an ``api_key`` secret replaced by its hash (what the proxy stores)."""
    key = params.get("api_key")
    if isinstance(key, str) and key.startswith("sk-"):
        return {**params, "api_key": hash_key(key)}
    return params


def day_range(
    method: str, start_date: Any, end_date: Any, *, optional: bool = False
) -> dict[str, str | None]:
    """The range as the routes read it, UTC days (``YYYY-MM-DD``), from strings or dates;
    refused before any request when a day is missing (unless ``optional``) or malformed."""
    days: dict[str, str | None] = {"start_date": start_date, "end_date": end_date}
    for name, value in days.items():
        if value is None:
            if not optional:
                raise TypeError(f"{method}() missing required argument(s): {name}")
        elif isinstance(value, datetime) or not isinstance(value, (str, date)):
            raise TypeError(f"{name} must be a day, 'YYYY-MM-DD' or a date, not {value!r}")
        elif isinstance(value, date):
            days[name] = value.isoformat()
        else:
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                raise ValueError(f"{name} must be a day, YYYY-MM-DD, not {value!r}") from None
    return days


def _with_days(method: str, query: Any, *, optional: bool = False) -> dict[str, Any]:
    """``query`` with its ``start_date`` and ``end_date`` checked (see ``day_range``)."""
    return {
        **query,
        **day_range(method, query.get("start_date"), query.get("end_date"), optional=optional),
    }


def _instant(name: str, value: DateLike) -> str:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if not isinstance(value, str) or not value:
        raise TypeError(f"{name} must be an ISO 8601 time or a datetime, not {value!r}")
    return value


def _names(name: str, values: Sequence[str] | None) -> builtins.list[str] | None:
    # A bare string is a Sequence[str] too: its characters would go out as the names.
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of strings, not a str")
    return None if values is None else builtins.list(values)


def _exceptions_query(
    method: str, model_group: str, start_date: DateLike, end_date: DateLike
) -> dict[str, Any]:
    require(f"spend.global_spend.{method}", {"model_group": model_group}, "model_group")
    return {
        "model_group": model_group,
        **day_range(f"spend.global_spend.{method}", start_date, end_date),
    }
