"""``client.mcp``: the proxy's MCP gateway. Servers (and their credentials, pins, review),
toolsets, tools, gateway sessions, the REST bridge (``/mcp-rest``), and the MCP transport
routes themselves (streamable HTTP: JSON-RPC 2.0 over POST, a server stream over GET)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._mcp_session import DEFAULT_MCP_TIMEOUT, open_session
from .._resource import Resource, group, id_list, require
from ..types.mcp import (
    McpAccessGroups,
    McpClientIp,
    McpConnectionTest,
    McpDiscoverQuery,
    McpDiscovery,
    McpEnabled,
    McpHealthQuery,
    McpImportParams,
    McpImportResult,
    McpMadePublic,
    McpOAuthCredentialParams,
    McpOAuthCredentialStatus,
    McpOAuthSessionParams,
    McpRejectParams,
    McpRestToolList,
    McpRestToolsListQuery,
    McpServer,
    McpServerCreateParams,
    McpServerHealth,
    McpServerListQuery,
    McpServerRegisterParams,
    McpServerRetrieveQuery,
    McpServerUpdateParams,
    McpServerUserCredential,
    McpSessions,
    McpSessionsDeleteQuery,
    McpSessionsTerminated,
    McpSubmissions,
    McpTestParams,
    McpToolCallParams,
    McpToolCallResult,
    McpToolList,
    McpToolset,
    McpToolsetCreateParams,
    McpToolsetUpdateParams,
    McpUnpinned,
    McpUserCredential,
    McpUserCredentialParams,
    McpUserCredentialStatus,
    McpUserEnvVarsStatus,
    PinnedTool,
)

if TYPE_CHECKING:
    from mcp import ClientSession

    from .mcp_transport import (
        McpMount,
        McpProxyTransport,
        McpSse,
        McpTransport,
        NamedMcpTransport,
        ToolsetMcpTransport,
    )

__all__ = [
    "Mcp",
    "McpAccessGroupsResource",
    "McpNetwork",
    "McpOAuthCredentials",
    "McpRegistry",
    "McpRest",
    "McpServers",
    "McpSessionsResource",
    "McpToolsResource",
    "McpToolsets",
    "McpUserCredentials",
    "McpUserEnvVars",
]

_S = "/v1/mcp/server/{server_id}"

# -- servers --------------------------------------------------------------------------------
# Creates, imports, submissions and OAuth session caching are not retry-safe (each one sent
# twice makes two records); pins, credentials and env vars set a state, so twice is harmless.
SERVER_LIST = Endpoint("GET", "/v1/mcp/server", list[McpServer], "mcp.servers.list")
SERVER_CREATE = Endpoint(
    "POST", "/v1/mcp/server", McpServer, "mcp.servers.create", retry_safe=False
)
SERVER_UPDATE = Endpoint("PUT", "/v1/mcp/server", McpServer, "mcp.servers.update")
SERVER_RETRIEVE = Endpoint("GET", _S, McpServer, "mcp.servers.retrieve")
SERVER_DELETE = Endpoint("DELETE", _S, dict[str, Any], "mcp.servers.delete")
SERVER_HEALTH = Endpoint(
    "GET", "/v1/mcp/server/health", list[McpServerHealth], "mcp.servers.health"
)
SERVER_IMPORT = Endpoint(
    "POST",
    "/v1/mcp/server/import",
    McpImportResult,
    "mcp.servers.import_servers",
    retry_safe=False,
)
SERVER_REGISTER = Endpoint(
    "POST", "/v1/mcp/server/register", McpServer, "mcp.servers.register", retry_safe=False
)
SERVER_SUBMISSIONS = Endpoint(
    "GET", "/v1/mcp/server/submissions", McpSubmissions, "mcp.servers.submissions"
)
SERVER_APPROVE = Endpoint("PUT", _S + "/approve", McpServer, "mcp.servers.approve")
SERVER_REJECT = Endpoint("PUT", _S + "/reject", McpServer, "mcp.servers.reject")
SERVER_PIN = Endpoint("POST", _S + "/pin", dict[str, PinnedTool], "mcp.servers.pin")
SERVER_UNPIN = Endpoint("DELETE", _S + "/pin", McpUnpinned, "mcp.servers.unpin")
SERVER_OAUTH_SESSION = Endpoint(
    "POST",
    "/v1/mcp/server/oauth/session",
    McpServer,
    "mcp.servers.oauth_session",
    retry_safe=False,
)
OAUTH_CRED_CREATE = Endpoint(
    "POST",
    _S + "/oauth-user-credential",
    McpOAuthCredentialStatus,
    "mcp.servers.oauth_credentials.create",
)
OAUTH_CRED_DELETE = Endpoint(
    "DELETE",
    _S + "/oauth-user-credential",
    McpOAuthCredentialStatus,
    "mcp.servers.oauth_credentials.delete",
)
OAUTH_CRED_STATUS = Endpoint(
    "GET",
    _S + "/oauth-user-credential/status",
    McpOAuthCredentialStatus,
    "mcp.servers.oauth_credentials.status",
)
USER_CRED_CREATE = Endpoint(
    "POST",
    _S + "/user-credential",
    McpUserCredentialStatus,
    "mcp.servers.user_credentials.create",
)
USER_CRED_DELETE = Endpoint(
    "DELETE",
    _S + "/user-credential",
    McpUserCredentialStatus,
    "mcp.servers.user_credentials.delete",
)
USER_CRED_LIST = Endpoint(
    "GET",
    _S + "/user-credentials",
    list[McpServerUserCredential],
    "mcp.servers.user_credentials.list",
)
ENV_RETRIEVE = Endpoint(
    "GET", _S + "/user-env-vars", McpUserEnvVarsStatus, "mcp.servers.user_env_vars.retrieve"
)
ENV_SET = Endpoint(
    "POST", _S + "/user-env-vars", McpUserEnvVarsStatus, "mcp.servers.user_env_vars.set"
)
ENV_CLEAR = Endpoint(
    "DELETE", _S + "/user-env-vars", McpUserEnvVarsStatus, "mcp.servers.user_env_vars.clear"
)

# -- toolsets, tools, the rest ----------------------------------------------------------------
TOOLSET_LIST = Endpoint("GET", "/v1/mcp/toolset", list[McpToolset], "mcp.toolsets.list")
TOOLSET_CREATE = Endpoint(
    "POST", "/v1/mcp/toolset", McpToolset, "mcp.toolsets.create", retry_safe=False
)
TOOLSET_UPDATE = Endpoint("PUT", "/v1/mcp/toolset", McpToolset, "mcp.toolsets.update")
TOOLSET_RETRIEVE = Endpoint(
    "GET", "/v1/mcp/toolset/{toolset_id}", McpToolset, "mcp.toolsets.retrieve"
)
TOOLSET_DELETE = Endpoint(
    "DELETE", "/v1/mcp/toolset/{toolset_id}", dict[str, Any], "mcp.toolsets.delete"
)
TOOLS_LIST = Endpoint("GET", "/v1/mcp/tools", McpToolList, "mcp.tools.list")
ACCESS_GROUPS = Endpoint("GET", "/v1/mcp/access_groups", McpAccessGroups, "mcp.access_groups.list")
CLIENT_IP = Endpoint("GET", "/v1/mcp/network/client-ip", McpClientIp, "mcp.network.client_ip")
REGISTRY = Endpoint("GET", "/v1/mcp/registry.json", dict[str, Any], "mcp.registry.retrieve")
OPENAPI_REGISTRY = Endpoint(
    "GET", "/v1/mcp/openapi-registry", dict[str, Any], "mcp.registry.openapi"
)
SESSIONS_LIST = Endpoint("GET", "/v1/mcp/sessions", McpSessions, "mcp.sessions.list")
SESSIONS_DELETE = Endpoint(
    "DELETE", "/v1/mcp/sessions", McpSessionsTerminated, "mcp.sessions.delete"
)
DISCOVER = Endpoint("GET", "/v1/mcp/discover", McpDiscovery, "mcp.discover")
MAKE_PUBLIC = Endpoint("POST", "/v1/mcp/make_public", McpMadePublic, "mcp.make_public")
ENABLED = Endpoint("GET", "/mcp/enabled", McpEnabled, "mcp.enabled")
MY_CREDENTIALS = Endpoint(
    "GET", "/v1/mcp/user-credentials", list[McpUserCredential], "mcp.user_credentials"
)
MY_ENV_VARS = Endpoint(
    "GET", "/v1/mcp/user-env-vars/status", list[McpUserEnvVarsStatus], "mcp.user_env_vars_status"
)

# The REST bridge: a tool call runs the tool (not retry-safe); the tests only probe.
REST_LIST_TOOLS = Endpoint("GET", "/mcp-rest/tools/list", McpRestToolList, "mcp.rest.list_tools")
REST_CALL_TOOL = Endpoint(
    "POST", "/mcp-rest/tools/call", McpToolCallResult, "mcp.rest.call_tool", retry_safe=False
)
REST_TEST_CONNECTION = Endpoint(
    "POST", "/mcp-rest/test/connection", McpConnectionTest, "mcp.rest.test_connection"
)
REST_TEST_LIST_TOOLS = Endpoint(
    "POST", "/mcp-rest/test/tools/list", McpConnectionTest, "mcp.rest.test_list_tools"
)

# -- REST and admin groups -------------------------------------------------------------------


class McpOAuthCredentials(Resource):
    """The calling user's OAuth2 token for a server (``.../oauth-user-credential``)."""

    __slots__ = ()

    async def create(
        self, server_id: str, **params: Unpack[McpOAuthCredentialParams]
    ) -> McpOAuthCredentialStatus:
        """Store the user's OAuth2 access token for a server.
        ``POST /v1/mcp/server/{server_id}/oauth-user-credential``."""
        require("mcp.servers.oauth_credentials.create", params, "access_token")
        return await self._client._call(
            OAUTH_CRED_CREATE, path={"server_id": server_id}, json=params
        )

    async def delete(
        self, server_id: str, *, user_id: str | None = None
    ) -> McpOAuthCredentialStatus:
        """Revoke a user's OAuth2 credential (the caller's, unless an admin names ``user_id``).
        ``DELETE /v1/mcp/server/{server_id}/oauth-user-credential``."""
        return await self._client._call(
            OAUTH_CRED_DELETE, path={"server_id": server_id}, query={"user_id": user_id}
        )

    async def status(self, server_id: str) -> McpOAuthCredentialStatus:
        """Whether the caller has a credential, and its expiry (never the token).
        ``GET /v1/mcp/server/{server_id}/oauth-user-credential/status``."""
        return await self._client._call(OAUTH_CRED_STATUS, path={"server_id": server_id})


