"""Parameters and results of ``client.fine_tuning.jobs`` (OpenAI's fine-tuning API through the
proxy; an enterprise feature of LiteLLM).

Results follow openai-python's ``FineTuningJob``; fields a provider may leave out are optional,
unknown fields are kept, and ``status`` is a plain string.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "FineTuningJob",
    "FineTuningJobCreateParams",
    "FineTuningJobError",
    "FineTuningJobHyperparameters",
    "FineTuningJobList",
    "FineTuningJobListParams",
    "FineTuningJobMethod",
    "FineTuningJobRouting",
    "Hyperparameters",
]


class Hyperparameters(TypedDict, total=False):
    batch_size: Literal["auto"] | int
    learning_rate_multiplier: Literal["auto"] | float
    n_epochs: Literal["auto"] | int


class FineTuningJobRouting(TypedDict, total=False):
    """LiteLLM's routing of a fine-tuning call (optional)."""

    custom_llm_provider: Literal["openai", "azure", "vertex_ai"] | str
    """Provider whose ``finetune_settings`` entry serves the call; not needed for a job id
    LiteLLM issued for a managed file."""


class FineTuningJobCreateParams(FineTuningJobRouting, total=False):
    model: Required[str]
    training_file: Required[str]
    """An uploaded JSONL file (``purpose="fine-tune"``)."""
    hyperparameters: Hyperparameters
    method: dict[str, Any]
    """``{"type": "supervised" | "dpo" | "reinforcement", ...}``."""
    integrations: Sequence[dict[str, Any]] | None
    metadata: dict[str, str] | None
    seed: int | None
    suffix: str | None
    validation_file: str | None


class FineTuningJobListParams(FineTuningJobRouting, total=False):
    after: str
    """Cursor: the id of the last job of the previous page (the pager sets it)."""
    limit: int
    target_model_names: str
    """Comma-separated proxy model names to list the jobs of (LiteLLM managed files)."""


class FineTuningJobError(BaseModel):
    code: str | None = None
    message: str | None = None
    param: str | None = None


class FineTuningJobHyperparameters(BaseModel):
    batch_size: Literal["auto"] | int | None = None
    learning_rate_multiplier: Literal["auto"] | float | None = None
    n_epochs: Literal["auto"] | int | None = None


class FineTuningJobMethod(BaseModel):
    type: str | None = None
    """``supervised``, ``dpo`` or ``reinforcement``."""
    supervised: dict[str, Any] | None = None
    dpo: dict[str, Any] | None = None
    reinforcement: dict[str, Any] | None = None


class FineTuningJob(Response):
    """A fine-tuning job."""

    id: str
    object: str = "fine_tuning.job"
    model: str | None = None
    status: str | None = None
    """``validating_files``, ``queued``, ``running``, ``succeeded``, ``failed``,
    ``cancelled``."""
    created_at: int | None = None
    finished_at: int | None = None
    estimated_finish: int | None = None
    fine_tuned_model: str | None = None
    organization_id: str | None = None
    training_file: str | None = None
    validation_file: str | None = None
    result_files: list[str] = []
    trained_tokens: int | None = None
    seed: int | None = None
    hyperparameters: FineTuningJobHyperparameters | None = None
    method: FineTuningJobMethod | None = None
    error: FineTuningJobError | None = None
    integrations: list[dict[str, Any]] | None = None
    metadata: dict[str, str] | None = None


class FineTuningJobList(Response):
    """One page of ``fine_tuning.jobs.list``."""

    object: str = "list"
    data: list[FineTuningJob] = []
    has_more: bool = False
