"""A response body as the endpoint's declared result: a view, a model, a container of models,
bytes, text or plain JSON."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

import pydantic

from . import _jsonutil
from ._models import View

__all__ = ["decode_result"]


def decode_result(result: Any, content: bytes, parse: Callable[[bytes], Any] | None) -> Any:
    """``content`` as ``result`` (``parse`` first when given). A body that does not fit raises
    ``ValueError`` or ``pydantic.ValidationError``: the caller words the typed error."""
    if parse is not None:
        return parse(content)
    if isinstance(result, type) and issubclass(result, View):
        return result.model_validate(_jsonutil.loads(content))
    if isinstance(result, type) and issubclass(result, pydantic.BaseModel):
        return result.model_validate_json(content)
    if result is bytes:
        return content
    if result is str:
        return content.decode("utf-8", "replace")
    validate = _container_parser(result)
    if validate is not None:
        return validate(content)
    # Plain JSON: dict/list/scalar results, and ``request()`` without ``cast_to``.
    return _jsonutil.loads(content) if content else None


_CONTAINER_PARSERS: dict[Any, Callable[[bytes], Any] | None] = {}


def _container_parser(result: Any) -> Callable[[bytes], Any] | None:
    """A validator for a container of models (``list[Model]``, ``dict[str, Model]``), made once
    per result type; ``None`` for plain JSON (``dict[str, Any]`` ...), which is just parsed."""
    try:
        return _CONTAINER_PARSERS[result]
    except KeyError:
        pass
    except TypeError:  # pragma: no cover - an unhashable result type
        return None
    parser = pydantic.TypeAdapter(result).validate_json if _holds_model(result) else None
    _CONTAINER_PARSERS[result] = parser
    return parser


def _holds_model(tp: Any) -> bool:
    """Whether a type annotation holds a pydantic model anywhere (``list[Model | None]``)."""
    return any(
        (isinstance(arg, type) and issubclass(arg, pydantic.BaseModel)) or _holds_model(arg)
        for arg in typing.get_args(tp)
    )
