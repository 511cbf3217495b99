"""A rate limiter shared by every process and host that names the same budget in one Redis.

    limiter = RedisLimiter("redis://127.0.0.1:6379/0", "embed-job", rate=(100, 1))
    async with LiteLLMClient(limiter=limiter) as client: ...

The state lives in Redis and changes only inside a Lua script (GCRA: one "theoretical arrival
time" per budget, read from Redis's own clock), so workers on different hosts never disagree and
never race. Each ``acquire(amount)`` reserves the next ``amount`` units in one round trip and then
sleeps until they are due: requests leave evenly spaced, ``burst`` units at most at once, and a
waiter never loses its turn to a newcomer. An ``acquire`` cancelled while sleeping still spends
its reservation.

Redis unreachable: by default the limiter fails closed: it logs a warning, waits and tries Redis
again until it answers, so no request goes out unlimited and none is dropped. With
``fail_open=True`` it logs a warning and paces requests with a local limiter of the same rate
instead (each process then gets the whole rate to itself) and tries Redis again every
``retry_interval`` seconds. A Redis restart without persistence forgets the budget's state: the
next requests start from an idle budget.

Needs the ``redis`` extra (``pip install 'aio-litellm[redis]'``).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any

try:
    import redis.asyncio as aioredis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "aio_litellm.redis_limiter needs redis-py: pip install 'aio-litellm[redis]'"
    ) from exc

from ._closing import Closing
from ._logging import logger

__all__ = ["DEFAULT_PREFIX", "RedisLimiter"]

DEFAULT_PREFIX = "aio_litellm:rate:"

# KEYS[1]: the budget. ARGV: microseconds per unit, burst tolerance in microseconds, amount.
# Returns the microseconds the caller must wait before using what it reserved. Times are Redis's
# own (TIME), in integer microseconds: exact in a double until the year 2255.
_GCRA = """
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
local new_tat = math.ceil(tat + amount * interval)
local ttl = math.ceil((new_tat - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%d', new_tat), 'PX', ttl)
return math.ceil(wait)
"""

# What "Redis unreachable" looks like through redis-py: refused, reset, timed out.
_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

_BACKOFF_FIRST = 0.05
_BACKOFF_MAX = 2.0


class _LocalGCRA:
    """The script's arithmetic in process: the fail-open fallback, with the same pacing."""

    __slots__ = ("_clock", "_interval", "_tat", "_tolerance")

    def __init__(self, interval: float, tolerance: float, clock: Callable[[], float]) -> None:
        self._interval = interval
        self._tolerance = tolerance
        self._clock = clock
        self._tat = -math.inf

    def reserve(self, amount: float) -> float:
        now = self._clock()
        tat = max(self._tat, now)
        self._tat = tat + amount * self._interval
        return max(0.0, tat - self._tolerance - now)


class RedisLimiter(Closing):
    """Requests (or tokens) per period, shared through Redis by everyone using the same ``key``.

    ``url_or_client``: a ``redis://`` URL (the limiter opens and closes its own client) or a
    ``redis.asyncio.Redis`` you own. ``key``: the budget's name: limiters with the same key share
    one budget, different keys are independent (stored under ``prefix + key``). ``rate=(n,
    seconds)``: n units per period. ``tokens=True``: a token budget (``acquire(amount)`` with the
    tokens of a request), kept apart from the request budget of the same key. ``burst``: units
    that may leave at once after an idle spell (default 1: evenly spaced, so no window of one
    period ever holds more than ``n``, give or take one).
    """

    __slots__ = (
        "_clock",
        "_down_since",
        "_fallback",
        "_interval",
        "_owns_client",
        "_retry_after",
        "_script",
        "_sleep",
        "_tolerance",
        "client",
        "fail_open",
        "key",
        "rate",
        "retry_interval",
    )

    def __init__(
        self,
        url_or_client: str | aioredis.Redis,
        key: str,
        rate: tuple[float, float],
        *,
        tokens: bool = False,
        burst: float = 1,
        fail_open: bool = False,
        retry_interval: float = 1.0,
        prefix: str = DEFAULT_PREFIX,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        if not isinstance(key, str) or not key:
            raise ValueError("key must be a non-empty string (the budget's name)")
        if not (isinstance(rate, tuple) and len(rate) == 2):
            raise TypeError("rate must be a tuple (amount, seconds)")
        amount, period = rate
        if not (0 < amount < math.inf and 0 < period < math.inf):
            raise ValueError("rate must be (amount > 0, seconds > 0)")
        if not 1 <= burst <= amount:
            raise ValueError("burst must be between 1 and the rate's amount")
        if not retry_interval > 0:
            raise ValueError("retry_interval must be > 0")
        if isinstance(url_or_client, str):
            self.client: aioredis.Redis = aioredis.Redis.from_url(
                url_or_client, socket_timeout=5.0, socket_connect_timeout=2.0
            )
            self._owns_client = True
        elif hasattr(url_or_client, "register_script"):  # a Redis, or a cluster client
            self.client = url_or_client
            self._owns_client = False
        else:
            raise TypeError("url_or_client must be a redis:// URL or a redis.asyncio.Redis")
        self.key = f"{prefix}{key}:{'tokens' if tokens else 'requests'}"
        self.rate = (float(amount), float(period))
        self.fail_open = fail_open
        self.retry_interval = retry_interval
        self._interval = period / amount
        self._tolerance = (burst - 1) * self._interval
        self._script = self.client.register_script(_GCRA)
        self._clock = clock
        self._sleep = sleep
        self._fallback = _LocalGCRA(self._interval, self._tolerance, clock)
        self._down_since: float | None = None  # when Redis stopped answering, None while it does
        self._retry_after = -math.inf  # fail-open: when to try Redis again

    def __repr__(self) -> str:
        n, seconds = self.rate
        return f"RedisLimiter(key={self.key!r}, rate=({n:g}, {seconds:g}))"

    async def acquire(self, amount: float = 1) -> None:
        """Wait until ``amount`` units of the budget are this caller's (reserved in Redis)."""
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise TypeError("amount must be a number")
        if not 0 < amount < math.inf:
            raise ValueError("amount must be > 0")
        backoff = _BACKOFF_FIRST
        while True:
            # Fail open and Redis down: pace locally until it is time to try Redis again.
            down = self.fail_open and self._down_since is not None
            if down and self._clock() < self._retry_after:
                await self._pace_locally(amount)
                return
            try:
                wait = await self._reserve(amount)
            except _UNREACHABLE as exc:
                self._went_down(exc)
                if self.fail_open:
                    self._retry_after = self._clock() + self.retry_interval
                    await self._pace_locally(amount)
                    return
                await self._sleep(backoff)
                backoff = min(backoff * 2, _BACKOFF_MAX)
                continue
            self._came_back()
            if wait > 0:
                await self._sleep(wait)
            return

    async def _pace_locally(self, amount: float) -> None:
        wait = self._fallback.reserve(amount)
        if wait > 0:
            await self._sleep(wait)

    async def _reserve(self, amount: float) -> float:
        micros = await self._script(
            keys=[self.key], args=[repr(self._interval * 1e6), repr(self._tolerance * 1e6), amount]
        )
        return int(micros) / 1e6

    def _went_down(self, exc: BaseException) -> None:
        if self._down_since is not None:
            return
        self._down_since = self._clock()
        then = "pacing locally at the same rate" if self.fail_open else "waiting for it"
        logger.warning(
            "rate limiter %s: Redis unreachable (%s), %s", self.key, type(exc).__name__, then
        )

    def _came_back(self) -> None:
        if self._down_since is None:
            return
        logger.warning(
            "rate limiter %s: Redis reachable again after %.1f s",
            self.key,
            self._clock() - self._down_since,
        )
        self._down_since = None
        self._retry_after = -math.inf

    async def aclose(self) -> None:
        """Close the Redis client if the limiter opened it (from a URL)."""
        if self._owns_client:
            await self.client.aclose()
