"""``client.pass_through.azure``: raw verbs below ``/azure/``, and Azure OpenAI's deployment
routes typed (``openai/deployments/{deployment}/...?api-version=...``).

A deployment that is a ``model_name`` of the proxy's model list is answered through the proxy's
router (its credentials); any other goes to ``AZURE_API_BASE`` with ``AZURE_API_KEY``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, overload

from typing_extensions import Unpack

from ..._multipart import FileTypes
from ..._resource import Resource, group, require
from ..._streaming import Stream
from ..._urls import SubPath
from ...types.chat import ChatCompletion, ChatCompletionChunk, parse_chunk
from ...types.completions import Completion
from ...types.embeddings import CreateEmbeddingResponse
from ...types.media import ImagesResponse, Transcription
from ...types.pass_through.azure import (
    AzureChatCompletionParams,
    AzureCompletionParams,
    AzureEmbeddingParams,
    AzureImageGenerationParams,
    AzureTranscriptionParams,
)
from . import AZURE, FullProvider

__all__ = ["DEFAULT_API_VERSION", "Azure", "AzureAudio", "AzureImages"]

T = TypeVar("T")

DEFAULT_API_VERSION = "2024-10-21"
"""Azure OpenAI's GA API version sent when a call names none."""


def _deployment_path(deployment: str, operation: str) -> SubPath:
    return FullProvider._path(
        "openai/deployments/{deployment}/" + operation, deployment=_name(deployment)
    )


def _name(deployment: Any) -> str:
    if not isinstance(deployment, str) or not deployment.strip():
        raise ValueError(f"deployment must be a non-empty str, got {deployment!r}")
    return deployment


def _version(api_version: Any) -> dict[str, str]:
    if not isinstance(api_version, str) or not api_version:
        raise ValueError(f"api_version must be a non-empty str, got {api_version!r}")
    return {"api-version": api_version}


class Azure(FullProvider):
    """Azure OpenAI: ``chat_completions``, ``completions``, ``embeddings``,
    ``images.generations``, ``audio.transcriptions`` typed; raw verbs for the rest."""

    routes = AZURE

    images: group[AzureImages] = group("pass_through.azure:AzureImages")
    audio: group[AzureAudio] = group("pass_through.azure:AzureAudio")

    @overload
    async def chat_completions(
        self,
        deployment: str,
        *,
        stream: Literal[False] = False,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureChatCompletionParams],
    ) -> ChatCompletion: ...

    @overload
    async def chat_completions(
        self,
        deployment: str,
        *,
        stream: Literal[True],
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureChatCompletionParams],
    ) -> Stream[ChatCompletionChunk]: ...

    async def chat_completions(
        self,
        deployment: str,
        *,
        stream: bool = False,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureChatCompletionParams],
    ) -> ChatCompletion | Stream[ChatCompletionChunk]:
        """A chat completion (``stream=True``: its chunks as server-sent events).
        ``POST /azure/openai/deployments/{deployment}/chat/completions``."""
        require("chat_completions", params, "messages")
        path = _deployment_path(deployment, "chat/completions")
        query = _version(api_version)
        if stream:
            body = {**params, "stream": True}
            return await self._open_sse("POST", path, parse_chunk, {"json": body, "params": query})
        return await self.request(
            "POST", path, json=dict(params), params=query, cast_to=ChatCompletion
        )

    async def completions(
        self,
        deployment: str,
        *,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureCompletionParams],
    ) -> Completion:
        """A text completion. ``POST /azure/openai/deployments/{deployment}/completions``."""
        require("completions", params, "prompt")
        return await self._deployment_call(
            deployment, "completions", api_version, params, Completion
        )

    async def embeddings(
        self,
        deployment: str,
        *,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureEmbeddingParams],
    ) -> CreateEmbeddingResponse[Any]:
        """Embeddings of ``input`` (lists of floats; base64 strings with
        ``encoding_format="base64"``).
        ``POST /azure/openai/deployments/{deployment}/embeddings``."""
        require("embeddings", params, "input")
        return await self._deployment_call(
            deployment, "embeddings", api_version, params, CreateEmbeddingResponse[Any]
        )

    async def _deployment_call(
        self,
        deployment: str,
        operation: str,
        api_version: str,
        body: Mapping[str, Any],
        cast_to: type[T],
    ) -> T:
        path = _deployment_path(deployment, operation)
        return await self.request(
            "POST", path, json=dict(body), params=_version(api_version), cast_to=cast_to
        )


class _Part(Resource):
    """A sub-group of ``Azure``: its calls go through the provider's route."""

    __slots__ = ()

    @property
    def _azure(self) -> Azure:
        return Azure(self._client)


class AzureImages(_Part):
    __slots__ = ()

    async def generations(
        self,
        deployment: str,
        *,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureImageGenerationParams],
    ) -> ImagesResponse:
        """Generate images from ``prompt``.
        ``POST /azure/openai/deployments/{deployment}/images/generations``."""
        require("generations", params, "prompt")
        return await self._azure._deployment_call(
            deployment, "images/generations", api_version, params, ImagesResponse
        )


class AzureAudio(_Part):
    __slots__ = ()

    async def transcriptions(
        self,
        deployment: str,
        *,
        file: FileTypes,
        api_version: str = DEFAULT_API_VERSION,
        **params: Unpack[AzureTranscriptionParams],
    ) -> Transcription:
        """Transcribe an audio file (multipart upload; JSON answer formats only).
        ``POST /azure/openai/deployments/{deployment}/audio/transcriptions``."""
        if file is None:
            raise TypeError("transcriptions() missing required argument: file")
        azure = self._azure
        path = _deployment_path(deployment, "audio/transcriptions")
        return await azure.request(
            "POST",
            path,
            form=dict(params),
            files={"file": file},
            params=_version(api_version),
            cast_to=Transcription,
        )
