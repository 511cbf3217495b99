"""``client.mcp``: every inventory row declared, what each method sends and returns, the MCP
transport (JSON or SSE answers, sessions, streams, any-method mounts), refusals before I/O."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pydantic
import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient, NotFoundError
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import mcp as mcp_module
from aio_litellm.resources import mcp_transport
from aio_litellm.types.mcp import (
    JsonRpcMessage,
    McpConnectionTest,
    McpOAuthCredentialStatus,
    McpReply,
    McpRestToolList,
    McpServer,
    McpServerHealth,
    McpServerUserCredential,
    McpSessions,
    McpSessionsTerminated,
    McpSubmissions,
    McpToolCallResult,
    McpToolset,
    McpUnpinned,
    McpUserCredential,
    McpUserCredentialStatus,
    McpUserEnvVarsStatus,
    PinnedTool,
)

from .conftest import FakeProxy, reply, sse

PING: JsonRpcMessage = {"id": 1, "method": "ping"}

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "mcp.transport.post": {"message": PING},
    "mcp.proxy.post": {"message": PING},
    "mcp.server_transport.post": {"message": PING},
    "mcp.toolset_transport.post": {"message": PING},
    "mcp.sse.send": {"message": PING},
    "mcp.mount.request": {"method": "POST", "message": PING},
    "mcp.mount.server_request": {"method": "POST", "message": PING},
    "mcp.servers.update": {"server_id": "v1"},
    "mcp.servers.import_servers": {"mcp_servers": {"fs": {"url": "http://x/mcp"}}},
    "mcp.servers.oauth_credentials.create": {"access_token": "tok"},
    "mcp.servers.user_credentials.create": {"credential": "cred"},
    "mcp.servers.user_env_vars.set": {"values": {"API_KEY": "x"}},
    "mcp.toolsets.create": {"toolset_name": "ts"},
    "mcp.toolsets.update": {"toolset_id": "v1"},
    "mcp.rest.call_tool": {"name": "srv-echo"},
    "mcp.make_public": {"mcp_server_ids": ["s1"]},
}

INVENTORY = Path(__file__).resolve().parent / "data" / "litellm-endpoints.tsv"


def server(server_id: str = "s1", **extra: Any) -> dict[str, Any]:
    return {
        "server_id": server_id,
        "server_name": "github",
        "alias": "gh",
        "url": "http://127.0.0.1:9/mcp",
        "transport": "http",
        "status": "unknown",
        "created_at": "2025-01-01T00:00:00Z",
        **extra,
    }


def test_every_mcp_row_is_declared() -> None:
    rows = {
        (line.split("\t")[1], line.split("\t")[2])
        for line in INVENTORY.read_text(encoding="utf-8").splitlines()
        if line.startswith("mcp\t")
    }
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("mcp.")}
    assert len(rows) == 76
    assert declared == rows
    assert all(ep.attr.startswith("mcp.") for ep in REGISTRY if ep.path.startswith("/v1/mcp"))
    assert mcp_module.Mcp and mcp_transport.AGGREGATE["POST"].attr == "mcp.transport.post"


# (call, args, kwargs, wire method, wire path, query, body, answer)
CASES: list[tuple[str, tuple[Any, ...], dict[str, Any], str, str, Any, Any, Any]] = [
    ("servers.list", (), {"team_id": "t1"}, "GET", "/v1/mcp/server", {"team_id": "t1"}, None,
     [server()]),
    ("servers.create", (), {"server_name": "github", "transport": "http"}, "POST",
     "/v1/mcp/server", {}, {"server_name": "github", "transport": "http"}, server()),
    ("servers.update", (), {"server_id": "s1", "description": "d"}, "PUT", "/v1/mcp/server",
     {}, {"server_id": "s1", "description": "d"}, server(description="d")),
    ("servers.retrieve", ("a/b",), {"include_reachability": True}, "GET",
     "/v1/mcp/server/a%2Fb", {"include_reachability": "true"}, None, server("a/b")),
    ("servers.health", (), {"server_ids": ["s1", "s2"]}, "GET", "/v1/mcp/server/health",
     {"server_ids": "s1"}, None, [{"server_id": "s1", "status": "unhealthy"}]),
    ("servers.import_servers", (), {"mcp_servers": {"fs": {"url": "http://x"}}}, "POST",
     "/v1/mcp/server/import", {}, {"mcp_servers": {"fs": {"url": "http://x"}}},
     {"imported": [{"name": "fs", "server_id": "s9", "alias": "fs"}], "skipped": [],
      "errors": []}),
    ("servers.register", (), {"server_name": "x"}, "POST", "/v1/mcp/server/register", {},
     {"server_name": "x"}, server(approval_status="pending_review")),
    ("servers.submissions", (), {}, "GET", "/v1/mcp/server/submissions", {}, None,
     {"total": 1, "pending_review": 1, "active": 0, "rejected": 0, "items": [server()]}),
    ("servers.approve", ("s1",), {}, "PUT", "/v1/mcp/server/s1/approve", {}, None,
     server(approval_status="active")),
    ("servers.reject", ("s1",), {"review_notes": "no"}, "PUT", "/v1/mcp/server/s1/reject", {},
     {"review_notes": "no"}, server(approval_status="rejected")),
    ("servers.pin", ("s1",), {}, "POST", "/v1/mcp/server/s1/pin", {}, None,
     {"echo": {"description": "echoes", "input_schema": {"type": "object"}}}),
    ("servers.unpin", ("s1",), {}, "DELETE", "/v1/mcp/server/s1/pin", {}, None,
     {"server_id": "s1", "status": "unpinned"}),
    ("servers.oauth_session", (), {"server_name": "x", "url": "http://x"}, "POST",
     "/v1/mcp/server/oauth/session", {}, {"server_name": "x", "url": "http://x"}, server()),
    ("servers.oauth_credentials.create", ("s1",), {"access_token": "tok", "expires_in": 60},
     "POST", "/v1/mcp/server/s1/oauth-user-credential", {},
     {"access_token": "tok", "expires_in": 60}, {"server_id": "s1", "has_credential": True}),
    ("servers.oauth_credentials.delete", ("s1",), {"user_id": "u1"}, "DELETE",
     "/v1/mcp/server/s1/oauth-user-credential", {"user_id": "u1"}, None,
     {"server_id": "s1", "has_credential": False}),
    ("servers.oauth_credentials.status", ("s1",), {}, "GET",
     "/v1/mcp/server/s1/oauth-user-credential/status", {}, None,
     {"server_id": "s1", "has_credential": True, "is_expired": True}),
    ("servers.user_credentials.create", ("s1",), {"credential": "c", "save": False}, "POST",
     "/v1/mcp/server/s1/user-credential", {}, {"credential": "c", "save": False},
     {"server_id": "s1", "has_credential": True}),
    ("servers.user_credentials.delete", ("s1",), {}, "DELETE",
     "/v1/mcp/server/s1/user-credential", {}, None,
     {"server_id": "s1", "has_credential": False}),
    ("servers.user_credentials.list", ("s1",), {}, "GET", "/v1/mcp/server/s1/user-credentials",
     {}, None, [{"user_id": "u1", "credential_type": "byok", "updated_at": "2025"}]),
    ("servers.user_env_vars.retrieve", ("s1",), {}, "GET", "/v1/mcp/server/s1/user-env-vars",
     {}, None, {"server_id": "s1", "required": [{"name": "TOKEN"}], "missing_count": 1}),
    ("servers.user_env_vars.set", ("s1", {"TOKEN": "x"}), {}, "POST",
     "/v1/mcp/server/s1/user-env-vars", {}, {"values": {"TOKEN": "x"}},
     {"server_id": "s1", "required": [{"name": "TOKEN", "is_set": True}]}),
    ("servers.user_env_vars.clear", ("s1",), {}, "DELETE", "/v1/mcp/server/s1/user-env-vars",
     {}, None, {"server_id": "s1"}),
    ("toolsets.list", (), {}, "GET", "/v1/mcp/toolset", {}, None,
     [{"toolset_id": "t1", "toolset_name": "n"}]),
    ("toolsets.create", (), {"toolset_name": "n", "tools": [{"server_id": "s", "tool_name": "t"}]},
     "POST", "/v1/mcp/toolset", {},
     {"toolset_name": "n", "tools": [{"server_id": "s", "tool_name": "t"}]},
     {"toolset_id": "t1", "toolset_name": "n"}),
    ("toolsets.update", (), {"toolset_id": "t1", "description": None}, "PUT", "/v1/mcp/toolset",
     {}, {"toolset_id": "t1", "description": None}, {"toolset_id": "t1"}),
    ("toolsets.retrieve", ("t1",), {}, "GET", "/v1/mcp/toolset/t1", {}, None,
     {"toolset_id": "t1", "tools": [{"server_id": "s", "tool_name": "t"}]}),
    ("tools.list", (), {}, "GET", "/v1/mcp/tools", {}, None, {"tools": [{"name": "gh-echo"}]}),
    ("access_groups.list", (), {}, "GET", "/v1/mcp/access_groups", {}, None,
     {"access_groups": ["dev"]}),
    ("network.client_ip", (), {}, "GET", "/v1/mcp/network/client-ip", {}, None,
     {"ip": "127.0.0.1"}),
    ("registry.retrieve", (), {}, "GET", "/v1/mcp/registry.json", {}, None, {"servers": []}),
    ("registry.openapi", (), {}, "GET", "/v1/mcp/openapi-registry", {}, None, {"apis": []}),
    ("sessions.list", (), {}, "GET", "/v1/mcp/sessions", {}, None,
     {"worker_pid": 7, "total_sessions": 1, "by_client": [{"label": "cli", "count": 1}],
      "sessions": [{"session_id_prefix": "abcd", "idle_seconds": 1.5, "in_flight_requests": 0}]}),
    ("sessions.delete", (), {"user_id": "u1"}, "DELETE", "/v1/mcp/sessions", {"user_id": "u1"},
     None, {"worker_pid": 7, "terminated_sessions": 2}),
    ("rest.list_tools", (), {"server_id": "s1"}, "GET", "/mcp-rest/tools/list",
     {"server_id": "s1"}, None,
     {"tools": [], "error": "partial_failure", "message": "s1 down", "server_outcomes": {}}),
    ("rest.call_tool", (), {"name": "gh-echo", "arguments": {"x": 1}}, "POST",
     "/mcp-rest/tools/call", {}, {"name": "gh-echo", "arguments": {"x": 1}},
     {"content": [{"type": "text", "text": "1"}], "isError": False}),
    ("rest.test_connection", (), {"url": "http://x", "transport": "http"}, "POST",
     "/mcp-rest/test/connection", {}, {"url": "http://x", "transport": "http"},
     {"status": "error", "error": True, "message": "refused"}),
    ("rest.test_list_tools", (), {"url": "http://x"}, "POST", "/mcp-rest/test/tools/list", {},
     {"url": "http://x"}, {"tools": [{"name": "a"}], "error": None, "message": "ok"}),
    ("enabled", (), {}, "GET", "/mcp/enabled", {}, None, {"enabled": True}),
    ("discover", (), {"category": "Dev"}, "GET", "/v1/mcp/discover", {"category": "Dev"}, None,
     {"servers": [{"name": "github"}], "categories": ["Dev"]}),
    ("make_public", (["s1", "s2"],), {}, "POST", "/v1/mcp/make_public", {},
     {"mcp_server_ids": ["s1", "s2"]},
     {"message": "ok", "public_mcp_servers": ["s1", "s2"], "updated_by": "admin"}),
    ("user_credentials", (), {}, "GET", "/v1/mcp/user-credentials", {}, None,
     [{"server_id": "s1", "credential_type": "oauth2", "has_credential": True}]),
    ("user_env_vars_status", (), {}, "GET", "/v1/mcp/user-env-vars/status", {}, None,
     [{"server_id": "s1", "missing_count": 0}]),
]  # fmt: skip


def plain(value: Any) -> Any:
    """A result as JSON-like data, by the wire's field names."""
    if isinstance(value, pydantic.BaseModel):
        return plain(value.model_dump(by_alias=True))
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def holds(have: Any, want: Any) -> bool:
    """Whether ``have`` has everything ``want`` has (dicts may hold more keys)."""
    if isinstance(want, dict):
        return isinstance(have, dict) and all(
            key in have and holds(have[key], value) for key, value in want.items()
        )
    if isinstance(want, list):
        return (
            isinstance(have, list)
            and len(have) == len(want)
            and all(holds(h, w) for h, w in zip(have, want, strict=True))
        )
    return bool(have == want)


