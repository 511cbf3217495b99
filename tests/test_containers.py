"""``client.containers``: what each method sends, what it returns, uploads, downloads, pagers."""

from __future__ import annotations

import email.parser
import email.policy
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.containers import Container, ContainerFile

from .conftest import FakeProxy, reply


def container(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"cntr_{i}",
        "object": "container",
        "created_at": 1700000000 + i,
        "status": "running",
        "name": f"box {i}",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        **extra,
    }


def cfile(i: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"cfile_{i}",
        "object": "container.file",
        "container_id": "cntr_1",
        "bytes": 5,
        "created_at": 1,
        "path": f"/mnt/data/f{i}.txt",
        "source": "user",
        **extra,
    }


def cursor_pages(items: list[dict[str, Any]], size: int) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        after = request.query.get("after")
        start = next(i for i, it in enumerate(items) if it["id"] == after) + 1 if after else 0
        page = items[start : start + size]
        return web.json_response(
            {
                "object": "list",
                "data": page,
                "first_id": page[0]["id"] if page else None,
                "last_id": page[-1]["id"] if page else None,
                "has_more": start + size < len(items),
            }
        )

    return handler


def parts(seen_body: bytes, content_type: str) -> dict[str, tuple[str | None, Any]]:
    """The multipart body as ``{name: (filename, payload)}``."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + seen_body)
    return {
        str(p.get_param("name", header="content-disposition")): (
            p.get_filename(),
            p.get_payload(decode=True),
        )
        for p in message.iter_parts()
    }


async def test_create_retrieve_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/containers", reply(200, container(1, memory_limit="4g", x_new=1)))
    proxy.on("GET", "/containers/cntr 1", reply(200, container(1, last_active_at=5)))
    proxy.on(
        "DELETE",
        "/containers/cntr 1",
        reply(200, {"id": "cntr_1", "object": "container.deleted", "deleted": True}),
    )
    made = await client.containers.create(
        name="box 1", expires_after={"anchor": "last_active_at", "minutes": 20}, file_ids=["f"]
    )
    assert isinstance(made, Container)
    assert (made.id, made.status, made.memory_limit) == ("cntr_1", "running", "4g")
    assert made.expires_after is not None and made.expires_after.minutes == 20
    assert made.model_extra == {"x_new": 1}
    got = await client.containers.retrieve("cntr 1")
    assert got.last_active_at == 5
    gone = await client.containers.delete("cntr 1")
    assert gone.deleted and gone.object == "container.deleted"
    seen = proxy.calls()
    assert seen[0].json() == {
        "name": "box 1",
        "expires_after": {"anchor": "last_active_at", "minutes": 20},
        "file_ids": ["f"],
    }
    assert [s.raw_path for s in seen[1:]] == ["/containers/cntr%201"] * 2


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/containers", reply(502, {"error": {"message": "upstream"}}))
    with pytest.raises(APIStatusError):
        await client.containers.create(name="x")
    assert len(proxy.seen) == 1
    proxy.on("GET", "/containers/c", reply(502, {}), reply(200, container(1)))
    assert (await client.containers.retrieve("c")).id == "cntr_1"
    assert len(proxy.calls("GET", "/containers/c")) == 2


async def test_list_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/containers", cursor_pages([container(i) for i in range(5)], 2))
    page = await client.containers.list(limit=2)
    assert [c.id for c in page.data] == ["cntr_0", "cntr_1"] and page.has_more
    ids = [c.id async for c in client.containers.list(limit=2, order="desc")]
    assert ids == [f"cntr_{i}" for i in range(5)]
    assert [s.query.get("after") for s in proxy.seen] == [None, None, "cntr_1", "cntr_3"]
    assert proxy.seen[-1].query["order"] == "desc"


async def test_file_upload_is_multipart(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/containers/cntr_1/files", reply(200, cfile(1)))
    made = await client.containers.files.create(
        "cntr_1", file=("notes.txt", b"hello", "text/plain")
    )
    assert isinstance(made, ContainerFile)
    assert (made.id, made.path, made.bytes) == ("cfile_1", "/mnt/data/f1.txt", 5)
    seen = proxy.seen[-1]
    assert seen.content_type == "multipart/form-data"
    assert parts(seen.body, seen.headers["Content-Type"]) == {"file": ("notes.txt", b"hello")}

    on_disk = tmp_path / "data.csv"
    on_disk.write_bytes(b"a,b\n1,2\n")
    await client.containers.files.create("cntr_1", file=on_disk, file_id="file-9")
    seen = proxy.seen[-1]
    assert parts(seen.body, seen.headers["Content-Type"]) == {
        "file_id": (None, b"file-9"),
        "file": ("data.csv", b"a,b\n1,2\n"),
    }


async def test_file_create_by_id_is_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/containers/cntr_1/files", reply(200, cfile(2, source="file-9")))
    made = await client.containers.files.create("cntr_1", file_id="file-9")
    assert made.source == "file-9"
    assert proxy.seen[0].json() == {"file_id": "file-9"}


async def test_file_retrieve_list_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = "/containers/cntr_1/files"
    proxy.on("GET", f"{base}/cfile_1", reply(200, cfile(1)))
    proxy.on(
        "DELETE",
        f"{base}/cfile_1",
        reply(200, {"id": "cfile_1", "object": "container.file.deleted", "deleted": True}),
    )
    proxy.on("GET", base, cursor_pages([cfile(i) for i in range(3)], 2))
    assert (await client.containers.files.retrieve("cntr_1", "cfile_1")).source == "user"
    files = [f async for f in client.containers.files.list("cntr_1", limit=2)]
    assert [f.id for f in files] == ["cfile_0", "cfile_1", "cfile_2"]
    gone = await client.containers.files.delete(container_id="cntr_1", file_id="cfile_1")
    assert gone.deleted and gone.id == "cfile_1"
    assert [(s.method, s.path, s.query.get("after")) for s in proxy.seen] == [
        ("GET", f"{base}/cfile_1", None),
        ("GET", base, None),
        ("GET", base, "cfile_1"),
        ("DELETE", f"{base}/cfile_1", None),
    ]


async def test_content_bytes_and_stream(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    payload = bytes(range(256)) * 1024  # binary, not JSON

    async def serve(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        await response.prepare(request)
        for i in range(0, len(payload), 65536):
            await response.write(payload[i : i + 65536])
        await response.write_eof()
        return response

    proxy.on("GET", "/containers/cntr_1/files/cfile 1/content", serve)
    assert await client.containers.files.content("cntr_1", "cfile 1") == payload

    download = client.containers.files.content_stream("cntr_1", "cfile 1")
    assert len(proxy.seen) == 1  # nothing sent until awaited
    target = tmp_path / "out.bin"
    assert await download.save(target) == len(payload)
    assert target.read_bytes() == payload
    async with client.containers.files.content_stream("cntr_1", "cfile 1") as body:
        assert b"".join([chunk async for chunk in body]) == payload
    assert [s.raw_path for s in proxy.seen] == ["/containers/cntr_1/files/cfile%201/content"] * 3
    assert proxy.seen[1].headers["Accept"] == "*/*"


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    files = client.containers.files
    with pytest.raises(TypeError, match="name"):
        await client.containers.create()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="file or file_id"):
        await files.create("cntr_1")
    with pytest.raises(TypeError, match="ambiguous"):
        await files.create("cntr_1", file="notes.txt")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        await files.create("cntr_1", file=Path("/nonexistent/x.bin"))
    with pytest.raises(ValueError, match="empty"):
        await files.retrieve("", "cfile_1")
    with pytest.raises(ValueError, match="empty"):
        files.content_stream("cntr_1", "")
    with pytest.raises(ValueError, match="empty"):
        await files.content("cntr_1", "")
    with pytest.raises(ValueError, match="empty"):
        await files.list("")
    assert proxy.seen == []
