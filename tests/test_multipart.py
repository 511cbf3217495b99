"""Uploads (multipart), form bodies and binary responses through the same pipeline."""

from __future__ import annotations

import email.parser
import email.policy
import io
from pathlib import Path

import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient

from .conftest import FakeProxy, FakeSleep, reply

AUDIO = b"RIFF\x00\x01binary\xff"


async def parts(request: web.Request) -> dict[str, tuple[str | None, str, bytes]]:
    """name -> (filename, content type, bytes), parsed with the standard library's MIME parser
    (the fake proxy has already read the body)."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        head + await request.read()
    )
    found = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        found[str(name)] = (part.get_filename(), part.get_content_type(), payload)
    return found


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


async def test_unseekable_file_is_buffered_for_retries(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(AUDIO)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    bodies: list[bytes] = []

    async def flaky(request: web.Request) -> web.StreamResponse:
        bodies.append((await parts(request))["file"][2])
        status = 503 if len(bodies) == 1 else 200
        return web.json_response({}, status=status)

    proxy.on("POST", "/v1/files", flaky)
    await client.request("POST", "/v1/files", files={"file": Pipe()}, retry_safe=True)  # type: ignore[dict-item]
    assert bodies == [AUDIO, AUDIO]


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
