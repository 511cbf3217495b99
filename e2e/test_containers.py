"""Containers through the real proxy: made on a model's deployment (the proxy answers an id
that encodes it), files uploaded as multipart, listed, read whole and streamed to disk."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e]


async def test_container_lifecycle(admin: LiteLLMClient, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    made = await admin.containers.create(
        name=f"e2e-{run}",
        model="fake-gpt",
        expires_after={"anchor": "last_active_at", "minutes": 5},
    )
    # The proxy's id encodes the deployment; passed back as it is, it routes there.
    assert made.id.startswith("cntr_") and made.name == f"e2e-{run}"
    assert made.expires_after is not None and made.expires_after.minutes == 5
    try:
        got = await admin.containers.retrieve(made.id)
        assert got.name == f"e2e-{run}" and got.status == "running"
        other = await admin.containers.create(name=f"e2e-{run}-b", model="fake-gpt")
        names = [c.name async for c in admin.containers.list(model="fake-gpt", limit=1)]
        assert {f"e2e-{run}", f"e2e-{run}-b"} <= set(names)  # walked one per page
        await admin.containers.delete(other.id)

        text = await admin.containers.files.create(
            made.id, file=("hello.txt", b"hello container", "text/plain")
        )
        assert (text.bytes, text.path, text.object) == (15, "/mnt/data/hello.txt", "container.file")
        payload = os.urandom(1 << 20)  # binary, 1 MiB
        on_disk = tmp_path / "blob.bin"
        on_disk.write_bytes(payload)
        blob = await admin.containers.files.create(made.id, file=on_disk)
        assert blob.bytes == len(payload) and blob.path == "/mnt/data/blob.bin"

        listed = [f.id async for f in admin.containers.files.list(made.id, limit=1)]
        assert sorted(listed) == sorted([text.id, blob.id])
        assert (await admin.containers.files.retrieve(made.id, blob.id)).bytes == len(payload)

        assert await admin.containers.files.content(made.id, text.id) == b"hello container"
        target = tmp_path / "copy.bin"
        written = await admin.containers.files.content_stream(made.id, blob.id).save(target)
        assert written == len(payload) and target.read_bytes() == payload

        # The proxy takes uploads only: a copy by file id is refused before it goes upstream.
        with pytest.raises(BadRequestError, match="file"):
            await admin.containers.files.create(made.id, file_id="file-elsewhere")

        gone = await admin.containers.files.delete(made.id, text.id)
        assert gone.deleted and gone.id == text.id
        assert [f.id async for f in admin.containers.files.list(made.id)] == [blob.id]
    finally:
        deleted = await admin.containers.delete(made.id)
    assert deleted.deleted
    with pytest.raises(NotFoundError):
        await admin.containers.retrieve(made.id)
