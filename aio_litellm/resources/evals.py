"""``client.evals`` and ``client.evals.runs``: OpenAI's Evals API through the proxy.

The proxy picks the provider from a model of its own: pass ``model="<a proxy model>"`` (sent
as ``?model=``) to every call. Without it the proxy uses the default OpenAI host, not any of
its deployments. The eval's requests go to that model's ``api_base`` + ``/v1/evals``.
"""

from __future__ import annotations

import functools
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, CursorStyle
from .._resource import Resource, group, require
from ..types.evals import (
    Eval,
    EvalCancelResponse,
    EvalCreateParams,
    EvalDeleted,
    EvalList,
    EvalListParams,
    EvalRun,
    EvalRunCreateParams,
    EvalRunDeleted,
    EvalRunList,
    EvalRunListParams,
    EvalUpdateParams,
)

__all__ = ["EvalRuns", "Evals"]

CREATE = Endpoint("POST", "/v1/evals", Eval, "evals.create", retry_safe=False)
LIST = Endpoint("GET", "/v1/evals", EvalList, "evals.list")
RETRIEVE = Endpoint("GET", "/v1/evals/{eval_id}", Eval, "evals.retrieve")
# An update sets name/metadata: sending it twice leaves the same eval.
UPDATE = Endpoint("POST", "/v1/evals/{eval_id}", Eval, "evals.update")
DELETE = Endpoint("DELETE", "/v1/evals/{eval_id}", EvalDeleted, "evals.delete")
CANCEL = Endpoint(
    "POST", "/v1/evals/{eval_id}/cancel", EvalCancelResponse, "evals.cancel", retry_safe=False
)
RUN_CREATE = Endpoint(
    "POST", "/v1/evals/{eval_id}/runs", EvalRun, "evals.runs.create", retry_safe=False
)
RUN_LIST = Endpoint("GET", "/v1/evals/{eval_id}/runs", EvalRunList, "evals.runs.list")
RUN_RETRIEVE = Endpoint("GET", "/v1/evals/{eval_id}/runs/{run_id}", EvalRun, "evals.runs.retrieve")
RUN_CANCEL = Endpoint(
    "POST", "/v1/evals/{eval_id}/runs/{run_id}", EvalRun, "evals.runs.cancel", retry_safe=False
)
RUN_DELETE = Endpoint(
    "DELETE", "/v1/evals/{eval_id}/runs/{run_id}", EvalRunDeleted, "evals.runs.delete"
)

_PAGES = CursorStyle()


def _model(model: str | None) -> dict[str, Any] | None:
    # ?model= rather than the body: GET and DELETE have none, and the proxy reads it on every
    # route (the x-litellm-model header too, but a header per call is not a pipeline option).
    return {"model": model} if model else None


class Evals(Resource):
    """Evaluations: a data source config and graders, run against models."""

    __slots__ = ("__dict__",)

    runs: group[EvalRuns] = group("evals:EvalRuns")

    async def create(self, *, model: str | None = None, **params: Unpack[EvalCreateParams]) -> Eval:
        """Create an evaluation. ``POST /v1/evals``.

        LiteLLM 1.110 drops ``metadata``; ``extra_body={"metadata": {...}}`` gets it through.
        """
        require("evals.create", params, "data_source_config", "testing_criteria")
        return await self._client._call(CREATE, query=_model(model), json=params)

    async def retrieve(self, eval_id: str, *, model: str | None = None) -> Eval:
        """An evaluation. ``GET /v1/evals/{eval_id}``."""
        return await self._client._call(RETRIEVE, path={"eval_id": eval_id}, query=_model(model))

    async def update(
        self, eval_id: str, *, model: str | None = None, **params: Unpack[EvalUpdateParams]
    ) -> Eval:
        """Rename an evaluation or change its metadata. ``POST /v1/evals/{eval_id}``.

        LiteLLM 1.110 fails this with a 500 ("datetime is not JSON serializable"), a proxy bug.
        """
        return await self._client._call(
            UPDATE, path={"eval_id": eval_id}, query=_model(model), json=params
        )

    def list(
        self, *, model: str | None = None, **params: Unpack[EvalListParams]
    ) -> AsyncPager[EvalList, Eval]:
        """Evaluations, page by page (``await`` one page, ``async for`` every one).
        ``GET /v1/evals``."""
        return AsyncPager(self._list_page, {**params, **(_model(model) or {})}, _PAGES)

    async def _list_page(self, query: dict[str, Any]) -> EvalList:
        return await self._client._call(LIST, query=query)

    async def delete(self, eval_id: str, *, model: str | None = None) -> EvalDeleted:
        """Delete an evaluation. ``DELETE /v1/evals/{eval_id}``."""
        return await self._client._call(DELETE, path={"eval_id": eval_id}, query=_model(model))

    async def cancel(self, eval_id: str, *, model: str | None = None) -> EvalCancelResponse:
        """Cancel an evaluation's running runs (a LiteLLM route; OpenAI has none).
        ``POST /v1/evals/{eval_id}/cancel``."""
        return await self._client._call(CANCEL, path={"eval_id": eval_id}, query=_model(model))


class EvalRuns(Resource):
    """Runs of an evaluation."""

    __slots__ = ()

    async def create(
        self, eval_id: str, *, model: str | None = None, **params: Unpack[EvalRunCreateParams]
    ) -> EvalRun:
        """Start a run of an evaluation. ``POST /v1/evals/{eval_id}/runs``.

        LiteLLM 1.110 drops ``metadata``; ``extra_body={"metadata": {...}}`` gets it through.
        """
        require("evals.runs.create", params, "data_source")
        return await self._client._call(
            RUN_CREATE, path={"eval_id": eval_id}, query=_model(model), json=params
        )

    async def retrieve(self, run_id: str, *, eval_id: str, model: str | None = None) -> EvalRun:
        """A run. ``GET /v1/evals/{eval_id}/runs/{run_id}``."""
        return await self._client._call(
            RUN_RETRIEVE, path={"eval_id": eval_id, "run_id": run_id}, query=_model(model)
        )

    def list(
        self, eval_id: str, *, model: str | None = None, **params: Unpack[EvalRunListParams]
    ) -> AsyncPager[EvalRunList, EvalRun]:
        """The runs of an evaluation, page by page. ``GET /v1/evals/{eval_id}/runs``.

        LiteLLM 1.110 does not forward ``status``.
        """
        require("evals.runs.list", {"eval_id": eval_id}, "eval_id")
        query = {**params, **(_model(model) or {})}
        return AsyncPager(functools.partial(self._list_page, eval_id), query, _PAGES)

    async def _list_page(self, eval_id: str, query: dict[str, Any]) -> EvalRunList:
        return await self._client._call(RUN_LIST, path={"eval_id": eval_id}, query=query)

    async def cancel(self, run_id: str, *, eval_id: str, model: str | None = None) -> EvalRun:
        """Cancel a run; the answer has its ``id`` and ``status`` only.
        ``POST /v1/evals/{eval_id}/runs/{run_id}``."""
        return await self._client._call(
            RUN_CANCEL, path={"eval_id": eval_id, "run_id": run_id}, query=_model(model)
        )

    async def delete(
        self, run_id: str, *, eval_id: str, model: str | None = None
    ) -> EvalRunDeleted:
        """Delete a run. ``DELETE /v1/evals/{eval_id}/runs/{run_id}``."""
        return await self._client._call(
            RUN_DELETE, path={"eval_id": eval_id, "run_id": run_id}, query=_model(model)
        )