def method_of(client: LiteLLMClient, call: str) -> Any:
    target: Any = client.mcp
    for part in call.split("."):
        target = getattr(target, part)
    return target


@pytest.mark.parametrize(
    ("call", "args", "kwargs", "verb", "path", "query", "body", "answer"),
    CASES,
    ids=[case[0] for case in CASES],
)
async def test_each_call(
    proxy: FakeProxy,
    client: LiteLLMClient,
    call: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    verb: str,
    path: str,
    query: Any,
    body: Any,
    answer: Any,
) -> None:
    decoded = path.replace("%2F", "/")
    proxy.on(verb, decoded, reply(200, answer))
    result = await method_of(client, call)(*args, **kwargs)
    seen = proxy.calls()[-1]
    assert (seen.method, seen.raw_path.split("?")[0]) == (verb, path)
    assert seen.query == query
    assert (seen.json() if seen.body else None) == body
    # The result holds every field of the answer (models add their defaults).
    assert holds(plain(result), answer)
    # Typed: a model, or models in a list or (pins) a dict; the registries are free-form.
    items = result if isinstance(result, list) else [result]
    if call in ("registry.retrieve", "registry.openapi"):
        assert isinstance(result, dict)
    elif call == "servers.pin":
        assert all(isinstance(tool, PinnedTool) for tool in result.values())
    else:
        assert items and all(isinstance(item, pydantic.BaseModel) for item in items)


