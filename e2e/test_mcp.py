"""The MCP gateway through the real proxy: server and toolset lifecycles against a server that
cannot be reached, tools, access groups, network, registry, sessions and the transport."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest

from aio_litellm import (
    APIStatusError,
    BadRequestError,
    LiteLLMClient,
    NotFoundError,
    PermissionDeniedError,
)
from aio_litellm.types.mcp import JsonRpcMessage, McpServer

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

T = TypeVar("T")

DEAD_URL = "http://127.0.0.1:9/mcp"  # the discard port: nothing answers MCP there


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


async def test_enabled(admin: LiteLLMClient) -> None:
    assert (await admin.mcp.enabled()).enabled is True


async def test_server_lifecycle(admin: LiteLLMClient) -> None:
    name = unique("e2e_mcp")
    created = await admin.mcp.servers.create(
        server_name=name, alias=name, url=DEAD_URL, transport="http", description="first"
    )
    try:
        assert created.server_id and created.server_name == name
        assert created.url == DEAD_URL and created.transport == "http"
        assert created.approval_status == "active"

        listed = await admin.mcp.servers.list()
        assert created.server_id in {s.server_id for s in listed}

        fetched = await admin.mcp.servers.retrieve(created.server_id)
        assert (fetched.server_id, fetched.description) == (created.server_id, "first")

        updated = await admin.mcp.servers.update(
            server_id=created.server_id, description="second", transport="http", url=DEAD_URL
        )
        assert updated.description == "second"
        assert (await admin.mcp.servers.retrieve(created.server_id)).description == "second"

        health = await admin.mcp.servers.health(server_ids=[created.server_id])
        assert [(h.server_id, h.status) for h in health] == [(created.server_id, "unhealthy")]

        # The REST bridge answers 200 with a partial failure for the dead server.
        tools = await admin.mcp.rest.list_tools()
        assert tools.error == "partial_failure" and name in (tools.message or "")
        assert (tools.server_outcomes or {})[name] == {"status": "unreachable"}
    finally:
        await admin.mcp.servers.delete(created.server_id)
    with pytest.raises(NotFoundError):
        await admin.mcp.servers.retrieve(created.server_id)


async def test_server_credentials_and_env_vars(admin: LiteLLMClient) -> None:
    name = unique("e2e_cred")
    created = await admin.mcp.servers.create(server_name=name, url=DEAD_URL, transport="http")
    server_id = created.server_id
    try:
        oauth = admin.mcp.servers.oauth_credentials
        assert (await oauth.status(server_id)).has_credential is False
        stored = await oauth.create(server_id, access_token="e2e-token", expires_in=600)
        assert stored.has_credential and stored.expires_at and not stored.is_expired
        assert (await oauth.status(server_id)).has_credential is True
        assert server_id in {c.server_id for c in await admin.mcp.user_credentials()}
        assert (await oauth.delete(server_id)).has_credential is False

        byok = admin.mcp.servers.user_credentials
        with pytest.raises(BadRequestError, match="BYOK"):
            await byok.create(server_id, credential="e2e-secret")
        assert await byok.list(server_id) == []
        assert (await byok.delete(server_id)).has_credential is False

        env = await admin.mcp.servers.user_env_vars.retrieve(server_id)
        assert (env.server_id, env.server_name, env.required) == (server_id, name, [])
        assert (await admin.mcp.servers.user_env_vars.set(server_id, {"A": "b"})).missing_count == 0
        assert (await admin.mcp.servers.user_env_vars.clear(server_id)).server_id == server_id

        assert (await admin.mcp.servers.unpin(server_id)).status == "unpinned"
        submissions = await admin.mcp.servers.submissions()
        assert submissions.total == len(submissions.items)
        # An admin adds servers directly: the review workflow is for other users.
        with pytest.raises(PermissionDeniedError, match="PROXY_ADMIN"):
            await admin.mcp.servers.register(server_name=name + "_r", url=DEAD_URL)
    finally:
        await admin.mcp.servers.delete(server_id)


async def test_import_and_test_connection(admin: LiteLLMClient) -> None:
    name = unique("e2e_import")
    result = await admin.mcp.servers.import_servers(mcp_servers={name: {"url": DEAD_URL}})
    assert [(i["name"], i["alias"]) for i in result.imported] == [(name, name)]
    assert result.skipped == [] and result.errors == []
    await admin.mcp.servers.delete(result.imported[0]["server_id"])

    for probe in (admin.mcp.rest.test_connection, admin.mcp.rest.test_list_tools):
        answer = await probe(url=DEAD_URL, transport="http")
        assert answer.status == "error" and "unreachable" in (answer.message or "")

    # Without server_id the proxy refuses a tool call.
    with pytest.raises(BadRequestError, match="missing_parameter"):
        await admin.mcp.rest.call_tool(name="nope-echo", arguments={})


async def test_submission_review(admin: LiteLLMClient, stack: Stack) -> None:
    # A team member (team-scoped key) submits; the admin approves one, rejects the other.
    run = uuid.uuid4().hex[:10]
    member = f"e2e-mcp-member-{run}"
    team = await admin.teams.create(team_alias=f"e2e-mcp-{run}")
    await admin.users.create(user_id=member, user_role="internal_user")
    submitted: list[str] = []
    try:
        await admin.teams.member_add(team.team_id, [{"user_id": member, "role": "user"}])
        key = await admin.keys.create(user_id=member, team_id=team.team_id)
        assert key.key
        async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as as_member:
            for _ in range(2):
                proposed = await as_member.mcp.servers.register(
                    server_name=unique("e2e_sub"), url=DEAD_URL, transport="http"
                )
                submitted.append(proposed.server_id)
                assert proposed.approval_status == "pending_review"
                assert proposed.submitted_by == member
        summary = await admin.mcp.servers.submissions()
        assert set(submitted) <= {s.server_id for s in summary.items}
        assert summary.pending_review >= 2

        approved = await admin.mcp.servers.approve(submitted[0])
        assert (approved.server_id, approved.approval_status) == (submitted[0], "active")
        rejected = await admin.mcp.servers.reject(submitted[1], review_notes="not needed")
        assert (rejected.approval_status, rejected.review_notes) == ("rejected", "not needed")
    finally:
        for server_id in submitted:
            await admin.mcp.servers.delete(server_id)
        await admin.teams.delete([team.team_id])
        await admin.users.delete([member])


async def test_toolset_lifecycle(admin: LiteLLMClient) -> None:
    name = unique("e2e_toolset")
    created = await admin.mcp.toolsets.create(
        toolset_name=name, description="first", tools=[{"server_id": "s1", "tool_name": "t1"}]
    )
    try:
        assert created.toolset_id and created.toolset_name == name
        assert created.tools == [{"server_id": "s1", "tool_name": "t1"}]
        assert created.toolset_id in {t.toolset_id for t in await admin.mcp.toolsets.list()}
        fetched = await admin.mcp.toolsets.retrieve(created.toolset_id)
        assert fetched.description == "first"
        updated = await admin.mcp.toolsets.update(toolset_id=created.toolset_id, description="2")
        assert updated.description == "2" and updated.toolset_name == name
    finally:
        await admin.mcp.toolsets.delete(created.toolset_id)
    with pytest.raises(NotFoundError):
        await admin.mcp.toolsets.retrieve(created.toolset_id)


async def test_catalog_routes(admin: LiteLLMClient) -> None:
    assert isinstance((await admin.mcp.access_groups.list()).access_groups, list)
    assert (await admin.mcp.network.client_ip()).ip == "127.0.0.1"
    assert isinstance((await admin.mcp.tools.list()).tools, list)
    sessions = await admin.mcp.sessions.list()
    assert sessions.worker_pid and sessions.total_sessions == len(sessions.sessions)
    closed = await admin.mcp.sessions.delete(user_id=unique("nobody"))
    assert closed.terminated_sessions == 0
    discovery = await admin.mcp.discover()
    assert discovery.servers and discovery.categories == sorted(discovery.categories)
    assert "apis" in await admin.mcp.registry.openapi()
    # The public registry is off unless the proxy's config enables it.
    with pytest.raises(NotFoundError, match="not enabled"):
        await admin.mcp.registry.retrieve()
    assert isinstance(await admin.mcp.user_env_vars_status(), list)


INITIALIZE: JsonRpcMessage = {
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-06-18",
        "capabilities": {},
        "clientInfo": {"name": "aio-litellm-e2e", "version": "0"},
    },
}


@pytest.fixture
async def open_server(admin: LiteLLMClient) -> AsyncIterator[McpServer]:
    """A server every key may use: without one granted, the gateway refuses the master key."""
    name = unique("e2e_open")
    created = await admin.mcp.servers.create(
        server_name=name, alias=name, url=DEAD_URL, transport="http", allow_all_keys=True
    )
    yield created
    await admin.mcp.servers.delete(created.server_id)


async def within(call: Awaitable[T], seconds: float = 30) -> T:
    """``call`` under a deadline: an MCP stream never ends by itself."""
    return await asyncio.wait_for(call, seconds)


async def test_transport_session(admin: LiteLLMClient, open_server: McpServer) -> None:
    transport = admin.mcp.transport
    reply = await within(transport.post(INITIALIZE))
    assert reply.status_code == 200 and reply.session_id
    assert reply.message["id"] == 1
    assert reply.message["result"]["serverInfo"]["name"] == "litellm-mcp-server"
    session = reply.session_id

    pong = await within(transport.post({"id": 2, "method": "ping"}, session_id=session))
    assert pong.message == {"jsonrpc": "2.0", "id": 2, "result": {}}

    options = await within(transport.options())
    assert options.status_code == 204 and options.message is None
    for refused in (transport.put(), transport.patch(), transport.head()):
        with pytest.raises(APIStatusError) as info:
            await within(refused)
        assert info.value.status_code == 405

    # The server's event stream opens, sends nothing unprompted and never ends by itself:
    # only a deadline gets out of it.
    stream = await within(transport.get(session_id=session))
    async with stream:
        with pytest.raises(asyncio.TimeoutError):
            await within(anext(stream), 2)

    ended = await within(transport.delete(session_id=session))
    assert ended.status_code == 200 and ended.message is None


async def test_named_and_proxy_transports(admin: LiteLLMClient, open_server: McpServer) -> None:
    name = open_server.server_name or ""
    named = await within(admin.mcp.server_transport.post(name, INITIALIZE))
    assert named.message["result"]["serverInfo"]["name"] == name

    proxied = await within(admin.mcp.proxy.post(INITIALIZE))
    assert proxied.message["result"]["serverInfo"]["name"] == "litellm-mcp-server"

    mounted = await within(admin.mcp.mount.request("POST", INITIALIZE))
    assert mounted.message["result"]["serverInfo"]["name"] == "litellm-mcp-server"
    assert mounted.session_id

    with pytest.raises(NotFoundError, match="not found"):
        await within(admin.mcp.toolset_transport.post(unique("no_toolset"), INITIALIZE))


LEGACY_INITIALIZE: JsonRpcMessage = {
    **INITIALIZE,
    # The HTTP+SSE transport belongs to this protocol revision.
    "params": {**INITIALIZE["params"], "protocolVersion": "2024-11-05"},
}


async def test_legacy_sse_transport(admin: LiteLLMClient, open_server: McpServer) -> None:
    stream = await within(admin.mcp.sse.connect())
    async with stream:
        endpoint = await within(anext(stream))
        assert isinstance(endpoint, str) and endpoint.startswith("/mcp/sse/messages")
        (session,) = parse_qs(urlsplit(endpoint).query)["session_id"]
        sent = await within(admin.mcp.sse.send(session, LEGACY_INITIALIZE))
        assert (sent.status_code, sent.message) == (202, "Accepted")
        # The answer comes on the stream, not in the POST's reply.
        answer = await within(anext(stream))
        assert answer["id"] == 1 and "serverInfo" in answer["result"]
    with pytest.raises(NotFoundError, match="Could not find session"):
        await within(admin.mcp.sse.send(uuid.uuid4().hex, {"id": 1, "method": "ping"}))
    with pytest.raises(BadRequestError, match="Invalid session ID"):
        await within(admin.mcp.sse.send("not-a-session", {"id": 1, "method": "ping"}))
