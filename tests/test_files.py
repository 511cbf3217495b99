"""``client.files``: what each method sends and what it returns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm.types.files import FileDeleted, FileList, FileObject

from .conftest import FakeProxy, FakeSleep, reply
from .test_multipart import parts_of


def file_json(file_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": 12,
        "created_at": 1700000000,
        "filename": "batch.jsonl",
        "purpose": "batch",
        "status": "processed",
        **extra,
    }


async def test_create_uploads_multipart_with_litellm_fields(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("POST", "/files", reply(200, file_json("file-abc", litellm_extra={"k": 1})))
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"custom_id": "1"}\n')
    out = await client.files.create(
        file=path,
        purpose="batch",
        expires_after={"anchor": "created_at", "seconds": 3600},
        target_model_names=["fake-gpt", "fake-gpt-2"],
        custom_llm_provider="openai",
        litellm_metadata={"spend_logs_metadata": {"owner": "me"}, "tags": ["a", "b"]},
    )
    assert isinstance(out, FileObject)
    assert (out.id, out.bytes, out.filename, out.purpose) == (
        "file-abc",
        12,
        "batch.jsonl",
        "batch",
    )
    assert out.model_extra == {"litellm_extra": {"k": 1}}
    assert out.raw_response is not None and out.raw_response.status_code == 200
    seen = proxy.calls()[0]
    assert (seen.method, seen.raw_path) == ("POST", "/files")
    assert seen.content_type == "multipart/form-data"
    got = await parts_of(seen)
    assert got["file"] == ("batch.jsonl", "application/octet-stream", path.read_bytes())
    fields = {name: value[2].decode() for name, value in got.items() if name != "file"}
    assert fields == {
        "purpose": "batch",
        # The proxy reads nested objects in bracket notation and the model names comma-joined.
        "expires_after[anchor]": "created_at",
        "expires_after[seconds]": "3600",
        "target_model_names": "fake-gpt,fake-gpt-2",
        "custom_llm_provider": "openai",
        "litellm_metadata[spend_logs_metadata][owner]": "me",
        "litellm_metadata[tags]": '["a","b"]',
    }


async def test_create_is_not_retried_once_it_may_have_been_stored(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("POST", "/files", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(APIStatusError) as info:
        await client.files.create(
            file=("a.jsonl", b"{}\n"), purpose="batch", target_model_names="m"
        )
    assert info.value.status_code == 500
    assert len(proxy.calls()) == 1 and sleep.waits == []
    assert (await parts_of(proxy.calls()[0]))["target_model_names"][2] == b"m"


async def test_create_refuses_missing_arguments_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="purpose"):
        await client.files.create(file=b"x")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="file"):
        await client.files.create(file=None, purpose="batch")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        await client.files.create(file=Path("/nonexistent/a.jsonl"), purpose="batch")
    assert proxy.seen == []


async def test_retrieve_and_delete_escape_the_id_and_route(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    file_id = "file/with?odd#chars"
    proxy.on("GET", f"/files/{file_id}", reply(200, file_json(file_id, status=None)))
    proxy.on("DELETE", f"/files/{file_id}", reply(200, {"id": file_id, "deleted": True}))
    got = await client.files.retrieve(file_id, custom_llm_provider="azure", model="fake-gpt")
    assert got.id == file_id and got.status is None
    deleted = await client.files.delete(file_id)
    assert isinstance(deleted, FileDeleted) and deleted.deleted and deleted.object == "file"
    get, delete = proxy.calls()
    assert get.raw_path == (
        "/files/file%2Fwith%3Fodd%23chars?custom_llm_provider=azure&model=fake-gpt"
    )
    assert (delete.method, delete.raw_path) == ("DELETE", "/files/file%2Fwith%3Fodd%23chars")


async def test_retrieve_is_retried_as_a_read(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on("GET", "/files/f1", reply(502, {}), reply(200, file_json("f1")))
    out = await client.files.retrieve("f1")
    assert out.id == "f1" and out.raw_response is not None and out.raw_response.retries == 1


async def test_list_walks_the_cursor(proxy: FakeProxy, client: LiteLLMClient) -> None:
    pages = {
        None: {"data": [file_json("f1"), file_json("f2")], "has_more": True, "last_id": "f2"},
        # No last_id: the cursor is the last item's id.
        "f2": {"data": [file_json("f3")], "has_more": True},
        "f3": {"data": [file_json("f4")], "has_more": False, "last_id": "f4"},
    }

    async def page(request: web.Request) -> web.StreamResponse:
        return web.json_response({"object": "list", **pages[request.query.get("after")]})

    proxy.on("GET", "/files", page)
    ids = [f.id async for f in client.files.list(purpose="batch", limit=2)]
    assert ids == ["f1", "f2", "f3", "f4"]
    queries = [seen.query for seen in proxy.calls()]
    assert queries == [
        {"purpose": "batch", "limit": "2"},
        {"purpose": "batch", "limit": "2", "after": "f2"},
        {"purpose": "batch", "limit": "2", "after": "f3"},
    ]
    first = await client.files.list(order="desc")
    assert isinstance(first, FileList) and first.has_more and first.last_id == "f2"
    assert all(isinstance(f, FileObject) for f in first.data)
    assert proxy.calls()[-1].query == {"order": "desc"}


async def test_content_in_memory_and_streamed(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    body = b'{"id": "batch_req_1"}\n' * 5000
    proxy.on(
        "GET",
        "/files/out 1/content",
        reply(200, body, {"Content-Type": "application/octet-stream"}),
    )
    assert await client.files.content("out 1") == body
    download = client.files.content_stream("out 1", custom_llm_provider="openai")
    assert len(proxy.seen) == 1  # nothing sent until the download is used
    target = tmp_path / "out.jsonl"
    assert await download.save(target) == len(body)
    assert target.read_bytes() == body
    async with client.files.content_stream("out 1") as stream:
        assert b"".join([chunk async for chunk in stream]) == body
    assert [seen.raw_path for seen in proxy.calls()] == [
        "/files/out%201/content",
        "/files/out%201/content?custom_llm_provider=openai",
        "/files/out%201/content",
    ]
    assert proxy.calls()[1].headers["Accept"] == "*/*"


@pytest.mark.parametrize("method", ["retrieve", "delete", "content", "content_stream"])
async def test_an_empty_id_is_refused_before_io(
    method: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="file_id"):
        result = getattr(client.files, method)("")
        await result
    assert proxy.seen == []
