"""``client.pass_through.langfuse``: raw verbs below ``/langfuse/``, and Langfuse's public API
(``api/public/...``) typed: ``traces``, ``observations``, ``spans``, ``scores``, ``datasets``,
``prompts``.

The proxy reads the caller's key from ``Authorization: Basic base64(<public key>:<proxy key>)``
on these routes (Langfuse SDKs' scheme: the proxy key stands in for the Langfuse secret key) and
sends the proxy's own Langfuse keys upstream. The public key part is not checked by the proxy;
``with_public_key`` sets it when a deployment wants a specific one.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any, TypeVar

from typing_extensions import Unpack

from ..._pagination import AsyncPager, PageNumberStyle
from ..._pipeline import Pipeline
from ..._resource import require
from ..._urls import SubPath
from ...types.pass_through.langfuse import (
    Dataset,
    DatasetCreateParams,
    DatasetListQuery,
    IngestionResponse,
    LangfusePage,
    Observation,
    ObservationListQuery,
    Prompt,
    PromptCreateParams,
    PromptListQuery,
    PromptMeta,
    Score,
    ScoreCreateParams,
    ScoreCreateResponse,
    ScoreListQuery,
    SpanCreateParams,
    SpanUpdateParams,
    Trace,
    TraceCreateParams,
    TraceListQuery,
)
from . import LANGFUSE, FullProvider
from ._provider import ProviderPart, part

__all__ = [
    "DEFAULT_PUBLIC_KEY",
    "LANGFUSE_PAGES",
    "Langfuse",
    "LangfuseDatasets",
    "LangfuseObservations",
    "LangfusePrompts",
    "LangfuseScores",
    "LangfuseSpans",
    "LangfuseTraces",
    "ProviderPart",
    "part",
]

R = TypeVar("R")
T = TypeVar("T")

DEFAULT_PUBLIC_KEY = "pk-lf-aio-litellm"
"""The public key half of the Basic credential when none is set (the proxy ignores it)."""

LANGFUSE_PAGES = PageNumberStyle(items="data", size_param="limit", total_pages="meta.totalPages")
"""Langfuse lists: ``?page=N&limit=M``, ``data`` and ``meta.totalPages``."""


class Langfuse(FullProvider):
    """Langfuse's public API through the proxy; raw verbs for the rest of it."""

    routes = LANGFUSE

    traces: part[LangfuseTraces] = part("pass_through.langfuse:LangfuseTraces")
    observations: part[LangfuseObservations] = part("pass_through.langfuse:LangfuseObservations")
    spans: part[LangfuseSpans] = part("pass_through.langfuse:LangfuseSpans")
    scores: part[LangfuseScores] = part("pass_through.langfuse:LangfuseScores")
    datasets: part[LangfuseDatasets] = part("pass_through.langfuse:LangfuseDatasets")
    prompts: part[LangfusePrompts] = part("pass_through.langfuse:LangfusePrompts")

    def __init__(self, client: Pipeline, public_key: str = DEFAULT_PUBLIC_KEY) -> None:
        super().__init__(client)
        self._public_key = public_key

    def with_public_key(self, public_key: str) -> Langfuse:
        """This provider with ``public_key`` (a Langfuse project's ``pk-lf-...``) as the
        Basic credential's user name; the password stays the client's key."""
        if not isinstance(public_key, str) or not public_key or ":" in public_key:
            raise ValueError("public_key must be a non-empty str without ':'")
        return Langfuse(self._client, public_key)

    def _auth_headers(self) -> Mapping[str, str] | None:
        key = self._client.api_key
        if not key:
            return None
        token = base64.b64encode(f"{self._public_key}:{key}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}

    def __repr__(self) -> str:
        # The public key is not a secret, but the credential it goes with is: show neither.
        return f"<Langfuse of {self._client!r}>"

    def _pager(self, path: str, cast_to: type[T], query: Mapping[str, Any]) -> AsyncPager[T, Any]:
        sub = SubPath(path)

        async def fetch(params: dict[str, Any]) -> T:
            return await self.request("GET", sub, params=params, cast_to=cast_to)

        return AsyncPager(fetch, dict(query), LANGFUSE_PAGES)

    async def _ingest(self, event_type: str, body: Mapping[str, Any]) -> IngestionResponse:
        """One event through ``POST api/public/ingestion``. The event id makes a resend a
        no-op for Langfuse, so the call is retried like a read."""
        event = {
            "id": uuid.uuid4().hex,
            "timestamp": _now(),
            "type": event_type,
            "body": {"id": uuid.uuid4().hex, **body},
        }
        return await self.request(
            "POST",
            SubPath("api/public/ingestion"),
            json={"batch": [event]},
            cast_to=IngestionResponse,
            retry_safe=True,
        )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _id(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    return value


class _LangfusePart(ProviderPart):
    __slots__ = ()
    _provider_type = Langfuse

    @property
    def _langfuse(self) -> Langfuse:
        langfuse: Langfuse = self._provider  # type: ignore[assignment]
        return langfuse


class LangfuseTraces(_LangfusePart):
    __slots__ = ()

    async def create(self, **params: Unpack[TraceCreateParams]) -> IngestionResponse:
        """Create (or update, same ``id``) a trace: a ``trace-create`` event.
        ``POST /langfuse/api/public/ingestion``. Langfuse stores events asynchronously."""
        return await self._langfuse._ingest("trace-create", params)

    def list(self, **query: Unpack[TraceListQuery]) -> AsyncPager[LangfusePage[Trace], Trace]:
        """Traces, newest first, page by page. ``GET /langfuse/api/public/traces``."""
        return self._langfuse._pager("api/public/traces", LangfusePage[Trace], query)

    async def get(self, trace_id: str) -> Trace:
        """A trace with its observations and scores.
        ``GET /langfuse/api/public/traces/{traceId}``."""
        path = Langfuse._path("api/public/traces/{id}", id=_id("trace_id", trace_id))
        return await self._langfuse.request("GET", path, cast_to=Trace)

    async def delete(self, trace_id: str) -> dict[str, Any]:
        """Delete a trace. ``DELETE /langfuse/api/public/traces/{traceId}``."""
        path = Langfuse._path("api/public/traces/{id}", id=_id("trace_id", trace_id))
        return await self._langfuse.request("DELETE", path, cast_to=dict[str, Any])


class LangfuseObservations(_LangfusePart):
    __slots__ = ()

    def list(
        self, **query: Unpack[ObservationListQuery]
    ) -> AsyncPager[LangfusePage[Observation], Observation]:
        """Observations (spans, generations, events). ``GET
        /langfuse/api/public/observations``."""
        return self._langfuse._pager("api/public/observations", LangfusePage[Observation], query)

    async def get(self, observation_id: str) -> Observation:
        """One observation. ``GET /langfuse/api/public/observations/{observationId}``."""
        path = Langfuse._path(
            "api/public/observations/{id}", id=_id("observation_id", observation_id)
        )
        return await self._langfuse.request("GET", path, cast_to=Observation)


class LangfuseSpans(_LangfusePart):
    __slots__ = ()

    async def create(self, **params: Unpack[SpanCreateParams]) -> IngestionResponse:
        """Create a span of a trace: a ``span-create`` event.
        ``POST /langfuse/api/public/ingestion``."""
        require("create", params, "traceId")
        return await self._langfuse._ingest("span-create", params)

    async def update(self, span_id: str, **params: Unpack[SpanUpdateParams]) -> IngestionResponse:
        """Update a span (e.g. its ``endTime`` and ``output``): a ``span-update`` event.
        ``POST /langfuse/api/public/ingestion``."""
        body = {**params, "id": _id("span_id", span_id)}
        return await self._langfuse._ingest("span-update", body)


class LangfuseScores(_LangfusePart):
    __slots__ = ()

    async def create(self, **params: Unpack[ScoreCreateParams]) -> ScoreCreateResponse:
        """Score a trace (or one of its observations). ``POST /langfuse/api/public/scores``."""
        require("create", params, "traceId", "name", "value")
        return await self._langfuse.request(
            "POST", SubPath("api/public/scores"), json=dict(params), cast_to=ScoreCreateResponse
        )

    def list(self, **query: Unpack[ScoreListQuery]) -> AsyncPager[LangfusePage[Score], Score]:
        """Scores, page by page. ``GET /langfuse/api/public/v2/scores``."""
        return self._langfuse._pager("api/public/v2/scores", LangfusePage[Score], query)

    async def get(self, score_id: str) -> Score:
        """One score. ``GET /langfuse/api/public/v2/scores/{scoreId}``."""
        path = Langfuse._path("api/public/v2/scores/{id}", id=_id("score_id", score_id))
        return await self._langfuse.request("GET", path, cast_to=Score)

    async def delete(self, score_id: str) -> None:
        """Delete a score. ``DELETE /langfuse/api/public/scores/{scoreId}``."""
        path = Langfuse._path("api/public/scores/{id}", id=_id("score_id", score_id))
        await self._langfuse.request("DELETE", path)


class LangfuseDatasets(_LangfusePart):
    __slots__ = ()

    async def create(self, name: str, **params: Unpack[DatasetCreateParams]) -> Dataset:
        """Create a dataset. ``POST /langfuse/api/public/v2/datasets``."""
        body = {"name": _id("name", name), **params}
        return await self._langfuse.request(
            "POST", SubPath("api/public/v2/datasets"), json=body, cast_to=Dataset
        )

    def list(self, **query: Unpack[DatasetListQuery]) -> AsyncPager[LangfusePage[Dataset], Dataset]:
        """Datasets, page by page. ``GET /langfuse/api/public/v2/datasets``."""
        return self._langfuse._pager("api/public/v2/datasets", LangfusePage[Dataset], query)

    async def get(self, name: str) -> Dataset:
        """A dataset by name. ``GET /langfuse/api/public/v2/datasets/{datasetName}``."""
        path = Langfuse._path("api/public/v2/datasets/{name}", name=_id("name", name))
        return await self._langfuse.request("GET", path, cast_to=Dataset)


class LangfusePrompts(_LangfusePart):
    __slots__ = ()

    async def create(self, name: str, prompt: Any, **params: Unpack[PromptCreateParams]) -> Prompt:
        """Create a prompt, or a new version of one: ``prompt`` a str (``type="text"``) or a
        list of chat messages (``type="chat"``). ``POST /langfuse/api/public/v2/prompts``."""
        if prompt is None:
            raise TypeError("create() missing required argument: prompt")
        kind = params.get("type") or ("text" if isinstance(prompt, str) else "chat")
        body = {**params, "name": _id("name", name), "prompt": prompt, "type": kind}
        return await self._langfuse.request(
            "POST", SubPath("api/public/v2/prompts"), json=body, cast_to=Prompt
        )

    def list(
        self, **query: Unpack[PromptListQuery]
    ) -> AsyncPager[LangfusePage[PromptMeta], PromptMeta]:
        """Prompt names with their versions and labels. ``GET
        /langfuse/api/public/v2/prompts``."""
        return self._langfuse._pager("api/public/v2/prompts", LangfusePage[PromptMeta], query)

    async def get(
        self, name: str, *, version: int | None = None, label: str | None = None
    ) -> Prompt:
        """A prompt: its ``production`` version, or the ``version`` or ``label`` asked for.
        ``GET /langfuse/api/public/v2/prompts/{promptName}``."""
        if version is not None and label is not None:
            raise ValueError("pass version or label, not both")
        path = Langfuse._path("api/public/v2/prompts/{name}", name=_id("name", name))
        return await self._langfuse.request(
            "GET", path, params={"version": version, "label": label}, cast_to=Prompt
        )
