"""Parameters and results of ``client.batches`` (OpenAI's Batch API through the proxy).

Results follow openai-python's ``Batch``; fields a provider may leave out are optional, unknown
fields are kept, and ``status`` is a plain string (providers map their own states onto it).
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "Batch",
    "BatchCreateParams",
    "BatchError",
    "BatchErrors",
    "BatchList",
    "BatchListParams",
    "BatchOutputExpiresAfter",
    "BatchRequestCounts",
    "BatchRouting",
    "BatchUsage",
]


class BatchOutputExpiresAfter(TypedDict):
    """When the output and error files expire: ``seconds`` after their creation."""

    anchor: Literal["created_at"]
    seconds: int


class BatchRouting(TypedDict, total=False):
    """LiteLLM's routing of a batch operation to a provider (optional)."""

    custom_llm_provider: str
    """Provider of the batch when neither its id nor ``model`` says (the proxy's default:
    ``openai``)."""


class BatchCreateParams(BatchRouting, total=False):
    input_file_id: Required[str]
    """An uploaded JSONL file (``purpose="batch"``) of requests."""
    endpoint: Required[
        Literal[
            "/v1/responses",
            "/v1/chat/completions",
            "/v1/embeddings",
            "/v1/completions",
            "/v1/moderations",
            "/v1/images/generations",
            "/v1/images/edits",
            "/v1/videos",
        ]
        | str
    ]
    completion_window: Required[Literal["24h"] | str]
    metadata: dict[str, str] | None
    output_expires_after: BatchOutputExpiresAfter
    model: str
    """A proxy model name whose deployment runs the batch (LiteLLM); the batch id that comes
    back carries it, so later calls need no routing."""


class BatchListParams(BatchRouting, total=False):
    limit: int
    after: str
    """Cursor: the id of the last batch of the previous page (the pager sets it)."""
    target_model_names: str
    """List the batches of this proxy model name (LiteLLM)."""


class BatchError(BaseModel):
    code: str | None = None
    line: int | None = None
    message: str | None = None
    param: str | None = None


class BatchErrors(BaseModel):
    data: list[BatchError] | None = None
    object: str | None = None


class BatchRequestCounts(BaseModel):
    completed: int = 0
    failed: int = 0
    total: int = 0


class BatchUsage(BaseModel):
    input_tokens: int | None = None
    input_tokens_details: dict[str, int] | None = None
    output_tokens: int | None = None
    output_tokens_details: dict[str, int] | None = None
    total_tokens: int | None = None


class Batch(Response):
    """A batch of requests run asynchronously by the provider."""

    id: str
    object: str = "batch"
    endpoint: str | None = None
    input_file_id: str | None = None
    completion_window: str | None = None
    status: str | None = None
    """``validating``, ``failed``, ``in_progress``, ``finalizing``, ``completed``,
    ``expired``, ``cancelling``, ``cancelled``."""
    created_at: int | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: BatchErrors | None = None
    in_progress_at: int | None = None
    finalizing_at: int | None = None
    completed_at: int | None = None
    failed_at: int | None = None
    expired_at: int | None = None
    expires_at: int | None = None
    cancelling_at: int | None = None
    cancelled_at: int | None = None
    request_counts: BatchRequestCounts | None = None
    metadata: dict[str, str] | None = None
    model: str | None = None
    usage: BatchUsage | None = None


class BatchList(CursorPage[Batch]):
    """One page of ``batches.list``."""