class McpUserCredentials(Resource):
    """BYOK credentials of a server (``.../user-credential``)."""

    __slots__ = ()

    async def create(
        self, server_id: str, **params: Unpack[McpUserCredentialParams]
    ) -> McpUserCredentialStatus:
        """Store the calling user's API key for a server.
        ``POST /v1/mcp/server/{server_id}/user-credential``."""
        require("mcp.servers.user_credentials.create", params, "credential")
        return await self._client._call(
            USER_CRED_CREATE, path={"server_id": server_id}, json=params
        )

    async def delete(
        self, server_id: str, *, user_id: str | None = None
    ) -> McpUserCredentialStatus:
        """Remove a user's BYOK credential (the caller's, unless an admin names ``user_id``).
        ``DELETE /v1/mcp/server/{server_id}/user-credential``."""
        return await self._client._call(
            USER_CRED_DELETE, path={"server_id": server_id}, query={"user_id": user_id}
        )

    async def list(self, server_id: str) -> builtins.list[McpServerUserCredential]:
        """Every user's stored credential for a server (admins; no secrets).
        ``GET /v1/mcp/server/{server_id}/user-credentials``."""
        return await self._client._call(USER_CRED_LIST, path={"server_id": server_id})


class McpUserEnvVars(Resource):
    """The calling user's per-user environment variables of a server (``.../user-env-vars``)."""

    __slots__ = ()

    async def retrieve(self, server_id: str) -> McpUserEnvVarsStatus:
        """Which variables the server needs and which are set (values are write-only).
        ``GET /v1/mcp/server/{server_id}/user-env-vars``."""
        return await self._client._call(ENV_RETRIEVE, path={"server_id": server_id})

    async def set(self, server_id: str, values: Mapping[str, str]) -> McpUserEnvVarsStatus:
        """Store the caller's values. ``POST /v1/mcp/server/{server_id}/user-env-vars``."""
        if not isinstance(values, Mapping):
            raise TypeError("mcp.servers.user_env_vars.set() needs a mapping of values")
        return await self._client._call(
            ENV_SET, path={"server_id": server_id}, json={"values": dict(values)}
        )

    async def clear(self, server_id: str) -> McpUserEnvVarsStatus:
        """Remove the caller's values. ``DELETE /v1/mcp/server/{server_id}/user-env-vars``."""
        return await self._client._call(ENV_CLEAR, path={"server_id": server_id})


