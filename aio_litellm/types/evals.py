"""Parameters and results of ``client.evals`` and ``client.evals.runs`` (OpenAI's Evals API).

Models follow openai-python's (``openai.types.eval_*``, ``openai.types.evals.run_*``); the
proxy passes results through its own models, so fields it does not know may be missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "Eval",
    "EvalCancelResponse",
    "EvalCreateParams",
    "EvalDeleted",
    "EvalList",
    "EvalListParams",
    "EvalRun",
    "EvalRunCreateParams",
    "EvalRunDeleted",
    "EvalRunList",
    "EvalRunListParams",
    "EvalUpdateParams",
    "ResultCounts",
]

Metadata = Mapping[str, str]


class EvalCreateParams(TypedDict, total=False):
    """Body of ``POST /v1/evals``."""

    data_source_config: Required[Mapping[str, Any]]
    """``{"type": "custom", "item_schema": {...}}``, ``{"type": "logs"}`` or
    ``{"type": "stored_completions"}``."""
    testing_criteria: Required[Iterable[Mapping[str, Any]]]
    """The graders: ``{"type": "string_check", ...}``, ``{"type": "label_model", ...}`` ..."""
    name: str
    metadata: Metadata | None
    """Dropped by LiteLLM 1.110 (it keeps the key for its own): pass it in ``extra_body``."""
    extra_body: Mapping[str, Any]
    """Merged by LiteLLM into the provider's request (``{"metadata": {...}}`` ...)."""


class EvalUpdateParams(TypedDict, total=False):
    """Body of ``POST /v1/evals/{eval_id}``."""

    name: str
    metadata: Metadata | None


class EvalListParams(TypedDict, total=False):
    """Query of ``GET /v1/evals``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    order_by: Literal["created_at", "updated_at"]


class EvalRunCreateParams(TypedDict, total=False):
    """Body of ``POST /v1/evals/{eval_id}/runs``."""

    data_source: Required[Mapping[str, Any]]
    """``{"type": "jsonl", "source": {...}}``, ``{"type": "completions", ...}`` ..."""
    name: str
    metadata: Metadata | None
    """Dropped by LiteLLM 1.110 (it keeps the key for its own): pass it in ``extra_body``."""
    extra_body: Mapping[str, Any]
    """Merged by LiteLLM into the provider's request (``{"metadata": {...}}`` ...)."""


class EvalRunListParams(TypedDict, total=False):
    """Query of ``GET /v1/evals/{eval_id}/runs``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    status: Literal["queued", "in_progress", "completed", "canceled", "failed"]


class Eval(Response):
    """An evaluation: a data source config and the graders applied to it."""

    id: str
    object: str = "eval"
    created_at: int | None = None
    updated_at: int | None = None
    name: str | None = None
    data_source_config: dict[str, Any] | None = None
    testing_criteria: list[dict[str, Any]] = []
    metadata: dict[str, Any] | None = None


class EvalList(CursorPage[Eval]):
    """One page of ``GET /v1/evals``."""

    data: list[Eval]  # required: an answer without it is not a page


class EvalDeleted(Response):
    """``DELETE /v1/evals/{eval_id}``."""

    eval_id: str
    deleted: bool
    object: str = "eval.deleted"


class EvalCancelResponse(Response):
    """``POST /v1/evals/{eval_id}/cancel``."""

    id: str
    object: str = "eval"
    status: str


class ResultCounts(BaseModel):
    total: int = 0
    passed: int = 0
    failed: int = 0
    errored: int = 0


class EvalRun(Response):
    """A run of an evaluation. A cancel answers with ``id``, ``object`` and ``status`` only."""

    id: str
    object: str = "eval.run"
    eval_id: str | None = None
    status: str | None = None
    """queued, running (in_progress), completed, failed or cancelled."""
    name: str | None = None
    model: str | None = None
    created_at: int | None = None
    started_at: int | None = None
    completed_at: int | None = None
    data_source: dict[str, Any] | None = None
    result_counts: ResultCounts | None = None
    per_model_usage: Any = None
    per_testing_criteria_results: list[dict[str, Any]] | None = None
    report_url: str | None = None
    shared_with_openai: bool | None = None
    error: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None


class EvalRunList(CursorPage[EvalRun]):
    """One page of ``GET /v1/evals/{eval_id}/runs``."""

    data: list[EvalRun]  # required: an answer without it is not a page


class EvalRunDeleted(Response):
    """``DELETE /v1/evals/{eval_id}/runs/{run_id}``."""

    run_id: str
    deleted: bool | None = True
    object: str = "eval.run.deleted"
