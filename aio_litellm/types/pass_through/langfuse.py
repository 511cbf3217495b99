"""Typed shapes of ``client.pass_through.langfuse`` (Langfuse's public API, ``api/public/...``).

Langfuse's own field names (camelCase) are kept; unknown fields stay on each model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

from typing_extensions import Required, TypedDict

from ..._models import BaseModel, Response

__all__ = [
    "Dataset",
    "DatasetCreateParams",
    "DatasetListQuery",
    "IngestionError",
    "IngestionResponse",
    "IngestionSuccess",
    "LangfuseMeta",
    "LangfusePage",
    "Observation",
    "ObservationListQuery",
    "Prompt",
    "PromptCreateParams",
    "PromptListQuery",
    "PromptMeta",
    "Score",
    "ScoreCreateParams",
    "ScoreCreateResponse",
    "ScoreListQuery",
    "SpanCreateParams",
    "SpanUpdateParams",
    "Trace",
    "TraceCreateParams",
    "TraceListQuery",
]

T = TypeVar("T")


# -- results -----------------------------------------------------------------------------------


class LangfuseMeta(BaseModel):
    """A list's ``meta``: its page and the totals."""

    page: int | None = None
    limit: int | None = None
    totalItems: int | None = None
    totalPages: int | None = None


class Trace(Response):
    id: str
    name: str | None = None
    timestamp: str | None = None
    userId: str | None = None
    sessionId: str | None = None
    release: str | None = None
    version: str | None = None
    input: Any = None
    output: Any = None
    metadata: Any = None
    tags: list[str] = []
    public: bool | None = None
    environment: str | None = None
    observations: list[Any] = []
    scores: list[Any] = []
    totalCost: float | None = None
    latency: float | None = None


class Observation(Response):
    id: str
    traceId: str | None = None
    type: str | None = None
    name: str | None = None
    startTime: str | None = None
    endTime: str | None = None
    parentObservationId: str | None = None
    level: str | None = None
    statusMessage: str | None = None
    input: Any = None
    output: Any = None
    metadata: Any = None
    model: str | None = None
    usage: Any = None


class Score(Response):
    id: str
    traceId: str | None = None
    observationId: str | None = None
    name: str | None = None
    value: Any = None
    stringValue: str | None = None
    dataType: str | None = None
    source: str | None = None
    comment: str | None = None
    timestamp: str | None = None


class ScoreCreateResponse(Response):
    id: str


class Dataset(Response):
    id: str | None = None
    name: str
    description: str | None = None
    metadata: Any = None
    projectId: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None


class PromptMeta(BaseModel):
    """One entry of the prompt list: a name and its versions and labels."""

    name: str
    versions: list[int] = []
    labels: list[str] = []
    tags: list[str] = []
    lastUpdatedAt: str | None = None


class Prompt(Response):
    name: str
    version: int | None = None
    type: str | None = None
    prompt: Any = None
    config: Any = None
    labels: list[str] = []
    tags: list[str] = []
    commitMessage: str | None = None


class LangfusePage(Response, Generic[T]):
    """A page of a Langfuse list: ``data`` and ``meta`` (``page``, ``totalPages`` ...)."""

    data: list[T] = []
    meta: LangfuseMeta = LangfuseMeta()


class IngestionSuccess(BaseModel):
    id: str
    status: int


class IngestionError(BaseModel):
    id: str
    status: int
    message: str | None = None
    error: Any = None


class IngestionResponse(Response):
    """``POST api/public/ingestion`` (HTTP 207): each event's outcome by its event id."""

    successes: list[IngestionSuccess] = []
    errors: list[IngestionError] = []


# -- requests ----------------------------------------------------------------------------------


class TraceCreateParams(TypedDict, total=False):
    """A ``trace-create`` event's body (``id`` is made when not given)."""

    id: str
    name: str
    timestamp: str
    userId: str
    sessionId: str
    release: str
    version: str
    input: Any
    output: Any
    metadata: Any
    tags: Sequence[str]
    public: bool
    environment: str


class TraceListQuery(TypedDict, total=False):
    page: int
    limit: int
    userId: str
    name: str
    sessionId: str
    fromTimestamp: str
    toTimestamp: str
    orderBy: str
    tags: Sequence[str]
    version: str
    release: str
    environment: Sequence[str]


class ObservationListQuery(TypedDict, total=False):
    page: int
    limit: int
    name: str
    userId: str
    type: Literal["SPAN", "GENERATION", "EVENT"]
    traceId: str
    parentObservationId: str
    fromStartTime: str
    toStartTime: str
    version: str
    environment: Sequence[str]


class SpanCreateParams(TypedDict, total=False):
    """A ``span-create`` event's body (``id`` is made when not given)."""

    id: str
    traceId: Required[str]
    name: str
    startTime: str
    endTime: str
    parentObservationId: str
    input: Any
    output: Any
    metadata: Any
    level: Literal["DEBUG", "DEFAULT", "WARNING", "ERROR"]
    statusMessage: str
    version: str
    environment: str


class SpanUpdateParams(TypedDict, total=False):
    """A ``span-update`` event's body besides the span's ``id``."""

    traceId: str
    name: str
    endTime: str
    input: Any
    output: Any
    metadata: Any
    level: Literal["DEBUG", "DEFAULT", "WARNING", "ERROR"]
    statusMessage: str


class ScoreCreateParams(TypedDict, total=False):
    traceId: Required[str]
    name: Required[str]
    value: Required[float | str]
    id: str
    observationId: str
    sessionId: str
    datasetRunId: str
    comment: str
    dataType: Literal["NUMERIC", "BOOLEAN", "CATEGORICAL"]
    configId: str
    metadata: Any
    environment: str


class ScoreListQuery(TypedDict, total=False):
    page: int
    limit: int
    userId: str
    name: str
    fromTimestamp: str
    toTimestamp: str
    source: Literal["API", "EVAL", "ANNOTATION"]
    traceId: str
    dataType: str
    environment: Sequence[str]


class DatasetCreateParams(TypedDict, total=False):
    description: str
    metadata: Any


class DatasetListQuery(TypedDict, total=False):
    page: int
    limit: int


class PromptCreateParams(TypedDict, total=False):
    """``POST api/public/v2/prompts``: a ``text`` prompt is a str, a ``chat`` prompt a list of
    messages."""

    type: Literal["text", "chat"]
    config: Mapping[str, Any]
    labels: Sequence[str]
    tags: Sequence[str]
    commitMessage: str


class PromptListQuery(TypedDict, total=False):
    page: int
    limit: int
    name: str
    label: str
    tag: str
    fromUpdatedAt: str
    toUpdatedAt: str