class McpServers(Resource):
    """MCP servers registered with the proxy (``/v1/mcp/server``)."""

    __slots__ = ("__dict__",)

    oauth_credentials: group[McpOAuthCredentials] = group("mcp:McpOAuthCredentials")
    user_credentials: group[McpUserCredentials] = group("mcp:McpUserCredentials")
    user_env_vars: group[McpUserEnvVars] = group("mcp:McpUserEnvVars")

    async def list(self, **params: Unpack[McpServerListQuery]) -> builtins.list[McpServer]:
        """The servers the caller may see, with their teams (one response, not paged).
        ``GET /v1/mcp/server``."""
        return await self._client._call(SERVER_LIST, query=params)

    async def create(self, **params: Unpack[McpServerCreateParams]) -> McpServer:
        """Add a server. ``POST /v1/mcp/server``."""
        return await self._client._call(SERVER_CREATE, json=params)

    async def update(self, **params: Unpack[McpServerUpdateParams]) -> McpServer:
        """Change a server (``server_id`` and the fields to change). ``PUT /v1/mcp/server``."""
        require("mcp.servers.update", params, "server_id")
        return await self._client._call(SERVER_UPDATE, json=params)

    async def retrieve(self, server_id: str, **params: Unpack[McpServerRetrieveQuery]) -> McpServer:
        """One server. ``GET /v1/mcp/server/{server_id}``."""
        return await self._client._call(
            SERVER_RETRIEVE, path={"server_id": server_id}, query=params
        )

    async def delete(self, server_id: str) -> None:
        """Delete a server (answered 202 with no body). ``DELETE /v1/mcp/server/{server_id}``."""
        await self._client._call(SERVER_DELETE, path={"server_id": server_id})

    async def health(self, **params: Unpack[McpHealthQuery]) -> builtins.list[McpServerHealth]:
        """Health of the given servers (``server_ids``), else of all the caller may see.
        ``GET /v1/mcp/server/health``."""
        return await self._client._call(SERVER_HEALTH, query=params)

    async def import_servers(self, **params: Unpack[McpImportParams]) -> McpImportResult:
        """Bulk-add servers from a Claude Desktop / Claude Code ``mcpServers`` config.
        ``POST /v1/mcp/server/import``."""
        require("mcp.servers.import_servers", params, "mcp_servers")
        return await self._client._call(SERVER_IMPORT, json=params)

    async def register(self, **params: Unpack[McpServerRegisterParams]) -> McpServer:
        """Submit a server for admin review (``approval_status`` ``pending_review``).
        ``POST /v1/mcp/server/register``."""
        return await self._client._call(SERVER_REGISTER, json=params)

    async def submissions(self) -> McpSubmissions:
        """Submitted servers and counts by status (admins). ``GET /v1/mcp/server/submissions``."""
        return await self._client._call(SERVER_SUBMISSIONS)

    async def approve(self, server_id: str) -> McpServer:
        """Approve a submission. ``PUT /v1/mcp/server/{server_id}/approve``."""
        return await self._client._call(SERVER_APPROVE, path={"server_id": server_id})

    async def reject(self, server_id: str, **params: Unpack[McpRejectParams]) -> McpServer:
        """Reject a submission (``review_notes`` optional).
        ``PUT /v1/mcp/server/{server_id}/reject``."""
        return await self._client._call(SERVER_REJECT, path={"server_id": server_id}, json=params)

    async def pin(self, server_id: str) -> dict[str, PinnedTool]:
        """Snapshot the server's current tools as its pinned catalog (admins; asks the
        server). ``POST /v1/mcp/server/{server_id}/pin``."""
        return await self._client._call(SERVER_PIN, path={"server_id": server_id})

    async def unpin(self, server_id: str) -> McpUnpinned:
        """Drop the pinned catalog. ``DELETE /v1/mcp/server/{server_id}/pin``."""
        return await self._client._call(SERVER_UNPIN, path={"server_id": server_id})

    async def oauth_session(self, **params: Unpack[McpOAuthSessionParams]) -> McpServer:
        """Cache a server in memory for about five minutes (not in the database), for an
        OAuth flow before it is added. ``POST /v1/mcp/server/oauth/session``."""
        return await self._client._call(SERVER_OAUTH_SESSION, json=params)


