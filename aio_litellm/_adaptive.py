"""A latency-based limit on requests in flight (gradient style, after Netflix's concurrency-limits
Gradient2 and Envoy's adaptive concurrency).

A proxy answers overload with growing latency long before it answers 429: past its capacity
(the knee), every extra request in flight only waits in its queue. The limit compares the
median latency of the latest window of answers (about half a limit's worth) with a baseline:
the lowest window median of the last ``memory`` seconds (forgotten after that, so a lasting
change in the server's unloaded latency is accepted):

- latency within ``tolerance`` of the baseline: no queue worth the name; grow by sqrt(limit),
  but only while the limit is actually used (at least half of it in flight);
- beyond it: ``limit * baseline / recent`` is about what the server serves without queueing;
  cut to that, by half at most in one step (one slow window must not collapse the limit).
  Cutting to the knee itself, not above it, brings the latency back to the baseline once per
  cycle, which keeps the baseline true; the limit then moves between the knee and
  ``tolerance`` times it.

Answers to requests sent before the limit last changed are not counted (they tell about the old
load). Always within [minimum, maximum]. 429/503 stay the business of ``bulk.AdaptiveLimit``
(AIMD), which cuts this limit too (``backoff()``).
"""

from __future__ import annotations

import math
import statistics
import time
from collections import deque
from collections.abc import Callable

__all__ = ["LatencyLimit"]


class LatencyLimit:
    """A concurrency limit between ``minimum`` and ``maximum`` that follows the latency.

    Call ``start()`` when a request goes out and ``done(started, in_flight)`` when it
    succeeds; time comes from ``clock``. It starts at ``initial`` (a slow start: a burst of
    ``maximum`` requests would fill the server's queue before the first answer told how
    long its unloaded latency is).
    """

    def __init__(
        self,
        maximum: int,
        *,
        minimum: int = 1,
        initial: int = 16,
        tolerance: float = 1.5,
        memory: float = 60.0,
        window: int = 16,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if maximum < 1 or minimum < 1 or minimum > maximum:
            raise ValueError("need 1 <= minimum <= maximum")
        if tolerance < 1:
            raise ValueError("tolerance must be >= 1")
        if window < 1:
            raise ValueError("window must be >= 1")
        if memory <= 0:
            raise ValueError("memory must be > 0 seconds")
        self.maximum = maximum
        self.minimum = minimum
        self.tolerance = tolerance
        self.min_window = window
        self.memory = memory
        self.limit = min(maximum, max(minimum, initial))
        self.baseline: float | None = None
        """The lowest window median latency of the last ``memory`` seconds."""
        self.recent: float | None = None
        """The latest window's median latency."""
        self._clock = clock
        self._rtts: list[float] = []
        self._busy = 0
        self._changed = -math.inf
        self._lows: deque[tuple[float, float]] = deque()

    def start(self) -> float:
        """A request goes out now: returns what ``done`` needs."""
        return self._clock()

    def done(self, started: float, in_flight: int) -> None:
        """The request sent at ``started`` succeeded; ``in_flight`` were out (itself included).

        Requests sent before the last change of the limit are not counted: they tell about the
        load before it (counting them twice is what makes a limit overshoot and collapse).
        """
        if started < self._changed:
            return
        self._rtts.append(max(self._clock() - started, 0.0))
        self._busy = max(self._busy, in_flight)
        # About half a round of answers per update: enough to average out one slow request,
        # soon enough to stop a growing queue.
        if len(self._rtts) < max(self.min_window, self.limit // 2):
            return
        # The median: one stalled answer (a pause, a slow write) must not read as a queue.
        recent = statistics.median(self._rtts)
        busy = self._busy
        self._rtts, self._busy = [], 0
        now = self._clock()
        # A monotonic queue: the minimum of the last ``memory`` seconds' windows is its head.
        lows = self._lows
        while lows and lows[-1][1] >= recent:
            lows.pop()
        lows.append((now, recent))
        while now - lows[0][0] > self.memory:
            lows.popleft()
        self.baseline = lows[0][1]
        self.recent = recent
        gradient = self.baseline / recent if recent > 0 else 1.0
        headroom = math.sqrt(self.limit)
        if gradient * self.tolerance >= 1:
            if busy * 2 < self.limit:
                return  # the limit was not used: no evidence that it is too low
            target = self.limit + headroom
        else:
            target = max(self.limit / 2, self.limit * gradient)
        self._set(int(target))

    def backoff(self) -> None:
        """Halve the limit (a 429/503 answered the current one)."""
        self._set(self.limit // 2)

    def _set(self, limit: int) -> None:
        limit = min(self.maximum, max(self.minimum, limit))
        if limit != self.limit:
            self.limit = limit
            self._changed = self._clock()
            self._rtts, self._busy = [], 0
