"""``client.pass_through.assemblyai`` (and ``.eu``, AssemblyAI's EU host): raw verbs, and
AssemblyAI's API typed: ``transcript``, ``lemur``, ``realtime.token``, ``upload``.

The proxy sends these to AssemblyAI's own hosts (``api.assemblyai.com``,
``api.eu.assemblyai.com``) with its ``ASSEMBLYAI_API_KEY``; a config cannot move them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from typing_extensions import Unpack

from ..._pagination import AsyncPager, _field
from ..._resource import group, require
from ..._urls import SubPath
from ...types.pass_through.assemblyai import (
    LemurActionItemsParams,
    LemurBaseParams,
    LemurQuestion,
    LemurQuestionAnswerResponse,
    LemurStringResponse,
    LemurSummaryParams,
    LemurTaskParams,
    RealtimeTemporaryToken,
    Transcript,
    TranscriptList,
    TranscriptListItem,
    TranscriptListQuery,
    TranscriptParams,
    UploadedFile,
)
from . import ASSEMBLYAI, ASSEMBLYAI_EU, FullProvider
from ._provider import ProviderPart, part

__all__ = [
    "TRANSCRIPT_PAGES",
    "AssemblyAI",
    "AssemblyAIEu",
    "AssemblyAILemur",
    "AssemblyAIRealtime",
    "AssemblyAITranscripts",
]


@dataclass(frozen=True)
class _OlderPages:
    """AssemblyAI's transcript list: newest first; the next page is the one before the last
    transcript seen (``before_id``), while ``page_details.prev_url`` says there is one."""

    items: str = "transcripts"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not items or not _field(page, "page_details.prev_url"):
            return None
        return {**params, "before_id": _field(items[-1], "id")}


TRANSCRIPT_PAGES = _OlderPages()

T = TypeVar("T")


class _AssemblyAIApi(FullProvider):
    """What the US and EU hosts share."""

    async def upload(self, data: bytes) -> UploadedFile:
        """Upload a local audio file's bytes; its ``upload_url`` is an ``audio_url`` for
        ``transcript.create``. ``POST /assemblyai/v2/upload``."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"upload() data must be bytes, not {type(data).__name__}")
        if not data:
            raise ValueError("upload() data must not be empty")
        return await self.request(
            "POST",
            SubPath("v2/upload"),
            content=bytes(data),
            headers={"Content-Type": "application/octet-stream"},
            cast_to=UploadedFile,
        )


# Each host class declares its groups and ``upload`` itself: the API reference (api.md) lists
# a class's own members.


class AssemblyAIEu(_AssemblyAIApi):
    """AssemblyAI's EU host: the same typed methods, below ``/eu.assemblyai/``."""

    routes = ASSEMBLYAI_EU
    transcript: part[AssemblyAITranscripts] = part("pass_through.assemblyai:AssemblyAITranscripts")
    lemur: part[AssemblyAILemur] = part("pass_through.assemblyai:AssemblyAILemur")
    realtime: part[AssemblyAIRealtime] = part("pass_through.assemblyai:AssemblyAIRealtime")
    upload = _AssemblyAIApi.upload


class AssemblyAI(_AssemblyAIApi):
    routes = ASSEMBLYAI
    eu: group[AssemblyAIEu] = group("pass_through.assemblyai:AssemblyAIEu")
    transcript: part[AssemblyAITranscripts] = part("pass_through.assemblyai:AssemblyAITranscripts")
    lemur: part[AssemblyAILemur] = part("pass_through.assemblyai:AssemblyAILemur")
    realtime: part[AssemblyAIRealtime] = part("pass_through.assemblyai:AssemblyAIRealtime")
    upload = _AssemblyAIApi.upload


