"""Binary downloads read as they arrive: iterated, read, saved to a path (never whole in
memory), bounded, and always giving their slot back."""

from __future__ import annotations

import asyncio
import tracemalloc
from pathlib import Path

import pytest
from aiohttp import web

from aio_litellm import APIConnectionError, APIResponseValidationError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY, Endpoint

from .conftest import FakeProxy

BLOCK = bytes(range(256)) * 256  # 64 KiB


@pytest.fixture
def endpoint() -> Endpoint[bytes]:
    ep = Endpoint("GET", "/files/{file_id:path}/content", bytes, "files.content")
    REGISTRY.remove(ep)  # a test's own declaration, not one of the client's routes
    return ep


def serve(blocks: int, *, cut: bool = False) -> web.RequestHandler:  # type: ignore[type-arg]
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
        await response.prepare(request)
        for i in range(blocks):
            await response.write(BLOCK)
            if cut and i == blocks // 2:
                assert request.transport is not None
                request.transport.close()
                return response
        await response.write_eof()
        return response

    return handler


def free(client: LiteLLMClient) -> bool:
    return client._pool.semaphore._value == client._pool.max_in_flight


async def test_iterate_read_and_context(proxy: FakeProxy, endpoint: Endpoint[bytes]) -> None:
    proxy.on("GET", "/files/f 1/content", serve(8))
    async with LiteLLMClient(base_url=proxy.url) as client:
        download = client._download(endpoint, path={"file_id": "f 1"})
        assert proxy.seen == []  # nothing sent until awaited
        body = await download
        assert body.response.status_code == 200 and not free(client)
        parts = [chunk async for chunk in body]
        assert b"".join(parts) == BLOCK * 8 and body.closed and free(client)
        assert await client._download(endpoint, path={"file_id": "f 1"}).read() == BLOCK * 8
        async with client._download(endpoint, path={"file_id": "f 1"}) as opened:
            first = await opened.__anext__()
            assert BLOCK.startswith(first[:256])
        assert opened.closed and free(client)  # left early: closed, slot back
    assert proxy.seen[0].headers["Accept"] == "*/*"


async def test_save_streams_to_disk_in_bounded_memory(
    proxy: FakeProxy, endpoint: Endpoint[bytes], tmp_path: Path
) -> None:
    blocks = 1024  # 64 MiB
    proxy.on("GET", "/files/big/content", serve(blocks))
    target = tmp_path / "big.bin"
    async with LiteLLMClient(base_url=proxy.url) as client:
        tracemalloc.start()
        try:
            written = await client._download(endpoint, path={"file_id": "big"}).save(target)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert free(client)
    assert written == target.stat().st_size == blocks * len(BLOCK)
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB for a 64 MiB download"
    with target.open("rb") as f:
        assert f.read(len(BLOCK)) == BLOCK
    assert list(tmp_path.iterdir()) == [target]  # no part file left


async def test_a_cut_download_leaves_no_file(
    proxy: FakeProxy, endpoint: Endpoint[bytes], tmp_path: Path
) -> None:
    proxy.on("GET", "/files/cut/content", serve(64, cut=True))
    target = tmp_path / "cut.bin"
    async with LiteLLMClient(base_url=proxy.url) as client:
        with pytest.raises(APIConnectionError):
            await client._download(endpoint, path={"file_id": "cut"}).save(target)
        assert free(client)
    assert list(tmp_path.iterdir()) == []


async def test_a_download_is_bounded_by_max_response_size(
    proxy: FakeProxy, endpoint: Endpoint[bytes]
) -> None:
    proxy.on("GET", "/files/f/content", serve(64))
    async with LiteLLMClient(base_url=proxy.url, max_response_size=1024 * 1024) as client:
        with pytest.raises(APIResponseValidationError, match="max_response_size"):
            await client._download(endpoint, path={"file_id": "f"}).read()
        assert free(client)


async def test_a_dropped_download_gives_its_slot_back(
    proxy: FakeProxy, endpoint: Endpoint[bytes]
) -> None:
    proxy.on("GET", "/files/f/content", serve(64))
    async with LiteLLMClient(base_url=proxy.url, max_in_flight=1) as client:
        body = await client._download(endpoint, path={"file_id": "f"})
        with pytest.warns(ResourceWarning, match="ByteStream was garbage-collected"):
            del body
        assert free(client)
        await asyncio.wait_for(client._download(endpoint, path={"file_id": "f"}).read(), 10)
