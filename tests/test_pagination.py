"""Pagers: await for a page, async-for for every item, both paging styles."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import AsyncPager, CursorStyle, LiteLLMClient, OffsetStyle, PageNumberStyle
from aio_litellm._pagination import DateWindowStyle, WindowPager, WindowTruncatedError

from .conftest import FakeProxy

KEYS = [f"hash{i}" for i in range(7)]


def key_pages(request: web.Request) -> web.Response:
    page, size = int(request.query["page"]), int(request.query.get("size", "3"))
    chunk = KEYS[(page - 1) * size : page * size]
    total_pages = -(-len(KEYS) // size)
    return web.json_response(
        {"keys": chunk, "total_count": len(KEYS), "current_page": page, "total_pages": total_pages}
    )


async def handler(request: web.Request) -> web.StreamResponse:
    return key_pages(request)


async def test_await_gives_first_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/key/list", handler)
    page = await client.keys.list(size=3, team_id="t")
    assert page.keys == KEYS[:3] and page.total_pages == 3
    assert proxy.calls()[0].query == {"page": "1", "size": "3", "team_id": "t"}


async def test_async_for_walks_every_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/key/list", handler)
    assert [k async for k in client.keys.list(size=3)] == KEYS
    assert [c.query["page"] for c in proxy.calls()] == ["1", "2", "3"]


async def test_stops_on_short_page_without_total(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def no_total(request: web.Request) -> web.StreamResponse:
        body = key_pages(request)
        import orjson

        data = orjson.loads(body.body)  # type: ignore[arg-type]
        data.pop("total_pages")
        return web.json_response(data)

    proxy.on("GET", "/key/list", no_total)
    assert [k async for k in client.keys.list(size=3)] == KEYS
    assert len(proxy.calls()) == 3  # the third page is short: no fourth request


async def test_stops_on_empty_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def endless(request: web.Request) -> web.StreamResponse:
        page = int(request.query["page"])
        return web.json_response({"keys": ["k"] if page < 3 else []})

    proxy.on("GET", "/key/list", endless)
    assert [k async for k in client.keys.list()] == ["k", "k"]


async def test_aliases_pager(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def aliases(request: web.Request) -> web.StreamResponse:
        page = int(request.query["page"])
        return web.json_response({"aliases": [f"a{page}"], "total_pages": 2, "current_page": page})

    proxy.on("GET", "/key/aliases", aliases)
    assert [a async for a in client.keys.aliases(search="a")] == ["a1", "a2"]
    assert proxy.calls()[0].query == {"page": "1", "search": "a"}


async def test_cursor_style(proxy: FakeProxy, client: LiteLLMClient) -> None:
    files = [{"id": f"file-{i}"} for i in range(5)]

    async def listing(request: web.Request) -> web.StreamResponse:
        after = request.query.get("after")
        start = 0 if after is None else next(i for i, f in enumerate(files) if f["id"] == after) + 1
        chunk = files[start : start + 2]
        return web.json_response({"data": chunk, "has_more": start + 2 < len(files)})

    proxy.on("GET", "/v1/files", listing)

    async def fetch(params: dict[str, Any]) -> Any:
        return await client.request("GET", "/v1/files", params=params)

    pager: AsyncPager[Any, Any] = AsyncPager(fetch, {"limit": 2}, CursorStyle())
    assert [f["id"] async for f in pager] == [f["id"] for f in files]
    assert [c.query.get("after") for c in proxy.calls()] == [None, "file-1", "file-3"]
    first = await pager
    assert first["has_more"] is True


def test_styles_stop_rules() -> None:
    class Page:
        has_more = True
        last_id = "x9"

    cursor = CursorStyle()
    assert cursor.next({}, Page(), [{"id": "x1"}]) == {"after": "x9"}
    Page.last_id = None  # type: ignore[assignment]
    assert cursor.next({}, Page(), [{"id": "x1"}]) == {"after": "x1"}
    assert cursor.next({}, Page(), [{"other": 1}]) is None
    assert cursor.next({}, Page(), []) is None
    # A route that ignores ``after`` answers the same page again: stop, do not loop.
    assert cursor.next({"after": "x1"}, Page(), [{"id": "x1"}]) is None
    numbers = PageNumberStyle(items="keys")
    assert numbers.next({"page": 2}, object(), ["a"]) == {"page": 3}


# ------------------------------------------------------------- offset, whole list, dotted fields


def _pager(pages: dict[int, Any], style: Any, params: dict[str, Any]) -> tuple[Any, list[Any]]:
    """A pager over canned pages keyed by the page/offset the query asks for; records queries."""
    seen: list[dict[str, Any]] = []

    async def fetch(query: dict[str, Any]) -> Any:
        seen.append(dict(query))
        key = query.get("offset", query.get("page", 0))
        return pages[key]

    return AsyncPager(fetch, params, style), seen


async def test_offset_style_walks_until_a_short_page() -> None:
    from aio_litellm import OffsetStyle

    pages = {0: {"rows": [1, 2]}, 2: {"rows": [3, 4]}, 4: {"rows": [5]}}
    pager, seen = _pager(pages, OffsetStyle(items="rows"), {"limit": 2})
    assert [x async for x in pager] == [1, 2, 3, 4, 5]
    assert [q["offset"] for q in seen] == [0, 2, 4] and all(q["limit"] == 2 for q in seen)


async def test_offset_style_stops_at_total_and_on_empty() -> None:
    from aio_litellm import OffsetStyle

    pages = {0: {"rows": [1, 2], "total": 4}, 2: {"rows": [3, 4], "total": 4}}
    pager, seen = _pager(pages, OffsetStyle(items="rows"), {})  # no limit: total ends it
    assert [x async for x in pager] == [1, 2, 3, 4] and len(seen) == 2
    pager, seen = _pager({0: {"rows": [1]}, 1: {"rows": []}}, OffsetStyle(items="rows"), {})
    assert [x async for x in pager] == [1] and len(seen) == 2


async def test_whole_list_style_reads_a_bare_array_once() -> None:
    from aio_litellm._pagination import WHOLE

    pager, seen = _pager({0: [{"id": "a"}, {"id": "b"}]}, WHOLE, {"x": 1})
    assert [x["id"] async for x in pager] == ["a", "b"]
    assert seen == [{"x": 1}]
    assert await pager == [{"id": "a"}, {"id": "b"}]


async def test_page_number_style_reads_nested_total_pages() -> None:
    style = PageNumberStyle(
        items="results", size_param="page_size", total_pages="metadata.total_pages"
    )
    pages = {
        1: {"results": [1, 2], "metadata": {"total_pages": 2}},
        2: {"results": [3, 4], "metadata": {"total_pages": 2}},
    }
    pager, seen = _pager(pages, style, {"page_size": 2})
    assert [x async for x in pager] == [1, 2, 3, 4]
    assert [q["page"] for q in seen] == [1, 2]  # total_pages ended it, not an extra request


# ------------------------------------------------------------------------------- date windows


def _windowed(rows: list[dict[str, Any]], seen: list[dict[str, Any]], size: int = 2) -> Any:
    """A route taking ``start``/``end`` ('YYYY-MM-DD HH:MM:SS', both included) and paging
    its matches, oldest first, by ``page``/``size``."""

    async def fetch(query: dict[str, Any]) -> Any:
        seen.append(dict(query))
        lo, hi = (datetime.fromisoformat(query[k]) for k in ("start", "end"))
        found = [r for r in rows if lo <= datetime.fromisoformat(r["at"]) <= hi]
        page = query["page"]
        return {
            "rows": found[(page - 1) * size : page * size],
            "total_pages": -(-len(found) // size),
        }

    return fetch


async def test_date_windows_page_inside_each_window_and_read_a_shared_instant_once() -> None:
    rows = [
        {"id": "a", "at": "2025-01-01 00:00:00"},
        {"id": "b", "at": "2025-01-01 05:00:00"},
        {"id": "c", "at": "2025-01-01 06:00:00"},
        {"id": "d", "at": "2025-01-01 06:00:00"},  # two rows on the instant two windows share
        {"id": "e", "at": "2025-01-01 08:00:00"},
        {"id": "f", "at": "2025-01-01 12:00:00"},  # on the last instant: included
        {"id": "g", "at": "2025-01-01 12:00:01"},
    ]
    style = DateWindowStyle.between(
        "2025-01-01",
        datetime(2025, 1, 1, 13, tzinfo=timezone(timedelta(hours=1))),  # 12:00 UTC
        step=timedelta(hours=6),
        items="rows",
        start_param="start",
        end_param="end",
        dates_only=False,
        inner=PageNumberStyle(items="rows"),
        time_field="at",
    )
    seen: list[dict[str, Any]] = []
    pager: WindowPager[Any, Any] = WindowPager(_windowed(rows, seen), {"team": "t"}, style)
    assert [r["id"] async for r in pager] == ["a", "b", "c", "d", "e", "f"]
    assert [(q["start"], q["end"], q["page"]) for q in seen] == [
        ("2025-01-01 00:00:00", "2025-01-01 06:00:00", 1),
        ("2025-01-01 00:00:00", "2025-01-01 06:00:00", 2),
        ("2025-01-01 06:00:00", "2025-01-01 12:00:00", 1),  # the page count starts again
        ("2025-01-01 06:00:00", "2025-01-01 12:00:00", 2),
    ]
    assert all(q["team"] == "t" for q in seen)
    first = await pager
    assert [r["id"] for r in first["rows"]] == ["a", "b"]


def test_date_window_clears_an_inner_cursor_or_offset_between_windows() -> None:
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    for inner, state in (
        (CursorStyle(items="rows"), "after"),
        (OffsetStyle(items="rows"), "offset"),
    ):
        style = DateWindowStyle(start, start + timedelta(days=2), items="rows", inner=inner)
        query = {"start_date": "2025-01-01", "end_date": "2025-01-02", state: "x9"}
        nxt = style.next(query, {"rows": []}, [])
        assert nxt is not None and nxt["start_date"] == "2025-01-02"
        assert nxt.get(state) in (None, 0)  # the next window starts at its beginning


@pytest.mark.parametrize(
    ("start", "end", "options", "match"),
    [
        ("2025-01-02", "2025-01-01", {}, "before start"),
        ("2025-01-01", "2025-01-02", {"step": timedelta(0)}, "positive"),
        ("2025-01-01", "2025-01-03", {"step": timedelta(hours=12)}, "whole days"),
        ("2025-01-01T10:00:00Z", "2025-01-03", {}, "whole days"),
        ("2025-01-01 10:00:00.500000", "2025-01-03", {"dates_only": False}, "whole seconds"),
        ("Jan 1", "2025-01-03", {}, "YYYY-MM-DD"),
    ],
)
def test_date_window_refuses_ranges_the_route_cannot_take(
    start: str, end: str, options: dict[str, Any], match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        DateWindowStyle.between(start, end, **options)


def test_date_window_bounds_and_items() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        DateWindowStyle(datetime(2025, 1, 1), datetime(2025, 1, 2))
    with pytest.raises(TypeError, match="date string"):
        DateWindowStyle.between(1, "2025-01-02")  # type: ignore[arg-type]
    style = DateWindowStyle.between(date(2025, 1, 1), "2025-01-03", cap=2, time_field="at")
    assert style.first({}) == {"start_date": "2025-01-01", "end_date": "2025-01-02"}
    style.check({"start_date": "x", "end_date": "y"}, [1])
    with pytest.raises(WindowTruncatedError, match=r"x \.\. y has 2 rows"):
        style.check({"start_date": "x", "end_date": "y"}, [1, 2])
    # Only an item on an interior window edge has a key; one without an id is its own key.
    assert style.shared_key({"at": "2025-01-02T00:00:00Z", "id": "r1"}) == "r1"
    assert style.shared_key({"at": "2025-01-02T00:00:00+00:00"}) == repr(
        {"at": "2025-01-02T00:00:00+00:00"}
    )
    for at in ("2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z", "2025-01-02T00:00:01Z", "bad", 7):
        assert style.shared_key({"at": at, "id": "r1"}) is None
    assert DateWindowStyle.between("2025-01-01", "2025-01-03").shared_key({"id": 1}) is None
