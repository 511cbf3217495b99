"""``client.tags``: tags (``/tag/*``) with their budgets and model access, and analytics of
the tags requests carry (``metadata.tags``, user agents)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import DailyActivity, activity_routes
from .._endpoint import Endpoint
from .._pagination import WHOLE, AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, id_list, require
from ..types.tags import (
    ActiveUsersResponse,
    DistinctTagsResponse,
    PerUserAnalyticsPage,
    PerUserMetrics,
    Tag,
    TagActiveUsersQuery,
    TagCreateParams,
    TagDeleted,
    TagListQuery,
    TagResponse,
    TagSummaryQuery,
    TagSummaryResponse,
    TagUpdateParams,
    TagUserAgentPerUserAnalyticsQuery,
)

__all__ = ["TagActivity", "Tags"]

CREATE = Endpoint("POST", "/tag/new", TagResponse, "tags.create", retry_safe=False)
INFO = Endpoint("POST", "/tag/info", dict[str, Tag], "tags.info")
LIST = Endpoint("GET", "/tag/list", list[Tag], "tags.list")
UPDATE = Endpoint("POST", "/tag/update", TagResponse, "tags.update")
DELETE = Endpoint("POST", "/tag/delete", TagDeleted, "tags.delete")
DISTINCT = Endpoint("GET", "/tag/distinct", DistinctTagsResponse, "tags.distinct")
SUMMARY = Endpoint("GET", "/tag/summary", TagSummaryResponse, "tags.summary")
DAU = Endpoint("GET", "/tag/dau", ActiveUsersResponse, "tags.dau")
WAU = Endpoint("GET", "/tag/wau", ActiveUsersResponse, "tags.wau")
MAU = Endpoint("GET", "/tag/mau", ActiveUsersResponse, "tags.mau")
PER_USER = Endpoint(
    "GET",
    "/tag/user-agent/per-user-analytics",
    PerUserAnalyticsPage,
    "tags.user_agent_analytics",
)

ACTIVITY = activity_routes("/tag", "tags.daily_activity")

_PER_USER_PAGES = PageNumberStyle(items="results", size_param="page_size")


class TagActivity(DailyActivity):
    """Tags' spend by day (filter with ``tags``, comma-separated)."""

    __slots__ = ()
    routes = ACTIVITY


class Tags(Resource):
    """Tags: create, inspect, list, change, delete; who uses them and what they spend."""

    __slots__ = ("__dict__",)

    daily_activity: group[TagActivity] = group("tags:TagActivity")

    async def create(self, **params: Unpack[TagCreateParams]) -> TagResponse:
        """Create a tag (``name``); budget fields give it a budget of its own unless
        ``budget_id`` names one. ``POST /tag/new``; not retried once sent. The proxy answers
        an existing name with a 500 that says so, and ``models`` naming models of its config
        file (not of its database) with a 500 after creating the tag."""
        require("tags.create", params, "name")
        return await self._client._call(CREATE, json=params)

    async def info(self, names: Sequence[str]) -> dict[str, Tag]:
        """These tags by name, with their budgets. ``POST /tag/info`` (a 500 naming the
        tags that do not exist if one does not)."""
        body = {"names": id_list("tags.info", "names", names)}
        return await self._client._call(INFO, json=body)

    def list(self, **query: Unpack[TagListQuery]) -> AsyncPager[builtins.list[Tag], Tag]:
        """Every tag in one answer: created ones, then those only seen on requests (within
        ``start_date``..``end_date`` when both are given). ``GET /tag/list``."""
        return AsyncPager(self._list_page, dict(query), WHOLE)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[Tag]:
        return await self._client._call(LIST, query=query)

    async def update(self, **params: Unpack[TagUpdateParams]) -> TagResponse:
        """Change a tag (``name``): budget fields, spend. ``description`` and ``models`` are
        replaced: left out, the proxy clears them. ``POST /tag/update``."""
        require("tags.update", params, "name")
        return await self._client._call(UPDATE, json=params)

    async def delete(self, name: str) -> TagDeleted:
        """Delete a tag. ``POST /tag/delete``."""
        body = {"name": name}
        require("tags.delete", body, "name")
        return await self._client._call(DELETE, json=body)

    async def distinct(self) -> DistinctTagsResponse:
        """The distinct user-agent tags of recent requests. ``GET /tag/distinct``."""
        return await self._client._call(DISTINCT)

    async def summary(self, **query: Unpack[TagSummaryQuery]) -> TagSummaryResponse:
        """Users, requests, tokens and spend per tag between two dates (``YYYY-MM-DD``).
        ``GET /tag/summary``."""
        require("tags.summary", query, "start_date", "end_date")
        return await self._client._call(SUMMARY, query=query)

    async def dau(self, **query: Unpack[TagActiveUsersQuery]) -> ActiveUsersResponse:
        """Daily active users per tag, for the last days up to tomorrow (UTC).
        ``GET /tag/dau``."""
        return await self._client._call(DAU, query=query)

    async def wau(self, **query: Unpack[TagActiveUsersQuery]) -> ActiveUsersResponse:
        """Weekly active users per tag, for the last weeks. ``GET /tag/wau``."""
        return await self._client._call(WAU, query=query)

    async def mau(self, **query: Unpack[TagActiveUsersQuery]) -> ActiveUsersResponse:
        """Monthly active users per tag, for the last months. ``GET /tag/mau``."""
        return await self._client._call(MAU, query=query)

    def user_agent_analytics(
        self, **query: Unpack[TagUserAgentPerUserAnalyticsQuery]
    ) -> AsyncPager[PerUserAnalyticsPage, PerUserMetrics]:
        """Requests, tokens and spend per user (of the user-agent tags), page by page
        (``page_size`` up to 1000). ``GET /tag/user-agent/per-user-analytics``."""
        return endpoint_pager(self._client, PER_USER, dict(query), _PER_USER_PAGES)
