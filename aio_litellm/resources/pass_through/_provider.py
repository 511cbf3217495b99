"""The shape every pass-through provider shares: raw verbs below a fixed prefix.

``client.pass_through.<provider>.post("v1/messages", json=...)`` sends ``POST
/<provider>/v1/messages`` with the client's key, retries, timeouts and typed errors. The caller's
path is checked by ``sub_path`` first, so it can only reach routes below the provider's prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar, cast, overload

from typing_extensions import Unpack

from ... import _jsonutil
from ..._endpoint import Endpoint, escape_segment, format_path
from ..._pipeline import BodyOptions, RequestOptions
from ..._resource import Resource, group, require
from ..._results import decoder
from ..._streaming import Download, Stream
from ..._urls import SubPath, sub_path

__all__ = [
    "FullProvider",
    "ProviderPart",
    "PassThroughOptions",
    "Provider",
    "checked_body",
    "part",
    "provider_routes",
    "raw_frame",
    "sse_or_json",
]

T = TypeVar("T")
C = TypeVar("C")
R = TypeVar("R")

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def provider_routes(
    path: str, attr: str, verbs: tuple[str, ...] = VERBS
) -> dict[str, Endpoint[Any]]:
    """One ``Endpoint`` per verb of a provider's catch-all route (``/anthropic/{endpoint:path}``),
    its method ``<attr>.<verb>``. POST and PATCH are not retried once they may have been sent:
    what the provider does with them is not known."""
    return {
        verb: Endpoint(verb, path, Any, f"{attr}.{verb.lower()}", retry_safe=verb in _IDEMPOTENT)
        for verb in verbs
    }


_IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})


PassThroughOptions = BodyOptions
"""What a pass-through call sends besides its method and path."""


class Provider(Resource):
    """Raw GET and POST below one provider's prefix; ``stream`` reads server-sent events and
    ``open`` any other body as it arrives."""

    __slots__ = ()

    routes: ClassVar[Mapping[str, Endpoint[Any]]]
    """Verb -> the catch-all endpoint (``provider_routes``)."""

    def _auth_headers(self) -> Mapping[str, str] | None:
        """Headers a provider's route reads the proxy key from, besides ``Authorization``."""
        return None

    def _route(self, method: str) -> Endpoint[Any]:
        ep = self.routes.get(method.upper())
        if ep is None:
            raise ValueError(
                f"{type(self).__name__} pass-through has no {method.upper()} route "
                f"(it has {', '.join(self.routes)})"
            )
        return ep

    def _prepare(
        self, ep: Endpoint[Any], path: str | SubPath | None, options: PassThroughOptions
    ) -> RequestOptions:
        """``client.request`` options for ``ep``: its one path parameter filled from ``path``
        (``{x:path}`` takes several segments, checked; ``{x}`` exactly one), the provider's
        auth headers added, the endpoint's retry safety unless the caller chose."""
        request = cast(RequestOptions, dict(options))
        if ep.params:
            name = ep.params[0]
            value = (
                sub_path(path, name) if ep.path.endswith(":path}") else escape_segment(path, name)
            )
            request["path_params"] = {name: SubPath(value)}
        auth = self._auth_headers()
        if auth:
            request["headers"] = {**auth, **(options.get("headers") or {})}
        if options.get("retry_safe") is None:
            request["retry_safe"] = ep.retry_safe
        return request

    @staticmethod
    def _path(template: str, **values: str | int) -> SubPath:
        """A sub-path for a typed method: ``_path("model/{model}/converse", model=m)``, each
        value escaped as one segment (a model id with ``/`` or ``:`` stays one)."""
        return SubPath(format_path(template, values))

    async def _open_sse(
        self,
        method: str,
        path: str | SubPath,
        parse: Callable[[bytes], T],
        options: PassThroughOptions,
    ) -> Stream[T]:
        """A server-sent-events answer, each event's data typed by ``parse``."""
        client = self._client
        ep = self._route(method)
        req = client._build_options(
            ep.method, ep.path, self._prepare(ep, path, options), stream=True
        )
        return await client._open_stream(req, parse)

    async def _send(
        self,
        ep: Endpoint[Any],
        path: str | SubPath | None,
        cast_to: Any,
        options: PassThroughOptions,
    ) -> Any:
        client = self._client
        req = client._build_options(
            ep.method, ep.path, self._prepare(ep, path, options), stream=False
        )
        reply, info = await client._send(req)
        return client._parse(decoder(cast_to), reply.content, info)

    @overload
    async def request(
        self, method: str, path: str, *, cast_to: type[T], **options: Unpack[PassThroughOptions]
    ) -> T: ...

    @overload
    async def request(
        self, method: str, path: str, **options: Unpack[PassThroughOptions]
    ) -> Any: ...

    async def request(
        self, method: str, path: str, *, cast_to: Any = None, **options: Unpack[PassThroughOptions]
    ) -> Any:
        """Send ``method`` to ``<prefix>/<path>``; the answer parsed as JSON (or text/bytes as
        its content type says), or as ``cast_to`` (a pydantic model, ``bytes``, ``str``)."""
        return await self._send(self._route(method), path, cast_to, options)

    async def get(self, path: str, **options: Unpack[PassThroughOptions]) -> Any:
        """``GET <prefix>/<path>``."""
        return await self.request("GET", path, **options)

    async def post(self, path: str, **options: Unpack[PassThroughOptions]) -> Any:
        """``POST <prefix>/<path>`` (not retried once it may have been sent, unless
        ``retry_safe=True``)."""
        return await self.request("POST", path, **options)

    async def stream(
        self, method: str, path: str, **options: Unpack[PassThroughOptions]
    ) -> Stream[Any]:
        """Open a server-sent-events answer; each event's data is yielded parsed as JSON
        (``[DONE]`` ends it). Use ``open`` for other streaming formats."""
        return await self._open_sse(method, path, _jsonutil.loads, options)

    def open(self, method: str, path: str, **options: Unpack[PassThroughOptions]) -> Download:
        """The raw answer read as it arrives (``async with ... as body: async for chunk in
        body``): NDJSON, binary event streams, files. Checked now, sent when awaited."""
        client = self._client
        ep = self._route(method)
        request = self._prepare(ep, path, options)
        request["headers"] = {"Accept": "*/*", **(request.get("headers") or {})}
        return client._open_bytes(client._build_options(ep.method, ep.path, request, stream=True))


