"""A response body as the endpoint's declared result: a view, a model, a container of models,
bytes, text or plain JSON."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import pydantic

from . import _jsonutil
from ._models import View

__all__ = ["decoder"]


_DECODERS: dict[Any, Callable[[bytes], Any]] = {}


def decoder(result: Any) -> Callable[[bytes], Any]:
    """The function that reads a body as ``result`` (a view, a model, a container of models,
    bytes, text or plain JSON), made once per result type. A body that does not fit raises
    ``ValueError`` or ``pydantic.ValidationError``: the caller words the typed error."""
    try:
        return _DECODERS[result]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - an unhashable result type
        return _make_decoder(result)
    made = _DECODERS[result] = _make_decoder(result)
    return made


def _make_decoder(result: Any) -> Callable[[bytes], Any]:
    if isinstance(result, type) and issubclass(result, View):
        return result._from_json
    if isinstance(result, type) and issubclass(result, pydantic.BaseModel):
        return result.model_validate_json
    if result is bytes:
        return bytes
    if result is str:
        return _text
    # Plain JSON: dict/list/scalar results, and ``request()`` without ``cast_to``.
    return _container_parser(result) or _json_or_none


def _text(content: bytes) -> str:
    return content.decode("utf-8", "replace")


def _json_or_none(content: bytes) -> Any:
    return _jsonutil.loads(content) if content else None


def _container_parser(result: Any) -> Callable[[bytes], Any] | None:
    """A validator for a container of models (``list[Model]``, ``dict[str, Model]``); ``None``
    for plain JSON (``dict[str, Any]`` ...), which is just parsed."""
    return pydantic.TypeAdapter(result).validate_json if _holds_model(result) else None


def _holds_model(tp: Any) -> bool:
    """Whether a type annotation holds a pydantic model anywhere (``list[Model | None]``)."""
    return any(
        (isinstance(arg, type) and issubclass(arg, pydantic.BaseModel)) or _holds_model(arg)
        for arg in typing.get_args(tp)
    )
