"""An MCP session through the real proxy's MCP gateway, to an MCP server of ours.

``e2e/mcp_server.py`` runs as a subprocess on loopback; it is registered on the proxy with a
raw ``POST /v1/mcp/server`` (streamable HTTP), reached with ``client.mcp.session`` (the official SDK
through ``/{server}/mcp``), then deleted. Every step has a deadline: a hung MCP session fails
the test in seconds.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from aio_litellm import AuthenticationError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


@contextlib.asynccontextmanager
async def bounded(cm: AbstractAsyncContextManager[T], seconds: float = 30) -> AsyncIterator[T]:
    import anyio

    with anyio.fail_after(seconds):
        async with cm as value:
            yield value


@pytest.fixture(scope="module")
def mcp_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Our MCP server on a free loopback port; its ``/mcp`` URL."""
    pytest.importorskip("mcp")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # A file, not a pipe: nobody reads the server's request log, and a full pipe would stall it.
    log = tmp_path_factory.mktemp("mcp") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "e2e.mcp_server", str(port)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the MCP server exited at start: {log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline:
                pytest.fail("the MCP server did not listen within 30 s")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@pytest.fixture
async def registered(admin: LiteLLMClient, mcp_upstream: str) -> AsyncIterator[dict[str, Any]]:
    """Our server registered on the proxy under a fresh name; deleted afterwards."""
    name = f"e2emcp{uuid.uuid4().hex[:10]}"
    created = await admin.request(
        "POST",
        "/v1/mcp/server",
        json={
            "server_name": name,
            "alias": name,
            "transport": "http",
            "url": mcp_upstream,
            "allow_all_keys": True,
        },
    )
    assert isinstance(created, dict)
    server_id = created["server_id"]
    try:
        yield {"name": name, "server_id": server_id}
    finally:
        await admin.request(
            "DELETE", "/v1/mcp/server/{server_id}", path_params={"server_id": server_id}
        )


async def test_session_lists_and_calls_our_tools(
    admin: LiteLLMClient, registered: dict[str, Any]
) -> None:
    name = registered["name"]
    async with bounded(admin.mcp.session(name, timeout=20)) as session:
        listed = await session.list_tools()
        names = {tool.name for tool in listed.tools}
        # The gateway prefixes each tool with its server's name.
        assert names == {f"{name}-add", f"{name}-echo"}
        result = await session.call_tool(f"{name}-add", {"a": 2, "b": 3})
        assert not result.is_error
        texts = [getattr(part, "text", None) for part in result.content]
        assert texts == ["5"]
        echoed = await session.call_tool(f"{name}-echo", {"text": "hello"})
        assert [getattr(part, "text", None) for part in echoed.content] == ["hello"]


async def test_unknown_server_is_not_found(admin: LiteLLMClient) -> None:
    with pytest.raises(NotFoundError):
        async with bounded(admin.mcp.session(f"nosuch{uuid.uuid4().hex[:8]}", timeout=20)):
            pytest.fail("a session opened on an unknown server")


async def test_a_refused_key_is_an_authentication_error(
    admin: LiteLLMClient, registered: dict[str, Any]
) -> None:
    secret = "sk-not-a-real-key-0123456789"
    async with LiteLLMClient(base_url=admin.base_url, api_key=secret) as stranger:
        with pytest.raises(AuthenticationError) as caught:
            async with bounded(stranger.mcp.session(registered["name"], timeout=20)):
                pytest.fail("a session opened with a refused key")
    assert secret not in str(caught.value)
