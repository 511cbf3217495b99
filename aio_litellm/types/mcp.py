"""Parameters and results of ``client.mcp``: MCP servers, toolsets, tools, credentials, gateway
sessions and the MCP transport routes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pydantic
from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .params.mcp import (
    McpRestTestConnectionParams,
    McpRestToolsListQuery,
    V1McpDiscoverQuery,
    V1McpServerGetQuery,
    V1McpServerHealthQuery,
    V1McpServerImportParams,
    V1McpServerOauthSessionParams,
    V1McpServerOauthUserCredentialParams,
    V1McpServerPostParams,
    V1McpServerPutParams,
    V1McpServerQuery,
    V1McpServerRegisterParams,
    V1McpServerRejectParams,
    V1McpServerUserCredentialParams,
    V1McpSessionsDeleteQuery,
    V1McpToolsetPostParams,
    V1McpToolsetPutParams,
)

__all__ = [
    "JsonRpcMessage",
    "McpAccessGroups",
    "McpClientIp",
    "McpConnectionTest",
    "McpDiscoverQuery",
    "McpDiscovery",
    "McpEnabled",
    "McpImportParams",
    "McpImportResult",
    "McpMadePublic",
    "McpOAuthCredentialParams",
    "McpOAuthCredentialStatus",
    "McpReply",
    "McpRestToolList",
    "McpRestToolsListQuery",
    "McpServer",
    "McpServerCreateParams",
    "McpServerHealth",
    "McpServerListQuery",
    "McpServerRetrieveQuery",
    "McpServerUpdateParams",
    "McpServerUserCredential",
    "McpSession",
    "McpSessionCount",
    "McpSessions",
    "McpSessionsDeleteQuery",
    "McpSessionsTerminated",
    "McpSubmissions",
    "McpTestParams",
    "McpToolCallParams",
    "McpToolCallResult",
    "McpToolList",
    "McpToolset",
    "McpToolsetCreateParams",
    "McpToolsetUpdateParams",
    "McpUnpinned",
    "McpUserCredential",
    "McpUserCredentialParams",
    "McpUserCredentialStatus",
    "McpUserEnvVar",
    "McpUserEnvVarsStatus",
    "PinnedTool",
    "McpHealthQuery",
    "McpRejectParams",
    "McpServerRegisterParams",
    "McpOAuthSessionParams",
]

# Friendlier names for the generated parameter TypedDicts.
McpServerCreateParams = V1McpServerPostParams
McpServerUpdateParams = V1McpServerPutParams
McpServerRegisterParams = V1McpServerRegisterParams
McpOAuthSessionParams = V1McpServerOauthSessionParams
McpServerListQuery = V1McpServerQuery
McpServerRetrieveQuery = V1McpServerGetQuery
McpHealthQuery = V1McpServerHealthQuery
McpImportParams = V1McpServerImportParams
McpRejectParams = V1McpServerRejectParams
McpUserCredentialParams = V1McpServerUserCredentialParams
McpOAuthCredentialParams = V1McpServerOauthUserCredentialParams
McpSessionsDeleteQuery = V1McpSessionsDeleteQuery
McpToolsetCreateParams = V1McpToolsetPostParams
McpToolsetUpdateParams = V1McpToolsetPutParams
McpDiscoverQuery = V1McpDiscoverQuery
McpTestParams = McpRestTestConnectionParams


# -- hand-written: routes the OpenAPI document does not describe ------------------------------


class McpToolCallParams(TypedDict, total=False):
    """Body of ``POST /mcp-rest/tools/call`` (the proxy reads the raw JSON)."""

    name: Required[str]
    """The tool, as ``tools/list`` names it (prefixed with its server)."""
    arguments: Mapping[str, Any]
    server_id: str
    """The server the tool is on: the proxy answers 400 without it, except for its own
    virtual tool-search tools."""


class JsonRpcMessage(TypedDict, total=False):
    """One JSON-RPC 2.0 message of the MCP transport routes (a request, a notification or a
    response); ``jsonrpc`` is filled in with ``"2.0"`` when left out."""

    jsonrpc: str
    id: int | str | None
    method: str
    params: Mapping[str, Any]
    result: Any
    error: Mapping[str, Any]


# -- results --------------------------------------------------------------------------------


class PinnedTool(BaseModel):
    """One tool of a server's pinned catalog."""

    description: str = ""
    input_schema: dict[str, Any] = pydantic.Field(default_factory=dict)


