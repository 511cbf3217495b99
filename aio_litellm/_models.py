"""Base classes of the response models."""

from __future__ import annotations

import inspect
import types
import typing
from typing import TYPE_CHECKING, Any, ClassVar

import orjson
import pydantic
from typing_extensions import Self

if TYPE_CHECKING:
    from ._response import APIResponse

__all__ = [
    "BaseModel",
    "FromJsonText",
    "Response",
    "ResponseView",
    "ShapeError",
    "View",
]


class BaseModel(pydantic.BaseModel):
    """A response object. Unknown fields are kept (``extra="allow"``): the proxy adds fields
    faster than any client can follow, and a new field must never break a call."""

    model_config = pydantic.ConfigDict(
        extra="allow", populate_by_name=True, protected_namespaces=(), arbitrary_types_allowed=True
    )


def _from_json_text(value: Any) -> Any:
    """A JSON value the proxy sent as its text (a stored JSON column, on some write paths)
    decoded; other values, and text that is not JSON, as they are."""
    if isinstance(value, str):
        try:
            return orjson.loads(value)
        except ValueError:
            return value
    return value


FromJsonText = pydantic.BeforeValidator(_from_json_text)
"""``Annotated[dict[str, Any], FromJsonText]``: the field also accepts the value as JSON text."""


class Response(BaseModel):
    """A top-level result: also carries ``raw_response`` (status, headers, timing, retries)."""

    _raw_response: APIResponse | None = pydantic.PrivateAttr(default=None)

    @property
    def raw_response(self) -> APIResponse | None:
        """The HTTP side of the call that returned this object."""
        return self._raw_response


# -- typed views: the hot results, without validating what nobody reads -------------------

_MISSING: Any = object()
_SIMPLE = (str, int, float, bool, dict, list)


class ShapeError(ValueError):
    """A body that does not have the declared shape (raised where it is parsed, as a
    ``ValueError``: the pipeline and streams turn it into ``APIResponseValidationError``)."""


def _lazy_error(message: str) -> Exception:
    from ._exceptions import APIResponseValidationError

    # Read after the response was returned: status 0 = not known here.
    return APIResponseValidationError(
        f"unexpected response field {message}", status_code=0, body=None
    )


class _ViewList(list[Any]):
    """A list of views built from a list of objects (marks it as built)."""

    __slots__ = ()


class _Field:
    """A field that is built from its raw JSON value: a nested view, a list of them, or a
    richer type (a pydantic model, a literal) validated by a ``TypeAdapter``."""

    __slots__ = ("adapter", "built", "default", "kind", "name", "nullable", "owner", "tp", "view")

    def __init__(self, owner: type, name: str, tp: Any, kind: str, view: Any, default: Any) -> None:
        self.owner = owner
        self.name = name
        self.tp = tp
        self.kind = kind
        self.view = view
        self.default = default
        self.nullable = _is_union(tp) and type(None) in typing.get_args(tp)
        self.adapter: Any = None
        # The class of a value already built (then returned as is).
        self.built: Any = _ViewList if kind == "views" else view if kind == "view" else None

    def build(self, data: dict[str, Any], value: Any) -> Any:
        # The built value replaces the raw one in the instance's dict: read once, kept.
        if value is _MISSING:
            if self.default is _MISSING:
                raise _lazy_error(f"{self.owner.__name__}.{self.name}: missing")
            value = self.default
            return value.copy() if isinstance(value, (list, dict)) else value
        if value is None and self.nullable:
            return None
        if self.kind == "views":
            if type(value) is not list:
                raise self.error(value)
            cls = self.view
            new = cls.__new__
            items = _ViewList()
            eager = cls._build_eager if cls._eager else None
            for item in value:
                if type(item) is not dict:
                    raise self.error(item)
                if eager is not None:
                    eager(item)
                view = new(cls)
                view.__dict__ = item
                items.append(view)
            value = items
        elif self.kind == "view":
            if type(value) is not dict:
                raise self.error(value)
            value = self.view._wrap(value)
        elif isinstance(value, pydantic.BaseModel):
            return value
        else:
            value = self.validate(value)
        data[self.name] = value
        return value

    def error(self, value: Any) -> Exception:
        expected = str(self.tp).replace("typing.", "")
        return _lazy_error(
            f"{self.owner.__name__}.{self.name}: expected {expected}, got a {type(value).__name__}"
        )

    def validate(self, value: Any) -> Any:
        if self.adapter is None:
            self.adapter = pydantic.TypeAdapter(self.tp)
        try:
            return self.adapter.validate_python(value)
        except pydantic.ValidationError as exc:
            failure = exc
        raise _lazy_error(f"{self.owner.__name__}.{self.name}: {str(failure)[:500]}")


