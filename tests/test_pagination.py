"""Pagers: await for a page, async-for for every item, both paging styles."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from aio_litellm import AsyncPager, CursorStyle, LiteLLMClient, PageNumberStyle

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
