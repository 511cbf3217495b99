"""Results of ``client.tools`` (the auto-discovered tool registry and its policies)."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.tools import (
    V1ToolListQuery,
    V1ToolLogsQuery,
    V1ToolOverridesQuery,
    V1ToolPolicyParams,
    V1ToolSpendQuery,
)

__all__ = [
    "Tool",
    "ToolDetail",
    "ToolDiscoveryUser",
    "ToolList",
    "ToolListParams",
    "ToolLogEntry",
    "ToolLogs",
    "ToolLogsParams",
    "ToolOverrideDeleteParams",
    "ToolOverrideDeleted",
    "ToolPolicyOption",
    "ToolPolicyOptions",
    "ToolPolicyOverride",
    "ToolPolicyParams",
    "ToolPolicyUpdated",
    "ToolSpend",
    "ToolSpendDaily",
    "ToolSpendEntry",
    "ToolSpendParams",
]

ToolListParams = V1ToolListQuery
ToolPolicyParams = V1ToolPolicyParams
ToolSpendParams = V1ToolSpendQuery
ToolLogsParams = V1ToolLogsQuery
ToolOverrideDeleteParams = V1ToolOverridesQuery


class ToolDiscoveryUser(BaseModel):
    user_id: str | None = None
    user_email: str | None = None
    user_alias: str | None = None


class Tool(Response):
    """A tool the proxy has seen called, with its global ``input_policy``/``output_policy``."""

    tool_id: str | None = None
    tool_name: str | None = None
    origin: str | None = None
    input_policy: str | None = None
    output_policy: str | None = None
    call_count: int | None = None
    assignments: dict[str, Any] | None = None
    key_hash: str | None = None
    team_id: str | None = None
    key_alias: str | None = None
    user: ToolDiscoveryUser | None = None
    last_used_at: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class ToolList(Response):
    tools: list[Tool] = []
    total: int | None = None


class ToolPolicyUpdated(Response):
    tool_name: str | None = None
    input_policy: str | None = None
    output_policy: str | None = None
    updated: bool | None = None
    team_id: str | None = None
    key_hash: str | None = None


class ToolPolicyOption(BaseModel):
    value: str | None = None
    label: str | None = None
    description: str | None = None


class ToolPolicyOptions(Response):
    input_policies: list[ToolPolicyOption] = []
    output_policies: list[ToolPolicyOption] = []


class ToolSpendEntry(BaseModel):
    tool_name: str | None = None
    spend: float | None = None
    call_count: int | None = None
    total_tokens: int | None = None


class ToolSpendDaily(BaseModel):
    date: str | None = None
    tool_name: str | None = None
    spend: float | None = None
    call_count: int | None = None


class ToolSpend(Response):
    """Spend attributed to the top tools: a request that used several tools counts in full
    toward each, so the numbers do not sum to a total."""

    by_tool: list[ToolSpendEntry] = []
    daily: list[ToolSpendDaily] = []
    start_date: str | None = None
    end_date: str | None = None


class ToolPolicyOverride(BaseModel):
    """A team or key blocked from a tool."""

    override_id: str | None = None
    tool_name: str | None = None
    team_id: str | None = None
    key_hash: str | None = None
    input_policy: str | None = None
    key_alias: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class ToolDetail(Response):
    tool: Tool | None = None
    overrides: list[ToolPolicyOverride] = []


class ToolLogEntry(BaseModel):
    id: str | None = None
    """The request id."""
    timestamp: str | None = None
    model: str | None = None
    spend: float | None = None
    total_tokens: int | None = None
    input_snippet: str | None = None


class ToolLogs(Response):
    logs: list[ToolLogEntry] = []
    total: int | None = None
    page: int | None = None
    page_size: int | None = None


class ToolOverrideDeleted(Response):
    deleted: bool | None = None
    tool_name: str | None = None
