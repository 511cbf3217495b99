"""Uploads (multipart), form bodies and binary responses through the same pipeline."""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import hashlib
import io
import os
import tracemalloc
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from aio_litellm import APIConnectionError, APIStatusError, InternalServerError, LiteLLMClient
from aio_litellm._multipart import build_form_factory

from .conftest import FakeProxy, FakeSleep, Seen, reply

AUDIO = b"RIFF\x00\x01binary\xff"


Parts = dict[str, tuple[str | None, str, bytes]]


def parse_parts(content_type: str, body: bytes) -> Parts:
    """name -> (filename, content type, bytes), parsed with the standard library's MIME
    parser."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    found: Parts = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found[str(name)] = (part.get_filename(), part.get_content_type(), payload)
    return found


async def parts(request: web.Request) -> Parts:
    """The parts of a request (the fake proxy has already read the body)."""
    return parse_parts(request.headers["Content-Type"], await request.read())


async def parts_of(seen: Seen) -> Parts:
    return parse_parts(seen.headers["Content-Type"], seen.body)


async def test_files_in_every_form(proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path) -> None:
    received: list[dict[str, tuple[str | None, str, bytes]]] = []

    async def upload(request: web.Request) -> web.StreamResponse:
        received.append(await parts(request))
        return web.json_response({"text": "ok"})

    proxy.on("POST", "/v1/audio/transcriptions", upload)
    path = tmp_path / "speech.wav"
    path.write_bytes(AUDIO)
    stream = io.BytesIO(b"skip" + AUDIO)
    stream.seek(4)
    out = await client.request(
        "POST",
        "/v1/audio/transcriptions",
        form={
            "model": "whisper",
            "temperature": 0.5,
            "stream": False,
            "tags": ["a", "b"],
            "meta": {"k": 1},
            "none": None,
        },
        files={
            "file": path,
            "raw": AUDIO,
            "named": ("clip.mp3", AUDIO),
            "typed": ("clip.bin", AUDIO, "application/x-test"),
            "handle": stream,
        },
    )
    assert out == {"text": "ok"}
    got = received[0]
    assert got["file"] == ("speech.wav", "audio/x-wav", AUDIO)
    assert got["raw"] == ("raw", "application/octet-stream", AUDIO)
    assert got["named"][0] == "clip.mp3" and got["named"][2] == AUDIO
    assert got["typed"] == ("clip.bin", "application/x-test", AUDIO)
    assert got["handle"][2] == AUDIO  # from the position the caller left it at
    assert got["model"][2] == b"whisper" and got["temperature"][2] == b"0.5"
    assert got["stream"][2] == b"false" and got["meta"][2] == b'{"k":1}'
    assert "none" not in got
    assert proxy.calls()[0].content_type == "multipart/form-data"


async def test_retry_resends_the_whole_file(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    bodies: list[bytes] = []

    async def flaky(request: web.Request) -> web.StreamResponse:
        got = await parts(request)
        bodies.append(got["file"][2])
        if len(bodies) == 1:
            return web.json_response({"error": {"message": "busy"}}, status=503)
        return web.json_response({"ok": True})

    proxy.on("POST", "/v1/files", flaky)
    stream = io.BytesIO(AUDIO)
    await client.request("POST", "/v1/files", files={"file": ("a.jsonl", stream)}, retry_safe=True)
    assert bodies == [AUDIO, AUDIO]


class Pipe(io.RawIOBase):
    """A binary file that can be read once (like a pipe): not seekable."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


