"""Parameters and results of ``client.files`` (OpenAI's Files API through the proxy).

Results follow openai-python's ``FileObject``/``FileDeleted``; fields the proxy or a provider
may leave out are optional, and unknown fields are kept. Enumerations (``purpose``,
``status``) are plain strings: providers add values (Azure's ``pending``) before any client.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import Response
from .common import CursorPage

__all__ = [
    "FileCreateParams",
    "FileDeleted",
    "FileExpiresAfter",
    "FileList",
    "FileListParams",
    "FileObject",
    "FilePurpose",
    "FileRouting",
]

FilePurpose = Literal[
    "assistants", "batch", "fine-tune", "vision", "user_data", "evals", "responses"
]


class FileExpiresAfter(TypedDict):
    """When an uploaded file expires: ``seconds`` (3600 to 2592000) after ``anchor``."""

    anchor: Literal["created_at"]
    seconds: int


class FileRouting(TypedDict, total=False):
    """LiteLLM's routing of a file operation to a provider (all optional)."""

    custom_llm_provider: str
    """Provider whose ``files_settings`` entry serves the call (the proxy's default:
    ``openai``)."""
    model: str
    """A model name of the proxy whose deployment's credentials serve the call (ids of files
    created this way carry it: later calls with them need no ``model``)."""


class FileCreateParams(FileRouting, total=False):
    """``files.create``: the upload itself is the ``file`` argument."""

    purpose: Required[FilePurpose | str]
    expires_after: FileExpiresAfter
    target_model_names: Sequence[str] | str
    """LiteLLM managed files: upload once for each of these proxy model names and get one
    id usable with all of them (needs the proxy's database)."""
    target_storage: str
    """Storage backend of a managed file (LiteLLM: ``default``)."""
    litellm_metadata: dict[str, Any]
    """Metadata the proxy logs with the upload (spend logs, tags)."""


class FileListParams(FileRouting, total=False):
    """``files.list``: OpenAI's filters and cursor, plus LiteLLM's routing."""

    purpose: str
    limit: int
    after: str
    """Cursor: the id of the last file of the previous page (the pager sets it)."""
    order: Literal["asc", "desc"]
    target_model_names: str
    """List the managed files of this one proxy model name."""


class FileObject(Response):
    """An uploaded file."""

    id: str
    object: str = "file"
    bytes: int | None = None
    created_at: int | None = None
    filename: str | None = None
    purpose: str | None = None
    """``assistants``, ``batch``, ``batch_output``, ``fine-tune``, ``vision``, ``user_data``
    ..."""
    status: str | None = None
    """Deprecated by OpenAI: ``uploaded``, ``processed``, ``error`` (Azure: ``pending``)."""
    expires_at: int | None = None
    status_details: str | None = None


class FileDeleted(Response):
    """The answer to ``files.delete``."""

    id: str
    deleted: bool
    object: str = "file"


class FileList(CursorPage[FileObject]):
    """One page of ``files.list``."""
