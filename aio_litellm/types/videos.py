"""Parameters and results of ``client.videos`` (OpenAI's Videos API, as LiteLLM serves it).

The proxy rewrites video (and character) ids into long base64 blobs that name the deployment:
pass them back exactly as received.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "Video",
    "VideoCharacter",
    "VideoCreateError",
    "VideoCreateParams",
    "VideoList",
    "VideoListParams",
    "VideoReference",
    "VideoVariant",
]

VideoReference = str | Mapping[str, Any]
"""A video the proxy made: its id, or ``{"id": <id>}``."""

VideoVariant = Literal["video", "thumbnail", "spritesheet"]
"""Which asset of a finished video to download."""


class VideoCreateParams(TypedDict, total=False):
    """Fields of ``POST /videos`` besides ``input_reference``."""

    prompt: Required[str]
    model: str
    """A video model of the proxy (``model_info.mode: video_generation``)."""
    seconds: str
    """Clip length: "4", "8", "12" ..."""
    size: str
    """``720x1280``, ``1280x720`` ..."""
    characters: list[Mapping[str, str]]
    """``[{"id": <character id>}]`` from ``videos.characters.create``."""
    user: str


class VideoListParams(TypedDict, total=False):
    """Query of ``GET /videos``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]


class VideoCreateError(BaseModel):
    code: str | None = None
    message: str | None = None


class Video(Response):
    """A video job: ``status`` queued, in_progress, completed or failed; ``progress`` 0-100."""

    id: str
    object: str = "video"
    status: str | None = None
    progress: int | None = None
    model: str | None = None
    prompt: str | None = None
    seconds: str | None = None
    size: str | None = None
    created_at: int | None = None
    completed_at: int | None = None
    expires_at: int | None = None
    remixed_from_video_id: str | None = None
    error: VideoCreateError | None = None
    usage: dict[str, Any] | None = None


class VideoList(CursorPage[Video]):
    """One page of ``GET /videos``."""

    data: list[Video]  # required: an answer without it is not a page


class VideoCharacter(Response):
    """A character made from a video, to cast in later videos."""

    id: str | None = None
    object: str = "character"
    name: str | None = None
    created_at: int | None = None
