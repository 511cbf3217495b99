"""``open_session``: the SDK's streamable-HTTP client against a real MCP server in-process.

The server (``e2e/mcp_server.py``, served by uvicorn on loopback) sits behind a small ASGI
front that does what the proxy's MCP gateway does for these tests: reads the key, routes
``/{server}/mcp`` and ``/toolset/{name}/mcp`` to the MCP app, refuses unknown servers, and
records every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
import pytest

from aio_litellm import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ClientClosedError,
    LiteLLMClient,
    NotFoundError,
)
from aio_litellm._mcp_session import _unwrap, open_session

from .conftest import API_KEY

if sys.version_info >= (3, 11):
    from builtins import ExceptionGroup
else:  # pragma: no cover - the SDK's anyio brings the backport
    from exceptiongroup import ExceptionGroup

T = TypeVar("T")
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


@contextlib.asynccontextmanager
async def bounded(cm: AbstractAsyncContextManager[T], seconds: float = 20) -> AsyncIterator[T]:
    """``cm`` under a deadline: a hung session fails the test in seconds, not CI."""
    import anyio

    with anyio.fail_after(seconds):
        async with cm as value:
            yield value


@dataclass
class Gateway:
    base_url: str
    seen: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [f"{method} {path}" for method, path, _ in self.seen]


def _front(app: Any, gateway: Gateway, release: asyncio.Event) -> Any:
    async def send_json(send: Send, status: int, body: Any) -> None:
        content = body if isinstance(body, bytes) else orjson.dumps(body)
        kind = b"text/plain" if isinstance(body, bytes) else b"application/json"
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", kind)]}
        )
        await send({"type": "http.response.body", "body": content})

    async def asgi(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        gateway.seen.append((scope["method"], scope["raw_path"].decode(), headers))
        segments = scope["path"].strip("/").split("/")
        if headers.get("x-litellm-api-key") != f"Bearer {API_KEY}":
            # LiteLLM echoes the key it refused: the client must redact it.
            key = headers.get("x-litellm-api-key", "")
            await send_json(send, 401, {"error": {"message": f"Invalid key {key}"}})
        elif segments[0] == "hang":
            await release.wait()
            await send_json(send, 503, b"shutting down")
        elif segments[0] == "missing":
            await send_json(send, 404, {"detail": "MCP server 'missing' not found"})
        elif segments[0] == "garbage":
            await send_json(send, 200, b"not json-rpc")
        elif segments[0] == "broken":
            await send_json(send, 500, b"upstream exploded")
        elif segments[-1] == "mcp":
            await app({**scope, "path": "/mcp", "raw_path": b"/mcp"}, receive, send)
        else:
            await send_json(send, 404, {})

    return asgi


@pytest.fixture
async def gateway() -> AsyncIterator[Gateway]:
    pytest.importorskip("mcp")
    uvicorn = pytest.importorskip("uvicorn")
    from e2e.mcp_server import build

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    gw = Gateway(base_url=f"http://127.0.0.1:{port}")
    release = asyncio.Event()
    app = build().streamable_http_app()
    config = uvicorn.Config(_front(app, gw, release), log_level="warning", lifespan="on", ws="none")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the in-process MCP server did not start"
        assert not task.done(), "the in-process MCP server failed to start"
        await asyncio.sleep(0.01)
    try:
        yield gw
    finally:
        release.set()
        server.should_exit = True
        await asyncio.wait_for(task, 10)
        sock.close()


@pytest.fixture
async def mcp_client(gateway: Gateway) -> AsyncIterator[LiteLLMClient]:
    async with LiteLLMClient(
        base_url=gateway.base_url, api_key=API_KEY, default_headers={"x-team": "blue"}
    ) as client:
        yield client


async def test_session_lists_and_calls_tools_through_the_server_path(
    mcp_client: LiteLLMClient, gateway: Gateway
) -> None:
    async with bounded(
        open_session(
            mcp_client, "demo", headers={"x-mcp-demo-authorization": "Bearer up"}, timeout=5
        )
    ) as session:
        tools = await session.list_tools()
        assert sorted(t.name for t in tools.tools) == ["add", "echo"]
        result = await session.call_tool("add", {"a": 2, "b": 3})
        assert not result.is_error
        assert result.structured_content == {"result": 5}
        echoed = await session.call_tool("echo", {"text": "hi"})
        assert echoed.content[0].text == "hi"  # type: ignore[union-attr]
    paths = gateway.paths()
    assert paths[0] == "POST /demo/mcp"
    assert paths[-1] == "DELETE /demo/mcp"  # the session is ended on exit
    assert {p.split()[1] for p in paths} == {"/demo/mcp"}
    for _, _, headers in gateway.seen:
        assert headers["x-litellm-api-key"] == f"Bearer {API_KEY}"
        # Authorization stays free for the upstream server's own token.
        assert "authorization" not in headers
        assert headers["x-team"] == "blue"
        assert headers["x-mcp-demo-authorization"] == "Bearer up"


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"toolset": "my set"}, "/toolset/my%20set/mcp"),
        ({"server": "a,b"}, "/a,b/mcp"),
        ({"server": "naïve?#"}, "/na%C3%AFve%3F%23/mcp"),
        ({}, "/mcp"),
    ],
)
async def test_session_path_for_toolsets_lists_and_the_whole_gateway(
    mcp_client: LiteLLMClient, gateway: Gateway, kwargs: dict[str, Any], path: str
) -> None:
    async with bounded(open_session(mcp_client, **kwargs, timeout=5)) as session:
        assert (await session.send_ping()) is not None
    assert gateway.seen[0][:2] == ("POST", path)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (("",), {}, ValueError, "non-empty"),
        (("  ",), {}, ValueError, "non-empty"),
        (("a/b",), {}, ValueError, "without '/'"),
        (("..",), {}, ValueError, "non-empty"),
        (("a\nb",), {}, ValueError, "control"),
        ((5,), {}, TypeError, "must be a str"),
        ((), {"toolset": ""}, ValueError, "toolset must be"),
        (("a",), {"toolset": "b"}, ValueError, "not both"),
        (("a",), {"timeout": 0}, ValueError, "timeout"),
        (("a",), {"timeout": float("inf")}, ValueError, "timeout"),
        (("a",), {"headers": {"x": 1}}, TypeError, "headers"),
    ],
)
async def test_bad_arguments_are_refused_before_any_request(
    mcp_client: LiteLLMClient,
    gateway: Gateway,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
) -> None:
    with pytest.raises(error, match=match):
        open_session(mcp_client, *args, **kwargs)
    assert gateway.seen == []


async def test_missing_sdk_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)
    async with LiteLLMClient(base_url="http://127.0.0.1:9", api_key=API_KEY) as client:
        with pytest.raises(ImportError, match=r"pip install 'aio-litellm\[mcp\]'"):
            open_session(client, "demo")


async def test_closed_client_is_refused() -> None:
    client = LiteLLMClient(base_url="http://127.0.0.1:9", api_key=API_KEY)
    await client.aclose()
    with pytest.raises(ClientClosedError):
        open_session(client, "demo")


async def test_refused_key_raises_the_typed_error_without_the_key(gateway: Gateway) -> None:
    secret = "sk-wrong-key-0123456789"
    async with LiteLLMClient(base_url=gateway.base_url, api_key=secret) as client:
        with pytest.raises(AuthenticationError) as caught:
            async with bounded(open_session(client, "demo", timeout=5)):
                pytest.fail("the session opened with a refused key")
    err = caught.value
    assert err.status_code == 401
    assert err.method == "POST"
    assert err.url == gateway.base_url + "/demo/mcp"
    assert secret not in str(err)
    assert secret not in repr(err)
    assert "Invalid key" in str(err)


async def test_unknown_server_raises_not_found(mcp_client: LiteLLMClient, gateway: Gateway) -> None:
    with pytest.raises(NotFoundError, match="'missing' not found"):
        async with bounded(open_session(mcp_client, "missing", timeout=5)):
            pytest.fail("opened")
    assert gateway.paths() == ["POST /missing/mcp"]


async def test_non_json_refusal_keeps_its_text(mcp_client: LiteLLMClient) -> None:
    with pytest.raises(Exception, match="upstream exploded") as caught:
        async with bounded(open_session(mcp_client, "broken", timeout=5)):
            pytest.fail("opened")
    assert getattr(caught.value, "status_code", None) == 500


async def test_hung_gateway_fails_in_time(mcp_client: LiteLLMClient) -> None:
    started = time.monotonic()
    with pytest.raises(APITimeoutError, match="did not open in time"):
        async with bounded(open_session(mcp_client, "hang", timeout=0.5)):
            pytest.fail("opened")
    assert time.monotonic() - started < 5


async def test_unreachable_proxy_is_a_connection_error() -> None:
    pytest.importorskip("mcp")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    async with LiteLLMClient(base_url=f"http://127.0.0.1:{port}", api_key=API_KEY) as client:
        with pytest.raises(APIConnectionError) as caught:
            async with bounded(open_session(client, "demo", timeout=5)):
                pytest.fail("opened")
    assert not isinstance(caught.value, APITimeoutError)
    assert caught.value.sent is False


async def test_an_error_inside_the_session_comes_out_as_itself(
    mcp_client: LiteLLMClient, gateway: Gateway
) -> None:
    with pytest.raises(KeyError, match="mine") as caught:
        async with bounded(open_session(mcp_client, "demo", timeout=5)):
            try:
                raise OSError("first")
            except OSError:
                raise KeyError("mine")  # noqa: B904 - the implicit context is what is checked
    assert isinstance(caught.value.__context__, OSError)  # its own context, not the SDK's groups
    assert gateway.paths()[-1] == "DELETE /demo/mcp"


async def test_a_group_raised_inside_the_session_is_kept_whole(
    mcp_client: LiteLLMClient,
) -> None:
    group = ExceptionGroup("mine", [KeyError("a"), KeyError("b")])
    with pytest.raises(ExceptionGroup) as caught:
        async with bounded(open_session(mcp_client, "demo", timeout=5)):
            raise group
    assert caught.value is group


async def test_a_reply_that_is_not_mcp_fails_the_opening(mcp_client: LiteLLMClient) -> None:
    with pytest.raises(Exception) as caught:  # noqa: PT011 - whatever the SDK makes of it
        async with bounded(open_session(mcp_client, "garbage", timeout=2)):
            pytest.fail("opened")
    assert not isinstance(caught.value, (APIConnectionError, AuthenticationError))
    assert not hasattr(caught.value, "exceptions")  # not the SDK's groups of one


async def test_a_client_without_key_sends_no_key_header(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LITELLM_API_KEY", raising=False)
    async with LiteLLMClient(base_url=gateway.base_url) as client:
        with pytest.raises(AuthenticationError):
            async with bounded(open_session(client, "demo", timeout=5)):
                pytest.fail("opened")
    assert "x-litellm-api-key" not in gateway.seen[0][2]


def test_unwrap_hands_over_the_one_failure_of_nested_groups() -> None:
    inner = ValueError("x")
    nested = ExceptionGroup("outer", [ExceptionGroup("inner", [inner])])
    assert _unwrap(nested) is inner
    two = ExceptionGroup("two", [ValueError("a"), ValueError("b")])
    assert _unwrap(two) is two
    assert _unwrap(inner) is inner


def test_a_timeout_among_several_failures_is_a_timeout() -> None:
    from aio_litellm import _mcp_session

    class ReadTimeout(Exception):  # httpx2's, by name
        pass

    class Group(Exception):
        def __init__(self, *exceptions: BaseException) -> None:
            super().__init__("group")
            self.exceptions = exceptions

    refusal = _mcp_session._Refusal(None)  # type: ignore[arg-type]
    group = Group(RuntimeError("cancelled"), Group(ReadTimeout("slow")))
    err = _mcp_session._opening_error(group, refusal, "http://proxy/x/mcp")
    assert isinstance(err, APITimeoutError) and "did not open in time" in str(err)
    other = RuntimeError("boom")
    assert _mcp_session._opening_error(Group(other, KeyError("k")), refusal, "u").args == ("group",)


async def test_client_mcp_session_is_the_same_session(
    mcp_client: LiteLLMClient, gateway: Gateway
) -> None:
    async with bounded(mcp_client.mcp.session(toolset="kit", timeout=5)) as session:
        tools = await session.list_tools()
    assert sorted(t.name for t in tools.tools) == ["add", "echo"]
    assert gateway.paths()[0] == "POST /toolset/kit/mcp"
