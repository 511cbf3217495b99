"""The client's concurrency slots: a FIFO semaphore whose uncontended path the pipeline takes
inline.

``asyncio.Semaphore`` costs five Python calls a request on the hot path (``locked()`` and its
generator, the ``acquire()`` coroutine, ``release()`` and its wake-up); here a free slot is
taken by two attribute operations in the caller (``if slots._value and not slots._waiters``)
and a release is one call. A released slot goes straight to the longest waiter, so nobody
barges past the queue and a waiter never wakes up to find its slot taken.
"""

from __future__ import annotations

import asyncio
from collections import deque

__all__ = ["Slots"]


class Slots:
    """``n`` slots. ``_value`` is the number free; ``_waiters`` the queued acquirers."""

    __slots__ = ("_value", "_waiters")

    def __init__(self, n: int) -> None:
        if n < 1:
            raise ValueError("Slots needs n >= 1")
        self._value = n
        self._waiters: deque[asyncio.Future[None]] = deque()

    def locked(self) -> bool:
        """Whether an ``acquire()`` now would wait."""
        return not self._value or any(not w.done() for w in self._waiters)

    async def acquire(self) -> bool:
        """Take a slot, waiting in line for one if none is free."""
        if self._value and not self._waiters:
            self._value -= 1
            return True
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed a slot, then cancelled before using it: pass it on
            elif waiter in self._waiters:  # a release may have dropped it already
                self._waiters.remove(waiter)
            raise
        return True

    def release(self) -> None:
        """Give a slot back: to the longest waiter still waiting, else to the free count."""
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._value += 1