class _Nested(_Field):
    """Built when first read, then cached in the instance's dict. A data descriptor, so it
    sees the raw value there first."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        data = obj.__dict__
        value = data.get(self.name, _MISSING)
        if value.__class__ is self.built:
            return value
        return self.build(data, value)

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


class _Eager(_Field):
    """A field named in its class's ``_eager``: built when the view is made, so the instance's
    dict holds the built value and reading it is a plain attribute lookup (a non-data
    descriptor: no ``__set__``). Only called when the field is absent: its default."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return self.build(obj.__dict__, obj.__dict__.get(self.name, _MISSING))


def _classify(tp: Any) -> tuple[str, Any]:
    """("plain", None): read straight from the JSON; ("view"/"views", cls); ("adapter", None)."""
    if _is_union(tp):
        rest = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(rest) > 1:
            return ("plain", None) if all(_simple(a) for a in rest) else ("adapter", None)
        tp = rest[0]
    if tp is Any or _simple(tp):
        return "plain", None
    if isinstance(tp, type) and issubclass(tp, View):
        return "view", tp
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp) or (Any,)
        if isinstance(item, type) and issubclass(item, View):
            return "views", item
        inner = typing.get_args(item) if _is_union(item) else (item,)
        if all(a is Any or _simple(a) for a in inner):
            return "plain", None
    return "adapter", None