def _id(name: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    return value


class AssemblyAITranscripts(ProviderPart):
    __slots__ = ()
    _provider_type = _AssemblyAIApi

    async def create(self, **params: Unpack[TranscriptParams]) -> Transcript:
        """Queue a transcription of ``audio_url``; poll ``get`` until ``status`` is
        ``completed`` or ``error``. ``POST /assemblyai/v2/transcript``."""
        require("create", params, "audio_url")
        return await self._provider.request(
            "POST", SubPath("v2/transcript"), json=dict(params), cast_to=Transcript
        )

    async def get(self, transcript_id: str) -> Transcript:
        """A transcript and its status. ``GET /assemblyai/v2/transcript/{id}``."""
        return await self._provider.request("GET", _path(transcript_id), cast_to=Transcript)

    def list(
        self, **query: Unpack[TranscriptListQuery]
    ) -> AsyncPager[TranscriptList, TranscriptListItem]:
        """Transcripts, newest first, page by page (``before_id`` walks back).
        ``GET /assemblyai/v2/transcript``."""
        provider = self._provider

        async def fetch(params: dict[str, Any]) -> TranscriptList:
            return await provider.request(
                "GET", SubPath("v2/transcript"), params=params, cast_to=TranscriptList
            )

        return AsyncPager(fetch, dict(query), TRANSCRIPT_PAGES)

    async def delete(self, transcript_id: str) -> Transcript:
        """Delete a transcript's data (the answer is the transcript, its text removed).
        ``DELETE /assemblyai/v2/transcript/{id}``."""
        return await self._provider.request("DELETE", _path(transcript_id), cast_to=Transcript)

    async def subtitles(
        self,
        transcript_id: str,
        format: Literal["srt", "vtt"],
        *,
        chars_per_caption: int | None = None,
    ) -> str:
        """The transcript as SRT or WebVTT captions. ``GET
        /assemblyai/v2/transcript/{id}/{srt|vtt}``."""
        if format not in ("srt", "vtt"):
            raise ValueError(f"format must be 'srt' or 'vtt', got {format!r}")
        path = FullProvider._path(
            "v2/transcript/{id}/" + format, id=_id("transcript_id", transcript_id)
        )
        return await self._provider.request(
            "GET", path, params={"chars_per_caption": chars_per_caption}, cast_to=str
        )


def _path(transcript_id: str) -> SubPath:
    return FullProvider._path("v2/transcript/{id}", id=_id("transcript_id", transcript_id))


class AssemblyAILemur(ProviderPart):
    """LeMUR: an LLM over transcripts (``transcript_ids``) or ``input_text``."""

    __slots__ = ()
    _provider_type = _AssemblyAIApi

    async def task(self, **params: Unpack[LemurTaskParams]) -> LemurStringResponse:
        """Run a free-form ``prompt``. ``POST /assemblyai/lemur/v3/generate/task``."""
        require("task", params, "prompt")
        return await self._generate("task", params, LemurStringResponse)

    async def summary(self, **params: Unpack[LemurSummaryParams]) -> LemurStringResponse:
        """Summarise. ``POST /assemblyai/lemur/v3/generate/summary``."""
        return await self._generate("summary", params, LemurStringResponse)

    async def question_answer(
        self, questions: Sequence[LemurQuestion], **params: Unpack[LemurBaseParams]
    ) -> LemurQuestionAnswerResponse:
        """Answer each question. ``POST /assemblyai/lemur/v3/generate/question-answer``."""
        if isinstance(questions, (str, bytes)) or not questions:
            raise ValueError("questions must be a non-empty list of {'question': ...}")
        body = {**params, "questions": list(questions)}
        return await self._generate("question-answer", body, LemurQuestionAnswerResponse)

    async def action_items(self, **params: Unpack[LemurActionItemsParams]) -> LemurStringResponse:
        """Action items. ``POST /assemblyai/lemur/v3/generate/action-items``."""
        return await self._generate("action-items", params, LemurStringResponse)

    async def get(self, request_id: str) -> dict[str, Any]:
        """A past LeMUR answer (its shape is the call's). ``GET
        /assemblyai/lemur/v3/{request_id}``."""
        path = FullProvider._path("lemur/v3/{id}", id=_id("request_id", request_id))
        result: dict[str, Any] = await self._provider.request("GET", path, cast_to=dict[str, Any])
        return result

    async def purge(self, request_id: str) -> dict[str, Any]:
        """Delete a LeMUR request's data. ``DELETE /assemblyai/lemur/v3/{request_id}``."""
        path = FullProvider._path("lemur/v3/{id}", id=_id("request_id", request_id))
        result: dict[str, Any] = await self._provider.request(
            "DELETE", path, cast_to=dict[str, Any]
        )
        return result

    async def _generate(self, kind: str, body: Mapping[str, Any], cast_to: type[T]) -> T:
        if not body.get("transcript_ids") and not body.get("input_text"):
            raise TypeError(f"LeMUR {kind} needs transcript_ids or input_text")
        return await self._provider.request(
            "POST", SubPath(f"lemur/v3/generate/{kind}"), json=dict(body), cast_to=cast_to
        )


class AssemblyAIRealtime(ProviderPart):
    __slots__ = ()
    _provider_type = _AssemblyAIApi

    async def token(self, expires_in: int) -> RealtimeTemporaryToken:
        """A temporary token for a browser's streaming session, valid ``expires_in`` seconds
        (60 to 360000). ``POST /assemblyai/v2/realtime/token``."""
        if type(expires_in) is not int or not 60 <= expires_in <= 360000:
            raise ValueError(f"expires_in must be an int from 60 to 360000, got {expires_in!r}")
        return await self._provider.request(
            "POST",
            SubPath("v2/realtime/token"),
            json={"expires_in": expires_in},
            cast_to=RealtimeTemporaryToken,
        )
