"""``client.responses``: OpenAI's Responses API through the proxy, JSON or streamed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, CursorStyle
from .._resource import Resource, group, require
from .._streaming import Stream
from .._websocket import WebSocketConnect, WebSocketSession, open_session
from ..types.responses import (
    CompactedResponse,
    InputItemListParams,
    InputTokenCountParams,
    InputTokenCountResponse,
    Response,
    ResponseCompactParams,
    ResponseCreateParams,
    ResponseDeleted,
    ResponseItem,
    ResponseItemList,
    ResponseRetrieveParams,
    ResponseStreamEvent,
    parse_response_stream_event,
    response_stream_event_adapter,
)

__all__ = ["ResponseInputItems", "ResponseInputTokens", "Responses"]

# A response is stored (``store`` defaults to true) and may run in the background: a resend of a
# create that reached the proxy would make a second one.
CREATE = Endpoint("POST", "/responses", Response, "responses.create", retry_safe=False)
# The Responses API over a WebSocket: response.create frames in, the stream's events out.
CONNECT = Endpoint(
    "WEBSOCKET", "/responses", WebSocketSession, "responses.connect", retry_safe=False
)
RETRIEVE = Endpoint("GET", "/responses/{response_id}", Response, "responses.retrieve")
DELETE = Endpoint("DELETE", "/responses/{response_id}", ResponseDeleted, "responses.delete")
# Cancelling twice leaves the same state as cancelling once.
CANCEL = Endpoint("POST", "/responses/{response_id}/cancel", Response, "responses.cancel")
# Compaction and counting compute a result and store nothing.
COMPACT = Endpoint("POST", "/responses/compact", CompactedResponse, "responses.compact")
INPUT_ITEMS = Endpoint(
    "GET", "/responses/{response_id}/input_items", ResponseItemList, "responses.input_items.list"
)
INPUT_TOKENS = Endpoint(
    "POST", "/responses/input_tokens", InputTokenCountResponse, "responses.input_tokens.count"
)

_PAGES = CursorStyle()


class ResponseInputItems(Resource):
    __slots__ = ()

    def list(
        self, response_id: str, **params: Unpack[InputItemListParams]
    ) -> AsyncPager[ResponseItemList, ResponseItem]:
        """The input items of a response, page by page (``after`` cursor).
        ``GET /responses/{response_id}/input_items``.

        ``await`` it for one page, ``async for item in ...`` for every item. The paging
        parameters go in the query (OpenAI's form) and also in a JSON body: LiteLLM 1.110.2
        forwards only the body's, and without them every page would be the first.
        """
        require("responses.input_items.list", {"response_id": response_id}, "response_id")
        path = {"response_id": response_id}

        async def page(query: dict[str, Any]) -> ResponseItemList:
            return await self._client._call(INPUT_ITEMS, path=path, query=query, json=query)

        return AsyncPager(page, dict(params), _PAGES)


class ResponseInputTokens(Resource):
    __slots__ = ()

    async def count(self, **params: Unpack[InputTokenCountParams]) -> InputTokenCountResponse:
        """Count the input tokens of a Responses request without running it.
        ``POST /responses/input_tokens``."""
        require("responses.input_tokens.count", params, "model", "input")
        return await self._client._call(INPUT_TOKENS, json=params)


class Responses(Resource):
    """Model responses: create (JSON or streamed), retrieve, cancel, delete, compact."""

    __slots__ = ("__dict__",)

    input_items: group[ResponseInputItems] = group("responses:ResponseInputItems")
    input_tokens: group[ResponseInputTokens] = group("responses:ResponseInputTokens")

    def connect(
        self, *, model: str | None = None, headers: Mapping[str, str] | None = None
    ) -> WebSocketConnect[ResponseStreamEvent, Any]:
        """A Responses session over a WebSocket. ``WEBSOCKET /responses``.

        ``async with client.responses.connect(model=m) as ws: await ws.send({"type":
        "response.create", ...}); async for event in ws: ...`` — the events are the typed
        ``ResponseStreamEvent`` union of ``create(stream=True)``. Holds one concurrency slot
        until closed; ``client.aclose()`` ends it.
        """
        return open_session(
            self._client,
            CONNECT,
            parse_response_stream_event,
            query={"model": model} if model else None,
            headers=headers,
        )

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[ResponseCreateParams]
    ) -> Response: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[ResponseCreateParams]
    ) -> Stream[ResponseStreamEvent]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[ResponseCreateParams]
    ) -> Response | Stream[ResponseStreamEvent]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> Response | Stream[ResponseStreamEvent]:
        """Create a model response. ``POST /responses``.

        With ``stream=True`` returns a ``Stream`` of typed events (``response.created``,
        ``response.output_text.delta`` ... ``response.completed``); the proxy ends it at the end
        of the body (no ``[DONE]``). An event type this client does not know arrives as
        ``UnknownResponseStreamEvent``. A stream is retried only until its response starts; a
        JSON create is not retried once it may have reached the proxy.
        """
        require("responses.create", params, "model")
        if stream:
            return await self._client._stream(
                CREATE,
                response_stream_event_adapter().validate_json,
                json={**params, "stream": True},
            )
        return await self._client._call(CREATE, json=params)

    async def retrieve(
        self, response_id: str, **params: Unpack[ResponseRetrieveParams]
    ) -> Response:
        """A stored response by id (as LiteLLM returned it). ``GET /responses/{response_id}``."""
        return await self._client._call(RETRIEVE, path={"response_id": response_id}, query=params)

    async def delete(self, response_id: str) -> ResponseDeleted:
        """Delete a stored response. ``DELETE /responses/{response_id}``."""
        return await self._client._call(DELETE, path={"response_id": response_id})

    async def cancel(self, response_id: str) -> Response:
        """Cancel a background response; returns it as it now is.
        ``POST /responses/{response_id}/cancel``."""
        return await self._client._call(CANCEL, path={"response_id": response_id})

    async def compact(self, **params: Unpack[ResponseCompactParams]) -> CompactedResponse:
        """Compact a conversation into opaque items to send as the next ``input``.
        ``POST /responses/compact``."""
        require("responses.compact", params, "model")
        return await self._client._call(COMPACT, json=params)
