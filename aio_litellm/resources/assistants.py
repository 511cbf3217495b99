"""``client.assistants``: OpenAI's Assistants API through the proxy (deprecated by OpenAI for
the Responses API: every call warns ``DeprecationWarning``; use ``client.responses``).

The proxy sends these to ``assistant_settings`` (one provider for all of them). LiteLLM 1.110
forwards neither the list parameters (``after``, ``limit``, ``order``: the provider's default
first page comes back) nor the body of a thread create (an empty thread is created).
"""

from __future__ import annotations

import functools
import warnings
from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._exceptions import APIResponseValidationError
from .._pagination import AsyncPager, CursorStyle
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.assistants import (
    Assistant,
    AssistantCreateParams,
    AssistantDeleted,
    AssistantList,
    AssistantListParams,
    AssistantStreamEvent,
    Message,
    MessageCreateParams,
    MessageList,
    MessageListParams,
    Run,
    RunCreateParams,
    Thread,
    ThreadCreateParams,
)

__all__ = ["Assistants", "Messages", "Runs", "Threads"]

CREATE = Endpoint("POST", "/assistants", Assistant, "assistants.create", retry_safe=False)
LIST = Endpoint("GET", "/assistants", AssistantList, "assistants.list")
DELETE = Endpoint(
    "DELETE", "/assistants/{assistant_id:path}", AssistantDeleted, "assistants.delete"
)
THREAD_CREATE = Endpoint("POST", "/threads", Thread, "assistants.threads.create", retry_safe=False)
THREAD_RETRIEVE = Endpoint("GET", "/threads/{thread_id}", Thread, "assistants.threads.retrieve")
MESSAGE_CREATE = Endpoint(
    "POST",
    "/threads/{thread_id}/messages",
    Message,
    "assistants.threads.messages.create",
    retry_safe=False,
)
MESSAGE_LIST = Endpoint(
    "GET", "/threads/{thread_id}/messages", MessageList, "assistants.threads.messages.list"
)
RUN_CREATE = Endpoint(
    "POST", "/threads/{thread_id}/runs", Run, "assistants.threads.runs.create", retry_safe=False
)

_PAGES = CursorStyle()

_DEPRECATED = (
    "client.assistants is deprecated: OpenAI is sunsetting the Assistants API; "
    "use client.responses (the Responses API) instead"
)


def _deprecated() -> None:
    # stacklevel 3: past this helper and the method, at the caller's line.
    warnings.warn(_DEPRECATED, DeprecationWarning, stacklevel=3)


def _check_cursor(page: AssistantList | MessageList, query: dict[str, Any]) -> None:
    """Refuse a page that holds the ``after`` object itself: the proxy ignored the cursor
    and sent the first page again, so walking on would repeat it forever."""
    after = query.get("after")
    if after is None or not any(item.id == after for item in page.data):
        return
    info = page.raw_response
    raise APIResponseValidationError(
        f"the proxy ignored after={after!r} and answered the first page again (LiteLLM does "
        "not forward list parameters for this route): later pages cannot be reached",
        status_code=info.status_code if info else 200,
        body=None,
        method=info.method if info else "GET",
        url=info.url if info else None,
    )


class Assistants(Resource):
    """Assistants: a model with instructions and tools (deprecated: use ``client.responses``)."""

    __slots__ = ("__dict__",)

    threads: group[Threads] = group("assistants:Threads")

    async def create(self, **params: Unpack[AssistantCreateParams]) -> Assistant:
        """Create an assistant. ``POST /assistants``."""
        _deprecated()
        require("assistants.create", params, "model")
        return await self._client._call(CREATE, json=params)

    def list(self, **params: Unpack[AssistantListParams]) -> AsyncPager[AssistantList, Assistant]:
        """Assistants, page by page (``await`` one page, ``async for`` every one).
        ``GET /assistants``.

        LiteLLM 1.110 does not forward the parameters: the provider's first page (newest
        first, 20) comes back, and asking for the next one raises ``APIResponseValidationError``.
        """
        _deprecated()
        return AsyncPager(self._list_page, dict(params), _PAGES)

    async def _list_page(self, query: dict[str, Any]) -> AssistantList:
        page = await self._client._call(LIST, query=query)
        _check_cursor(page, query)
        return page

    async def delete(self, assistant_id: str) -> AssistantDeleted:
        """Delete an assistant. ``DELETE /assistants/{assistant_id}``."""
        _deprecated()
        return await self._client._call(DELETE, path={"assistant_id": assistant_id})


