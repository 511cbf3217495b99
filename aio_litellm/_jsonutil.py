"""orjson in one place: every body in and out of the client goes through here."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import orjson

__all__ = ["JSONDecodeError", "dumps", "loads"]

JSONDecodeError = orjson.JSONDecodeError

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def _default(obj: Any) -> Any:
    # pydantic models passed as parameters (e.g. a reused response) serialise as their dict form.
    dump = getattr(obj, "model_dump", None)
    if dump is not None:
        return dump(mode="json", exclude_none=True)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


# Serialise to UTF-8 JSON bytes. A partial, not a def: no Python frame on every request body.
dumps: Callable[[Any], bytes] = functools.partial(orjson.dumps, default=_default, option=_OPTIONS)


loads = orjson.loads
