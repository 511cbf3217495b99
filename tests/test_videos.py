"""client.videos: JSON or multipart bodies, the content download, the pager, characters, and bad
input refused before any I/O."""

from __future__ import annotations

import email.parser
import email.policy
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIConnectionError, InternalServerError, LiteLLMClient
from aio_litellm._streaming import ByteStream, Download
from aio_litellm.types.videos import Video, VideoCharacter, VideoList

from .conftest import FakeProxy, reply

# What the proxy hands out: the provider's id wrapped with the deployment, base64.
VID = "video_bGl0ZWxsbTpjdXN0b21fbGxtX3Byb3ZpZGVyOm9wZW5haTttb2RlbF9pZDpmYWtlLXZpZGVv"
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64


def video(vid: str = VID, status: str = "queued", **extra: Any) -> dict[str, Any]:
    return {
        "id": vid,
        "object": "video",
        "status": status,
        "progress": 0 if status == "queued" else 100,
        "model": "sora-2",
        "seconds": "4",
        "size": "720x1280",
        "created_at": 1700000000,
        "usage": {"duration_seconds": 4.0},
        **extra,
    }


Parts = dict[str, tuple[str | None, bytes]]


def multipart(seen: list[Parts], body: dict[str, Any]) -> Any:
    """A handler recording each multipart part as (filename, bytes)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            head + await request.read()
        )
        seen.append(
            {
                str(p.get_param("name", header="content-disposition")): (
                    p.get_filename(),
                    p.get_payload(decode=True),
                )
                for p in message.iter_parts()
            }
        )
        return web.json_response(body)

    return handler


async def test_create_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/videos", reply(200, video()))
    out = await client.videos.create(prompt="a cat", model="fake-video", seconds="4")
    sent = proxy.calls()[0]
    assert sent.content_type == "application/json"
    assert sent.json() == {"prompt": "a cat", "model": "fake-video", "seconds": "4"}
    assert isinstance(out, Video)
    assert out.id == VID and out.status == "queued" and out.seconds == "4"
    assert out.usage == {"duration_seconds": 4.0}
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_create_with_reference_object_is_json(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/videos", reply(200, video()))
    ref = {"type": "image_url", "image_url": {"url": "https://example/cat.png"}}
    await client.videos.create(prompt="a cat", input_reference=ref)
    assert proxy.calls()[0].json() == {"prompt": "a cat", "input_reference": ref}


async def test_create_with_image_file_is_multipart(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    seen: list[Parts] = []
    proxy.on("POST", "/videos", multipart(seen, video()))
    image = tmp_path / "cat.png"
    image.write_bytes(b"\x89PNGcat")
    out = await client.videos.create(prompt="a cat", model="fake-video", input_reference=image)
    assert out.id == VID
    assert seen[0] == {
        "prompt": (None, b"a cat"),
        "model": (None, b"fake-video"),
        "input_reference": ("cat.png", b"\x89PNGcat"),
    }
    assert proxy.calls()[0].content_type == "multipart/form-data"


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/videos", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.videos.create(prompt="p")
    assert len(proxy.calls()) == 1


async def test_retrieve_passes_the_id_back_as_is(proxy: FakeProxy, client: LiteLLMClient) -> None:
    odd = VID + "=="  # base64 padding must arrive intact
    proxy.on("GET", f"/videos/{odd}", reply(200, video(odd, "completed")))
    out = await client.videos.retrieve(odd)
    assert out.status == "completed" and out.progress == 100
    assert proxy.calls()[0].raw_path == f"/videos/{VID}%3D%3D"


async def test_content_bytes_and_stream(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    proxy.on("GET", f"/videos/{VID}/content", reply(200, MP4, {"Content-Type": "video/mp4"}))
    assert await client.videos.content(VID) == MP4
    first = proxy.calls()[0]
    assert first.headers["Accept"] == "*/*" and first.query == {}

    download = client.videos.content_stream(VID, variant="thumbnail")
    assert isinstance(download, Download) and len(proxy.seen) == 1  # not sent until awaited
    body = await download
    assert isinstance(body, ByteStream) and body.response.headers["Content-Type"] == "video/mp4"
    assert b"".join([chunk async for chunk in body]) == MP4 and body.closed
    assert proxy.calls()[1].query == {"variant": "thumbnail"}

    target = tmp_path / "out.mp4"
    assert await client.videos.content_stream(VID).save(target) == len(MP4)
    assert target.read_bytes() == MP4


async def test_content_cut_short_raises(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def cut(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "video/mp4"})
        response.content_length = len(MP4)
        await response.prepare(request)
        await response.write(MP4[:100])
        assert request.transport is not None
        request.transport.close()
        return response

    proxy.on("GET", f"/videos/{VID}/content", cut)
    with pytest.raises(APIConnectionError):
        await client.videos.content(VID)


async def test_list_walks_pages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    def page(ids: list[str], more: bool) -> dict[str, Any]:
        return {
            "object": "list",
            "data": [video(i) for i in ids],
            "first_id": ids[0],
            "last_id": ids[-1],
            "has_more": more,
        }

    proxy.on(
        "GET", "/videos", reply(200, page(["v1", "v2"], True)), reply(200, page(["v3"], False))
    )
    assert [v.id async for v in client.videos.list(limit=2)] == ["v1", "v2", "v3"]
    assert [c.query for c in proxy.calls()] == [{"limit": "2"}, {"limit": "2", "after": "v2"}]
    first = await client.videos.list(order="desc")
    assert isinstance(first, VideoList) and first.data[0].id == "v3"
    assert proxy.calls()[-1].query == {"order": "desc"}


async def test_remix_edit_extend(proxy: FakeProxy, client: LiteLLMClient) -> None:
    new = video("video_new", remixed_from_video_id=VID)
    proxy.on("POST", f"/videos/{VID}/remix", reply(200, new))
    proxy.on("POST", "/videos/edits", reply(200, new))
    proxy.on("POST", "/videos/extensions", reply(200, new))
    remixed = await client.videos.remix(VID, prompt="at night")
    assert remixed.id == "video_new" and remixed.remixed_from_video_id == VID
    await client.videos.edit(prompt="brighter", video=VID)
    await client.videos.edit(prompt="brighter", video={"id": VID}, model="fake-video")
    extended = await client.videos.extend(prompt="go on", seconds="8", video=VID)
    assert isinstance(extended, Video)
    assert [c.json() for c in proxy.calls()] == [
        {"prompt": "at night"},
        {"prompt": "brighter", "video": {"id": VID}},
        {"prompt": "brighter", "video": {"id": VID}, "model": "fake-video"},
        {"prompt": "go on", "seconds": "8", "video": {"id": VID}},
    ]


async def test_edit_uploaded_file_is_multipart(proxy: FakeProxy, client: LiteLLMClient) -> None:
    seen: list[Parts] = []
    proxy.on("POST", "/videos/edits", multipart(seen, video("video_e")))
    out = await client.videos.edit(prompt="brighter", video=("in.mp4", MP4, "video/mp4"))
    assert out.id == "video_e"
    assert seen[0] == {"prompt": (None, b"brighter"), "video": ("in.mp4", MP4)}


async def test_characters(proxy: FakeProxy, client: LiteLLMClient) -> None:
    seen: list[Parts] = []
    char = {"id": "character_abc", "object": "character", "name": "Rex", "created_at": 7}
    proxy.on("POST", "/videos/characters", multipart(seen, char))
    proxy.on("GET", "/videos/characters/character_abc", reply(200, char))
    made = await client.videos.characters.create(name="Rex", video=("rex.mp4", MP4))
    assert isinstance(made, VideoCharacter) and made.id == "character_abc" and made.name == "Rex"
    assert seen[0] == {"name": (None, b"Rex"), "video": ("rex.mp4", MP4)}
    # The proxy model goes as LiteLLM's target_model_names (it routes and wraps the id).
    await client.videos.characters.create(name="Rex", video=MP4, model="fake-video")
    assert seen[1] == {
        "name": (None, b"Rex"),
        "target_model_names": (None, b"fake-video"),
        "video": ("video", MP4),
    }
    got = await client.videos.characters.retrieve("character_abc")
    assert got.created_at == 7


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="prompt"):
        await client.videos.create(model="m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="str is ambiguous"):
        await client.videos.create(prompt="p", input_reference="cat.png")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        await client.videos.create(prompt="p", input_reference=Path("/nonexistent/cat.png"))
    with pytest.raises(TypeError, match="prompt"):
        await client.videos.remix(VID, prompt="")
    with pytest.raises(TypeError, match="video"):
        await client.videos.edit(prompt="p", video="")
    with pytest.raises(TypeError, match="seconds"):
        await client.videos.extend(prompt="p", seconds="", video=VID)
    with pytest.raises(TypeError, match="name"):
        await client.videos.characters.create(name="", video=MP4)
    with pytest.raises(TypeError, match="str is ambiguous"):
        await client.videos.characters.create(name="n", video="rex.mp4")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not be empty"):
        client.videos.content_stream("")
    with pytest.raises(ValueError, match="must not be empty"):
        await client.videos.retrieve("")
    assert proxy.seen == []
