"""Pagers for list endpoints: ``await`` one gives a page, ``async for`` walks every item.

The styles in use behind the proxy: LiteLLM's ``page``/``size`` with ``total_pages``
(``/key/list``, ``/v2/team/list``, daily activity ...), OpenAI's ``after``/``has_more``
(``/v1/files`` ...), ``offset``/``limit``, and routes that answer everything at once (a bare
array: ``/customer/list``, ``/tag/list`` ...). A style names where the items are: a field, a
dotted path into nested objects (``metadata.total_pages``), or ``""`` for the page itself.
Routes that cap an answer rather than page it (``/spend/logs``) are walked by date windows:
``DateWindowStyle`` with a ``WindowPager``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._exceptions import LiteLLMError

if TYPE_CHECKING:
    from ._endpoint import Endpoint
    from ._pipeline import Pipeline

__all__ = [
    "CURSOR",
    "WHOLE",
    "AsyncPager",
    "CursorStyle",
    "DateWindowStyle",
    "OffsetStyle",
    "PageNumberStyle",
    "PageStyle",
    "SinglePageStyle",
    "WindowPager",
    "WindowTruncatedError",
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


# -- date windows ----------------------------------------------------------------------------

DateLike = str | date
"""``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM:SS`` (or ISO 8601), a ``date`` or a ``datetime``; naive
values are UTC, as the proxy reads them."""

# What an inner style keeps its place in: cleared when the walk moves to the next window.
_INNER_STATE = ("page_param", "offset_param", "after_param")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class WindowTruncatedError(LiteLLMError):
    """A window's answer reached the route's row cap: the proxy may have left rows out of it."""


@dataclass(frozen=True)
class DateWindowStyle:
    """A route that takes a date range and caps its answer (``/spend/logs``: 10,000 rows),
    walked as consecutive windows of ``step`` from ``start`` to ``end``, in order, each read
    whole (page by page with an ``inner`` style when the route also pages).

    Both ends are instants and both are inclusive, as the proxy compares them (``startTime >=
    start_date AND startTime <= end_date``; a bare date is that day's 00:00 UTC). Consecutive
    windows therefore share one instant; a ``WindowPager`` yields an item read at it once (by
    ``item_id``, found on ``time_field``). ``dates_only``: the route takes whole days only
    (``YYYY-MM-DD``), else whole seconds (``YYYY-MM-DD HH:MM:SS``). ``cap``: an answer of that
    many items was cut short (``WindowTruncatedError``). Build one per walk with ``between``.
    """

    start: datetime
    end: datetime
    step: timedelta = timedelta(days=1)
    items: str = ""
    start_param: str = "start_date"
    end_param: str = "end_date"
    dates_only: bool = True
    inner: PageStyle | None = None
    cap: int | None = None
    time_field: str | None = None
    item_id: str = "id"

    @classmethod
    def between(cls, start: DateLike, end: DateLike, **options: Any) -> DateWindowStyle:
        """The walk from ``start`` to ``end`` (both included); ``options`` are the fields."""
        return cls(_utc(start, "start"), _utc(end, "end"), **options)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("window bounds must be timezone-aware (see DateWindowStyle.between)")
        if self.end < self.start:
            raise ValueError(f"end ({self.end:%Y-%m-%d %H:%M:%S}) is before start")
        if self.step <= timedelta(0):
            raise ValueError("the window step must be positive")
        unit = timedelta(days=1) if self.dates_only else timedelta(seconds=1)
        what = "whole days (YYYY-MM-DD)" if self.dates_only else "whole seconds"
        spans = {"start": self.start - _EPOCH, "end": self.end - _EPOCH, "step": self.step}
        for name, span in spans.items():
            if span % unit:
                raise ValueError(f"{name} must be {what}: the route takes no finer times")

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._window(params, self.start)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if self.inner is not None:
            more = self.inner.next(params, page, items)
            if more is not None:
                return more
        window_end = _utc(params[self.end_param], self.end_param)
        if window_end >= self.end:
            return None
        state = {getattr(self.inner, name, None) for name in _INNER_STATE}
        return self._window({k: v for k, v in params.items() if k not in state}, window_end)

    def check(self, params: dict[str, Any], page: Any) -> None:
        """Raise ``WindowTruncatedError`` when the page's items reach ``cap``."""
        count = len(_field(page, self.items) or ())
        if self.cap is not None and count >= self.cap:
            raise WindowTruncatedError(
                f"the answer for {params[self.start_param]} .. {params[self.end_param]} has "
                f"{count} rows, the route's cap: rows may be missing; walk smaller windows"
            )

    def shared_key(self, item: Any) -> Any:
        """The identity of an item that lies on an instant two windows share (both read it),
        else ``None``."""
        if self.time_field is None:
            return None
        moment = _time_of(_field(item, self.time_field))
        if moment is None or not self.start < moment < self.end:
            return None
        if (moment - self.start) % self.step:
            return None  # inside one window
        key = _field(item, self.item_id)
        return repr(item) if key is None else key

    def _window(self, params: dict[str, Any], start: datetime) -> dict[str, Any]:
        end = min(start + self.step, self.end)
        query = {**params, self.start_param: self._text(start), self.end_param: self._text(end)}
        return self.inner.first(query) if self.inner is not None else query

    def _text(self, moment: datetime) -> str:
        return moment.strftime("%Y-%m-%d" if self.dates_only else "%Y-%m-%d %H:%M:%S")


class WindowPager(AsyncPager[PageT, ItemT]):
    """The pager of a ``DateWindowStyle`` walk: ``async for`` yields an item read by two
    windows (it lies on the instant they share) once, and a window whose answer reaches the
    style's ``cap`` raises ``WindowTruncatedError`` before any of its items is used."""

    def __init__(
        self,
        fetch: Callable[[dict[str, Any]], Awaitable[PageT]],
        params: dict[str, Any],
        style: DateWindowStyle,
    ) -> None:
        async def checked(query: dict[str, Any]) -> PageT:
            page = await fetch(query)
            style.check(query, page)
            return page

        super().__init__(checked, params, style)
        self._windows = style

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        seen: set[Any] = set()
        async for item in super().__aiter__():
            key = self._windows.shared_key(item)
            if key is not None:
                if key in seen:
                    continue
                seen.add(key)
            yield item


def _utc(value: DateLike, name: str) -> datetime:
    """``value`` as an aware UTC datetime (naive: UTC)."""
    if isinstance(value, str):
        moment = _time_of(value)
        if moment is None:
            raise ValueError(f"{name} must be YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, not {value!r}")
        return moment
    if isinstance(value, datetime):
        return _as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    raise TypeError(f"{name} must be a date string, date or datetime, not {type(value).__name__}")


def _time_of(value: Any) -> datetime | None:
    """An item's timestamp (ISO 8601 text as the proxy writes it, or a datetime) in UTC."""
    if isinstance(value, str):
        text = value.strip()
        try:
            # Python 3.10's fromisoformat does not read a "Z" suffix.
            value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        except ValueError:
            return None
    return _as_utc(value) if isinstance(value, datetime) else None


def _as_utc(moment: datetime) -> datetime:
    return (
        moment.replace(tzinfo=timezone.utc)
        if moment.tzinfo is None
        else moment.astimezone(timezone.utc)
    )
