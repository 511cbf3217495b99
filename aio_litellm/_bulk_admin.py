"""Retry-safe creation for bulk admin: a caller-chosen identity turns "already exists" into
"done", after reading the object back to be sure it is the one this job meant."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from typing import Any, TypeVar

from ._exceptions import APIConnectionError, APIStatusError, LiteLLMError

__all__ = ["CreateConflict", "by_id", "create_verified", "differing", "same_value", "verify"]

T = TypeVar("T")

# What a create answers when the object is already there (LiteLLM: 400 for keys and teams,
# 409 for users).
_DUPLICATE = frozenset({400, 409})
# Worth another try: may not have been applied, or may have been (then the next try meets
# "already exists" and the read-back settles it).
_AGAIN = frozenset({408, 429})


class CreateConflict(LiteLLMError):
    """The object a create names (by its key, ``user_id`` or ``team_id``) already exists, with
    other values than asked for; it was left as it is.

    ``fields`` names the differing fields. Their values are not in the message: they may be
    secret.
    """

    def __init__(self, what: str, fields: Sequence[str]) -> None:
        self.fields = tuple(fields)
        super().__init__(f"{what} already exists with other values for: {', '.join(self.fields)}")


async def create_verified(
    create: Callable[[], Awaitable[T]],
    find: Callable[[], Awaitable[T | None]],
    *,
    check_success: bool = False,
    attempts: int = 3,
    backoff: float = 0.5,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Create an object whose identity the caller chose, safely repeatable.

    A timeout, dropped connection or 5xx may or may not have applied the create: it is sent
    again with the same identity. A 400/409 is checked with ``find``: if the object exists as
    asked, that is success (an earlier attempt, or an earlier run, created it). After the last
    attempt ``find`` settles whether any of them landed. ``find`` returns None when there is no
    such object and raises ``CreateConflict`` when there is one with other values.

    ``check_success``: a success is read back too, for creates that succeed whether or not the
    object existed. LiteLLM's ``/key/generate`` with a secret that is already a key leaves that
    key as it is and answers 200 with the request's values: only the stored key tells.
    """
    last: BaseException | None = None
    for attempt in range(attempts):
        try:
            created = await create()
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
        else:
            if not check_success:
                return created
            found = await find()
            return created if found is None else found
        if attempt + 1 < attempts:
            await sleep(backoff * 2**attempt)
    found = await find()
    if found is not None:
        return found
    assert last is not None
    raise last


def verify(
    what: str, spec: Mapping[str, Any], stored: Mapping[str, Any], ignore: Collection[str] = ()
) -> None:
    """Raise ``CreateConflict`` naming ``what`` if ``stored`` differs from ``spec``."""
    fields = differing(spec, stored, ignore)
    if fields:
        raise CreateConflict(what, fields)


def differing(
    spec: Mapping[str, Any], stored: Mapping[str, Any], ignore: Collection[str] = ()
) -> list[str]:
    """The fields the spec sets (not None) that the stored object has with another value.

    Fields the stored object does not return are not compared (the proxy keeps some elsewhere,
    e.g. ``duration`` as ``expires``). Lists compare as multisets, numbers as numbers (a csv
    "5" is 5.0), mappings as subsets (the proxy adds its own entries, e.g. to ``metadata``).
    """
    return [
        name
        for name, want in spec.items()
        if want is not None
        and name not in ignore
        and name in stored
        and not same_value(want, stored[name])
    ]


def same_value(want: Any, have: Any) -> bool:
    """Whether the stored ``have`` already is what ``want`` asks for: a mapping as a subset, a
    list as the same items in any order, numbers and booleans by value, empty as empty."""
    if want is None or have is None:
        return _empty(want) and _empty(have)
    if isinstance(want, Mapping):
        return isinstance(have, Mapping) and all(
            same_value(v, have.get(k)) for k, v in want.items()
        )
    if _is_list(want):
        return _is_list(have) and _same_items(list(want), list(have))
    if isinstance(want, bool) or isinstance(have, bool):
        flag = _as_bool(want)
        return flag is not None and flag == _as_bool(have)
    if isinstance(want, int | float) or isinstance(have, int | float):
        number = _as_number(want)
        return number is not None and number == _as_number(have)
    return bool(want == have)


def _same_items(want: list[Any], have: list[Any]) -> bool:
    if len(want) != len(have):
        return False
    for item in want:
        for i, candidate in enumerate(have):
            if same_value(item, candidate):
                del have[i]
                break
        else:
            return False
    return True


def _empty(value: Any) -> bool:
    return value is None or ((isinstance(value, Mapping) or _is_list(value)) and not value)


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return {"true": True, "false": False}.get(value.strip().lower())
    return None


def _as_number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def by_id(id_field: str, update: Callable[..., Awaitable[T]]) -> Callable[[Any], Awaitable[T]]:
    """One item of an ``update_many``: ``{id_field: ..., <fields>}`` -> ``update(id, **fields)``;
    an item without its id fails alone (``ValueError``)."""

    async def one(item: Mapping[str, Any]) -> T:
        fields = dict(item)
        ident = fields.pop(id_field, None)
        if not ident:
            raise ValueError(f"every update needs {id_field!r}")
        return await update(ident, **fields)

    return one
