"""Exact token counts from the proxy's own tokenizers (``POST /utils/token_counter``).

The batch helpers batch and rate-limit by a local estimate (about 4 characters a token), which
costs nothing but can be off by half for code or non-Latin text. Asked for exact counts, they
use a ``TokenCounter``: one counting call per distinct text (cached), ``concurrency`` at a time,
read ahead of the batching so the requests still go out back to back.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._pipeline import Pipeline

from .resources.utils import TOKEN_COUNTER

__all__ = ["TokenCounter"]


class TokenCounter:
    """Counts the tokens of texts for ``model`` with the proxy's tokenizer for it."""

    def __init__(
        self,
        client: Pipeline,
        model: str,
        *,
        concurrency: int = 8,
        cache_size: int = 65_536,
    ) -> None:
        if not model or not isinstance(model, str):
            raise TypeError("TokenCounter needs model=<str>")
        if concurrency < 1 or cache_size < 0:
            raise ValueError("concurrency must be >= 1 and cache_size >= 0")
        self._client = client
        self._model = model
        self._gate = asyncio.Semaphore(concurrency)
        self._cache: OrderedDict[str, int] = OrderedDict()
        self._cache_size = cache_size
        self._pending: dict[str, asyncio.Future[int]] = {}
        self.calls = 0
        """Counting calls made (cache hits make none)."""

    async def count(self, text: str) -> int:
        """The number of tokens ``text`` is for the model (as a prompt)."""
        if not isinstance(text, str):
            raise TypeError(f"can only count a str, not {type(text).__name__}")
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        pending = self._pending.get(text)
        if pending is not None:  # the same text is being counted: one call for both
            return await asyncio.shield(pending)
        task = asyncio.ensure_future(self._ask(text))
        self._pending[text] = task
        try:
            count = await asyncio.shield(task)
        finally:
            self._pending.pop(text, None)
        if self._cache_size:
            self._cache[text] = count
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return count

    async def _ask(self, text: str) -> int:
        async with self._gate:
            self.calls += 1
            answer = await self._client._call(
                TOKEN_COUNTER, json={"model": self._model, "prompt": text}
            )
        if answer.error:
            raise ValueError(f"the proxy could not count tokens: {answer.error_message}")
        return answer.total_tokens

    async def count_many(self, texts: Sequence[str]) -> list[int]:
        """Every text's count, in order (counted concurrently)."""
        return list(await asyncio.gather(*(self.count(text) for text in texts)))