class FullProvider(Provider):
    """A provider whose catch-all route takes every verb."""

    __slots__ = ()

    async def put(self, path: str, **options: Unpack[PassThroughOptions]) -> Any:
        """``PUT <prefix>/<path>``."""
        return await self.request("PUT", path, **options)

    async def patch(self, path: str, **options: Unpack[PassThroughOptions]) -> Any:
        """``PATCH <prefix>/<path>`` (not retried once it may have been sent)."""
        return await self.request("PATCH", path, **options)

    async def delete(self, path: str, **options: Unpack[PassThroughOptions]) -> Any:
        """``DELETE <prefix>/<path>``."""
        return await self.request("DELETE", path, **options)


def raw_frame(data: str | bytes) -> Any:
    """A provider's WebSocket frame: binary as bytes (audio), text as JSON when it parses."""
    if isinstance(data, bytes):
        return data
    try:
        return _jsonutil.loads(data)
    except ValueError:
        return data


def checked_body(method: str, params: Mapping[str, Any], *required: str) -> dict[str, Any]:
    """The body of a typed call, its required fields checked before any I/O."""
    require(method, params, *required)
    return dict(params)


async def sse_or_json(
    provider: Provider,
    path: str | SubPath,
    body: Mapping[str, Any],
    cast_to: type[T],
    parse: Callable[[bytes], C],
    stream: bool,
) -> T | Stream[C]:
    """``POST`` an OpenAI-shaped body: the answer as ``cast_to``, or with ``stream`` the body
    asks for SSE and each event is typed by ``parse``."""
    if stream:
        return await provider._open_sse("POST", path, parse, {"json": {**body, "stream": True}})
    return await provider.request("POST", path, json=body, cast_to=cast_to)


class part(group[R]):
    """A sub-group built from its parent provider rather than the client alone, so its calls
    use the parent's settings (auth headers, host)."""

    __slots__ = ()

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> part[R]: ...

    @overload
    def __get__(self, obj: object, owner: type[Any]) -> R: ...

    def __get__(self, obj: object | None, owner: type[Any]) -> part[R] | R:
        if obj is None:
            return self
        value: R = self.resolve()(obj)
        obj.__dict__[self._attr] = value
        return value


class ProviderPart(Resource):
    """A sub-group of a pass-through provider (declared with ``part``)."""

    __slots__ = ("_provider",)

    _provider_type: ClassVar[type[FullProvider]] = FullProvider

    def __init__(self, provider: FullProvider) -> None:
        if not isinstance(provider, self._provider_type):
            raise TypeError(
                f"{type(self).__name__} belongs to a {self._provider_type.__name__}, "
                f"not {type(provider).__name__}"
            )
        super().__init__(provider._client)
        self._provider = provider
