"""Pagers for list endpoints: ``await`` one gives a page, ``async for`` walks every item.

The styles in use behind the proxy: LiteLLM's ``page``/``size`` with ``total_pages``
(``/key/list``, ``/v2/team/list``, daily activity ...), OpenAI's ``after``/``has_more``
(``/v1/files`` ...), ``offset``/``limit``, and routes that answer everything at once (a bare
array: ``/customer/list``, ``/tag/list`` ...). A style names where the items are: a field, a
dotted path into nested objects (``metadata.total_pages``), or ``""`` for the page itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from ._endpoint import Endpoint
    from ._pipeline import Pipeline

__all__ = [
    "CURSOR",
    "WHOLE",
    "AsyncPager",
    "CursorStyle",
    "OffsetStyle",
    "PageNumberStyle",
    "PageStyle",
    "SinglePageStyle",
    "endpoint_pager",
]

ItemT = TypeVar("ItemT")
PageT = TypeVar("PageT")


def _field(obj: Any, name: str) -> Any:
    """A field of a page or item, whether a model or plain JSON (``client.request``); a dotted
    name walks nested objects; ``""`` is the object itself."""
    if not name:
        return obj
    if "." in name:
        for part in name.split("."):
            obj = _field(obj, part)
        return obj
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


@dataclass(frozen=True)
class PageNumberStyle:
    """``?page=N&size=M``; the page lists items under ``items`` and may say ``total_pages``."""

    items: str
    page_param: str = "page"
    size_param: str = "size"
    total_pages: str = "total_pages"
    first_page: int = 1

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return {self.page_param: self.first_page, **params}

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not items:
            return None
        current = int(params.get(self.page_param, self.first_page))
        total = _field(page, self.total_pages)
        if isinstance(total, int) and current >= total:
            return None
        size = params.get(self.size_param)
        if isinstance(size, int) and len(items) < size:
            return None
        return {**params, self.page_param: current + 1}


@dataclass(frozen=True)
class CursorStyle:
    """``?after=<last id>``; the page lists items under ``items`` and says ``has_more``."""

    items: str = "data"
    after_param: str = "after"
    has_more: str = "has_more"
    last_id: str = "last_id"
    item_id: str = "id"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not items or not _field(page, self.has_more):
            return None
        cursor = _field(page, self.last_id)
        if cursor is None:
            cursor = _field(items[-1], self.item_id)
        if cursor is None or cursor == params.get(self.after_param):
            return None  # a route that ignores the cursor would loop forever
        return {**params, self.after_param: cursor}


@dataclass(frozen=True)
class OffsetStyle:
    """``?offset=N&limit=M``: the next page starts after the items seen; a short page is the
    last (as is reaching ``total`` when the page says it)."""

    items: str
    offset_param: str = "offset"
    limit_param: str = "limit"
    total: str = "total"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return {self.offset_param: 0, **params}

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not items:
            return None
        offset = int(params.get(self.offset_param, 0)) + len(items)
        limit = params.get(self.limit_param)
        total = _field(page, self.total)
        if isinstance(limit, int) and len(items) < limit:
            return None
        if isinstance(total, int) and offset >= total:
            return None
        return {**params, self.offset_param: offset}


@dataclass(frozen=True)
class SinglePageStyle:
    """A route that answers every item at once (often as a bare array: ``items=""``)."""

    items: str = ""

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        return None


class PageStyle(Protocol):
    """How a route pages: the query of the first page, the next page's (``None``: no more)."""

    @property
    def items(self) -> str: ...

    def first(self, params: dict[str, Any]) -> dict[str, Any]: ...

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None: ...


class AsyncPager(Generic[PageT, ItemT]):
    """``await pager`` fetches the first page; ``async for item in pager`` yields every item of
    every page, fetching the next page only when the current one is used up; ``pager.pages()``
    yields whole pages."""

    def __init__(
        self,
        fetch: Callable[[dict[str, Any]], Awaitable[PageT]],
        params: dict[str, Any],
        style: PageStyle,
    ) -> None:
        self._fetch = fetch
        self._params = style.first(params)
        self._style = style

    def __await__(self) -> Generator[Any, None, PageT]:
        return self._fetch(self._params).__await__()

    async def pages(self) -> AsyncIterator[PageT]:
        params: dict[str, Any] | None = self._params
        while params is not None:
            page = await self._fetch(params)
            yield page
            params = self._style.next(params, page, self._items(page))

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in self._items(page):
                yield item

    def _items(self, page: PageT) -> Sequence[ItemT]:
        items: Sequence[ItemT] | None = _field(page, self._style.items)
        return items or ()


CURSOR = CursorStyle()
"""OpenAI's list style: ``data``, ``has_more``, ``last_id`` / the last item's ``id``."""
WHOLE = SinglePageStyle()
"""A route that answers a bare JSON array of every item."""


def endpoint_pager(
    client: Pipeline,
    ep: Endpoint[PageT],
    params: dict[str, Any],
    style: PageStyle = CURSOR,
    path: dict[str, Any] | None = None,
) -> AsyncPager[PageT, Any]:
    """A pager over a declared list route: each page is one call with the pager's query."""

    async def fetch(query: dict[str, Any]) -> PageT:
        return await client._call(ep, path=path, query=query)

    return AsyncPager(fetch, params, style)
