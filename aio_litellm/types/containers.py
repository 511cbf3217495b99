"""Parameters and results of ``client.containers`` (code-interpreter containers and their
files)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .common import CursorPage

__all__ = [
    "Container",
    "ContainerCreateParams",
    "ContainerDeleted",
    "ContainerExpiresAfter",
    "ContainerExpiresAfterParam",
    "ContainerFile",
    "ContainerFileDeleted",
    "ContainerFileList",
    "ContainerFileListParams",
    "ContainerList",
    "ContainerListParams",
]


class ContainerExpiresAfterParam(TypedDict):
    """``{"anchor": "last_active_at", "minutes": N}``."""

    anchor: Literal["last_active_at"]
    minutes: int


class ContainerCreateParams(TypedDict, total=False):
    """``client.containers.create(name=...)``."""

    name: Required[str]
    expires_after: ContainerExpiresAfterParam
    file_ids: Sequence[str]
    memory_limit: Literal["1g", "4g", "16g", "64g"]
    network_policy: dict[str, Any]
    skills: Sequence[dict[str, Any]]
    custom_llm_provider: str
    """LiteLLM: the provider to create the container at (default ``openai``)."""
    model: str
    """LiteLLM: create the container with this proxy model's deployment (its ``api_base`` and
    key); the answered id encodes it, so later calls on the container go there too."""


class ContainerListParams(TypedDict, total=False):
    """``client.containers.list(...)``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]
    name: str
    model: str
    """LiteLLM: list the containers of this proxy model's deployment."""


class ContainerFileListParams(TypedDict, total=False):
    """``client.containers.files.list(container_id, ...)``."""

    after: str
    limit: int
    order: Literal["asc", "desc"]


class ContainerExpiresAfter(BaseModel):
    anchor: str | None = None
    minutes: int | None = None


class Container(Response):
    """A container (``object: "container"``). The proxy rewrites the id to encode where the
    container lives: pass it back as it is."""

    id: str
    object: str = "container"
    created_at: int | None = None
    name: str | None = None
    status: str | None = None
    expires_after: ContainerExpiresAfter | None = None
    last_active_at: int | None = None
    memory_limit: str | None = None
    network_policy: dict[str, Any] | None = None


class ContainerList(CursorPage[Container]):
    """One page of ``GET /containers``."""


class ContainerDeleted(Response):
    id: str
    deleted: bool
    object: str = "container.deleted"


class ContainerFile(Response):
    """A file in a container (``object: "container.file"``)."""

    id: str
    object: str = "container.file"
    container_id: str | None = None
    bytes: int | None = None
    created_at: int | None = None
    path: str | None = None
    source: str | None = None


class ContainerFileList(CursorPage[ContainerFile]):
    """One page of ``GET /containers/{id}/files``."""


class ContainerFileDeleted(Response):
    id: str
    deleted: bool
    object: str = "container.file.deleted"
