"""``client.rag``: document ingestion into a vector store and retrieval-augmented answers."""

from __future__ import annotations

from typing import Any, Literal, overload

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._resource import Resource, require
from .._streaming import Stream
from ..types.chat import ChatCompletionChunk, parse_chunk
from ..types.rag import RagIngestParams, RagIngestResponse, RagQueryParams, RagQueryResponse

__all__ = ["Rag"]

# An ingest uploads a file and may create a vector store: a resend would do it twice.
INGEST = Endpoint("POST", "/rag/ingest", RagIngestResponse, "rag.ingest", retry_safe=False)
# A query searches and generates; it stores nothing.
QUERY = Endpoint("POST", "/rag/query", RagQueryResponse, "rag.query")


class Rag(Resource):
    """Retrieval-augmented generation: ``ingest`` documents, then ``query`` them."""

    __slots__ = ()

    async def ingest(
        self, *, file: FileTypes | None = None, **params: Unpack[RagIngestParams]
    ) -> RagIngestResponse:
        """Upload, chunk, embed and store a document in a vector store. ``POST /rag/ingest``.

        The document is ``file=`` (bytes, a path, ``(name, bytes, content_type)``: sent as
        multipart), or ``file_url=``, or ``file_id=`` (a file already in the store's provider).
        Not retried once it may have reached the proxy.
        """
        require("rag.ingest", params, "ingest_options")
        if not params["ingest_options"].get("vector_store"):
            raise TypeError("rag.ingest() needs ingest_options={'vector_store': {...}}")
        if file is None and not params.get("file_url") and not params.get("file_id"):
            raise TypeError("rag.ingest() needs file=, file_url= or file_id=")
        if file is None:
            return await self._client._call(INGEST, json=params)
        # Multipart: the proxy reads the options from one JSON form field named "request".
        form = {"request": _jsonutil.dumps(params).decode()}
        return await self._client._call(INGEST, form=form, files={"file": file})

    @overload
    async def query(
        self, *, stream: Literal[False] = False, **params: Unpack[RagQueryParams]
    ) -> RagQueryResponse: ...

    @overload
    async def query(
        self, *, stream: Literal[True], **params: Unpack[RagQueryParams]
    ) -> Stream[ChatCompletionChunk]: ...

    @overload
    async def query(
        self, *, stream: bool, **params: Unpack[RagQueryParams]
    ) -> RagQueryResponse | Stream[ChatCompletionChunk]: ...

    async def query(
        self, *, stream: bool = False, **params: Any
    ) -> RagQueryResponse | Stream[ChatCompletionChunk]:
        """Search a vector store with the last user message, optionally rerank, and answer
        from what was found. ``POST /rag/query``.

        The answer is a chat completion (``stream=True``: a ``Stream`` of chat chunks) whose
        ``search_results`` holds what the answer was based on.
        """
        require("rag.query", params, "model", "messages", "retrieval_config")
        if not params["retrieval_config"].get("vector_store_id"):
            raise TypeError("rag.query() needs retrieval_config={'vector_store_id': ...}")
        if stream:
            return await self._client._stream(QUERY, parse_chunk, json={**params, "stream": True})
        return await self._client._call(QUERY, json=params)
