"""Parameters and results of ``client.embeddings``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from typing_extensions import TypedDict

from .._models import BaseModel, Response

if TYPE_CHECKING:
    from ..bulk import Limiter, Progress

__all__ = [
    "BatchEmbeddings",
    "CreateEmbeddingResponse",
    "Embedding",
    "EmbeddingBatch",
    "EmbeddingBatchParams",
    "EmbeddingCreateParams",
    "EmbeddingUsage",
]

V = TypeVar("V")


class EmbeddingCreateParams(TypedDict, total=False):
    """Further fields of ``POST /embeddings`` (``input``, ``model``, ``encoding_format`` are
    arguments of their own)."""

    dimensions: int
    user: str
    input_type: str
    metadata: Mapping[str, Any]
    tags: Sequence[str]
    num_retries: int
    timeout: float


class EmbeddingBatchParams(EmbeddingCreateParams, total=False):
    """Options of ``embeddings.batch``/``batch_iter``, besides the request fields."""

    batch_size: int
    max_batch_tokens: int
    exact_tokens: bool
    """Batch by the proxy's token counts (``/utils/token_counter``, a call per distinct text)
    instead of the local estimate."""
    concurrency: int
    rate: tuple[float, float] | Limiter | None
    """Requests per period, or a limiter (``RedisLimiter``: a budget shared across processes)."""
    token_rate: tuple[float, float] | Limiter | None
    progress: bool
    on_progress: Callable[[Progress], None] | None


class Embedding(BaseModel, Generic[V]):
    """One vector: ``list[float]`` by default, a float32 ``numpy.ndarray`` with
    ``as_numpy=True``, the base64 ``str`` when ``encoding_format="base64"`` was asked for."""

    index: int
    embedding: V
    object: str = "embedding"


class EmbeddingUsage(BaseModel):
    prompt_tokens: int = 0
    total_tokens: int = 0


class CreateEmbeddingResponse(Response, Generic[V]):
    """``data[i].embedding`` is the vector of ``input[i]`` (ordered by ``index``)."""

    data: list[Embedding[V]]
    model: str | None = None
    object: str = "list"
    usage: EmbeddingUsage | None = None


@dataclass
class EmbeddingBatch:
    """One request's worth of a batch job: texts ``start`` .. ``start + len(texts) - 1``.

    ``vectors`` holds one vector per text (lists, or a float32 array of shape (n, dim) with
    ``as_numpy``), or None when the request failed after retries; ``error`` says why.
    """

    start: int
    texts: list[str]
    vectors: Any = None
    error: BaseException | None = None
    tokens: int = 0
    """The batch's tokens as counted for batching: estimated, or exact with ``exact_tokens``."""

    @property
    def end(self) -> int:
        """One past the index of the last text."""
        return self.start + len(self.texts)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class BatchEmbeddings:
    """Every text's vector in input order. Rows of failed batches are NaN (numpy) or None
    (lists); ``failures`` names their input ranges and errors."""

    vectors: Any
    failures: list[EmbeddingBatch] = field(default_factory=list)
    requests: int = 0
    elapsed: float = 0.0
    throttled: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures
