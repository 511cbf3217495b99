"""Typed shapes of ``client.pass_through.assemblyai`` (AssemblyAI's API: ``v2/transcript``,
``v2/upload``, ``v2/realtime/token``, ``lemur/v3/...``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from ..._models import BaseModel, Response

__all__ = [
    "LemurActionItemsParams",
    "LemurBaseParams",
    "LemurQuestion",
    "LemurQuestionAnswer",
    "LemurQuestionAnswerResponse",
    "LemurStringResponse",
    "LemurSummaryParams",
    "LemurTaskParams",
    "LemurUsage",
    "PageDetails",
    "RealtimeTemporaryToken",
    "Transcript",
    "TranscriptList",
    "TranscriptListItem",
    "TranscriptListQuery",
    "TranscriptParams",
    "TranscriptStatus",
    "TranscriptWord",
    "UploadedFile",
]

TranscriptStatus = Literal["queued", "processing", "completed", "error"]


class TranscriptWord(BaseModel):
    text: str
    start: int | None = None
    end: int | None = None
    confidence: float | None = None
    speaker: str | None = None


class Transcript(Response):
    id: str
    status: str | None = None
    """``queued``, ``processing``, ``completed`` or ``error`` (then ``error`` says why)."""
    audio_url: str | None = None
    text: str | None = None
    words: list[TranscriptWord] | None = None
    utterances: list[dict[str, Any]] | None = None
    confidence: float | None = None
    audio_duration: float | None = None
    language_code: str | None = None
    speech_model: str | None = None
    error: str | None = None


class TranscriptListItem(BaseModel):
    id: str
    resource_url: str | None = None
    status: str | None = None
    created: str | None = None
    completed: str | None = None
    audio_url: str | None = None
    error: str | None = None


class PageDetails(BaseModel):
    limit: int | None = None
    result_count: int | None = None
    current_url: str | None = None
    prev_url: str | None = None
    """Older transcripts (AssemblyAI lists newest first)."""
    next_url: str | None = None


class TranscriptList(Response):
    page_details: PageDetails = PageDetails()
    transcripts: list[TranscriptListItem] = []


class UploadedFile(Response):
    upload_url: str
    """Pass it as ``audio_url`` to ``transcript.create``."""


class RealtimeTemporaryToken(Response):
    token: str


class LemurUsage(BaseModel):
    input_tokens: int | None = None
    output_tokens: int | None = None


class LemurStringResponse(Response):
    """``task``, ``summary`` and ``action_items`` answers."""

    request_id: str
    response: str
    usage: LemurUsage | None = None


class LemurQuestionAnswer(BaseModel):
    question: str
    answer: str


class LemurQuestionAnswerResponse(Response):
    request_id: str
    response: list[LemurQuestionAnswer] = []
    usage: LemurUsage | None = None


class TranscriptParams(TypedDict, total=False):
    """``POST v2/transcript``: ``audio_url`` (public, or ``upload``'s ``upload_url``) and
    the features to run."""

    audio_url: Required[str]
    speech_model: str
    language_code: str
    language_detection: bool
    punctuate: bool
    format_text: bool
    speaker_labels: bool
    speakers_expected: int
    multichannel: bool
    word_boost: Sequence[str]
    boost_param: Literal["low", "default", "high"]
    auto_chapters: bool
    auto_highlights: bool
    entity_detection: bool
    sentiment_analysis: bool
    summarization: bool
    summary_model: str
    summary_type: str
    iab_categories: bool
    content_safety: bool
    redact_pii: bool
    redact_pii_policies: Sequence[str]
    filter_profanity: bool
    disfluencies: bool
    audio_start_from: int
    audio_end_at: int
    webhook_url: str
    webhook_auth_header_name: str
    webhook_auth_header_value: str
    custom_spelling: Sequence[Mapping[str, Any]]


class TranscriptListQuery(TypedDict, total=False):
    limit: int
    status: TranscriptStatus
    created_on: str
    before_id: str
    after_id: str
    throttled_only: bool


class LemurBaseParams(TypedDict, total=False):
    """What every LeMUR call takes: the transcripts (or ``input_text``) and the model."""

    transcript_ids: Sequence[str]
    input_text: str
    context: str | Mapping[str, Any]
    final_model: str
    max_output_size: int
    temperature: float


class LemurTaskParams(LemurBaseParams, total=False):
    prompt: Required[str]


class LemurSummaryParams(LemurBaseParams, total=False):
    answer_format: str


class LemurActionItemsParams(LemurBaseParams, total=False):
    answer_format: str


class LemurQuestion(TypedDict, total=False):
    question: Required[str]
    context: str | Mapping[str, Any]
    answer_format: str
    answer_options: Sequence[str]