def _is_union(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    return origin is typing.Union or origin is types.UnionType


def _simple(tp: Any) -> bool:
    """str, int, float, bool, or a dict/list of Any: what JSON gives as is."""
    if tp in _SIMPLE:
        return True
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is dict:
        return len(args) == 2 and args[0] is str and args[1] is Any
    if origin is list:
        return args in ((), (Any,))
    return False


class View:
    """A typed result over the parsed JSON: what the hot endpoints (chat completions, stream
    chunks, key pages) return instead of a pydantic model, at a fraction of the cost.

    The parsed object *is* the instance's ``__dict__``: plain fields (strings, numbers, dicts
    and lists of Any) are read at C speed, a missing one gives its declared default. Nested
    objects become views when first read (cached), richer types (pydantic models, literals) are
    validated by pydantic when first read. Made from a body, a view checks that the body is an
    object with the required fields; a hot class also checks its hot fields' types
    (``_check``), so a malformed body fails where it is parsed. Other fields are not
    type-checked until ``validate_all()``. Unknown fields are kept: attributes, ``model_extra``.
    ``model_dump()`` gives a fresh dict. A JSON key named like a method shadows that method on
    the instance (never seen from the proxy).
    """

    __slots__ = ("__dict__",)
    _fields: ClassVar[dict[str, Any]] = {}
    _required: ClassVar[tuple[str, ...]] = ()
    _required_set: ClassVar[frozenset[str]] = frozenset()
    _eager: ClassVar[tuple[str, ...]] = ()
    """Nested fields built when the view is made (what every reader reads), so reading them
    is a plain attribute lookup."""
    _prebuilt: ClassVar[tuple[str, ...]] = ()
    """Eager fields the class's ``_check`` builds itself while checking them."""
    _to_build: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = inspect.get_annotations(cls)
        fields = dict(cls._fields)
        for name, tp in typing.get_type_hints(cls).items():
            if name.startswith("_") or typing.get_origin(tp) is ClassVar:
                continue
            if name not in own and name in fields:
                continue
            default = cls.__dict__.get(name, _MISSING)
            kind, view = _classify(tp)
            if kind != "plain":
                field = _Eager if name in cls._eager else _Nested
                setattr(cls, name, field(cls, name, tp, kind, view, default))
            fields[name] = tp
        cls._fields = fields
        cls._required = tuple(
            name for name in fields if not hasattr(cls, name) or _no_default(cls, name)
        )
        cls._required_set = frozenset(cls._required)
        cls._to_build = tuple(name for name in cls._eager if name not in cls._prebuilt)

    @classmethod
    def _check(cls, data: dict[str, Any]) -> None:
        """The check made when the view is made from a body: required fields are there. Hot
        classes add their hot fields' types; the rest is checked when read."""
        if not data.keys() >= cls._required_set:
            missing = ", ".join(n for n in cls._required if n not in data)
            raise ShapeError(f"{cls.__name__}: required field(s) missing: {missing}")

    @classmethod
    def _wrap(cls, data: dict[str, Any]) -> Self:
        if cls._to_build:
            cls._build_eager(data)
        view = cls.__new__(cls)
        view.__dict__ = data
        return view

    @classmethod
    def _from_json(cls, raw: bytes | str) -> Self:
        """A view of a response body: parsed, checked, wrapped (the pipeline's decoder for a
        view result)."""
        data = orjson.loads(raw)
        if type(data) is not dict:
            raise ShapeError(f"{cls.__name__}: expected a JSON object, got a {type(data).__name__}")
        cls._check(data)
        return cls._wrap(data)

    @classmethod
    def _build_eager(cls, data: dict[str, Any]) -> None:
        for name in cls._to_build:
            value = data.get(name, _MISSING)
            field: _Field = cls.__dict__[name] if name in cls.__dict__ else getattr(cls, name)
            if value is not _MISSING and value.__class__ is not field.built:
                field.build(data, value)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A view over ``data`` (a dict, as parsed from JSON), after the shape check."""
        if type(data) is not dict:
            raise ShapeError(f"{cls.__name__}: expected a JSON object, got a {type(data).__name__}")
        cls._check(data)
        return cls._wrap(data)

    @classmethod
    def model_validate_json(cls, raw: bytes | str) -> Self:
        """Parse (orjson) and check; raises ``ValueError`` on a body of the wrong shape."""
        return cls._from_json(raw)

    def __getattr__(self, name: str) -> Any:
        # Only for what is neither in the body nor on the class: a required field missing.
        if name in self._fields:
            raise _lazy_error(f"{type(self).__name__}.{name}: missing")
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def model_extra(self) -> dict[str, Any]:
        """The fields the model does not declare."""
        fields = self._fields
        return {k: v for k, v in self.__dict__.items() if k not in fields}

    @property
    def model_fields_set(self) -> set[str]:
        return set(self.__dict__)

    def model_dump(
        self,
        *,
        mode: str = "python",
        exclude_none: bool = False,
        exclude_unset: bool = False,
        **_: Any,
    ) -> dict[str, Any]:
        """A fresh dict: the declared fields (defaults filled in) and the unknown ones."""
        out: dict[str, Any] = orjson.loads(orjson.dumps(self.__dict__, default=_dump_default))
        return _fill(type(self), out, exclude_none, exclude_unset)

    def model_dump_json(self, **kwargs: Any) -> str:
        return orjson.dumps(self.model_dump(**kwargs)).decode()

    def validate_all(self) -> Self:
        """Check every declared field against its type, nested views included; raises
        ``APIResponseValidationError`` naming the first that does not fit."""
        for name, tp in self._fields.items():
            value = getattr(self, name)
            if isinstance(value, View):
                value.validate_all()
            elif isinstance(value, list) and value and isinstance(value[0], View):
                for item in value:
                    item.validate_all()
            elif name in self.__dict__ and not isinstance(type(self).__dict__.get(name), _Field):
                adapter = _adapter(tp)
                try:
                    adapter.validate_python(value, strict=False)
                except pydantic.ValidationError as exc:
                    raise _lazy_error(f"{type(self).__name__}.{name}: {str(exc)[:500]}") from None
        return self

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({items})"

    def __getstate__(self) -> dict[str, Any]:
        return self.__dict__

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__ = state


def _no_default(cls: type, name: str) -> bool:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            value = klass.__dict__[name]
            return isinstance(value, _Field) and value.default is _MISSING
    return True


_ADAPTERS: dict[Any, Any] = {}


def _adapter(tp: Any) -> Any:
    adapter = _ADAPTERS.get(tp)
    if adapter is None:
        adapter = _ADAPTERS[tp] = pydantic.TypeAdapter(tp)
    return adapter


def _dump_default(obj: Any) -> Any:
    if isinstance(obj, pydantic.BaseModel):
        return obj.model_dump(mode="json", exclude_unset=True)  # as it came, read or not
    if isinstance(obj, View):
        return obj.__dict__
    raise TypeError(type(obj).__name__)


def _fill(
    cls: type[View], out: dict[str, Any], exclude_none: bool, exclude_unset: bool
) -> dict[str, Any]:
    for name in cls._fields:
        value = out.get(name, _MISSING)
        attr = getattr(cls, name, _MISSING)
        if value is _MISSING:
            default = attr.default if isinstance(attr, _Field) else attr
            if not exclude_unset and default is not _MISSING:
                out[name] = default.copy() if isinstance(default, (list, dict)) else default
        elif isinstance(attr, _Field) and attr.view is not None:
            items = value if type(value) is list else [value]
            for item in items:
                if type(item) is dict:
                    _fill(attr.view, item, exclude_none, exclude_unset)
    if exclude_none:
        for key in [k for k, v in out.items() if v is None]:
            del out[key]
    return out


class ResponseView(View):
    """A top-level view: also carries ``raw_response`` (status, headers, timing, retries)."""

    __slots__ = ("_raw_response",)
    if TYPE_CHECKING:
        _raw_response: APIResponse | None

    @property
    def raw_response(self) -> APIResponse | None:
        """The HTTP side of the call that returned this object (None for a view made by
        ``model_validate``: its slot is left unset rather than set on every wrap)."""
        try:
            return self._raw_response
        except AttributeError:
            return None
