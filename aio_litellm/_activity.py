"""Daily activity (spend analytics), one resource shape for every entity that has it.

The proxy registers the same routes under each entity's prefix (``/team``, ``/user``,
``/organization``, ``/customer``, ``/end_user``, ``/tag``): ``daily/activity`` (paged by day),
``daily/activity/aggregated`` (one page), ``.../aggregated/keys`` (keys, offset/limit),
``.../aggregated/search``, ``.../aggregated/model_top_keys`` and ``daily/activity/export``
(CSV or JSON, streamed). A group declares its prefix's endpoints once with ``activity_routes``
and exposes ``DailyActivity`` bound to them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import Unpack

from ._endpoint import Endpoint
from ._pagination import AsyncPager, OffsetStyle, PageNumberStyle, endpoint_pager
from ._resource import Resource, require
from .types.activity import (
    ActivityQuery,
    DailyActivityPage,
    DailySpend,
    ExportQuery,
    KeyActivity,
    KeyActivityPage,
    KeySearchResult,
    ModelTopKeys,
    UserActivityPage,
    UserSpend,
)

if TYPE_CHECKING:
    from ._streaming import Download

__all__ = ["ActivityRoutes", "DailyActivity", "UserDailyActivity", "activity_routes"]

DAYS = PageNumberStyle(items="results", size_param="page_size", total_pages="metadata.total_pages")
KEYS = OffsetStyle(items="api_keys", total="total_api_keys")
USERS = OffsetStyle(items="users", total="total_users")


@dataclass(frozen=True)
class ActivityRoutes:
    """One entity's activity endpoints (``None`` where the proxy does not serve that route)."""

    days: Endpoint[DailyActivityPage] | None
    aggregated: Endpoint[DailyActivityPage]
    keys: Endpoint[KeyActivityPage]
    search: Endpoint[KeySearchResult]
    model_top_keys: Endpoint[ModelTopKeys]
    export: Endpoint[bytes]
    users: Endpoint[UserActivityPage] | None = None
    cache_leakage_keys: Endpoint[KeyActivityPage] | None = None


def activity_routes(
    prefix: str, attr: str, *, days: bool = True, user_routes: bool = False
) -> ActivityRoutes:
    """Declare ``prefix``'s activity endpoints, named ``<attr>.<method>``."""
    base = f"{prefix}/daily/activity"
    agg = f"{base}/aggregated"
    return ActivityRoutes(
        days=Endpoint("GET", base, DailyActivityPage, f"{attr}.list") if days else None,
        aggregated=Endpoint("GET", agg, DailyActivityPage, f"{attr}.aggregated"),
        keys=Endpoint("GET", f"{agg}/keys", KeyActivityPage, f"{attr}.keys"),
        search=Endpoint("GET", f"{agg}/search", KeySearchResult, f"{attr}.search"),
        model_top_keys=Endpoint(
            "GET", f"{agg}/model_top_keys", ModelTopKeys, f"{attr}.model_top_keys"
        ),
        export=Endpoint("GET", f"{base}/export", bytes, f"{attr}.export"),
        users=Endpoint("GET", f"{agg}/users", UserActivityPage, f"{attr}.users")
        if user_routes
        else None,
        cache_leakage_keys=Endpoint(
            "GET", f"{agg}/cache_leakage_keys", KeyActivityPage, f"{attr}.cache_leakage_keys"
        )
        if user_routes
        else None,
    )


class DailyActivity(Resource):
    """Spend analytics by day of one entity kind; filters in ``ActivityQuery``. A subclass sets
    ``routes``."""

    __slots__ = ()
    routes: ClassVar[ActivityRoutes]

    def list(
        self, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> AsyncPager[DailyActivityPage, DailySpend]:
        """Daily spend, a page of days at a time: ``await`` for the first page (its
        ``metadata`` has the totals), ``async for`` for every day.
        ``GET <prefix>/daily/activity``."""
        route = self._route("days")
        params = _dated("list", start_date, end_date, query)
        return endpoint_pager(self._client, route, params, DAYS)

    async def aggregated(
        self, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> DailyActivityPage:
        """Every day of the range in one answer. ``GET <prefix>/daily/activity/aggregated``."""
        params = _dated("aggregated", start_date, end_date, query)
        return await self._client._call(self.routes.aggregated, query=params)

    def keys(
        self, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> AsyncPager[KeyActivityPage, KeyActivity]:
        """Spend per key over the range, by ``offset``/``limit``.
        ``GET <prefix>/daily/activity/aggregated/keys``."""
        params = _dated("keys", start_date, end_date, query)
        return endpoint_pager(self._client, self.routes.keys, params, KEYS)

    async def search(
        self, search: str, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> KeySearchResult:
        """Keys whose alias or hash matches ``search``.
        ``GET <prefix>/daily/activity/aggregated/search``."""
        require("search", {"search": search}, "search")
        params = {**_dated("search", start_date, end_date, query), "search": search}
        return await self._client._call(self.routes.search, query=params)

    async def model_top_keys(
        self,
        model_group: str,
        *,
        start_date: str,
        end_date: str,
        by_model_group: bool = True,
        **query: Unpack[ActivityQuery],
    ) -> ModelTopKeys:
        """The keys spending most on one model group (``by_model_group=False``: on one
        deployment's model name). ``GET <prefix>/daily/activity/aggregated/model_top_keys``."""
        require("model_top_keys", {"model_group": model_group}, "model_group")
        params = {
            **_dated("model_top_keys", start_date, end_date, query),
            "model_group": model_group,
            "by_model_group": by_model_group,
        }
        return await self._client._call(self.routes.model_top_keys, query=params)

    def export(self, *, start_date: str, end_date: str, **query: Unpack[ExportQuery]) -> Download:
        """The range as CSV (default) or JSON, streamed: ``await`` it for a body to ``read()``
        or ``save(path)``. ``GET <prefix>/daily/activity/export``."""
        params = _dated("export", start_date, end_date, query)
        return self._client._download(self.routes.export, query=params)

    def _route(self, name: str) -> Endpoint[Any]:
        ep: Endpoint[Any] | None = getattr(self.routes, name)
        if ep is None:
            raise AttributeError(f"the proxy has no {name} route for {type(self).__name__}")
        return ep


class UserDailyActivity(DailyActivity):
    """Users' activity: also spend per user and cache-leaking keys."""

    __slots__ = ()

    def users(
        self, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> AsyncPager[UserActivityPage, UserSpend]:
        """Spend per user over the range, by ``offset``/``limit`` (users only).
        ``GET /user/daily/activity/aggregated/users``."""
        route = self._route("users")
        params = _dated("users", start_date, end_date, query)
        return endpoint_pager(self._client, route, params, USERS)

    async def cache_leakage_keys(
        self, *, start_date: str, end_date: str, **query: Unpack[ActivityQuery]
    ) -> KeyActivityPage:
        """Keys whose requests miss the prompt cache (users only).
        ``GET /user/daily/activity/aggregated/cache_leakage_keys``."""
        route = self._route("cache_leakage_keys")
        params = _dated("cache_leakage_keys", start_date, end_date, query)
        return await self._client._call(route, query=params)


def _dated(method: str, start_date: str, end_date: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """The query with the date range (``YYYY-MM-DD``), which every activity route requires."""
    dates = {"start_date": start_date, "end_date": end_date}
    require(method, dates, "start_date", "end_date")
    return {**dates, **query}
