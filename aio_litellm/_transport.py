"""The aiohttp side: the pooled session, timeouts, and turning aiohttp's errors into ours."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass

import aiohttp

from ._exceptions import APIConnectionError, APITimeoutError

__all__ = ["Timeout", "make_session", "map_transport_error", "read_body"]

# Large enough that a multi-MB embeddings body is read in few chunks; aiohttp's 64 KiB default
# throttles big responses. It is a high-water mark, not an allocation.
READ_BUFSIZE = 4 * 1024 * 1024


@dataclass(frozen=True)
class Timeout:
    """Per-attempt timeouts in seconds (None: no limit).

    ``connect``: establishing a connection (socket + TLS); time spent queueing for a free
    connection or concurrency slot is not charged to it. ``read``: the longest gap while waiting
    for response bytes. ``total``: one whole attempt of a non-streaming request, from the moment
    it holds a slot; a stream's body is bounded by ``read`` only.
    """

    total: float | None = 600.0
    connect: float | None = 5.0
    read: float | None = None

    def __post_init__(self) -> None:
        for name in ("total", "connect", "read"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"timeout {name} must be > 0 or None, not {value!r}")

    def for_aiohttp(self, *, stream: bool) -> aiohttp.ClientTimeout:
        # aiohttp's `connect` also covers waiting for a pooled connection; `sock_connect` does not.
        return aiohttp.ClientTimeout(
            total=None if stream else self.total,
            connect=None,
            sock_connect=self.connect,
            sock_read=self.read,
        )


def make_session(
    *,
    max_connections: int,
    keepalive_timeout: float,
    verify_ssl: bool | ssl.SSLContext = True,
    headers: dict[str, str] | None = None,
) -> aiohttp.ClientSession:
    """A session tuned for many concurrent requests to one proxy. Call inside the running loop."""
    connector = aiohttp.TCPConnector(
        limit=max_connections,
        limit_per_host=0,
        ttl_dns_cache=300,
        # Below uvicorn's 5 s default idle timeout, so the client closes an idle connection
        # before the server can, instead of racing it with a request.
        keepalive_timeout=keepalive_timeout,
        # True: verify certificates (the default); False only when asked; or a context of yours.
        ssl=verify_ssl,
    )
    return aiohttp.ClientSession(
        connector=connector,
        headers=headers,
        read_bufsize=READ_BUFSIZE,
        raise_for_status=False,
        auto_decompress=True,
    )


def map_transport_error(exc: BaseException, *, method: str, url: str) -> APIConnectionError | None:
    """Our error for an aiohttp/OS/timeout exception, or None when ``exc`` is not one of those.

    ``sent`` tells whether the request may have reached the server.
    """
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return APITimeoutError(
            "Timed out connecting to the proxy.", method=method, url=url, sent=False
        )
    if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return APITimeoutError(method=method, url=url, sent=True)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return APIConnectionError(
            f"Cannot connect to the proxy: {exc.os_error}", method=method, url=url, sent=False
        )
    if isinstance(exc, aiohttp.ClientPayloadError):
        return APIConnectionError(
            f"The response body was cut off: {exc}", method=method, url=url, sent=True
        )
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return APIConnectionError(
            f"Connection error: {type(exc).__name__}: {exc}", method=method, url=url, sent=True
        )
    return None


async def read_body(resp: aiohttp.ClientResponse, limit: int | None) -> bytes:
    """The whole body, refusing more than ``limit`` bytes (None: no limit) before reading it
    when the server declares its length, or as soon as it is passed when it does not."""
    if limit is None:
        return await resp.read()
    declared = resp.content_length
    if declared is not None and declared > limit:
        raise ResponseTooLarge(declared, limit)
    if declared is not None:
        return await resp.read()
    parts: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_any():
        size += len(chunk)
        if size > limit:
            raise ResponseTooLarge(size, limit)
        parts.append(chunk)
    return b"".join(parts)


class ResponseTooLarge(Exception):
    """Internal: a body over the client's ``max_response_size``."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"response body of {size:,}+ bytes exceeds max_response_size={limit:,}")
