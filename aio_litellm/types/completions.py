"""Parameters and results of ``client.completions`` (legacy text completions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CompletionUsage

__all__ = ["Completion", "CompletionChoice", "CompletionCreateParams"]


class CompletionCreateParams(TypedDict, total=False):
    """Body of ``POST /completions`` (``stream`` is a separate argument)."""

    model: Required[str]
    prompt: Required[str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]]
    best_of: int
    echo: bool
    frequency_penalty: float
    logit_bias: Mapping[str, int]
    logprobs: int
    max_tokens: int
    metadata: Mapping[str, Any]
    n: int
    presence_penalty: float
    seed: int
    stop: str | Sequence[str]
    stream_options: Mapping[str, Any]
    suffix: str
    temperature: float
    top_p: float
    user: str
    fallbacks: Sequence[str | Mapping[str, Any]]
    num_retries: int
    tags: Sequence[str]


class CompletionChoice(BaseModel):
    index: int = 0
    text: str = ""
    finish_reason: str | None = None
    logprobs: Any = None


class Completion(Response):
    """A text completion; streamed chunks have the same shape."""

    id: str
    object: str = "text_completion"
    created: int | None = None
    model: str | None = None
    choices: list[CompletionChoice]
    usage: CompletionUsage | None = None
    system_fingerprint: str | None = None
