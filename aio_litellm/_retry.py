"""When to retry, and how long to wait: server hints first, capped; else full-jitter backoff.

Tenacity drives the loop (stop, wait, sleep); this module supplies its policy. The first attempt
runs outside tenacity (see ``_pipeline``), so the common no-retry case pays nothing for it.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ._exceptions import APIConnectionError, APIError, APIStatusError, PoolTimeoutError

if TYPE_CHECKING:
    from tenacity import RetryCallState

__all__ = ["RETRY_STATUSES", "RetryPolicy", "parse_retry_after", "retry_hint", "should_retry"]

# Statuses worth another try for any endpoint whose request can safely be sent twice.
RETRY_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504})
# For creates that must not be applied twice: statuses that say "not processed".
UNSAFE_RETRY_STATUSES = frozenset({408, 429, 503})

Sleep = Callable[[float], Awaitable[None]]

# Set by a fan-out job (``aio_litellm.bulk``) in each of its tasks: the pipeline calls it for
# every 429/503 an attempt receives, retried or not, so the job can lower its concurrency.
THROTTLE_LISTENER: ContextVar[Callable[[], None] | None] = ContextVar(
    "aio_litellm_throttle_listener", default=None
)
THROTTLE_STATUSES = frozenset({429, 503})


@dataclass(frozen=True)
class RetryPolicy:
    """How the client retries.

    ``max_retries``: attempts after the first. ``initial_backoff``/``max_backoff``: full-jitter
    exponential backoff bounds (seconds) when the server gives no hint. ``max_retry_after``: the
    longest server-requested wait honoured; a longer hint fails fast with the server's error
    instead of sleeping for minutes.
    """

    max_retries: int = 2
    initial_backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.initial_backoff < 0 or self.max_backoff < 0 or self.max_retry_after < 0:
            raise ValueError("backoff and max_retry_after must be >= 0")


def _seconds(value: str | None, now: Callable[[], float]) -> float | None:
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if parsed.tzinfo is None:
            return None
        seconds = parsed.timestamp() - now()
    if math.isnan(seconds):
        return None
    return max(seconds, 0.0)


def parse_retry_after(
    headers: Mapping[str, str], now: Callable[[], float] = time.time
) -> float | None:
    """The wait a response asks for, in seconds, or None when it names none (or nonsense).

    Reads ``retry-after-ms``, then ``retry-after`` (seconds, float, or an HTTP date), then
    LiteLLM's ``llm_provider-retry-after`` (the proxy passes a provider's hint only under that
    name). Never raises, never negative; infinity stays infinity for the caller's cap to refuse.
    """
    ms = _seconds(headers.get("retry-after-ms"), now)
    if ms is not None:
        return ms / 1000.0
    for name in ("retry-after", "llm_provider-retry-after"):
        seconds = _seconds(headers.get(name), now)
        if seconds is not None:
            return seconds
    return None


def retry_hint(exc: BaseException) -> float | None:
    """The server's requested wait carried by a status error, if any."""
    if isinstance(exc, APIStatusError):
        return parse_retry_after(exc.headers)
    return None


def should_retry(exc: BaseException, *, retry_safe: bool, policy: RetryPolicy) -> bool:
    """Whether ``exc`` deserves another attempt (the attempt budget is checked elsewhere)."""
    if isinstance(exc, APIStatusError):
        verdict = exc.headers.get("x-should-retry")
        if verdict == "false":
            return False
        hint = retry_hint(exc)
        if hint is not None and hint > policy.max_retry_after:
            return False
        if verdict == "true":
            return True
        statuses = RETRY_STATUSES if retry_safe else UNSAFE_RETRY_STATUSES
        return exc.status_code in statuses
    if isinstance(exc, PoolTimeoutError):
        return False
    if isinstance(exc, APIConnectionError):
        # Not sent (refused, DNS, connect timeout): nothing can have been applied.
        return retry_safe or not exc.sent
    return False


class HintedWait:
    """tenacity wait strategy: the server's hint when it gave one, else full-jitter backoff."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._backoff: Any = None  # built on the first retry: tenacity loads only when needed

    def __call__(self, state: RetryCallState) -> float:
        outcome = state.outcome
        exc = outcome.exception() if outcome is not None else None
        hint = retry_hint(exc) if exc is not None else None
        if hint is not None:
            return hint
        if self._backoff is None:
            from tenacity import wait_random_exponential

            policy = self._policy
            self._backoff = wait_random_exponential(
                multiplier=policy.initial_backoff, max=policy.max_backoff
            )
        return float(self._backoff(state))


def resolve_policy(retry: RetryPolicy | None, max_retries: int | None) -> RetryPolicy:
    if retry is None:
        return RetryPolicy(max_retries=2 if max_retries is None else max_retries)
    if max_retries is not None and max_retries != retry.max_retries:
        raise ValueError("pass max_retries or retry=RetryPolicy(max_retries=...), not both")
    return retry


R = TypeVar("R")


async def retry_after(
    first: APIError,
    attempt: Callable[[], Awaitable[R]],
    *,
    policy: RetryPolicy,
    retry_safe: bool,
    wait: Any,
    sleep: Callable[[float], Awaitable[None]],
    before_sleep: Callable[[RetryCallState], None],
) -> tuple[R, int]:
    """Retry a call whose first attempt (made on the fast path) failed with ``first``: tenacity
    replays that failure as attempt 1, so its wait and stop rules apply from the start. The
    result and the number of attempts after the first; a final error carries ``retries``."""
    from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

    pending: list[APIError] = [first]
    attempts = 0

    async def one() -> R:
        nonlocal attempts
        if pending:
            raise pending.pop()
        attempts += 1
        return await attempt()

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.max_retries + 1),
        wait=wait,
        retry=retry_if_exception(
            lambda exc: should_retry(exc, retry_safe=retry_safe, policy=policy)
        ),
        sleep=sleep,
        reraise=True,
        before_sleep=before_sleep,
    )
    try:
        result: R = await retrying(one)
    except APIError as exc:
        exc.retries = attempts
        raise
    return result, attempts