async def test_results_are_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/v1/mcp/server/s1", reply(200, server(teams=[{"team_id": "t"}], new=1)))
    got = await client.mcp.servers.retrieve("s1")
    assert isinstance(got, McpServer) and got.teams == [{"team_id": "t"}]
    assert got.model_extra == {"new": 1}
    assert got.raw_response is not None and got.raw_response.status_code == 200

    proxy.on("GET", "/v1/mcp/server/health", reply(200, [{"server_id": "s1"}]))
    (health,) = await client.mcp.servers.health()
    assert isinstance(health, McpServerHealth) and health.status is None
    assert proxy.calls()[-1].query == {}

    proxy.on("GET", "/v1/mcp/server/submissions", reply(200, {"items": [server()]}))
    subs = await client.mcp.servers.submissions()
    assert isinstance(subs, McpSubmissions) and isinstance(subs.items[0], McpServer)
    assert subs.total == 0

    proxy.on("POST", "/v1/mcp/server/s1/pin", reply(200, {"echo": {"description": "e"}}))
    pinned = await client.mcp.servers.pin("s1")
    assert isinstance(pinned["echo"], PinnedTool) and pinned["echo"].input_schema == {}

    proxy.on("DELETE", "/v1/mcp/server/s1/pin", reply(200, {"server_id": "s1", "status": "x"}))
    assert isinstance(await client.mcp.servers.unpin("s1"), McpUnpinned)

    proxy.on("GET", "/v1/mcp/server/s1/user-credentials", reply(200, [{"user_id": "u"}]))
    (cred,) = await client.mcp.servers.user_credentials.list("s1")
    assert isinstance(cred, McpServerUserCredential) and cred.credential_type is None

    proxy.on("POST", "/v1/mcp/server/s1/user-credential", reply(200, {"server_id": "s1"}))
    status = await client.mcp.servers.user_credentials.create("s1", credential="secret")
    assert isinstance(status, McpUserCredentialStatus) and status.has_credential is False

    proxy.on("GET", "/v1/mcp/server/s1/oauth-user-credential/status", reply(200, {}))
    assert isinstance(
        await client.mcp.servers.oauth_credentials.status("s1"), McpOAuthCredentialStatus
    )

    proxy.on("GET", "/v1/mcp/server/s1/user-env-vars", reply(200, {"required": [{"name": "A"}]}))
    env = await client.mcp.servers.user_env_vars.retrieve("s1")
    assert isinstance(env, McpUserEnvVarsStatus) and env.required[0].is_set is False

    proxy.on("GET", "/v1/mcp/user-credentials", reply(200, [{"server_id": "s1"}]))
    (mine,) = await client.mcp.user_credentials()
    assert isinstance(mine, McpUserCredential)

    proxy.on("GET", "/v1/mcp/toolset", reply(200, [{"toolset_id": "t1"}]))
    (toolset,) = await client.mcp.toolsets.list()
    assert isinstance(toolset, McpToolset) and toolset.tools == []

    proxy.on("GET", "/v1/mcp/sessions", reply(200, {"worker_pid": 1, "sessions": [{}]}))
    sessions = await client.mcp.sessions.list()
    assert isinstance(sessions, McpSessions) and sessions.sessions[0].idle_seconds is None
    proxy.on("DELETE", "/v1/mcp/sessions", reply(200, {"worker_pid": 1}))
    assert isinstance(await client.mcp.sessions.delete(), McpSessionsTerminated)

    answer: dict[str, Any] = {"tools": [], "error": "partial_failure", "message": "dead"}
    proxy.on("GET", "/mcp-rest/tools/list", reply(200, answer))
    tools = await client.mcp.rest.list_tools()
    assert isinstance(tools, McpRestToolList) and tools.error == "partial_failure"

    result = {"content": [], "isError": True, "structuredContent": {"a": 1}}
    proxy.on("POST", "/mcp-rest/tools/call", reply(200, result))
    called = await client.mcp.rest.call_tool(name="t")
    assert isinstance(called, McpToolCallResult)
    assert (called.is_error, called.structured_content) == (True, {"a": 1})

    proxy.on("POST", "/mcp-rest/test/connection", reply(200, {"status": "ok"}))
    test = await client.mcp.rest.test_connection(url="http://x")
    assert isinstance(test, McpConnectionTest) and test.status == "ok" and test.tools is None


