"""Typed results decoded straight from bytes: the per-chunk types of streams.

A ``StructView`` is a ``msgspec.Struct``: ``msgspec`` checks a body against the declared types
and builds the objects in one C pass, faster than ``orjson.loads`` builds plain dicts. Two
things it does not do are added here, at no cost to a body that needs neither:

- **Unknown fields are kept.** A body is first decoded by the class's *strict* twin (a subclass
  that refuses unknown fields: the common case, nothing extra to do). A body with fields the
  class does not declare is decoded leniently and its unknown fields, read from the parsed
  JSON, become instance attributes (``model_extra``), at every level.
- **The pydantic-like surface** the other results have: ``model_validate``,
  ``model_validate_json``, ``model_dump``, ``model_extra``, ``validate_all``.

Errors come as ``ShapeError`` (a ``ValueError``) naming the path (``$.choices[0].delta``).
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

import msgspec
import orjson

from ._models import ShapeError

__all__ = ["StructView", "strict_twin"]

S = TypeVar("S", bound="StructView")


class StructView(msgspec.Struct, dict=True, omit_defaults=False):
    """Base of the stream chunk types (see the module docstring)."""

    _strict: ClassVar[type[StructView] | None] = None
    _lenient: ClassVar[type[StructView] | None] = None  # set on a strict twin
    _decoders: ClassVar[dict[type[Any], tuple[Any, Any]]] = {}

    @classmethod
    def model_validate_json(cls: type[S], raw: bytes | str) -> S:
        """Decode and check a JSON body; unknown fields kept."""
        try:
            return _decoders(cls)[0].decode(raw)  # type: ignore[no-any-return]
        except msgspec.DecodeError as exc:
            return cls.refused(raw, exc)

    @classmethod
    def refused(cls: type[S], raw: bytes | str, exc: msgspec.DecodeError) -> S:
        """What follows the strict twin refusing ``raw`` with ``exc``: a body with unknown
        fields is decoded leniently and keeps them; anything else is a ``ShapeError``."""
        if not isinstance(exc, msgspec.ValidationError):
            raise ShapeError(f"{cls.__name__}: malformed JSON: {exc}") from None
        if "unknown field" not in str(exc):
            raise ShapeError(f"{cls.__name__}: {exc}") from None
        value: S = _decoders(cls)[1].decode(raw)
        _keep_extra(value, orjson.loads(raw))
        return value

    @classmethod
    def model_validate(cls: type[S], obj: Any) -> S:
        """Check a parsed object (a dict, or an instance, returned as it is)."""
        if isinstance(obj, cls):
            return obj
        try:
            raw = orjson.dumps(obj)
        except TypeError as exc:
            raise ShapeError(f"{cls.__name__}: {exc}") from None
        return cls.model_validate_json(raw)

    @property
    def model_extra(self) -> dict[str, Any]:
        """The fields the body had that the class does not declare."""
        extra = getattr(self, "__dict__", None)
        return dict(extra) if extra else {}

    def model_dump(self, **_: Any) -> dict[str, Any]:
        """A fresh dict of the declared fields (nested results as dicts) and unknown ones."""
        out = {name: _dump(getattr(self, name)) for name in self.__struct_fields__}
        out.update({k: _dump(v) for k, v in self.model_extra.items()})
        return out

    def model_dump_json(self, **kwargs: Any) -> str:
        return orjson.dumps(self.model_dump(**kwargs)).decode()

    def __eq__(self, other: object) -> bool:
        # A body decoded by the strict twin equals the same body with the lenient class.
        if not isinstance(other, StructView) or _family(self) is not _family(other):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def validate_all(self: S) -> S:
        """Every declared field was checked when the body was decoded: returns itself."""
        return self


def strict_twin(cls: type[S], **overrides: Any) -> type[S]:
    """``cls``'s strict twin, with the same name: a subclass refusing unknown fields. Fields
    holding nested results are re-declared with their strict twins (``overrides``: a type, or
    ``(type, default)``)."""
    fields = [
        (name, *spec) if isinstance(spec, tuple) else (name, spec)
        for name, spec in overrides.items()
    ]
    twin: Any = msgspec.defstruct(
        cls.__name__, fields, bases=(cls,), forbid_unknown_fields=True, module=cls.__module__
    )
    cls._strict = twin
    twin._lenient = cls
    return twin  # type: ignore[no-any-return]


def _family(value: StructView) -> type[StructView]:
    return type(value)._lenient or type(value)


def _decoders(cls: type[Any]) -> tuple[Any, Any]:
    found = StructView._decoders.get(cls)
    if found is None:
        found = (msgspec.json.Decoder(cls._strict or cls), msgspec.json.Decoder(cls))
        StructView._decoders[cls] = found
    return found


def _keep_extra(value: Any, data: Any) -> None:
    """Set the unknown fields of ``data`` on ``value``, walking the nested results alike."""
    if isinstance(value, StructView) and isinstance(data, dict):
        fields = value.__struct_fields__
        encoded = value.__struct_encode_fields__
        for key, item in data.items():
            if key in encoded:
                _keep_extra(getattr(value, fields[encoded.index(key)]), item)
            else:
                setattr(value, key, item)
    elif isinstance(value, list) and isinstance(data, list):
        for one, raw in zip(value, data, strict=False):
            _keep_extra(one, raw)


def _dump(value: Any) -> Any:
    if isinstance(value, StructView):
        return value.model_dump()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value