class Threads(Resource):
    """Threads of messages that assistants run on (deprecated: use ``client.responses``)."""

    __slots__ = ("__dict__",)

    messages: group[Messages] = group("assistants:Messages")
    runs: group[Runs] = group("assistants:Runs")

    async def create(self, **params: Unpack[ThreadCreateParams]) -> Thread:
        """Create a thread. ``POST /threads``.

        LiteLLM 1.110 does not forward the body: the thread is created empty, without
        ``messages`` or ``metadata``; add messages with ``threads.messages.create``.
        """
        _deprecated()
        return await self._client._call(THREAD_CREATE, json=params)

    async def retrieve(self, thread_id: str) -> Thread:
        """A thread. ``GET /threads/{thread_id}``."""
        _deprecated()
        return await self._client._call(THREAD_RETRIEVE, path={"thread_id": thread_id})


class Messages(Resource):
    """Messages of a thread (deprecated: use ``client.responses``)."""

    __slots__ = ()

    async def create(self, thread_id: str, **params: Unpack[MessageCreateParams]) -> Message:
        """Add a message to a thread. ``POST /threads/{thread_id}/messages``."""
        _deprecated()
        require("assistants.threads.messages.create", params, "role", "content")
        return await self._client._call(MESSAGE_CREATE, path={"thread_id": thread_id}, json=params)

    def list(
        self, thread_id: str, **params: Unpack[MessageListParams]
    ) -> AsyncPager[MessageList, Message]:
        """The messages of a thread, page by page. ``GET /threads/{thread_id}/messages``.

        LiteLLM 1.110 does not forward the parameters: the provider's first page (newest
        first) comes back, and asking for the next one raises ``APIResponseValidationError``.
        """
        _deprecated()
        require("assistants.threads.messages.list", {"thread_id": thread_id}, "thread_id")
        return AsyncPager(functools.partial(self._list_page, thread_id), dict(params), _PAGES)

    async def _list_page(self, thread_id: str, query: dict[str, Any]) -> MessageList:
        page = await self._client._call(MESSAGE_LIST, path={"thread_id": thread_id}, query=query)
        _check_cursor(page, query)
        return page


class Runs(Resource):
    """Runs of an assistant on a thread (deprecated: use ``client.responses``)."""

    __slots__ = ()

    @overload
    async def create(
        self,
        thread_id: str,
        *,
        stream: Literal[False] = False,
        **params: Unpack[RunCreateParams],
    ) -> Run: ...

    @overload
    async def create(
        self, thread_id: str, *, stream: Literal[True], **params: Unpack[RunCreateParams]
    ) -> Stream[AssistantStreamEvent]: ...

    @overload
    async def create(
        self, thread_id: str, *, stream: bool, **params: Unpack[RunCreateParams]
    ) -> Run | Stream[AssistantStreamEvent]: ...

    async def create(
        self, thread_id: str, *, stream: bool = False, **params: Any
    ) -> Run | Stream[AssistantStreamEvent]:
        """Run an assistant on a thread. ``POST /threads/{thread_id}/runs``.

        Without ``stream`` the proxy answers once the run has ended (it polls the provider).
        With ``stream=True`` returns a ``Stream`` of ``AssistantStreamEvent``
        (``thread.run.created`` ... ``thread.message.delta`` ... ``thread.run.completed``).
        Not retried once it may have reached the proxy.
        """
        _deprecated()
        require("assistants.threads.runs.create", params, "assistant_id")
        path = {"thread_id": thread_id}
        if not stream:
            return await self._client._call(RUN_CREATE, path=path, json=params)
        return await self._client._stream(
            RUN_CREATE,
            AssistantStreamEvent.model_validate_json,
            path=path,
            json={**params, "stream": True},
        )
