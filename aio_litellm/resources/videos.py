"""``client.videos``: video generation jobs (OpenAI's Videos API as LiteLLM serves it).

The proxy rewrites the ids it returns (videos, characters) into long base64 blobs naming the
deployment; pass them back as they are, and the proxy routes the call to that deployment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, CursorStyle
from .._resource import Resource, group, require
from .._streaming import Download
from ..types.videos import (
    Video,
    VideoCharacter,
    VideoCreateParams,
    VideoList,
    VideoListParams,
    VideoReference,
    VideoVariant,
)

__all__ = ["Characters", "Videos"]

CREATE = Endpoint("POST", "/videos", Video, "videos.create", retry_safe=False)
LIST = Endpoint("GET", "/videos", VideoList, "videos.list")
RETRIEVE = Endpoint("GET", "/videos/{video_id}", Video, "videos.retrieve")
CONTENT = Endpoint("GET", "/videos/{video_id}/content", bytes, "videos.content")
REMIX = Endpoint("POST", "/videos/{video_id}/remix", Video, "videos.remix", retry_safe=False)
EDIT = Endpoint("POST", "/videos/edits", Video, "videos.edit", retry_safe=False)
EXTEND = Endpoint("POST", "/videos/extensions", Video, "videos.extend", retry_safe=False)
CHARACTER_CREATE = Endpoint(
    "POST", "/videos/characters", VideoCharacter, "videos.characters.create", retry_safe=False
)
CHARACTER_RETRIEVE = Endpoint(
    "GET", "/videos/characters/{character_id}", VideoCharacter, "videos.characters.retrieve"
)

_PAGES = CursorStyle()


def _reference(video: VideoReference) -> Mapping[str, Any]:
    return {"id": video} if isinstance(video, str) else video


class Videos(Resource):
    """Video generation: create, poll, download, remix, edit and extend videos."""

    __slots__ = ("__dict__",)

    characters: group[Characters] = group("videos:Characters")

    async def create(
        self,
        *,
        input_reference: FileTypes | Mapping[str, Any] | None = None,
        **params: Unpack[VideoCreateParams],
    ) -> Video:
        """Start a video job from a prompt. ``POST /videos``.

        ``input_reference`` guides it: an image file (bytes, path, file object or
        ``(name, content, type)``, sent as multipart) or a reference object (sent as JSON).
        Poll ``retrieve`` until ``status`` is ``completed``, then ``content``.
        """
        require("videos.create", params, "prompt")
        return await self._send(CREATE, dict(params), "input_reference", input_reference)

    async def _send(
        self,
        ep: Endpoint[Video],
        fields: dict[str, Any],
        name: str,
        value: FileTypes | Mapping[str, Any] | None,
    ) -> Video:
        """JSON, unless ``value`` is a file to upload: then multipart, the file as ``name``."""
        if value is None or isinstance(value, Mapping):
            body = fields if value is None else {**fields, name: value}
            return await self._client._call(ep, json=body)
        return await self._client._call(ep, form=fields, files={name: value})

    def list(self, **params: Unpack[VideoListParams]) -> AsyncPager[VideoList, Video]:
        """Videos, page by page (``await`` one page, ``async for`` every one). ``GET /videos``.

        The proxy lists the videos of the provider named by ``custom_llm_provider`` in the
        query (default openai, at its default host, not one of the proxy's deployments).
        """
        return AsyncPager(self._list_page, dict(params), _PAGES)

    async def _list_page(self, query: dict[str, Any]) -> VideoList:
        return await self._client._call(LIST, query=query)

    async def retrieve(self, video_id: str) -> Video:
        """A video job's status and progress. ``GET /videos/{video_id}``."""
        return await self._client._call(RETRIEVE, path={"video_id": video_id})

    async def content(self, video_id: str, *, variant: VideoVariant | None = None) -> bytes:
        """The finished video (MP4 bytes), read whole into memory.
        ``GET /videos/{video_id}/content``. For large videos use ``content_stream``."""
        return await self.content_stream(video_id, variant=variant).read()

    def content_stream(self, video_id: str, *, variant: VideoVariant | None = None) -> Download:
        """The finished video as a ``Download``: ``await d.save(path)`` writes it to a file as
        it arrives, ``async with d as body: async for chunk in body`` iterates it.
        ``GET /videos/{video_id}/content``."""
        return self._client._download(
            CONTENT, path={"video_id": video_id}, query={"variant": variant}
        )

    async def remix(self, video_id: str, *, prompt: str, **params: Any) -> Video:
        """A new video job from a finished video and a new prompt.
        ``POST /videos/{video_id}/remix``."""
        require("videos.remix", {"prompt": prompt}, "prompt")
        return await self._client._call(
            REMIX, path={"video_id": video_id}, json={**params, "prompt": prompt}
        )

    async def edit(self, *, prompt: str, video: VideoReference | FileTypes, **params: Any) -> Video:
        """A new video job editing a video: one the proxy made (its id, or ``{"id": ...}``,
        sent as JSON) or an uploaded file (bytes, path, file object; multipart).
        ``POST /videos/edits``."""
        require("videos.edit", {"prompt": prompt, "video": video}, "prompt", "video")
        ref = _reference(video) if isinstance(video, (str, Mapping)) else video
        return await self._send(EDIT, {**params, "prompt": prompt}, "video", ref)

    async def extend(
        self, *, prompt: str, seconds: str, video: VideoReference, **params: Any
    ) -> Video:
        """A new video job continuing a finished video by ``seconds``.
        ``POST /videos/extensions``."""
        require(
            "videos.extend",
            {"prompt": prompt, "seconds": seconds, "video": video},
            "prompt",
            "seconds",
            "video",
        )
        body = {**params, "prompt": prompt, "seconds": seconds, "video": _reference(video)}
        return await self._client._call(EXTEND, json=body)


class Characters(Resource):
    """Characters made from a video, to cast in new videos (``characters=[{"id": ...}]``)."""

    __slots__ = ()

    async def create(
        self, *, name: str, video: FileTypes, model: str | None = None, **params: Any
    ) -> VideoCharacter:
        """Make a character from a video file (multipart). ``POST /videos/characters``.

        ``model`` (a proxy video model) picks the deployment. It is sent as LiteLLM's
        ``target_model_names``, which also wraps the character id with the deployment so
        ``retrieve`` finds it again; without it the proxy calls OpenAI's default host.
        """
        require("videos.characters.create", {"name": name}, "name")
        form = {**params, "name": name, "target_model_names": model}
        return await self._client._call(CHARACTER_CREATE, form=form, files={"video": video})

    async def retrieve(self, character_id: str) -> VideoCharacter:
        """A character. ``GET /videos/characters/{character_id}``."""
        return await self._client._call(CHARACTER_RETRIEVE, path={"character_id": character_id})
