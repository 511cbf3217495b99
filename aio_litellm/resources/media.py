"""``client.moderations``, ``client.images``, ``client.audio``, ``client.rerank``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._resource import Resource, group, require
from ..types.media import ImagesResponse, ModerationCreateResponse, RerankResponse, Transcription

if TYPE_CHECKING:
    from ..types.model_names import AudioModelName, ImageModelName

__all__ = ["Audio", "Images", "Moderations", "Rerank"]

MODERATE = Endpoint("POST", "/moderations", ModerationCreateResponse, "moderations.create")
GENERATE = Endpoint("POST", "/images/generations", ImagesResponse, "images.generate")
EDIT = Endpoint("POST", "/images/edits", ImagesResponse, "images.edit")
SPEECH = Endpoint("POST", "/audio/speech", bytes, "audio.speech.create")
TRANSCRIBE = Endpoint("POST", "/audio/transcriptions", Transcription, "audio.transcriptions.create")
RERANK = Endpoint("POST", "/rerank", RerankResponse, "rerank.create")


def _body(**fields: Any) -> dict[str, Any]:
    # Optional arguments left at None are not sent: the proxy's defaults apply.
    return {k: v for k, v in fields.items() if v is not None}


class Moderations(Resource):
    __slots__ = ()

    async def create(
        self, *, input: str | Sequence[str], model: str | None = None, **params: Any
    ) -> ModerationCreateResponse:
        """Classify text against the provider's content policy. ``POST /moderations``."""
        if not input:
            raise ValueError("moderations.create() needs a non-empty input")
        return await self._client._call(MODERATE, json=_body(input=input, model=model, **params))


class Images(Resource):
    __slots__ = ()

    async def generate(
        self,
        *,
        prompt: str,
        model: ImageModelName | None = None,
        n: int | None = None,
        size: str | None = None,
        quality: str | None = None,
        response_format: str | None = None,
        **params: Any,
    ) -> ImagesResponse:
        """Create images from a prompt. ``POST /images/generations``."""
        require("images.generate", {"prompt": prompt}, "prompt")
        body = _body(
            prompt=prompt,
            model=model,
            n=n,
            size=size,
            quality=quality,
            response_format=response_format,
            **params,
        )
        return await self._client._call(GENERATE, json=body)

    async def edit(
        self,
        *,
        image: FileTypes,
        prompt: str,
        model: ImageModelName | None = None,
        mask: FileTypes | None = None,
        n: int | None = None,
        size: str | None = None,
        **params: Any,
    ) -> ImagesResponse:
        """Edit an image as the prompt says (multipart). ``POST /images/edits``."""
        files: dict[str, FileTypes] = {"image": image}
        if mask is not None:
            files["mask"] = mask
        form = _body(prompt=prompt, model=model, n=n, size=size, **params)
        return await self._client._call(EDIT, form=form, files=files)


class Speech(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        model: AudioModelName,
        input: str,
        voice: str,
        response_format: str | None = None,
        speed: float | None = None,
        **params: Any,
    ) -> bytes:
        """Text to speech; returns the audio bytes. ``POST /audio/speech``."""
        require(
            "audio.speech.create",
            {"model": model, "input": input, "voice": voice},
            "model",
            "input",
            "voice",
        )
        body = _body(
            model=model,
            input=input,
            voice=voice,
            response_format=response_format,
            speed=speed,
            **params,
        )
        return await self._client._call(SPEECH, json=body)


class Transcriptions(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        file: FileTypes,
        model: AudioModelName,
        language: str | None = None,
        prompt: str | None = None,
        response_format: str | None = None,
        temperature: float | None = None,
        **params: Any,
    ) -> Transcription:
        """Speech to text (multipart upload). ``POST /audio/transcriptions``."""
        form = _body(
            model=model,
            language=language,
            prompt=prompt,
            response_format=response_format,
            temperature=temperature,
            **params,
        )
        return await self._client._call(TRANSCRIBE, form=form, files={"file": file})


class Audio(Resource):
    __slots__ = ("__dict__",)

    speech: group[Speech] = group("media:Speech")
    transcriptions: group[Transcriptions] = group("media:Transcriptions")


class Rerank(Resource):
    __slots__ = ()

    async def create(
        self,
        *,
        model: str,
        query: str,
        documents: Sequence[str | dict[str, Any]],
        top_n: int | None = None,
        **params: Any,
    ) -> RerankResponse:
        """Order ``documents`` by relevance to ``query``. ``POST /rerank``."""
        if isinstance(documents, str) or not documents:
            raise TypeError("rerank.create() needs a non-empty list of documents")
        body = _body(model=model, query=query, documents=list(documents), top_n=top_n, **params)
        return await self._client._call(RERANK, json=body)