class McpToolsets(Resource):
    """Named selections of tools (``/v1/mcp/toolset``)."""

    __slots__ = ()

    async def list(self) -> builtins.list[McpToolset]:
        """The toolsets the calling key may use. ``GET /v1/mcp/toolset``."""
        return await self._client._call(TOOLSET_LIST)

    async def create(self, **params: Unpack[McpToolsetCreateParams]) -> McpToolset:
        """Create a toolset (``tools``: ``{server_id, tool_name}`` pairs).
        ``POST /v1/mcp/toolset``."""
        require("mcp.toolsets.create", params, "toolset_name")
        return await self._client._call(TOOLSET_CREATE, json=params)

    async def update(self, **params: Unpack[McpToolsetUpdateParams]) -> McpToolset:
        """Change a toolset (``toolset_id``): a field left out keeps its value, ``None``
        clears it. ``PUT /v1/mcp/toolset``."""
        require("mcp.toolsets.update", params, "toolset_id")
        return await self._client._call(TOOLSET_UPDATE, json=params)

    async def retrieve(self, toolset_id: str) -> McpToolset:
        """One toolset. ``GET /v1/mcp/toolset/{toolset_id}``."""
        return await self._client._call(TOOLSET_RETRIEVE, path={"toolset_id": toolset_id})

    async def delete(self, toolset_id: str) -> None:
        """Delete a toolset (answered 202 with no body). ``DELETE /v1/mcp/toolset/{toolset_id}``."""
        await self._client._call(TOOLSET_DELETE, path={"toolset_id": toolset_id})


