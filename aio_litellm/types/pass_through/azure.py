"""Request shapes of ``client.pass_through.azure``'s typed methods (Azure OpenAI's deployment
routes). The results are the project's OpenAI shapes: ``ChatCompletion``, ``Completion``,
``CreateEmbeddingResponse``, ``ImagesResponse``, ``Transcription``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from ..chat import ChatCompletionMessageParam

__all__ = [
    "AzureChatCompletionParams",
    "AzureCompletionParams",
    "AzureEmbeddingParams",
    "AzureImageGenerationParams",
    "AzureTranscriptionParams",
]


class AzureChatCompletionParams(TypedDict, total=False):
    """Body of ``openai/deployments/{deployment}/chat/completions`` (the deployment names the
    model; ``stream`` is the method's own argument)."""

    messages: Required[Iterable[ChatCompletionMessageParam]]
    frequency_penalty: float
    logit_bias: Mapping[str, int]
    logprobs: bool
    max_completion_tokens: int
    max_tokens: int
    n: int
    parallel_tool_calls: bool
    presence_penalty: float
    reasoning_effort: Literal["minimal", "low", "medium", "high"]
    response_format: Mapping[str, Any]
    seed: int
    stop: str | Sequence[str]
    stream_options: Mapping[str, Any]
    temperature: float
    tool_choice: str | Mapping[str, Any]
    tools: Iterable[Mapping[str, Any]]
    top_logprobs: int
    top_p: float
    user: str
    data_sources: Sequence[Mapping[str, Any]]
    """Azure "on your data" sources."""


class AzureCompletionParams(TypedDict, total=False):
    """Body of ``openai/deployments/{deployment}/completions``."""

    prompt: Required[str | Sequence[str]]
    best_of: int
    echo: bool
    frequency_penalty: float
    logit_bias: Mapping[str, int]
    logprobs: int
    max_tokens: int
    n: int
    presence_penalty: float
    seed: int
    stop: str | Sequence[str]
    suffix: str
    temperature: float
    top_p: float
    user: str


class AzureEmbeddingParams(TypedDict, total=False):
    """Body of ``openai/deployments/{deployment}/embeddings``."""

    input: Required[str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]]
    dimensions: int
    encoding_format: Literal["float", "base64"]
    user: str
    input_type: str


class AzureImageGenerationParams(TypedDict, total=False):
    """Body of ``openai/deployments/{deployment}/images/generations``."""

    prompt: Required[str]
    n: int
    size: str
    quality: str
    style: str
    response_format: Literal["url", "b64_json"]
    user: str


class AzureTranscriptionParams(TypedDict, total=False):
    """Form fields of ``openai/deployments/{deployment}/audio/transcriptions`` besides the
    file."""

    language: str
    prompt: str
    response_format: Literal["json", "verbose_json"]
    temperature: float
