"""``client.traces``: agent traces read through the proxy (``/v1/traces``), OTLP ingest, and
the Lens service the proxy forwards to (``/lens``). Both need an outside service: without
one the trace reads answer 501, ingest 410 and Lens 503."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, CursorStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.traces import (
    LensService,
    SpanDetail,
    SpanErrorPage,
    Trace,
    TraceAgentList,
    TraceAgentsParams,
    TraceListParams,
    TracePage,
    TraceQueryHelp,
    TraceQueryResult,
    TraceRetrieveParams,
    TraceSpanErrorParams,
    TraceSpanParams,
    TraceSummary,
)

__all__ = ["Lens", "Traces"]

_TRACE = "/v1/traces/{trace_id}"
_SPAN = _TRACE + "/spans/{span_id}"

LIST = Endpoint("GET", "/v1/traces", TracePage, "traces.list")
AGENTS = Endpoint("GET", "/v1/traces/agents", TraceAgentList, "traces.agents")
# A read-only SQL query: sent again, it reads again.
QUERY = Endpoint("POST", "/v1/traces/query", TraceQueryResult, "traces.query")
QUERY_HELP = Endpoint("GET", "/v1/traces/query/help", TraceQueryHelp, "traces.query_help")
RETRIEVE = Endpoint("GET", _TRACE, Trace, "traces.retrieve")
SPAN = Endpoint("GET", _SPAN, SpanDetail, "traces.retrieve_span")
SPAN_ERROR = Endpoint("GET", _SPAN + "/error", SpanErrorPage, "traces.span_error")
# OTLP/HTTP export: the answer is OTLP too (JSON or protobuf, as the request was), kept raw.
INGEST = Endpoint("POST", "/v1/traces", bytes, "traces.ingest", retry_safe=False)
INGEST_LOGS = Endpoint("POST", "/v1/logs", bytes, "traces.ingest_logs", retry_safe=False)

LENS_SERVICE = Endpoint("GET", "/lens/service", LensService, "traces.lens.service")
# Lens answers whatever its API answers: plain JSON, untyped.
LENS_GET = Endpoint("GET", "/lens", object, "traces.lens.get")
LENS_POST = Endpoint("POST", "/lens", object, "traces.lens.post", retry_safe=False)
LENS_PUT = Endpoint("PUT", "/lens", object, "traces.lens.put")
LENS_PATCH = Endpoint("PATCH", "/lens", object, "traces.lens.patch", retry_safe=False)
LENS_DELETE = Endpoint("DELETE", "/lens", object, "traces.lens.delete")

_TRACE_PAGES = CursorStyle(
    items="data", after_param="cursor", has_more="next_cursor", last_id="next_cursor"
)
_NO_BODY = object()


class Lens(Resource):
    """The Lens service, through the proxy (``/lens``). ``path`` is the Lens route under
    ``/lens`` (``"v1/projects"``); the proxy forwards the query and body with the caller's
    identity. Needs ``LITELLM_LENS_URL`` and ``LENS_GATEWAY_SECRET`` on the proxy (else 503)."""

    __slots__ = ()

    async def service(self) -> LensService:
        """Whether the proxy is connected to a Lens service. ``GET /lens/service``."""
        return await self._client._call(LENS_SERVICE)

    async def get(self, path: str = "", *, query: Mapping[str, Any] | None = None) -> Any:
        """``GET /lens/{path}`` (sent as ``GET /lens?path=...``)."""
        return await self._forward(LENS_GET, path, query, _NO_BODY)

    async def post(
        self, path: str = "", *, json: Any = None, query: Mapping[str, Any] | None = None
    ) -> Any:
        """``POST /lens/{path}`` with a JSON body (sent as ``POST /lens?path=...``)."""
        return await self._forward(LENS_POST, path, query, json)

    async def put(
        self, path: str = "", *, json: Any = None, query: Mapping[str, Any] | None = None
    ) -> Any:
        """``PUT /lens/{path}`` with a JSON body (sent as ``PUT /lens?path=...``)."""
        return await self._forward(LENS_PUT, path, query, json)

    async def patch(
        self, path: str = "", *, json: Any = None, query: Mapping[str, Any] | None = None
    ) -> Any:
        """``PATCH /lens/{path}`` with a JSON body (sent as ``PATCH /lens?path=...``)."""
        return await self._forward(LENS_PATCH, path, query, json)

    async def delete(self, path: str = "", *, query: Mapping[str, Any] | None = None) -> Any:
        """``DELETE /lens/{path}`` (sent as ``DELETE /lens?path=...``)."""
        return await self._forward(LENS_DELETE, path, query, _NO_BODY)

    async def _forward(
        self, ep: Endpoint[object], path: str, query: Mapping[str, Any] | None, json: Any
    ) -> Any:
        # The proxy's ``/lens`` route takes the Lens path as a query parameter; its
        # ``/lens/{path}`` twin would put it in the URL, where a trailing "/" answers 307.
        if not isinstance(path, str):
            raise TypeError(f"traces.lens path must be a str, not {type(path).__name__}")
        if "path" in (query or {}):
            raise ValueError("traces.lens: pass the Lens path as path, not in query")
        params = {**(query or {}), "path": path.strip("/")}
        if json is _NO_BODY:
            return await self._client._call(ep, query=params)
        return await self._client._call(ep, query=params, json=json)


class Traces(Resource):
    """Agent traces (``/v1/traces``), read within the caller's scope; ``lens``: the Lens
    service. On a proxy without a trace receiver every read answers 501."""

    __slots__ = ("__dict__",)

    lens: group[Lens] = group("traces:Lens")

    def list(self, **params: Unpack[TraceListParams]) -> AsyncPager[TracePage, TraceSummary]:
        """Traces between ``start_ms`` and ``end_ms`` (epoch milliseconds, default the last
        day), newest first, page by page (``cursor``). ``GET /v1/traces``."""
        return endpoint_pager(self._client, LIST, dict(params), _TRACE_PAGES)

    async def agents(self, **params: Unpack[TraceAgentsParams]) -> TraceAgentList:
        """The agents seen in traces between ``start_ms`` and ``end_ms`` (default: the
        retention window). ``GET /v1/traces/agents``."""
        return await self._client._call(AGENTS, query=params)

    async def query(self, sql: str) -> TraceQueryResult:
        """Run a read-only SQL query over the caller's traces (``query_help`` describes the
        tables). ``POST /v1/traces/query``."""
        require("traces.query", {"sql": sql}, "sql")
        return await self._client._call(QUERY, json={"sql": sql})

    async def query_help(self) -> TraceQueryHelp:
        """The SQL dialect, tables and examples for ``query``. ``GET /v1/traces/query/help``."""
        return await self._client._call(QUERY_HELP)

    async def retrieve(self, trace_id: str, **params: Unpack[TraceRetrieveParams]) -> Trace:
        """A trace with its agents and spans; a long one comes in parts: pass its
        ``next_cursor`` back as ``cursor``. ``GET /v1/traces/{trace_id}``."""
        return await self._client._call(RETRIEVE, path={"trace_id": trace_id}, query=params)

    async def retrieve_span(
        self, trace_id: str, span_id: str, **params: Unpack[TraceSpanParams]
    ) -> SpanDetail:
        """A span's full input, output and attributes.
        ``GET /v1/traces/{trace_id}/spans/{span_id}``."""
        return await self._client._call(
            SPAN, path={"trace_id": trace_id, "span_id": span_id}, query=params
        )

    async def span_error(
        self, trace_id: str, span_id: str, **params: Unpack[TraceSpanErrorParams]
    ) -> SpanErrorPage:
        """A slice of a span's error text (``next_cursor`` as ``cursor`` reads on).
        ``GET /v1/traces/{trace_id}/spans/{span_id}/error``."""
        return await self._client._call(
            SPAN_ERROR, path={"trace_id": trace_id, "span_id": span_id}, query=params
        )

    async def ingest(
        self,
        json: Mapping[str, Any] | None = None,
        *,
        content: bytes | None = None,
        content_type: str = "application/x-protobuf",
    ) -> bytes:
        """Export OTLP traces: ``json`` (OTLP/JSON) or ``content`` (encoded bytes, protobuf by
        default). Answers the raw OTLP reply. ``POST /v1/traces``.

        LiteLLM 1.110.2 refuses every export (410: send it to the Lens endpoint instead).
        """
        return await self._ingest(INGEST, json, content, content_type)

    async def ingest_logs(
        self,
        json: Mapping[str, Any] | None = None,
        *,
        content: bytes | None = None,
        content_type: str = "application/x-protobuf",
    ) -> bytes:
        """Export OTLP logs, as ``ingest``. ``POST /v1/logs`` (LiteLLM 1.110.2: always 410)."""
        return await self._ingest(INGEST_LOGS, json, content, content_type)

    async def _ingest(
        self,
        ep: Endpoint[bytes],
        json: Mapping[str, Any] | None,
        content: bytes | None,
        content_type: str,
    ) -> bytes:
        if (json is None) == (content is None):
            raise TypeError(f"{ep.attr}() needs json or content (encoded OTLP), one of them")
        if content is None:
            return await self._client._call(ep, json=json)
        if not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(f"content must be bytes, not {type(content).__name__}")
        return await self._client._call(
            ep, content=bytes(content), headers={"Content-Type": content_type}
        )