class McpToolsResource(Resource):
    __slots__ = ()

    async def list(self) -> McpToolList:
        """Every MCP tool the calling key may use, access groups included.
        ``GET /v1/mcp/tools``."""
        return await self._client._call(TOOLS_LIST)


class McpAccessGroupsResource(Resource):
    __slots__ = ()

    async def list(self) -> McpAccessGroups:
        """MCP access group names, from the database and the config.
        ``GET /v1/mcp/access_groups``."""
        return await self._client._call(ACCESS_GROUPS)


class McpNetwork(Resource):
    __slots__ = ()

    async def client_ip(self) -> McpClientIp:
        """The caller's IP as the proxy sees it. ``GET /v1/mcp/network/client-ip``."""
        return await self._client._call(CLIENT_IP)


class McpRegistry(Resource):
    __slots__ = ()

    async def retrieve(self) -> dict[str, Any]:
        """The MCP registry document (``servers``); 404 unless the proxy enables its public
        registry. ``GET /v1/mcp/registry.json``."""
        return await self._client._call(REGISTRY)

    async def openapi(self) -> dict[str, Any]:
        """Well-known OpenAPI specs that can back a server (admins; ``apis``).
        ``GET /v1/mcp/openapi-registry``."""
        return await self._client._call(OPENAPI_REGISTRY)


class McpSessionsResource(Resource):
    """Live stateful sessions of the MCP gateway, per proxy worker (admins)."""

    __slots__ = ()

    async def list(self) -> McpSessions:
        """The answering worker's sessions, with counts by client and user.
        ``GET /v1/mcp/sessions``."""
        return await self._client._call(SESSIONS_LIST)

    async def delete(self, **params: Unpack[McpSessionsDeleteQuery]) -> McpSessionsTerminated:
        """Force-close sessions on the answering worker, by ``session_id_prefix`` or
        ``user_id``. ``DELETE /v1/mcp/sessions``."""
        return await self._client._call(SESSIONS_DELETE, query=params)