async def test_deletes_answer_202_without_a_body(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("DELETE", "/v1/mcp/server/s1", reply(202, b""))
    proxy.on("DELETE", "/v1/mcp/toolset/t1", reply(202, b""))
    await client.mcp.servers.delete("s1")
    await client.mcp.toolsets.delete("t1")
    assert [(c.method, c.path) for c in proxy.calls()] == [
        ("DELETE", "/v1/mcp/server/s1"),
        ("DELETE", "/v1/mcp/toolset/t1"),
    ]


async def test_creates_are_not_resent(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/v1/mcp/server", reply(500, {"detail": "boom"}))
    with pytest.raises(InternalServerError):
        await client.mcp.servers.create(server_name="x")
    assert len(proxy.calls()) == 1
    proxy.on("POST", "/mcp", reply(500, {"detail": "boom"}))
    with pytest.raises(InternalServerError):
        await client.mcp.transport.post(PING)
    assert len(proxy.calls()) == 2
    # A read is resent.
    proxy.on("GET", "/v1/mcp/server/s1", reply(500, {"detail": "boom"}), reply(200, server()))
    assert (await client.mcp.servers.retrieve("s1")).server_id == "s1"
    assert len(proxy.calls("GET", "/v1/mcp/server/s1")) == 2


# -- the transport --------------------------------------------------------------------------


def sse_body(*events: tuple[str | None, Any]) -> bytes:
    out = b""
    for name, data in events:
        if name:
            out += f"event: {name}\n".encode()
        text = data if isinstance(data, str) else orjson.dumps(data).decode()
        out += f"data: {text}\n\n".encode()
    return out


async def test_post_json_answer_and_session(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {"jsonrpc": "2.0", "id": 1, "result": {"serverInfo": {"name": "litellm"}}}
    proxy.on("POST", "/mcp", reply(200, answer, headers={"mcp-session-id": "sess-1"}))
    got = await client.mcp.transport.post({"id": 1, "method": "initialize", "params": {}})
    assert isinstance(got, McpReply)
    assert got.message == answer and got.session_id == "sess-1" and got.status_code == 200
    seen = proxy.calls()[-1]
    assert seen.json() == {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {}}
    assert seen.headers["Accept"] == "application/json, text/event-stream"
    assert seen.content_type == "application/json"
    assert "mcp-session-id" not in seen.headers

    await client.mcp.transport.post({"jsonrpc": "2.0", "method": "x"}, session_id="sess-1")
    assert proxy.calls()[-1].headers["mcp-session-id"] == "sess-1"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # The first message event wins; an earlier event of another type is skipped.
        (sse_body(("ping", "x"), (None, {"id": 1, "result": {}}), ("message", {"id": 2})),
         {"id": 1, "result": {}}),
        # A notification sent before the response is skipped for it.
        (sse_body((None, {"method": "notifications/progress"}), (None, "text"),
                  ("message", {"id": 4, "error": {"code": -32601}})),
         {"id": 4, "error": {"code": -32601}}),
        (sse_body((None, {"method": "notifications/progress"})),
         {"method": "notifications/progress"}),
        (sse_body(("message", {"id": 3, "result": {}})), {"id": 3, "result": {}}),
        (sse_body(("message", "not json")), "not json"),
        (sse_body(("other", "x")), "event: other\ndata: x"),
        (b"", None),
        (b"  \n", None),
        (b"Accepted", "Accepted"),
        (b'[{"id": 1}]', [{"id": 1}]),
    ],
)  # fmt: skip
async def test_post_answer_forms(
    proxy: FakeProxy, client: LiteLLMClient, body: bytes, message: Any
) -> None:
    headers = {"Content-Type": "text/event-stream"} if body.startswith(b"event") else None
    proxy.on("POST", "/mcp/proxy", reply(200, body, headers=headers))
    got = await client.mcp.proxy.post(PING)
    assert got.message == message


async def test_other_verbs(proxy: FakeProxy, client: LiteLLMClient) -> None:
    for verb in ("PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"):
        proxy.on(verb, "/mcp", reply(200, b"", headers={"Allow": "GET, POST"}))
    transport = client.mcp.transport
    assert (await transport.put()).message is None
    await transport.put({"method": "x"})
    assert proxy.calls()[-1].json() == {"jsonrpc": "2.0", "method": "x"}
    await transport.patch()
    await transport.patch({"method": "y"}, session_id="s")
    assert proxy.calls()[-1].headers["mcp-session-id"] == "s"
    deleted = await transport.delete(session_id="s")
    assert deleted.status_code == 200 and proxy.calls()[-1].body == b""
    head = await transport.head()
    assert head.raw_response is not None and head.raw_response.headers["Allow"] == "GET, POST"
    await transport.options(session_id="s")
    methods = [(c.method, c.body != b"") for c in proxy.calls()]
    assert methods == [
        ("PUT", False), ("PUT", True), ("PATCH", False), ("PATCH", True),
        ("DELETE", False), ("HEAD", False), ("OPTIONS", False),
    ]  # fmt: skip


async def test_named_transports(proxy: FakeProxy, client: LiteLLMClient) -> None:
    for verb in ("POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"):
        proxy.on(verb, "/git hub/mcp", reply(200, {"id": 1}))
        proxy.on(verb, "/toolset/a/b/mcp", reply(200, {"id": 2}))
    named = client.mcp.server_transport
    assert (await named.post("git hub", PING)).message == {"id": 1}
    assert proxy.calls()[-1].raw_path == "/git%20hub/mcp"
    await named.put("git hub", PING)
    await named.patch("git hub")
    await named.delete("git hub", session_id="s")
    await named.head("git hub")
    await named.options("git hub")
    assert [c.method for c in proxy.calls()] == [
        "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"
    ]  # fmt: skip
    # A toolset name stays one segment.
    got = await client.mcp.toolset_transport.post("a/b", PING, session_id="s")
    assert got.message == {"id": 2}
    assert proxy.calls()[-1].raw_path == "/toolset/a%2Fb/mcp"


async def test_get_opens_the_event_stream(proxy: FakeProxy, client: LiteLLMClient) -> None:
    note = {"jsonrpc": "2.0", "method": "notifications/tools/list_changed"}
    events = sse_body((None, note), ("message", "plain"))
    proxy.on("GET", "/mcp", sse(events, done=False))
    proxy.on("GET", "/srv/mcp", sse(events, done=False))
    proxy.on("GET", "/toolset/ts/mcp", sse(events, done=False))
    async with await client.mcp.transport.get(session_id="s1") as stream:
        assert [item async for item in stream] == [note, "plain"]
    seen = proxy.calls()[-1]
    assert seen.headers["Accept"] == "text/event-stream"
    assert seen.headers["mcp-session-id"] == "s1"
    async with await client.mcp.server_transport.get("srv") as stream:
        assert await anext(stream) == note
    async with await client.mcp.toolset_transport.get("ts") as stream:
        assert await anext(stream) == note
    assert [c.path for c in proxy.calls()] == ["/mcp", "/srv/mcp", "/toolset/ts/mcp"]


async def test_legacy_sse(proxy: FakeProxy, client: LiteLLMClient) -> None:
    endpoint = "/mcp/sse/messages?session_id=abc"
    events = sse_body(("endpoint", endpoint), ("message", {"id": 1, "result": {}}))
    proxy.on("GET", "/mcp/sse", sse(events, done=False))
    proxy.on("POST", "/mcp/sse/messages", reply(202, b"Accepted"))
    async with await client.mcp.sse.connect() as stream:
        assert [item async for item in stream] == [endpoint, {"id": 1, "result": {}}]
    sent = await client.mcp.sse.send("abc", PING)
    assert (sent.message, sent.status_code) == ("Accepted", 202)
    seen = proxy.calls()[-1]
    assert seen.query == {"session_id": "abc"}
    assert seen.json() == {"jsonrpc": "2.0", **PING}


async def test_mounts_take_any_method(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/mcp/", reply(200, {"id": 1}, headers={"mcp-session-id": "m"}))
    proxy.on("DELETE", "/mcp/gh/mcp", reply(200, b""))
    proxy.on("OPTIONS", "/mcp/gh/mcp", reply(200, b""))
    got = await client.mcp.mount.request("post", PING, session_id="m")
    assert (got.message, got.session_id) == ({"id": 1}, "m")
    seen = proxy.calls()[-1]
    assert (seen.method, seen.raw_path, seen.json()["jsonrpc"]) == ("POST", "/mcp/", "2.0")
    assert seen.headers["mcp-session-id"] == "m"
    assert (await client.mcp.mount.server_request("DELETE", "gh", session_id="m")).message is None
    await client.mcp.mount.server_request("OPTIONS", "gh", {"method": "x"})
    assert [(c.method, c.path) for c in proxy.calls()] == [
        ("POST", "/mcp/"), ("DELETE", "/mcp/gh/mcp"), ("OPTIONS", "/mcp/gh/mcp")
    ]  # fmt: skip


async def test_mount_errors_are_not_resent_for_post(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/mcp/", reply(502, {"detail": "x"}))
    proxy.on("DELETE", "/mcp/", reply(502, {"detail": "x"}), reply(200, b""))
    with pytest.raises(Exception, match="x"):
        await client.mcp.mount.request("POST", PING)
    assert len(proxy.calls("POST", "/mcp/")) == 1
    await client.mcp.mount.request("DELETE")
    assert len(proxy.calls("DELETE", "/mcp/")) == 2


async def test_server_stream_answer_is_read(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # A streamable-HTTP POST answered as an event stream that then ends.
    body = sse_body(("message", {"jsonrpc": "2.0", "id": 5, "result": {"tools": []}}))
    proxy.on("POST", "/mcp", sse(body, done=False))
    got = await client.mcp.transport.post({"id": 5, "method": "tools/list"})
    assert got.message == {"jsonrpc": "2.0", "id": 5, "result": {"tools": []}}


# -- refusals before any I/O ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "args", "kwargs", "error", "match"),
    [
        ("transport.post", ("ping",), {}, TypeError, "JSON-RPC dict, not str"),
        ("transport.post", (None,), {}, TypeError, "JSON-RPC dict"),
        ("transport.post", (PING,), {"session_id": ""}, TypeError, "session_id"),
        ("transport.get", (), {"session_id": 5}, TypeError, "session_id"),
        ("transport.put", ([1],), {}, TypeError, "JSON-RPC dict"),
        ("server_transport.post", ("", PING), {}, ValueError, "empty"),
        ("sse.send", ("", PING), {}, TypeError, "session_id"),
        ("mount.request", ("GET",), {}, ValueError, "never ends"),
        ("mount.request", ("BREW", PING), {}, ValueError, "method must be one of"),
        ("mount.request", (None,), {}, ValueError, "method must be one of"),
        ("mount.request", ("POST",), {}, TypeError, "JSON-RPC dict"),
        ("mount.server_request", ("POST", "gh", "x"), {}, TypeError, "JSON-RPC dict"),
        ("servers.update", (), {"description": "d"}, TypeError, "server_id"),
        ("servers.import_servers", (), {}, TypeError, "mcp_servers"),
        ("servers.retrieve", ("",), {}, ValueError, "empty"),
        ("servers.oauth_credentials.create", ("s1",), {}, TypeError, "access_token"),
        ("servers.user_credentials.create", ("s1",), {}, TypeError, "credential"),
        ("servers.user_env_vars.set", ("s1", "A=b"), {}, TypeError, "mapping"),
        ("toolsets.create", (), {"description": "d"}, TypeError, "toolset_name"),
        ("toolsets.update", (), {"toolset_id": ""}, TypeError, "toolset_id"),
        ("rest.call_tool", (), {"arguments": {}}, TypeError, "name"),
        ("make_public", ("s1",), {}, TypeError, "not a str"),
        ("make_public", ([],), {}, TypeError, "non-empty"),
    ],
)
async def test_bad_input_is_refused_before_io(
    proxy: FakeProxy,
    client: LiteLLMClient,
    call: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        await method_of(client, call)(*args, **kwargs)
    assert proxy.seen == []


async def test_a_secret_credential_is_not_in_the_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def boom(request: web.Request) -> web.StreamResponse:
        return web.json_response({"detail": "server s1 not found"}, status=404)

    proxy.on("POST", "/v1/mcp/server/s1/user-credential", boom)
    with pytest.raises(NotFoundError, match="not found") as info:
        await client.mcp.servers.user_credentials.create("s1", credential="sk-very-secret")
    assert "sk-very-secret" not in str(info.value)
