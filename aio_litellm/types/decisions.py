"""Results and parameters of ``client.decisions``."""

from __future__ import annotations

from typing import Any

from .._models import Response
from .params.decisions import DecisionsParams, ExtractionParams, SystemoneParams

__all__ = [
    "DecisionsCreateParams",
    "DecisionsResult",
    "ExtractionCreateParams",
    "ExtractionResult",
    "SystemOneParams",
    "SystemOneResult",
]

DecisionsCreateParams = DecisionsParams
ExtractionCreateParams = ExtractionParams
SystemOneParams = SystemoneParams


class DecisionsResult(Response):
    """``POST /decisions`` (OpenAI Decisions format): one answer per question, in order."""

    model: str | None = None
    answers: list[dict[str, Any]] = []
    usage: dict[str, Any] | None = None


class SystemOneResult(Response):
    """``POST /systemone``: one answer per question name."""

    model: str | None = None
    answers: dict[str, dict[str, Any]] = {}
    usage: dict[str, Any] | None = None


class ExtractionResult(Response):
    """``POST /extraction``: one answer per field name; ``truncated`` when the state was cut
    to fit the model."""

    model: str | None = None
    answers: dict[str, dict[str, Any]] = {}
    truncated: bool | None = None
    state_text: str | None = None
    usage: dict[str, Any] | None = None
