"""Results of ``client.moderations``, ``client.images``, ``client.audio`` and ``client.rerank``."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response

__all__ = [
    "Image",
    "ImagesResponse",
    "ModerationCreateResponse",
    "ModerationResult",
    "RerankResponse",
    "RerankResult",
    "Transcription",
]


class ModerationResult(BaseModel):
    flagged: bool
    categories: dict[str, Any] = {}
    category_scores: dict[str, Any] = {}


class ModerationCreateResponse(Response):
    """``POST /moderations``: one result per input."""

    id: str | None = None
    model: str | None = None
    results: list[ModerationResult]


class Image(BaseModel):
    b64_json: str | None = None
    url: str | None = None
    revised_prompt: str | None = None


class ImagesResponse(Response):
    """``POST /images/generations`` and ``/images/edits``."""

    created: int | None = None
    data: list[Image]


class Transcription(Response):
    """``POST /audio/transcriptions`` (JSON formats)."""

    text: str


class RerankResult(BaseModel):
    index: int
    relevance_score: float
    document: Any = None


class RerankResponse(Response):
    """``POST /rerank``: documents by relevance, best first."""

    id: str | None = None
    results: list[RerankResult]