class McpRest(Resource):
    """Tools over plain REST instead of the MCP transport (``/mcp-rest``)."""

    __slots__ = ()

    async def list_tools(self, **params: Unpack[McpRestToolsListQuery]) -> McpRestToolList:
        """Tools with their server. A dead server gives 200 with ``error="partial_failure"``.
        ``GET /mcp-rest/tools/list``."""
        return await self._client._call(REST_LIST_TOOLS, query=params)

    async def call_tool(self, **params: Unpack[McpToolCallParams]) -> McpToolCallResult:
        """Call a tool with ``arguments``. ``POST /mcp-rest/tools/call``."""
        require("mcp.rest.call_tool", params, "name")
        return await self._client._call(REST_CALL_TOOL, json=params)

    async def test_connection(self, **params: Unpack[McpTestParams]) -> McpConnectionTest:
        """Try to connect to a server before adding it (``status`` ``ok`` or ``error``).
        ``POST /mcp-rest/test/connection``."""
        return await self._client._call(REST_TEST_CONNECTION, json=params)

    async def test_list_tools(self, **params: Unpack[McpTestParams]) -> McpConnectionTest:
        """Preview a server's tools before adding it. ``POST /mcp-rest/test/tools/list``."""
        return await self._client._call(REST_TEST_LIST_TOOLS, json=params)


class Mcp(Resource):
    """The proxy's MCP gateway."""

    __slots__ = ("__dict__",)

    servers: group[McpServers] = group("mcp:McpServers")
    toolsets: group[McpToolsets] = group("mcp:McpToolsets")
    tools: group[McpToolsResource] = group("mcp:McpToolsResource")
    access_groups: group[McpAccessGroupsResource] = group("mcp:McpAccessGroupsResource")
    network: group[McpNetwork] = group("mcp:McpNetwork")
    registry: group[McpRegistry] = group("mcp:McpRegistry")
    sessions: group[McpSessionsResource] = group("mcp:McpSessionsResource")
    rest: group[McpRest] = group("mcp:McpRest")
    transport: group[McpTransport] = group("mcp_transport:McpTransport")
    proxy: group[McpProxyTransport] = group("mcp_transport:McpProxyTransport")
    server_transport: group[NamedMcpTransport] = group("mcp_transport:NamedMcpTransport")
    toolset_transport: group[ToolsetMcpTransport] = group("mcp_transport:ToolsetMcpTransport")
    sse: group[McpSse] = group("mcp_transport:McpSse")
    mount: group[McpMount] = group("mcp_transport:McpMount")

    def session(
        self,
        server: str | None = None,
        *,
        toolset: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = DEFAULT_MCP_TIMEOUT,
    ) -> AbstractAsyncContextManager[ClientSession]:
        """An initialized MCP ``ClientSession`` through the proxy with the client's key
        (``/{server}/mcp``, ``/toolset/{toolset}/mcp`` or ``/mcp``): ``async with
        client.mcp.session("github") as s: await s.list_tools()``. Needs the ``mcp`` extra."""
        return open_session(self._client, server, toolset=toolset, headers=headers, timeout=timeout)

    async def enabled(self) -> McpEnabled:
        """Whether the proxy's MCP server is available. ``GET /mcp/enabled``."""
        return await self._client._call(ENABLED)

    async def discover(self, **params: Unpack[McpDiscoverQuery]) -> McpDiscovery:
        """Well-known MCP servers that can be added (admins; ``query``, ``category`` filter).
        ``GET /v1/mcp/discover``."""
        return await self._client._call(DISCOVER, query=params)

    async def make_public(self, mcp_server_ids: Sequence[str]) -> McpMadePublic:
        """Set the servers shown publicly in the AI Hub (replaces the list).
        ``POST /v1/mcp/make_public``."""
        ids = id_list("mcp.make_public", "mcp_server_ids", mcp_server_ids)
        return await self._client._call(MAKE_PUBLIC, json={"mcp_server_ids": ids})

    async def user_credentials(self) -> list[McpUserCredential]:
        """The servers the calling user connected (OAuth2 or BYOK).
        ``GET /v1/mcp/user-credentials``."""
        return await self._client._call(MY_CREDENTIALS)

    async def user_env_vars_status(self) -> list[McpUserEnvVarsStatus]:
        """The caller's per-user environment variables, server by server.
        ``GET /v1/mcp/user-env-vars/status``."""
        return await self._client._call(MY_ENV_VARS)
