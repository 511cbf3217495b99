"""Parameters and results of ``client.pass_through.vllm``'s typed methods: vLLM serves the
OpenAI API, so the answers are the project's OpenAI types (``ChatCompletion``,
``ChatCompletionChunk``, ``Completion``, ``CreateEmbeddingResponse``, ``ModelList``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from ..chat import ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParams
from ..completions import Completion, CompletionCreateParams
from ..embeddings import CreateEmbeddingResponse
from ..models import Model, ModelList

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionCreateParams",
    "Completion",
    "CompletionCreateParams",
    "CreateEmbeddingResponse",
    "Model",
    "ModelList",
    "VllmEmbeddingCreateParams",
]


class VllmEmbeddingCreateParams(TypedDict, total=False):
    """Body of vLLM's ``POST /v1/embeddings``."""

    model: Required[str]
    input: Required[str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]]
    encoding_format: Literal["float", "base64"]
    dimensions: int
    user: str
    truncate_prompt_tokens: int
    additional_data: Mapping[str, Any]
