"""``client.containers``: code-interpreter containers and the files in them."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, endpoint_pager
from .._resource import Resource, group, require
from .._streaming import Download
from ..types.containers import (
    Container,
    ContainerCreateParams,
    ContainerDeleted,
    ContainerFile,
    ContainerFileDeleted,
    ContainerFileList,
    ContainerFileListParams,
    ContainerList,
    ContainerListParams,
)

__all__ = ["ContainerFiles", "Containers"]


# Creates and uploads are not retry-safe: one that timed out may have been applied.
CREATE = Endpoint("POST", "/containers", Container, "containers.create", retry_safe=False)
RETRIEVE = Endpoint("GET", "/containers/{container_id}", Container, "containers.retrieve")
LIST = Endpoint("GET", "/containers", ContainerList, "containers.list")
DELETE = Endpoint("DELETE", "/containers/{container_id}", ContainerDeleted, "containers.delete")

FILE_CREATE = Endpoint(
    "POST",
    "/containers/{container_id}/files",
    ContainerFile,
    "containers.files.create",
    retry_safe=False,
)
FILE_RETRIEVE = Endpoint(
    "GET",
    "/containers/{container_id}/files/{file_id}",
    ContainerFile,
    "containers.files.retrieve",
)
FILE_LIST = Endpoint(
    "GET", "/containers/{container_id}/files", ContainerFileList, "containers.files.list"
)
FILE_DELETE = Endpoint(
    "DELETE",
    "/containers/{container_id}/files/{file_id}",
    ContainerFileDeleted,
    "containers.files.delete",
)
# One route, two methods: ``content`` reads it whole, ``content_stream`` as it arrives.
FILE_CONTENT = Endpoint(
    "GET",
    "/containers/{container_id}/files/{file_id}/content",
    bytes,
    "containers.files.content",
)


class ContainerFiles(Resource):
    """Files in a container (``/containers/{container_id}/files``)."""

    __slots__ = ()

    async def create(
        self,
        container_id: str,
        *,
        file: FileTypes | None = None,
        file_id: str | None = None,
    ) -> ContainerFile:
        """Put a file in a container: upload ``file`` (multipart: bytes, a path, a binary file
        or ``(filename, content[, content_type])``), or copy an uploaded file by ``file_id``
        (JSON). ``POST /containers/{container_id}/files``.

        The LiteLLM proxy 1.110.2 takes uploads only: a ``file_id`` alone is refused (400).
        """
        path = {"container_id": container_id}
        if file is not None:
            return await self._client._call(
                FILE_CREATE, path=path, form={"file_id": file_id}, files={"file": file}
            )
        if not file_id:
            raise TypeError("containers.files.create() needs file or file_id")
        return await self._client._call(FILE_CREATE, path=path, json={"file_id": file_id})

    async def retrieve(self, container_id: str, file_id: str) -> ContainerFile:
        """A container file's metadata. ``GET /containers/{container_id}/files/{file_id}``."""
        return await self._client._call(
            FILE_RETRIEVE, path={"container_id": container_id, "file_id": file_id}
        )

    def list(
        self, container_id: str, **params: Unpack[ContainerFileListParams]
    ) -> AsyncPager[ContainerFileList, ContainerFile]:
        """A container's files, page by page (``after`` cursor).
        ``GET /containers/{container_id}/files``."""
        return endpoint_pager(
            self._client, FILE_LIST, dict(params), path={"container_id": container_id}
        )

    async def delete(self, container_id: str, file_id: str) -> ContainerFileDeleted:
        """Delete a file from a container. ``DELETE /containers/{container_id}/files/{file_id}``."""
        return await self._client._call(
            FILE_DELETE, path={"container_id": container_id, "file_id": file_id}
        )

    async def content(self, container_id: str, file_id: str) -> bytes:
        """A container file's bytes, read whole (bounded by ``max_response_size``).
        ``GET /containers/{container_id}/files/{file_id}/content``."""
        return await self._client._call(
            FILE_CONTENT, path={"container_id": container_id, "file_id": file_id}
        )

    def content_stream(self, container_id: str, file_id: str) -> Download:
        """A container file's bytes as they arrive: ``await ....save(path)`` streams them to
        disk, ``async with ... as body`` iterates them. Nothing is sent until awaited.
        ``GET /containers/{container_id}/files/{file_id}/content``."""
        return self._client._download(
            FILE_CONTENT, path={"container_id": container_id, "file_id": file_id}
        )


class Containers(Resource):
    """Code-interpreter containers (``/containers``)."""

    __slots__ = ("__dict__",)

    files: group[ContainerFiles] = group("containers:ContainerFiles")

    async def create(self, **params: Unpack[ContainerCreateParams]) -> Container:
        """Create a container. ``POST /containers``.

        The proxy answers an id that encodes where the container lives: pass it back as it is.
        """
        require("containers.create", params, "name")
        return await self._client._call(CREATE, json=params)

    async def retrieve(self, container_id: str) -> Container:
        """A container. ``GET /containers/{container_id}``."""
        return await self._client._call(RETRIEVE, path={"container_id": container_id})

    def list(self, **params: Unpack[ContainerListParams]) -> AsyncPager[ContainerList, Container]:
        """Containers, page by page (``after`` cursor). ``GET /containers``.

        Proxy admins see every container upstream; other keys only the ones they created.
        """
        return endpoint_pager(self._client, LIST, dict(params))

    async def delete(self, container_id: str) -> ContainerDeleted:
        """Delete a container and its files. ``DELETE /containers/{container_id}``."""
        return await self._client._call(DELETE, path={"container_id": container_id})
