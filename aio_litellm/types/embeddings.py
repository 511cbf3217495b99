"""Parameters and results of ``client.embeddings``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

from typing_extensions import TypedDict

from .._models import BaseModel, Response

__all__ = ["CreateEmbeddingResponse", "Embedding", "EmbeddingCreateParams", "EmbeddingUsage"]

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
