"""``client.tools``: the auto-discovered tool registry, its policies and spend
(``/v1/tool/*``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, require
from ..types.tools import (
    Tool,
    ToolDetail,
    ToolList,
    ToolListParams,
    ToolLogEntry,
    ToolLogs,
    ToolLogsParams,
    ToolOverrideDeleted,
    ToolPolicyOptions,
    ToolPolicyParams,
    ToolPolicyUpdated,
    ToolSpend,
    ToolSpendParams,
)

__all__ = ["Tools"]

LIST = Endpoint("GET", "/v1/tool/list", ToolList, "tools.list")
# Setting a policy is idempotent: sent twice, it leaves the same policy.
SET_POLICY = Endpoint("POST", "/v1/tool/policy", ToolPolicyUpdated, "tools.set_policy")
POLICY_OPTIONS = Endpoint(
    "GET", "/v1/tool/policy/options", ToolPolicyOptions, "tools.policy_options"
)
SPEND = Endpoint("GET", "/v1/tool/spend", ToolSpend, "tools.spend")
RETRIEVE = Endpoint("GET", "/v1/tool/{tool_name:path}", Tool, "tools.retrieve")
DETAIL = Endpoint("GET", "/v1/tool/{tool_name:path}/detail", ToolDetail, "tools.detail")
LOGS = Endpoint("GET", "/v1/tool/{tool_name:path}/logs", ToolLogs, "tools.logs")
DELETE_OVERRIDE = Endpoint(
    "DELETE", "/v1/tool/{tool_name:path}/overrides", ToolOverrideDeleted, "tools.delete_override"
)

# ``total`` counts log rows, there is no page count: a short page ends the walk.
_LOG_PAGES = PageNumberStyle(items="logs", size_param="page_size")


class Tools(Resource):
    """Tools the proxy has seen called (``/v1/tool``). A name may hold ``/`` (sent escaped, one
    segment); the proxy routes ``/v1/tool/list``, ``/spend`` and ``/policy/options`` first, so
    a tool named ``list`` or ``spend`` cannot be read by name."""

    __slots__ = ()

    async def list(self, **params: Unpack[ToolListParams]) -> ToolList:
        """Every discovered tool with its policies, in one answer (``input_policy`` filters).
        ``GET /v1/tool/list``."""
        return await self._client._call(LIST, query=params)

    async def set_policy(self, **params: Unpack[ToolPolicyParams]) -> ToolPolicyUpdated:
        """Set a tool's global ``input_policy``/``output_policy``, or block it for one team or
        key (``team_id``/``key_hash``/``key_alias`` with ``input_policy="blocked"``).
        ``POST /v1/tool/policy``."""
        require("tools.set_policy", params, "tool_name")
        return await self._client._call(SET_POLICY, json=params)

    async def policy_options(self) -> ToolPolicyOptions:
        """The input and output policies a tool can have, with descriptions.
        ``GET /v1/tool/policy/options``."""
        return await self._client._call(POLICY_OPTIONS)

    async def spend(self, **params: Unpack[ToolSpendParams]) -> ToolSpend:
        """Spend per tool (the top tools) and per day over ``start_date``..``end_date``
        (``YYYY-MM-DD``, default the last 30 days). Proxy admins only. ``GET /v1/tool/spend``."""
        return await self._client._call(SPEND, query=params)

    async def retrieve(self, tool_name: str) -> Tool:
        """One tool. ``GET /v1/tool/{tool_name}``."""
        return await self._client._call(RETRIEVE, path={"tool_name": tool_name})

    async def detail(self, tool_name: str) -> ToolDetail:
        """One tool with its per-team/per-key overrides. ``GET /v1/tool/{tool_name}/detail``."""
        return await self._client._call(DETAIL, path={"tool_name": tool_name})

    def logs(
        self, tool_name: str, **params: Unpack[ToolLogsParams]
    ) -> AsyncPager[ToolLogs, ToolLogEntry]:
        """Requests that invoked the tool, newest first, page by page (``page``/``page_size``,
        at most 100). ``GET /v1/tool/{tool_name}/logs``."""
        return endpoint_pager(
            self._client, LOGS, dict(params), _LOG_PAGES, path={"tool_name": tool_name}
        )

    async def delete_override(
        self, tool_name: str, *, team_id: str | None = None, key_hash: str | None = None
    ) -> ToolOverrideDeleted:
        """Lift a tool's block for one team (``team_id``) or one key (``key_hash``): exactly
        one of them. ``DELETE /v1/tool/{tool_name}/overrides``."""
        if (team_id is None) == (key_hash is None):
            raise TypeError("tools.delete_override() needs exactly one of team_id or key_hash")
        query = {"team_id": team_id} if team_id is not None else {"key_hash": key_hash}
        return await self._client._call(DELETE_OVERRIDE, path={"tool_name": tool_name}, query=query)
