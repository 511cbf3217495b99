"""Parameters and results of ``client.pass_through.vertex_ai``'s typed methods (Vertex AI's
``aiplatform`` REST API). ``generateContent`` shares the Gemini types of ``client.gemini``
(``GenerateContentResponse``); the rest follow the Vertex AI TypeScript client's names
(``EmbedContentResponse``, ``PredictResponse``, ``BatchPredictionJob`` ...). Wire fields are
camelCase; results expose snake_case attributes and accept either spelling."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Required, TypedDict

from .._camel import CamelModel, CamelResponse
from ..gemini import GeminiContentParam, GeminiGenerateContentParams, GenerateContentResponse

__all__ = [
    "BatchPredictionJob",
    "BatchPredictionJobCreateParams",
    "BatchPredictionJobListQuery",
    "ContentEmbedding",
    "EmbedContentParams",
    "EmbedContentResponse",
    "GeminiGenerateContentParams",
    "GenerateContentResponse",
    "ListBatchPredictionJobsResponse",
    "PredictParams",
    "PredictResponse",
]


# --- request shapes -------------------------------------------------------------------------


class EmbedContentParams(TypedDict, total=False):
    """Body of ``POST .../models/{model}:embedContent``."""

    content: Required[GeminiContentParam]
    taskType: str
    title: str
    outputDimensionality: int
    autoTruncate: bool


class PredictParams(TypedDict, total=False):
    """Body of ``POST .../models/{model}:predict`` (embedding, image and legacy text models)."""

    instances: Required[Sequence[Mapping[str, Any]]]
    parameters: Mapping[str, Any]


class BatchPredictionJobCreateParams(TypedDict, total=False):
    """Body of ``POST .../batchPredictionJobs``."""

    displayName: Required[str]
    model: Required[str]
    """``publishers/google/models/gemini-2.0-flash-001`` (or a tuned model's resource name)."""
    inputConfig: Required[Mapping[str, Any]]
    """``{"instancesFormat": "jsonl", "gcsSource": {"uris": [...]}}`` (or ``bigquerySource``)."""
    outputConfig: Required[Mapping[str, Any]]
    """``{"predictionsFormat": "jsonl", "gcsDestination": {"outputUriPrefix": ...}}``."""
    modelParameters: Mapping[str, Any]
    labels: Mapping[str, str]


class BatchPredictionJobListQuery(TypedDict, total=False):
    filter: str
    pageSize: int
    pageToken: str
    """``next_page_token`` of the page before."""


# --- results --------------------------------------------------------------------------------


class ContentEmbedding(CamelModel):
    values: list[float] = []
    statistics: dict[str, Any] | None = None


class EmbedContentResponse(CamelResponse):
    embedding: ContentEmbedding | None = None
    usage_metadata: dict[str, Any] | None = None
    truncated: bool | None = None


class PredictResponse(CamelResponse):
    predictions: list[Any] = []
    deployed_model_id: str | None = None
    model: str | None = None
    model_version_id: str | None = None
    metadata: Any = None


class BatchPredictionJob(CamelResponse):
    """A batch job; ``name`` is its resource name (``projects/.../batchPredictionJobs/<id>``),
    ``state`` e.g. ``JOB_STATE_PENDING``, ``JOB_STATE_SUCCEEDED``."""

    name: str | None = None
    display_name: str | None = None
    model: str | None = None
    state: str | None = None
    input_config: dict[str, Any] | None = None
    output_config: dict[str, Any] | None = None
    output_info: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    create_time: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    update_time: str | None = None
    labels: dict[str, str] | None = None

    @property
    def id(self) -> str | None:
        """The last segment of ``name`` (what ``get``, ``cancel``, ``delete`` take)."""
        return self.name.rsplit("/", 1)[-1] if self.name else None


class ListBatchPredictionJobsResponse(CamelResponse):
    batch_prediction_jobs: list[BatchPredictionJob] = []
    next_page_token: str | None = None
