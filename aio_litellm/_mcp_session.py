"""An MCP session through the proxy's MCP gateway, with the official ``mcp`` SDK.

``open_session(client, "github")`` connects the SDK's streamable-HTTP transport to
``{base_url}/github/mcp``, authenticates with the client's key, runs ``initialize()`` and
yields the SDK's ``ClientSession``; leaving the ``async with`` ends the MCP session and closes
its HTTP client. The SDK is an optional extra (``pip install 'aio-litellm[mcp]'``), imported
only here.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from multidict import CIMultiDict, CIMultiDictProxy

from . import _jsonutil
from ._exceptions import APIConnectionError, APIStatusError, APITimeoutError, make_status_error

if TYPE_CHECKING:
    import httpx2
    from mcp import ClientSession

    from ._pipeline import Pipeline

__all__ = ["DEFAULT_MCP_TIMEOUT", "open_session"]

DEFAULT_MCP_TIMEOUT = 30.0
"""Seconds for connecting, ``initialize()`` and each MCP request of a session."""

# The proxy reads its own key from this header first. ``Authorization`` is left to the caller:
# on the MCP routes a non-LiteLLM bearer is the token forwarded to the upstream MCP server.
_KEY_HEADER = "x-litellm-api-key"
_INSTALL_HINT = "client.mcp.session() needs the MCP SDK 2.x: pip install 'aio-litellm[mcp]'"


def open_session(
    client: Pipeline,
    server: str | None = None,
    *,
    toolset: str | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float | None = DEFAULT_MCP_TIMEOUT,
) -> AbstractAsyncContextManager[ClientSession]:
    """An initialized MCP ``ClientSession`` through the proxy, for ``async with``.

    ``server``: an MCP server's name or alias on the proxy (``/{server}/mcp``; ``"a,b"``
    joins several). ``toolset``: a toolset instead (``/toolset/{toolset}/mcp``). Neither: the
    gateway's ``/mcp`` with every server the key may use (narrow it with an ``x-mcp-servers``
    header). ``headers`` are sent on every MCP request (e.g. ``x-mcp-{server}-authorization``
    for the upstream server). ``timeout`` bounds connecting, ``initialize()``, each request and
    the closing; the server's notification stream is dropped after that long idle.
    """
    path = _session_path(server, toolset)
    if timeout is not None and not (timeout > 0 and math.isfinite(timeout)):
        raise ValueError(f"timeout must be a positive number of seconds or None, not {timeout!r}")
    extra = dict(headers or {})
    for name, value in extra.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError("headers must map str names to str values")
    client._check_open()
    try:
        import httpx2  # noqa: F401
        import mcp  # noqa: F401
    except ImportError as exc:
        raise ImportError(_INSTALL_HINT) from exc

    sent = {**client.default_headers, **extra}
    if client.api_key:
        sent[_KEY_HEADER] = f"Bearer {client.api_key}"
    return _session(client, client.base_url + path, sent, timeout)


@contextlib.asynccontextmanager
async def _session(
    client: Pipeline, url: str, headers: dict[str, str], timeout: float | None
) -> AsyncIterator[ClientSession]:
    import anyio
    import httpx2
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    refusal = _Refusal(client)
    # httpx2's timeouts bound each HTTP exchange, the closing DELETE included; the session's
    # read timeout each MCP request.
    http = httpx2.AsyncClient(
        headers=headers,
        timeout=httpx2.Timeout(timeout),
        verify=client._pool.verify_ssl,
        event_hooks={"response": [refusal]},
    )
    opened = False
    failure: BaseException | None = None
    try:
        async with contextlib.AsyncExitStack() as stack:
            await stack.enter_async_context(http)
            read, write = await stack.enter_async_context(
                streamable_http_client(url, http_client=http)
            )
            mcp = await stack.enter_async_context(
                ClientSession(read, write, read_timeout_seconds=timeout)
            )
            # The SDK's task groups must be left in the order they were entered: only
            # initialize() gets a deadline scope of its own.
            with anyio.fail_after(timeout):
                await mcp.initialize()
            opened = True
            yield mcp
    except Exception as exc:
        # The SDK's task groups wrap one failure in groups of one: hand over that failure.
        inner = _unwrap(exc)
        failure = inner if opened else _opening_error(inner, refusal, client._redactor.url(url))
        if failure is not inner:
            failure.__cause__ = inner
    if failure is not None:
        # Raised out of the handler, so it keeps its own context rather than the groups.
        raise failure


class _Refusal:
    """Keeps the first error response the proxy sent (an httpx2 response hook), so a session
    that fails to open raises the typed error of its status, not the SDK's generic one."""

    __slots__ = ("client", "error")

    def __init__(self, client: Pipeline) -> None:
        self.client = client
        self.error: APIStatusError | None = None

    async def __call__(self, response: httpx2.Response) -> None:
        if response.status_code < 400 or self.error is not None:
            return
        content = await response.aread()
        body: Any
        try:
            body = _jsonutil.loads(content) if content else None
        except _jsonutil.JSONDecodeError:
            body = content.decode("utf-8", "replace")
        redact = self.client._redactor
        self.error = make_status_error(
            response.status_code,
            CIMultiDictProxy(CIMultiDict(response.headers.multi_items())),
            body,
            method=response.request.method,
            url=redact.url(str(response.request.url)),
            redact=redact,
        )


def _unwrap(exc: BaseException) -> BaseException:
    while True:
        inner = getattr(exc, "exceptions", None)
        if not isinstance(inner, tuple) or len(inner) != 1:
            return exc
        exc = inner[0]


def _leaves(exc: BaseException) -> list[BaseException]:
    inner = getattr(exc, "exceptions", None)
    if not isinstance(inner, tuple):
        return [exc]
    return [leaf for one in inner for leaf in _leaves(one)]


# httpx2's timeouts (by name: the SDK is an optional extra); whichever deadline fires first
# under load, the session's or one request's, it is the same failure to the caller.
_TIMEOUTS = frozenset({"ReadTimeout", "WriteTimeout", "PoolTimeout", "TimeoutException"})


def _opening_error(exc: BaseException, refusal: _Refusal, url: str) -> BaseException:
    if refusal.error is not None:
        return refusal.error
    leaves = _leaves(exc)
    if any(isinstance(e, TimeoutError) or type(e).__name__ in _TIMEOUTS for e in leaves):
        return APITimeoutError(f"the MCP session did not open in time ({url})", url=url)
    name = type(exc).__name__
    if name in ("ConnectError", "ConnectTimeout"):  # httpx2's, before any byte was sent
        return APIConnectionError(f"cannot connect to {url}: {exc}", url=url, sent=False)
    return exc


def _session_path(server: str | None, toolset: str | None) -> str:
    if server is not None and toolset is not None:
        raise ValueError("pass server or toolset, not both")
    if toolset is not None:
        return f"/toolset/{_segment('toolset', toolset)}/mcp"
    if server is not None:
        return f"/{_segment('server', server)}/mcp"
    return "/mcp"


def _segment(what: str, name: str) -> str:
    """``name`` escaped as one path segment, refused when the proxy could not route it."""
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a str, not {type(name).__name__}")
    # The proxy's router decodes %2F before matching, so a name with '/' never reaches
    # /{name}/mcp; '.' and '..' would be collapsed by URL normalisation.
    if not name.strip() or name in (".", "..") or "/" in name:
        raise ValueError(f"{what} must be a non-empty name without '/', got {name!r}")
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
        raise ValueError(f"{what} must not contain control characters")
    return quote(name, safe=",")