class McpServer(Response):
    """An MCP server registered with the proxy (database or config). Credentials come back
    redacted."""

    server_id: str = ""
    server_name: str | None = None
    alias: str | None = None
    description: str | None = None
    url: str | None = None
    spec_path: str | None = None
    transport: str | None = None
    auth_type: str | None = None
    is_config: bool = False
    status: str | None = None
    """``healthy``, ``unhealthy``, ``unknown`` or ``reachable``."""
    last_health_check: str | None = None
    health_check_error: str | None = None
    teams: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    mcp_access_groups: list[str] = pydantic.Field(default_factory=list)
    allowed_tools: list[str] = pydantic.Field(default_factory=list)
    extra_headers: list[str] = pydantic.Field(default_factory=list)
    pinned_tools: dict[str, PinnedTool] | None = None
    mcp_info: dict[str, Any] | None = None
    approval_status: str | None = None
    """``active``, ``pending_review`` or ``rejected``."""
    submitted_by: str | None = None
    submitted_at: str | None = None
    reviewed_at: str | None = None
    review_notes: str | None = None
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class McpServerHealth(BaseModel):
    """One server's health, as ``GET /v1/mcp/server/health`` reports it."""

    server_id: str = ""
    status: str | None = None


class McpSubmissions(Response):
    """Servers submitted for review, with counts by approval status."""

    total: int = 0
    pending_review: int = 0
    active: int = 0
    rejected: int = 0
    items: list[McpServer] = pydantic.Field(default_factory=list)


class McpUnpinned(Response):
    """``DELETE /v1/mcp/server/{server_id}/pin``: ``status`` is ``"unpinned"``."""

    server_id: str = ""
    status: str | None = None


class McpImportResult(Response):
    """A bulk import: each entry ``imported`` (name, server_id, alias), ``skipped`` (name,
    reason) or failed (``errors``: name, error)."""

    imported: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    skipped: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    errors: list[dict[str, Any]] = pydantic.Field(default_factory=list)


class McpUserCredentialStatus(Response):
    """Whether the user has a BYOK credential stored for a server (never the secret)."""

    server_id: str = ""
    has_credential: bool = False


class McpOAuthCredentialStatus(Response):
    """Whether the user has an OAuth2 credential stored for a server (never the token)."""

    server_id: str = ""
    has_credential: bool = False
    expires_at: str | None = None
    is_expired: bool = False
    connected_at: str | None = None


class McpUserCredential(BaseModel):
    """One server the calling user connected (``credential_type``: ``oauth2`` or ``byok``)."""

    server_id: str = ""
    server_name: str | None = None
    alias: str | None = None
    credential_type: str | None = None
    has_credential: bool = False
    expires_at: str | None = None
    connected_at: str | None = None


class McpServerUserCredential(BaseModel):
    """One user's stored credential for a server, as an admin sees it (no secret)."""

    user_id: str = ""
    credential_type: str | None = None
    expires_at: str | None = None
    connected_at: str | None = None
    updated_at: str | None = None


class McpUserEnvVar(BaseModel):
    """One per-user environment variable a server needs; values are write-only."""

    name: str = ""
    description: str | None = None
    is_set: bool = False


class McpUserEnvVarsStatus(Response):
    """The calling user's per-user environment variables for one server."""

    server_id: str = ""
    server_name: str | None = None
    alias: str | None = None
    required: list[McpUserEnvVar] = pydantic.Field(default_factory=list)
    missing_count: int = 0
    setup_url: str | None = None


