"""Base class of the resource groups (``client.keys``, ``client.chat.completions`` ...)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    from ._pipeline import Pipeline

__all__ = ["Resource", "group", "id_list", "require"]

R = TypeVar("R")


class Resource:
    """A group of endpoints bound to a client; methods are thin calls into its pipeline."""

    __slots__ = ("_client",)

    def __init__(self, client: Pipeline) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class group(Generic[R]):
    """A resource group of a client (or of a parent group), imported on first access.

    ``chat: group[Chat] = group("chat:Chat")`` names ``aio_litellm.resources.chat.Chat``. The
    module is imported and the group built once per client, then kept in the owner's
    ``__dict__`` (a non-data descriptor: later reads are plain attribute lookups).
    """

    __slots__ = ("_attr", "_module", "_name")

    def __init__(self, target: str) -> None:
        module, sep, name = target.partition(":")
        if not (sep and module and name):
            raise ValueError(f"group target must be 'module:Class', not {target!r}")
        self._module = f"aio_litellm.resources.{module}"
        self._name = name
        self._attr = ""

    def __set_name__(self, owner: type[Any], attr: str) -> None:
        self._attr = attr

    def resolve(self) -> type[Any]:
        """The group's class (importing its module): for tools that walk the tree."""
        cls: type[Any] = getattr(importlib.import_module(self._module), self._name)
        return cls

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> group[R]: ...

    @overload
    def __get__(self, obj: object, owner: type[Any]) -> R: ...

    def __get__(self, obj: object | None, owner: type[Any]) -> group[R] | R:
        if obj is None:
            return self
        value: R = self.resolve()(obj._client if isinstance(obj, Resource) else obj)
        obj.__dict__[self._attr] = value
        return value


def require(method: str, params: Mapping[str, Any], *names: str) -> None:
    """Raise a clear ``TypeError`` (before any I/O) when a required parameter is missing."""
    missing = [name for name in names if _empty(params.get(name))]
    if missing:
        raise TypeError(f"{method}() missing required argument(s): {', '.join(missing)}")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple)) and not value)


def id_list(method: str, name: str, values: Sequence[str], *, empty: bool = False) -> list[str]:
    """A list of ids (non-empty unless ``empty``), refused before any I/O otherwise: a bare
    string is a sequence too, and its characters are not ids."""
    if isinstance(values, str):
        raise TypeError(f"{method}() needs a non-empty list of {name}, not a str")
    if not values and not empty:
        raise TypeError(f"{method}() needs a non-empty list of {name}")
    return list(values)
