"""A limit on requests in flight that finds what the proxy serves: more in flight while it pays
in answers per second, fewer when latency grows without them (after TCP BBR's probing and Envoy's
adaptive concurrency, measured on the real proxy rather than a model of it).

A proxy answers overload with growing latency long before it answers 429: past its capacity,
every extra request in flight only waits in its queue. But a real proxy is not one queue: its
latency grows from the first requests in flight while its throughput grows too, up to many
more (the local LiteLLM proxy, one sweep: 40 answers/s at 16 in flight with p99 0.7 s, 66 at
64 with 1.3 s, 66 at 1,024 with 22 s). A limit that holds the latency near its unloaded value
holds such a proxy at a fraction of what it serves; so this one watches the throughput and
uses latency as the brake:

- **probe up**: from ``initial``, double the limit while the throughput of a window at the
  new limit beats the previous one by an elasticity of ``min_gain`` (0.1: 7% more answers a
  second for twice the requests in flight). When it does not, **probe down**: halve the limit
  while that costs less than the same elasticity (a server whose throughput does not need
  them gets fewer requests in flight), then hold the last limit that paid.
- **hold**: keep the limit; its window's median latency is the reference. Latency beyond
  ``tolerance`` times the reference (the proxy slowed down, or others load it) cuts the limit
  in proportion (to half at most), window after window until it is back within the tolerance.
  Every ``probe_every`` seconds it probes again.

A window is at least ``window`` answers, as many as the limit, ``min_seconds`` and ``cycles``
latencies long (two during the first climb, so that a slow model's 2 s answers do not make it
last a short job's whole life). The local proxy answers in rounds (the requests in flight come
back together, one latency apart: 64 answers in one second, 128 in the next, none in a third),
so a window of one or two rounds measures where it happens to close; whole rounds, counted from
the first answer of one round to the first of another, measure the throughput. A window opens at
the first answer to a request sent under the current limit (after a cut, the larger old limit's
answers still drain: counted, they would credit the new limit with the old one's throughput);
its latency is the median of the answers to requests sent under the limit.
Always within [minimum, maximum]. 429/503 stay the business of ``bulk.AdaptiveLimit`` (AIMD),
which cuts this limit too (``backoff()``, then hold).

The proxy's throughput also swings with its own background work (batched database writes:
at 8 in flight it served 86 answers/s in one window, at 16 in flight 8/s in another), so
decisions stay noisy; ``BulkRunner`` therefore starts this limit at its default concurrency and
never lets latency alone take it lower (``bulk.LATENCY_FLOOR``).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable

__all__ = ["LatencyLimit"]


class LatencyLimit:
    """A concurrency limit between ``minimum`` and ``maximum`` that follows throughput and
    latency (see the module).

    Call ``start()`` when a request goes out and ``done(started, in_flight)`` when it
    succeeds; time comes from ``clock``. It starts at ``initial`` (a slow start: a burst of
    ``maximum`` requests would fill the server's queue before the first answer told anything).
    """

    def __init__(
        self,
        maximum: int,
        *,
        minimum: int = 1,
        initial: int = 16,
        tolerance: float = 2.0,
        min_gain: float = 0.1,
        window: int = 16,
        min_seconds: float = 1.0,
        cycles: float = 4.0,
        probe_every: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if maximum < 1 or minimum < 1 or minimum > maximum:
            raise ValueError("need 1 <= minimum <= maximum")
        if tolerance < 1:
            raise ValueError("tolerance must be >= 1")
        if min_gain <= 0:
            raise ValueError("min_gain must be > 0")
        if window < 1:
            raise ValueError("window must be >= 1")
        if min_seconds < 0 or cycles < 0 or probe_every <= 0:
            raise ValueError("min_seconds and cycles must be >= 0 and probe_every > 0")
        self.maximum = maximum
        self.minimum = minimum
        self.tolerance = tolerance
        self.min_gain = min_gain
        self.min_window = window
        self.min_seconds = min_seconds
        self.cycles = cycles
        # The first climb (BBR's startup) decides on two rounds a window: on a slow model
        # (2 s answers) four rounds a doubling would take a short job's whole life to climb.
        # Any step back (a probe that did not pay, a hold) ends it.
        self._cycles = min(2.0, cycles)
        self.probe_every = probe_every
        self.limit = min(maximum, max(minimum, initial))
        self.phase = "up"
        """"up" or "down" while probing, "hold" between probes."""
        self.reference: float | None = None
        """While holding: the median latency the limit is held at."""
        self.recent: float | None = None
        """The latest window's median latency."""
        self.rate: float | None = None
        """The latest window's answers per second."""
        self.windows = 0
        """Windows measured so far."""
        self._clock = clock
        self._base: tuple[int, float] | None = None  # (limit, rate) the probe started from
        # The best rate of each limit over the last few probes: one window is noisy, and a
        # probe must beat what its base limit can do, not its base's worst window. (Against
        # the median of its last windows, the limit climbed on noise to 256 and 512 through
        # the local proxy, p99 9 to 22 s, for no more answers a second.)
        self._best: dict[int, tuple[float, float]] = {}  # limit -> (rate, when)
        self._next_probe = 0.0
        self._changed = clock()  # the limit's last change
        self._opened = math.inf  # the window's start: its first answer
        self._rtts: list[float] = []
        self._rtt_sum = 0.0
        self._answers = 0  # answers since the window opened
        self._busy = 0

    def start(self) -> float:
        """A request goes out now: returns what ``done`` needs."""
        return self._clock()

    def done(self, started: float, in_flight: int) -> None:
        """The request sent at ``started`` succeeded; ``in_flight`` were out (itself included)."""
        now = self._clock()
        if started < self._changed:
            # Only the answers to requests sent since the change tell the latency of the limit;
            # once its window is open, every answer counts for the throughput.
            self._answers += self._opened <= now
            return
        if self._opened > now:
            # The first answer to the new limit: the old limit's requests are (mostly) in, and
            # the window opens. (Sooner, a cut would count the old, larger limit's answers.)
            self._opened = now
        else:
            self._answers += 1
        rtt = max(now - started, 0.0)
        self._rtts.append(rtt)
        self._rtt_sum += rtt
        self._busy = max(self._busy, in_flight)
        mean_rtt = self._rtt_sum / len(self._rtts)
        if (
            self._answers < max(self.min_window, self.limit)
            or len(self._rtts) < self.min_window
            or now - self._opened < max(self.min_seconds, self._cycles * mean_rtt)
        ):
            return
        rtts, busy = self._rtts, self._busy
        self.windows += 1
        # Answers per second since the window opened. (Little's law over the window's own
        # requests would overstate it: a window closes on the fastest answers of a slow,
        # unfair server.)
        self.rate = rate = self._answers / (now - self._opened) if now > self._opened else 0.0
        self._rtts, self._rtt_sum, self._busy, self._answers = [], 0.0, 0, 0
        self._opened = now
        # The median: one stalled answer (a pause, a slow write) must not read as a queue.
        self.recent = recent = statistics.median(rtts)
        if busy * 2 < self.limit:
            return  # the callers, not the limit, set the pace: no evidence either way
        best = self._best.get(self.limit)
        if best is None or best[0] <= rate or now - best[1] > 3 * self.probe_every:
            self._best[self.limit] = (rate, now)
        if self.phase == "hold":
            self._hold(rate, recent, now)
            return
        base = self._base
        if base is not None and rate < base[1] * float((self.limit / base[0]) ** self.min_gain):
            # Up: more in flight bought too little; down: fewer in flight cost too much.
            # Back to the base, and hold there (after an up-probe, try fewer first).
            self._cycles = self.cycles
            if self.phase == "up" and self._probe("down", base[0], base[0] // 2):
                return
            self._set(base[0])
            self._enter_hold(now)
            return
        # Paid (or the first window): on in the same direction.
        step = self.limit * 2 if self.phase == "up" else self.limit // 2
        if not self._probe(self.phase, self.limit, step):
            self._enter_hold(now)

    def _hold(self, rate: float, recent: float, now: float) -> None:
        if self.reference is None:
            self.reference = recent
        elif recent > self.tolerance * self.reference:
            # Slower at the same limit (the proxy slowed down, or others load it): cut in
            # proportion, keeping the reference until the next probe finds the new level.
            self._set(int(max(self.limit / 2, self.limit * self.reference / recent)))
        elif now >= self._next_probe and not self._probe("up", self.limit, self.limit * 2):
            self._probe("down", self.limit, self.limit // 2)
            self._next_probe = now + self.probe_every

    def _probe(self, phase: str, base: int, target: int) -> bool:
        """Try ``target`` from ``base`` (False when the bounds leave nothing to try)."""
        target = min(self.maximum, max(self.minimum, target))
        if target == base:
            return False
        self.phase = phase
        self._base = (base, self._best.get(base, (0.0, 0.0))[0])
        self._set(target)
        return True

    def _enter_hold(self, now: float) -> None:
        self._cycles = self.cycles
        self.phase = "hold"
        self.reference = None
        self._next_probe = now + self.probe_every

    def backoff(self) -> None:
        """Halve the limit (a 429/503 answered the current one) and hold there."""
        self._set(self.limit // 2)
        self._enter_hold(self._clock())

    def _set(self, limit: int) -> None:
        limit = min(self.maximum, max(self.minimum, limit))
        if limit != self.limit:
            self.limit = limit
            self._changed = self._clock()
            self._opened = math.inf  # until the first answer to the new limit
            self._rtts, self._rtt_sum, self._busy, self._answers = [], 0.0, 0, 0
