"""``client.pass_through.vertex_ai``: raw verbs below ``/vertex_ai/``, and Vertex AI's
``aiplatform`` API typed. Paths name the Google Cloud project and location
(``v1/projects/{project}/locations/{location}/...``); the proxy calls Google with its own
credentials for that project (a configured ``vertex_ai`` deployment or default credentials)."""

from __future__ import annotations

from typing import Any

from typing_extensions import Unpack

from ..._resource import Resource, group
from ..._streaming import Stream
from ..._urls import SubPath
from ..._websocket import WebSocketConnect, open_session
from ...types.pass_through.vertex_ai import (
    BatchPredictionJob,
    BatchPredictionJobCreateParams,
    BatchPredictionJobListQuery,
    EmbedContentParams,
    EmbedContentResponse,
    GeminiGenerateContentParams,
    GenerateContentResponse,
    ListBatchPredictionJobsResponse,
    PredictParams,
    PredictResponse,
)
from . import VERTEX_AI, VERTEX_AI_DISCOVERY, VERTEX_AI_LIVE, FullProvider, raw_frame
from ._provider import checked_body

__all__ = ["VertexAI", "VertexAIBatchPredictionJobs", "VertexAIDiscovery"]

_LOCATION = "v1/projects/{project}/locations/{location}/"


def _model_path(project: str, location: str, model: str, verb: str) -> SubPath:
    return FullProvider._path(
        _LOCATION + "publishers/google/models/{model}:" + verb,
        project=project,
        location=location,
        model=model,
    )


class VertexAIDiscovery(FullProvider):
    """Vertex AI's discovery API (``/vertex_ai/discovery/*``)."""

    __slots__ = ()
    routes = VERTEX_AI_DISCOVERY


class VertexAIBatchPredictionJobs(Resource):
    """``.../batchPredictionJobs``: asynchronous predictions over files in Cloud Storage or
    BigQuery tables."""

    __slots__ = ()

    async def create(
        self, project: str, location: str, **params: Unpack[BatchPredictionJobCreateParams]
    ) -> BatchPredictionJob:
        """Start a job: ``POST /vertex_ai/v1/projects/{p}/locations/{l}/batchPredictionJobs``
        (not retried)."""
        body = checked_body(
            "batch_prediction_jobs.create",
            params,
            "displayName",
            "model",
            "inputConfig",
            "outputConfig",
        )
        path = _jobs_path(project, location)
        return await self._vertex.request("POST", path, json=body, cast_to=BatchPredictionJob)

    async def get(self, project: str, location: str, job_id: str) -> BatchPredictionJob:
        """A job: ``GET .../batchPredictionJobs/{job_id}``."""
        path = _jobs_path(project, location, job_id)
        return await self._vertex.request("GET", path, cast_to=BatchPredictionJob)

    async def list(
        self, project: str, location: str, **query: Unpack[BatchPredictionJobListQuery]
    ) -> ListBatchPredictionJobsResponse:
        """A page of jobs: ``GET .../batchPredictionJobs`` (``pageToken`` = the page before's
        ``next_page_token``)."""
        path = _jobs_path(project, location)
        return await self._vertex.request(
            "GET", path, params=dict(query), cast_to=ListBatchPredictionJobsResponse
        )

    async def cancel(self, project: str, location: str, job_id: str) -> dict[str, Any]:
        """Ask a job to stop: ``POST .../batchPredictionJobs/{job_id}:cancel``."""
        path = _jobs_path(project, location, job_id, ":cancel")
        result: dict[str, Any] = await self._vertex.request("POST", path, cast_to=dict[str, Any])
        return result

    async def delete(self, project: str, location: str, job_id: str) -> dict[str, Any]:
        """Delete a job (a long-running operation): ``DELETE .../batchPredictionJobs/{id}``."""
        path = _jobs_path(project, location, job_id)
        result: dict[str, Any] = await self._vertex.request("DELETE", path, cast_to=dict[str, Any])
        return result

    @property
    def _vertex(self) -> VertexAI:
        return VertexAI(self._client)


def _jobs_path(project: str, location: str, job_id: str | None = None, suffix: str = "") -> SubPath:
    template = _LOCATION + "batchPredictionJobs"
    values = {"project": project, "location": location}
    if job_id is not None:
        template += "/{job_id}" + suffix
        values["job_id"] = job_id
    return FullProvider._path(template, **values)


class VertexAI(FullProvider):
    """Vertex AI (``/vertex_ai/*``; the proxy also serves ``/vertex-ai/*``):
    ``generate_content`` (+ stream), ``embed_content``, ``predict``, ``batch_prediction_jobs``
    typed; raw verbs for the rest."""

    routes = VERTEX_AI
    discovery: group[VertexAIDiscovery] = group("pass_through.vertex_ai:VertexAIDiscovery")
    batch_prediction_jobs: group[VertexAIBatchPredictionJobs] = group(
        "pass_through.vertex_ai:VertexAIBatchPredictionJobs"
    )

    def live(self, **query: Any) -> WebSocketConnect[Any, Any]:
        """Vertex AI's Live API session. ``WEBSOCKET /vertex_ai/live``."""
        return open_session(self._client, VERTEX_AI_LIVE, raw_frame, query=query or None)

    async def generate_content(
        self, project: str, location: str, model: str, **params: Unpack[GeminiGenerateContentParams]
    ) -> GenerateContentResponse:
        """A reply from a Google model: ``POST .../models/{model}:generateContent``
        (below ``/vertex_ai/v1/projects/{p}/locations/{l}/publishers/google``)."""
        body = checked_body("generate_content", params, "contents")
        path = _model_path(project, location, model, "generateContent")
        return await self.request("POST", path, json=body, cast_to=GenerateContentResponse)

    async def stream_generate_content(
        self, project: str, location: str, model: str, **params: Unpack[GeminiGenerateContentParams]
    ) -> Stream[GenerateContentResponse]:
        """The reply as a ``Stream`` of partial ``GenerateContentResponse`` chunks:
        ``POST .../models/{model}:streamGenerateContent?alt=sse``."""
        body = checked_body("stream_generate_content", params, "contents")
        path = _model_path(project, location, model, "streamGenerateContent")
        return await self._open_sse(
            "POST",
            path,
            GenerateContentResponse.model_validate_json,
            {"json": body, "params": {"alt": "sse"}},
        )

    async def embed_content(
        self, project: str, location: str, model: str, **params: Unpack[EmbedContentParams]
    ) -> EmbedContentResponse:
        """An embedding of ``content``: ``POST .../models/{model}:embedContent``."""
        body = checked_body("embed_content", params, "content")
        path = _model_path(project, location, model, "embedContent")
        return await self.request("POST", path, json=body, cast_to=EmbedContentResponse)

    async def predict(
        self, project: str, location: str, model: str, **params: Unpack[PredictParams]
    ) -> PredictResponse:
        """Online prediction (embedding, image, legacy text models):
        ``POST .../models/{model}:predict``."""
        body = checked_body("predict", params, "instances")
        path = _model_path(project, location, model, "predict")
        return await self.request("POST", path, json=body, cast_to=PredictResponse)
