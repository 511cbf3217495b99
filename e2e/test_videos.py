"""Videos through the real proxy (model fake-video) to the fake provider
(e2e/fake_routes/videos.py): jobs, content downloads, remix, edit, extend and characters."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from aio_litellm import APIError, LiteLLMClient

from .fake_routes.videos import content_of

pytestmark = pytest.mark.e2e

MODEL = "fake-video"


async def test_create_poll_and_download(admin: LiteLLMClient, tmp_path: Path) -> None:
    prompt = f"a cat surfing {uuid.uuid4().hex[:8]}"
    job = await admin.videos.create(prompt=prompt, model=MODEL, seconds="8", size="1280x720")
    assert job.status == "queued" and job.seconds == "8" and job.size == "1280x720"
    # The proxy hands out its own id: the provider's wrapped with the deployment.
    assert job.id.startswith("video_") and "fake" not in job.id and len(job.id) > 40
    assert job.raw_response is not None and job.raw_response.status_code == 200

    done = await admin.videos.retrieve(job.id)
    assert done.status == "completed" and done.progress == 100 and done.id == job.id

    expected = content_of(prompt)
    assert await admin.videos.content(job.id) == expected
    target = tmp_path / "cat.mp4"
    assert await admin.videos.content_stream(job.id).save(target) == len(expected)
    assert target.read_bytes() == expected
    async with admin.videos.content_stream(job.id) as body:
        assert body.response.headers["content-type"] == "video/mp4"
        assert b"".join([chunk async for chunk in body]) == expected


async def test_create_with_reference_image(admin: LiteLLMClient) -> None:
    image = b"\x89PNG\r\n\x1a\n" + uuid.uuid4().bytes * 64
    job = await admin.videos.create(
        prompt="animate this", model=MODEL, input_reference=("ref.png", image, "image/png")
    )
    assert (await admin.videos.retrieve(job.id)).status == "completed"
    # The fake's video derives from the prompt and the reference image it received.
    assert await admin.videos.content(job.id) == content_of("animate this", reference=image)


async def test_remix_edit_extend(admin: LiteLLMClient) -> None:
    source = await admin.videos.create(prompt="a quiet lake", model=MODEL, seconds="4")
    await admin.videos.retrieve(source.id)

    remixed = await admin.videos.remix(source.id, prompt="a quiet lake at night")
    assert remixed.id != source.id and remixed.status == "queued"
    assert await admin.videos.content(remixed.id) == content_of("a quiet lake at night")

    edited = await admin.videos.edit(prompt="brighter", video=source.id)
    assert edited.id not in (source.id, remixed.id)
    assert await admin.videos.content(edited.id) == content_of("brighter")

    extended = await admin.videos.extend(prompt="the sun rises", seconds="4", video=source.id)
    assert extended.seconds == "8"  # the fake adds the extension to the source's length
    assert await admin.videos.content(extended.id) == content_of("the sun rises")


async def test_characters(admin: LiteLLMClient) -> None:
    name = f"rex {uuid.uuid4().hex[:6]}"
    made = await admin.videos.characters.create(
        name=name, video=("rex.mp4", content_of("rex")), model=MODEL
    )
    assert made.name == name and made.created_at
    # Wrapped like video ids, so that retrieve reaches the same deployment.
    assert made.id is not None and made.id.startswith("character_") and "fake" not in made.id
    got = await admin.videos.characters.retrieve(made.id)
    assert got.id == made.id and got.name == name


async def test_list_cannot_be_routed_here(admin: LiteLLMClient) -> None:
    # GET /videos names no deployment: LiteLLM 1.110 calls the provider's public host (no
    # network here) instead of a proxy model, so the list fails.
    with pytest.raises(APIError):
        await admin.videos.list()
