"""The aiohttp side: the pooled session, timeouts, and turning aiohttp's errors into ours."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass

import aiohttp

from ._exceptions import APIConnectionError, APITimeoutError

__all__ = ["Timeout", "exact_attempts", "make_session", "map_transport_error", "read_body"]

# Large enough that a multi-MB embeddings body is read in few chunks; aiohttp's 64 KiB default
# throttles big responses. It is a high-water mark, not an allocation.
READ_BUFSIZE = 4 * 1024 * 1024


@dataclass(frozen=True)
class Timeout:
    """Timeouts in seconds (None: no limit). Every call is bounded by default.

    ``total``: a non-streaming attempt from the moment it asks for a concurrency slot to the
    end of its body; for a stream, the wait for a slot. Time spent queueing for a slot counts
    (``PoolTimeoutError`` when none frees up in time). ``connect``: establishing a connection
    (socket + TLS); queueing is never charged to it. ``read``: the longest silence while
    waiting for response bytes. For a stream it bounds every silence, the wait for the headers
    and each gap between chunks, and defaults to ``total`` when None, so a hung stream always
    ends (a stream as a whole may last longer). ``Timeout(total=None)`` with ``read=None``
    lifts every bound but ``connect``.
    """

    total: float | None = 600.0
    connect: float | None = 5.0
    read: float | None = None

    def __post_init__(self) -> None:
        for name in ("total", "connect", "read"):
            value = getattr(self, name)
            if value is not None and not value > 0:
                raise ValueError(f"timeout {name} must be > 0 or None, not {value!r}")

    @property
    def stream_read(self) -> float | None:
        """The idle bound between a stream's chunks."""
        return self.read if self.read is not None else self.total

    def for_aiohttp(self, *, stream: bool, total: float | None = None) -> aiohttp.ClientTimeout:
        """aiohttp's timeouts for one attempt; ``total`` overrides what is left of ours."""
        # aiohttp's `connect` also covers waiting for a pooled connection; `sock_connect` does not.
        if stream:
            # aiohttp's total would bound the whole body: a stream gets its idle bound instead.
            return aiohttp.ClientTimeout(
                total=None, connect=None, sock_connect=self.connect, sock_read=self.stream_read
            )
        return aiohttp.ClientTimeout(
            total=self.total if total is None else total,
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
    connect_timeout: float | None = None,
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
    session = aiohttp.ClientSession(
        connector=connector,
        headers=headers,
        read_bufsize=READ_BUFSIZE,
        raise_for_status=False,
        auto_decompress=True,
        # Requests pass their own timeouts; this default bounds what cannot (a WebSocket
        # handshake's connect), with the client's connect bound rather than aiohttp's 30 s.
        timeout=aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout),
    )
    return exact_attempts(session)


def exact_attempts(session: aiohttp.ClientSession) -> aiohttp.ClientSession:
    """Turn off aiohttp's hidden retry on ``session``, so each attempt the pipeline counts,
    logs and rate-limits is exactly one request on the wire.

    aiohttp sends a GET, HEAD, OPTIONS, TRACE, PUT or DELETE a second time, unseen, when its
    connection is dropped or reset before the answer: under ``max_retries=2`` a request the
    server keeps resetting arrived 6 times, not 3. Now that failure reaches the pipeline,
    which retries it under its own policy (a stale pooled connection costs one counted retry).
    """
    # A private flag but a declared slot of ClientSession, and the one aiohttp's own test
    # client clears; tests/test_attempts.py counts requests on the wire should it ever move.
    session._retry_connection = False
    return session


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
    """The whole body, refusing more than ``limit`` decoded bytes (None: no limit).

    A declared length of an unencoded body is checked before reading; a compressed body is
    counted as it inflates, so a small gzip bomb cannot get past the limit.
    """
    if limit is None:
        return await resp.read()
    declared = resp.content_length
    encoding = resp.headers.get("Content-Encoding")
    if declared is not None and (not encoding or encoding.lower() == "identity"):
        if declared > limit:
            raise ResponseTooLarge(declared, limit)
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
