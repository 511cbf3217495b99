"""What a client shares with its ``with_options`` copies: the aiohttp session, the concurrency
slots, the rate limiter, and what ``aclose()`` must end (calls in flight, open bodies)."""

from __future__ import annotations

import asyncio
import ssl
import weakref
from typing import Any, Protocol

import aiohttp

from ._exceptions import ClientClosedError
from ._slots import Slots
from ._streaming import OpenBody
from ._transport import exact_attempts, make_session

__all__ = ["Limiter", "Pool"]


class Limiter(Protocol):
    """Anything with ``await acquire()``, such as ``aiolimiter.AsyncLimiter``."""

    async def acquire(self) -> Any: ...


class Pool:
    """What a client shares with its ``with_options`` copies: the session, the concurrency
    slots and the rate limiter. Owned (and closed) by the client that created it."""

    __slots__ = (
        "aborted",
        "closed",
        "connect_timeout",
        "keepalive_timeout",
        "limiter",
        "max_body",
        "max_connections",
        "max_event",
        "max_in_flight",
        "owns_session",
        "semaphore",
        "session",
        "streams",
        "tasks",
        "verify_ssl",
    )

    def __init__(
        self,
        *,
        session: aiohttp.ClientSession | None,
        max_connections: int,
        max_in_flight: int,
        limiter: Limiter | None,
        keepalive_timeout: float,
        verify_ssl: bool | ssl.SSLContext = True,
        max_body: int | None = None,
        max_event: int | None = None,
        connect_timeout: float | None = None,
    ) -> None:
        # A session of yours too: its hidden retries would be attempts nobody counted.
        self.session = session if session is None else exact_attempts(session)
        self.connect_timeout = connect_timeout
        self.verify_ssl = verify_ssl
        self.max_body = max_body
        self.max_event = max_event
        self.owns_session = session is None
        self.max_connections = max_connections
        self.keepalive_timeout = keepalive_timeout
        # Requests queue here, before aiohttp starts its timers, so waiting for a slot is never
        # charged to a request's timeouts.
        self.semaphore = Slots(max_in_flight)
        self.max_in_flight = max_in_flight
        self.limiter = limiter
        self.closed = False
        # What aclose() must end: tasks inside a call, and open streams (weakly: a dropped
        # stream must still be freed, and give its slot back, without anyone closing it).
        self.tasks: set[asyncio.Task[Any]] = set()
        self.aborted: set[asyncio.Task[Any]] = set()
        self.streams: weakref.WeakSet[OpenBody] = weakref.WeakSet()

    def get_session(self) -> aiohttp.ClientSession:
        session = self.session
        if session is None:
            if self.closed:
                raise ClientClosedError("the client is closed")
            session = self.session = make_session(
                max_connections=self.max_connections,
                keepalive_timeout=self.keepalive_timeout,
                verify_ssl=self.verify_ssl,
                connect_timeout=self.connect_timeout,
            )
        return session

    def stream_closed(self, stream: OpenBody) -> None:
        self.streams.discard(stream)
        self.semaphore.release()

    def took_abort(self, task: asyncio.Task[Any]) -> bool:
        """Whether ``task``'s cancellation came from ``aclose`` alone (then it is taken back)."""
        if task not in self.aborted:
            return False
        self.aborted.discard(task)
        uncancel = getattr(task, "uncancel", None)  # 3.11+: tells whether others cancelled too
        return uncancel is None or uncancel() == 0

    async def aclose(self) -> None:
        self.closed = True
        # End every call and stream in flight now; each raises ClientClosedError to its caller.
        current = asyncio.current_task()
        for task in list(self.tasks):
            if task is not current and not task.done():
                self.aborted.add(task)
                task.cancel()
        for stream in list(self.streams):
            stream._abort()
        session, self.session = self.session, None
        if session is not None and self.owns_session and not session.closed:
            await session.close()
