"""Results of ``client.traces`` (agent traces read through the proxy, OTLP ingest, and the
Lens service the proxy forwards to)."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.traces import (
    V1TracesAgentsQuery,
    V1TracesGetQuery,
    V1TracesQuery,
    V1TracesSpansErrorQuery,
    V1TracesSpansQuery,
)

__all__ = [
    "AgentNode",
    "LensService",
    "LensServiceStatus",
    "SpanDetail",
    "SpanErrorPage",
    "Trace",
    "TraceAgent",
    "TraceAgentList",
    "TraceAgentsParams",
    "TraceListParams",
    "TracePage",
    "TraceQueryHelp",
    "TraceQueryResult",
    "TraceRetrieveParams",
    "TraceSpan",
    "TraceSpanErrorParams",
    "TraceSpanParams",
    "TraceSummary",
]

TraceListParams = V1TracesQuery
TraceAgentsParams = V1TracesAgentsQuery
TraceRetrieveParams = V1TracesGetQuery
TraceSpanParams = V1TracesSpansQuery
TraceSpanErrorParams = V1TracesSpansErrorQuery


class TraceSummary(BaseModel):
    """One trace (an agent run) in a list. ``trace_ref`` pins the stored version to read."""

    trace_id: str | None = None
    trace_ref: str | None = None
    name: str | None = None
    service: str | None = None
    status: str | None = None
    start_time: str | None = None
    duration_ms: float | None = None
    span_count: int | None = None
    agent_count: int | None = None
    agent_names: list[str] | None = None
    llm_calls: int | None = None
    tool_calls: int | None = None
    error_count: int | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    spend: float | None = None
    models: list[str] | None = None
    input_preview: str | None = None


class TracePage(Response):
    """A page of traces, newest first; ``next_cursor`` is the next page's (``None``: last)."""

    data: list[TraceSummary] = []
    next_cursor: str | None = None


class AgentNode(BaseModel):
    name: str | None = None
    parent_agent: str | None = None
    duration_ms: float | None = None
    invocations: int | None = None
    llm_calls: int | None = None
    tool_calls: int | None = None
    spend: float | None = None


class TraceSpan(BaseModel):
    span_id: str | None = None
    parent_span_id: str | None = None
    name: str | None = None
    type: str | None = None
    agent: str | None = None
    framework: str | None = None
    status: str | None = None
    model: str | None = None
    start_offset_ms: float | None = None
    duration_ms: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    spend: float | None = None
    error: str | None = None
    litellm_request_id: str | None = None


class Trace(Response):
    """A trace: its summary, agents and spans (``next_cursor``: more spans to read)."""

    summary: TraceSummary | None = None
    agents: list[AgentNode] = []
    spans: list[TraceSpan] = []
    next_cursor: str | None = None


class SpanDetail(Response):
    """One span's full input, output and attributes (``*_ui``: the same, structured)."""

    span_id: str | None = None
    input: str | None = None
    output: str | None = None
    input_ui: Any = None
    output_ui: Any = None
    attributes: dict[str, Any] = {}


class SpanErrorPage(Response):
    """A slice of a span's error text; ``next_cursor`` reads the next slice."""

    span_id: str | None = None
    message: str | None = None
    total_chars: int | None = None
    next_cursor: str | None = None


class TraceAgent(BaseModel):
    name: str | None = None
    runs: int | None = None
    failed_runs: int | None = None
    last_seen: str | None = None
    frameworks: list[str] = []


class TraceAgentList(Response):
    agents: list[TraceAgent] = []


class TraceQueryResult(Response):
    """The rows of a trace SQL query."""

    data: list[dict[str, Any]] = []


class TraceQueryHelp(Response):
    """How to write trace SQL queries: ``guide``, ``tables``, ``examples`` ..."""

    dialect: str | None = None
    access: str | None = None
    guide: str | None = None
    response: str | None = None
    tables: list[dict[str, Any]] = []
    examples: list[dict[str, Any]] = []
    gotchas: list[str] = []


class LensServiceStatus(BaseModel):
    storage_ready: bool | None = None
    credentials_ready: bool | None = None
    release: str | None = None
    protocol_version: int | None = None
    public_contract: int | None = None


class LensService(Response):
    """Whether the proxy is connected to a Lens service (``configured``: its URL is set)."""

    url: str | None = None
    connected: bool | None = None
    configured: bool | None = None
    release: str | None = None
    status: LensServiceStatus | None = None
