"""``client.files``: upload, list, inspect, download and delete files (batches, fine-tuning,
assistants). Uploads are streamed (see ``FileTypes``); downloads can be too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, endpoint_pager
from .._resource import Resource, require
from .._streaming import Download
from ..types.files import (
    FileCreateParams,
    FileDeleted,
    FileList,
    FileListParams,
    FileObject,
    FileRouting,
)

__all__ = ["Files"]

# An upload that timed out may have been stored: sent again only on "not processed" answers.
CREATE = Endpoint("POST", "/files", FileObject, "files.create", retry_safe=False)
LIST = Endpoint("GET", "/files", FileList, "files.list")
RETRIEVE = Endpoint("GET", "/files/{file_id:path}", FileObject, "files.retrieve")
DELETE = Endpoint("DELETE", "/files/{file_id:path}", FileDeleted, "files.delete")
# Also read as a stream by ``files.content_stream``: one route, two ways to take the body.
CONTENT = Endpoint("GET", "/files/{file_id:path}/content", bytes, "files.content")


def _form_fields(params: Mapping[str, Any]) -> dict[str, Any]:
    """Upload parameters as form fields: nested objects in the bracket notation the proxy reads
    (``expires_after[anchor]``), a list of model names comma-separated."""
    fields: dict[str, Any] = {}
    for key, value in params.items():
        if key == "target_model_names" and not isinstance(value, str):
            fields[key] = ",".join(value)
        elif isinstance(value, Mapping):
            _flatten(fields, key, value)
        else:
            fields[key] = value
    return fields


def _flatten(fields: dict[str, Any], prefix: str, value: Mapping[str, Any]) -> None:
    for key, item in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(item, Mapping):
            _flatten(fields, name, item)
        elif isinstance(item, (list, tuple)):
            # Repeated fields would collapse to the last one: one JSON value instead.
            fields[name] = _jsonutil.dumps(list(item)).decode()
        else:
            fields[name] = item


class Files(Resource):
    """Files stored by the provider behind the proxy (``files_settings``) or managed by LiteLLM."""

    __slots__ = ()

    async def create(self, *, file: FileTypes, **params: Unpack[FileCreateParams]) -> FileObject:
        """Upload a file (multipart). ``POST /files``.

        ``file`` is bytes, a path, a binary file, an async iterable of bytes, or a
        ``(filename, content[, content_type])`` tuple; it is streamed, never read whole into
        memory. A path or seekable file is sent again as it is on a retry; an async iterable or
        a pipe can be read once, so such an upload is never retried.
        """
        require("files.create", {"file": file, **params}, "file", "purpose")
        return await self._client._call(CREATE, form=_form_fields(params), files={"file": file})

    async def retrieve(self, file_id: str, **params: Unpack[FileRouting]) -> FileObject:
        """A file's metadata. ``GET /files/{file_id}``."""
        require("files.retrieve", {"file_id": file_id}, "file_id")
        return await self._client._call(RETRIEVE, path={"file_id": file_id}, query=params)

    def list(self, **params: Unpack[FileListParams]) -> AsyncPager[FileList, FileObject]:
        """Files, page by page (cursor ``after``). ``GET /files``.

        ``await client.files.list(limit=100)`` is one page; ``async for f in
        client.files.list()`` walks them all.
        """
        return endpoint_pager(self._client, LIST, dict(params))

    async def delete(self, file_id: str, **params: Unpack[FileRouting]) -> FileDeleted:
        """Delete a file. ``DELETE /files/{file_id}``."""
        require("files.delete", {"file_id": file_id}, "file_id")
        return await self._client._call(DELETE, path={"file_id": file_id}, query=params)

    async def content(self, file_id: str, **params: Unpack[FileRouting]) -> bytes:
        """A file's content, in memory (bounded by ``max_response_size``).
        ``GET /files/{file_id}/content``.

        For large files use ``content_stream``, which reads the body as it arrives.
        """
        require("files.content", {"file_id": file_id}, "file_id")
        return await self._client._call(CONTENT, path={"file_id": file_id}, query=params)

    def content_stream(self, file_id: str, **params: Unpack[FileRouting]) -> Download:
        """A file's content read as it arrives. ``GET /files/{file_id}/content``.

        ``await client.files.content_stream(id).save(path)`` writes it to disk, never whole in
        memory; ``async with client.files.content_stream(id) as body: async for chunk in
        body`` iterates it; ``await`` it for the open ``ByteStream``. Nothing is sent until
        then; the arguments are checked now.
        """
        require("files.content_stream", {"file_id": file_id}, "file_id")
        return self._client._download(CONTENT, path={"file_id": file_id}, query=params)
