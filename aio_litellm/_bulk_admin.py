"""Retry-safe creation for bulk admin: a caller-chosen identity turns "already exists" into
"done", after reading the object back to be sure it is the one this job meant."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from ._exceptions import APIConnectionError, APIStatusError

__all__ = ["create_verified", "matches"]

T = TypeVar("T")

# What a create answers when the object is already there (LiteLLM: 400 for keys and teams,
# 409 for users).
_DUPLICATE = frozenset({400, 409})
# Worth another try: may not have been applied, or may have been (then the next try meets
# "already exists" and the read-back settles it).
_AGAIN = frozenset({408, 429})


async def create_verified(
    create: Callable[[], Awaitable[T]],
    find: Callable[[], Awaitable[T | None]],
    *,
    attempts: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Create an object whose identity the caller chose, safely repeatable.

    A timeout, dropped connection or 5xx may or may not have applied the create: it is sent
    again with the same identity. A 400/409 is checked with ``find``: if the object exists as
    asked, that is success (an earlier attempt, or an earlier run, created it). After the last
    attempt ``find`` settles whether any of them landed.
    """
    last: BaseException | None = None
    for attempt in range(attempts):
        try:
            return await create()
        except APIStatusError as exc:
            if exc.status_code in _DUPLICATE:
                found = await find()
                if found is not None:
                    return found
                raise
            if exc.status_code < 500 and exc.status_code not in _AGAIN:
                raise
            last = exc
        except APIConnectionError as exc:
            last = exc
        if attempt + 1 < attempts:
            await sleep(backoff * 2**attempt)
    found = await find()
    if found is not None:
        return found
    assert last is not None
    raise last


def matches(spec: Mapping[str, Any], stored: Mapping[str, Any], fields: tuple[str, ...]) -> bool:
    """Whether the stored object has the spec's values for ``fields`` (those the spec sets)."""
    return all(stored.get(name) == spec[name] for name in fields if spec.get(name) is not None)