class McpSessionCount(BaseModel):
    label: str | None = None
    count: int = 0


class McpSession(BaseModel):
    """One live stateful streamable-HTTP session held by the answering proxy worker."""

    session_id_prefix: str = ""
    client_name: str | None = None
    client_version: str | None = None
    user_id: str | None = None
    user_email: str | None = None
    key_alias: str | None = None
    team_id: str | None = None
    team_alias: str | None = None
    client_ip: str | None = None
    idle_seconds: float | None = None
    in_flight_requests: int | None = None


class McpSessions(Response):
    """The live MCP gateway sessions of the worker that answered (one worker, not the fleet)."""

    worker_pid: int | None = None
    total_sessions: int = 0
    by_client: list[McpSessionCount] = pydantic.Field(default_factory=list)
    by_user: list[McpSessionCount] = pydantic.Field(default_factory=list)
    sessions: list[McpSession] = pydantic.Field(default_factory=list)


class McpSessionsTerminated(Response):
    """Sessions an administrator force-closed on the answering worker."""

    worker_pid: int | None = None
    terminated_sessions: int = 0
    sessions: list[McpSession] = pydantic.Field(default_factory=list)


class McpToolset(Response):
    """A named selection of ``{server_id, tool_name}`` pairs."""

    toolset_id: str = ""
    toolset_name: str | None = None
    description: str | None = None
    tools: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class McpToolList(Response):
    """``GET /v1/mcp/tools``: the tools the calling key may use (MCP tool objects)."""

    tools: list[dict[str, Any]] = pydantic.Field(default_factory=list)


class McpRestToolList(Response):
    """``GET /mcp-rest/tools/list``. A server that cannot be reached does not fail the call:
    ``error`` is then ``"partial_failure"`` (or ``"unexpected_error"``) and ``message`` says
    why; ``server_outcomes`` gives each server's outcome."""

    tools: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    error: str | None = None
    message: str | None = None
    server_outcomes: dict[str, Any] | None = None


class McpConnectionTest(Response):
    """A connection test or tools preview of a server not yet added: ``status`` is ``"ok"`` or
    ``"error"`` (``message`` says why); a preview also lists ``tools``."""

    status: str | None = None
    error: Any = None
    message: str | None = None
    tools: list[dict[str, Any]] | None = None


class McpToolCallResult(Response):
    """An MCP ``CallToolResult``: ``content`` parts, ``is_error`` when the tool failed."""

    content: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    is_error: bool | None = pydantic.Field(default=None, alias="isError")
    structured_content: Any = pydantic.Field(default=None, alias="structuredContent")


class McpAccessGroups(Response):
    access_groups: list[str] = pydantic.Field(default_factory=list)


class McpClientIp(Response):
    """The caller's address as the proxy sees it (what its MCP IP filtering uses)."""

    ip: str | None = None


class McpEnabled(Response):
    enabled: bool = False


class McpDiscovery(Response):
    """Well-known MCP servers that can be added, with their categories."""

    servers: list[dict[str, Any]] = pydantic.Field(default_factory=list)
    categories: list[str] = pydantic.Field(default_factory=list)


class McpMadePublic(Response):
    message: str | None = None
    public_mcp_servers: list[str] = pydantic.Field(default_factory=list)
    updated_by: str | None = None


class McpReply(Response):
    """The answer of an MCP transport route. ``message`` is the JSON-RPC answer (a dict, a
    list for a batch; from JSON or from the first ``message`` event of an SSE answer), the
    body's text when it is neither, or None when the body is empty (202 to a notification)."""

    message: Any = None

    @property
    def session_id(self) -> str | None:
        """The ``mcp-session-id`` the server assigned (send it back on later calls)."""
        info = self.raw_response
        return info.headers.get("mcp-session-id") if info is not None else None

    @property
    def status_code(self) -> int | None:
        info = self.raw_response
        return info.status_code if info is not None else None