async def test_read_once_sources_are_streamed_once_and_never_retried(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    # 503 is retried even for requests that are not retry-safe, and retry_safe=True would allow
    # any retry: a body that can be read once must still go out once only.
    proxy.on("POST", "/v1/files", reply(503, {"error": {"message": "busy"}}))

    async def chunks() -> AsyncIterator[bytes]:
        yield AUDIO

    def files(source: Any) -> dict[str, Any]:
        return {"file": source}

    for source in (Pipe(AUDIO), chunks()):
        proxy.seen.clear()
        with pytest.raises(APIStatusError) as info:
            await client.request("POST", "/v1/files", files=files(source), retry_safe=True)
        assert info.value.status_code == 503
        assert len(proxy.calls()) == 1
        assert (await parts_of(proxy.calls()[0]))["file"][2] == AUDIO
    assert sleep.waits == []


@pytest.mark.parametrize(
    ("files", "error", "match"),
    [
        ({"file": Path("/nonexistent/x.wav")}, FileNotFoundError, "no such file"),
        ({"file": "speech.wav"}, TypeError, "ambiguous"),
        ({"file": 42}, TypeError, "expected bytes"),
        ({"file": ("a",)}, TypeError, "expected"),
    ],
)
async def test_bad_files_fail_before_io(
    files: dict[str, object],
    error: type[Exception],
    match: str,
    proxy: FakeProxy,
    client: LiteLLMClient,
) -> None:
    with pytest.raises(error, match=match):
        await client.request("POST", "/v1/files", files=files)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not both"):
        await client.request("POST", "/v1/files", files={"f": b"x"}, json={})
    assert proxy.seen == []


async def test_form_only_is_urlencoded(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def form(request: web.Request) -> web.StreamResponse:
        return web.json_response(dict(await request.post()))

    proxy.on("POST", "/health/test_connection", form)
    out = await client.request("POST", "/health/test_connection", form={"mode": "chat", "n": 1})
    assert out == {"mode": "chat", "n": "1"}
    assert proxy.calls()[0].content_type == "application/x-www-form-urlencoded"


async def test_binary_and_text_responses(
    proxy: FakeProxy, client: LiteLLMClient, sleep: FakeSleep
) -> None:
    proxy.on(
        "POST",
        "/v1/audio/speech",
        reply(503, {"error": {"message": "busy"}}),
        reply(200, AUDIO, {"Content-Type": "audio/mpeg"}),
    )
    audio = await client.request(
        "POST", "/v1/audio/speech", json={"input": "hi"}, cast_to=bytes, retry_safe=True
    )
    assert audio == AUDIO
    assert len(sleep.waits) == 1
    proxy.on("GET", "/metrics", reply(200, "# HELP x\n"))
    assert await client.request("GET", "/metrics", cast_to=str) == "# HELP x\n"
    proxy.on("GET", "/v1/files/f/content", reply(500, b"\x00\x01"))
    with pytest.raises(InternalServerError) as info:
        await client.request(
            "GET", "/v1/files/{id}/content", path_params={"id": "f"}, cast_to=bytes
        )
    assert info.value.body == "\x00\x01"


async def test_request_raw(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET", "/team/info", reply(200, {"team_id": "t"}, {"x-ratelimit-remaining-requests": "9"})
    )
    raw = await client.request_raw(
        "GET", "/team/info", params={"team_id": "t", "flag": True, "ids": ["a", "b"]}
    )
    assert raw.status_code == 200
    assert raw.json() == {"team_id": "t"}
    assert raw.headers["x-ratelimit-remaining-requests"] == "9"
    assert proxy.calls()[0].raw_path == "/team/info?team_id=t&flag=true&ids=a&ids=b"
    from aio_litellm import APIResponse

    empty = APIResponse("GET", "u", 204, raw.headers, 0.0, 0, b"")
    assert empty.json() is None
    with pytest.raises(ValueError, match="request_raw"):
        APIResponse("GET", "u", 200, raw.headers, 0.0, 0).json()
    proxy.on("DELETE", "/x", reply(200, b""))
    assert await client.request("DELETE", "/x") is None


# -- streamed uploads ---------------------------------------------------------------------------

BLOCK = bytes(range(256)) * 256  # 64 KiB


@dataclass
class Received:
    """What a streaming server took in, per request: part name -> (filename, size, sha256)."""

    requests: list[dict[str, tuple[str | None, int, str]]] = field(default_factory=list)
    chunked: list[bool] = field(default_factory=list)


@pytest.fixture
async def sink() -> AsyncIterator[tuple[str, Received]]:
    """A server that reads multipart uploads part by part, a chunk at a time, keeping only a
    digest: unlike the fake proxy it never holds a body, so memory use is the client's."""
    received = Received()

    async def upload(request: web.Request) -> web.StreamResponse:
        got: dict[str, tuple[str | None, int, str]] = {}
        received.requests.append(got)
        received.chunked.append("Content-Length" not in request.headers)
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            digest, size = hashlib.sha256(), 0
            while chunk := await part.read_chunk(2**16):  # type: ignore[union-attr]
                digest.update(chunk)
                size += len(chunk)
            got[str(part.name)] = (part.filename, size, digest.hexdigest())  # type: ignore[union-attr]
        return web.json_response({"id": "file-1", "object": "file"})

    app = web.Application()
    app.router.add_post("/files", upload)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/"), received
    await server.close()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fds_on(path: Path) -> list[str]:
    """This process's open descriptors on ``path``."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == str(path):
                found.append(fd)
        except OSError:
            continue
    return found


async def no_fds_on(path: Path) -> bool:
    # aiohttp may finish tearing down a failed request's writer just after the error is raised.
    for _ in range(100):
        if not fds_on(path):
            return True
        await asyncio.sleep(0.01)
    return False


async def test_big_upload_from_a_path_streams_in_bounded_memory(
    sink: tuple[str, Received], tmp_path: Path
) -> None:
    url, received = sink
    blocks = 1024  # 64 MiB
    path = tmp_path / "big.jsonl"
    digest = hashlib.sha256()
    with path.open("wb") as f:
        for i in range(blocks):
            block = BLOCK[i % 256 :] + BLOCK[: i % 256]
            f.write(block)
            digest.update(block)
    async with LiteLLMClient(base_url=url) as client:
        tracemalloc.start()
        try:
            out = await client.files.create(file=path, purpose="batch")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert out.id == "file-1"
    name, size, got = received.requests[0]["file"]
    assert (name, size, got) == ("big.jsonl", blocks * len(BLOCK), digest.hexdigest())
    assert received.requests[0]["purpose"][1] == len(b"batch")
    assert received.chunked == [False]  # sizes known up front: a Content-Length, not chunked
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB for a 64 MiB upload"
    assert not fds_on(path)


async def test_async_iterable_upload_arrives_whole(sink: tuple[str, Received]) -> None:
    url, received = sink
    pieces: list[bytes | bytearray] = [BLOCK[: n * 1000] for n in range(1, 40)]
    pieces += [b"", bytearray(b"tail")]

    async def produce() -> AsyncIterator[bytes]:
        for piece in pieces:
            await asyncio.sleep(0)
            yield piece  # type: ignore[misc]

    async with LiteLLMClient(base_url=url) as client:
        await client.files.create(
            file=("gen.jsonl", produce(), "application/jsonl"), purpose="batch"
        )
    whole = b"".join(pieces)
    assert received.requests[0]["file"] == ("gen.jsonl", len(whole), sha(whole))
    assert received.chunked == [True]  # length unknown until the iterable ends


async def test_retry_resends_path_and_seekable_uploads_identically(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(BLOCK * 5 + b"end")
    handle = io.BytesIO(b"header" + BLOCK * 3)
    handle.seek(6)
    for source, expected in ((path, path.read_bytes()), (handle, BLOCK * 3)):
        proxy.on(
            "POST",
            "/files",
            reply(503, {"error": {"message": "busy"}}),
            reply(200, {"id": "file-1", "object": "file"}),
        )
        proxy.seen.clear()
        await client.files.create(file=source, purpose="batch")
        first, second = [await parts_of(seen) for seen in proxy.calls()]
        assert first == second
        assert first["file"][2] == expected
    assert not handle.closed  # the caller's file: read, never closed
    assert not fds_on(path)


async def test_a_path_is_closed_however_the_attempt_ends(tmp_path: Path, sleep: FakeSleep) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(BLOCK * 64)  # 4 MiB: more than socket buffers take before the server cuts

    async def cut(request: web.Request) -> web.StreamResponse:
        await request.content.read(2**16)
        assert request.transport is not None
        request.transport.close()
        return web.Response()

    app = web.Application()
    app.router.add_post("/files", cut)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    await server.close()  # now refused: attempts fail before anything is sent
    async with LiteLLMClient(base_url=url, sleep=sleep, max_retries=2) as client:
        with pytest.raises(APIConnectionError) as refused:
            await client.request("POST", "/files", files={"file": path}, retry_safe=True)
    assert refused.value.retries == 2 and not refused.value.sent
    assert await no_fds_on(path)

    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        url = str(server.make_url("")).rstrip("/")
        async with LiteLLMClient(base_url=url, sleep=sleep) as client:
            with pytest.raises(APIConnectionError):  # cut mid-upload, on every attempt
                await client.request("POST", "/files", files={"file": path}, retry_safe=True)
    finally:
        await server.close()
    assert await no_fds_on(path)


async def test_a_file_that_shrinks_while_sent_fails_the_attempt(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    class Shrinking(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            data = super().read(n)
            self.truncate(len(BLOCK))  # cut short after the size went out in the headers
            return data

    proxy.on("POST", "/files", reply(200, {}))
    with pytest.raises(APIConnectionError, match="shrank while it was being sent"):
        await client.files.create(file=Shrinking(BLOCK * 8), purpose="batch")


async def test_bad_stream_sources(proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("text")
    with path.open() as text, pytest.raises(TypeError, match="binary mode"):
        await client.files.create(file=text, purpose="batch")  # type: ignore[arg-type]
    assert proxy.seen == []

    async def strings() -> AsyncIterator[str]:
        yield "not bytes"

    with pytest.raises(APIConnectionError, match="yielded str"):
        await client.request("POST", "/files", files={"file": strings()})  # type: ignore[dict-item]

    async def one() -> AsyncIterator[bytes]:
        yield b"x"

    build = build_form_factory(None, {"file": ("a.bin", one())})
    assert not build.resendable
    build()
    with pytest.raises(RuntimeError, match="read once"):
        build()
    streamed = build_form_factory({"a": 1}, {"f": b"x", "p": path})
    assert streamed.resendable
    with pytest.raises(TypeError, match="streamed upload"):
        streamed()().decode()  # never read whole, not even to show it
