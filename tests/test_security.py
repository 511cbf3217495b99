"""Secrets stay secret; TLS and redirects behave; a hostile Retry-After cannot stall a job."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
import traceback
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from aio_litellm import (
    APIConnectionError,
    AuthenticationError,
    LiteLLMClient,
    RateLimitError,
    RetryPolicy,
)

from .conftest import API_KEY, FakeProxy, FakeSleep, reply

SECRET_BODY_KEY = "sk-created-secret-0123456789"


async def test_secrets_never_reach_logs_reprs_errors_or_tracebacks(
    proxy: FakeProxy, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="aio_litellm")
    echo = f"Invalid key {API_KEY} / Bearer {API_KEY}"
    proxy.on(
        "GET",
        "/key/info",
        reply(503, {"error": {"message": echo}}),
        reply(401, {"error": {"message": echo}}),
    )
    proxy.on("POST", "/key/generate", reply(200, {"key": SECRET_BODY_KEY, "token": "t"}))
    captured: list[str] = []
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY, sleep=sleep) as client:
        captured += [repr(client), repr(client.keys), str(client.with_options(timeout=3))]
        try:
            await client.keys.info(key=API_KEY)
        except AuthenticationError as exc:
            captured += [
                str(exc),
                repr(exc),
                exc.message,
                exc.url or "",
                "".join(traceback.format_exception(exc)),
            ]
        created = await client.keys.create(key=SECRET_BODY_KEY)
        assert created.key == SECRET_BODY_KEY  # returned to the caller ...
    captured.append(caplog.text)
    text = "\n".join(captured)
    assert API_KEY not in text
    assert SECRET_BODY_KEY not in caplog.text  # ... and never logged
    assert "[redacted]" in text


async def test_authorization_is_not_forwarded_to_another_host() -> None:
    seen: list[dict[str, str]] = []

    async def target(request: web.Request) -> web.StreamResponse:
        seen.append(dict(request.headers))
        return web.json_response({"data": []})

    other = web.Application()
    other.router.add_get("/models", target)
    other_server = TestServer(other, host="127.0.0.1")
    await other_server.start_server()
    # The same machine under another name is another origin to the client.
    elsewhere = f"http://localhost:{other_server.port}/models"

    async def bounce(request: web.Request) -> web.StreamResponse:
        raise web.HTTPTemporaryRedirect(elsewhere)

    first = web.Application()
    first.router.add_get("/models", bounce)
    first_server = TestServer(first, host="127.0.0.1")
    await first_server.start_server()
    async with LiteLLMClient(base_url=str(first_server.make_url("")), api_key=API_KEY) as client:
        await client.models.list()
    assert len(seen) == 1 and "Authorization" not in seen[0]
    await first_server.close()
    await other_server.close()


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


async def test_tls_is_verified_unless_asked_not_to(
    self_signed: tuple[Path, Path], sleep: FakeSleep
) -> None:
    cert, key = self_signed
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    app = web.Application()

    async def models(request: web.Request) -> web.StreamResponse:
        return web.json_response({"data": [{"id": "m"}]})

    app.router.add_get("/models", models)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    base = f"https://127.0.0.1:{port}"
    try:
        async with LiteLLMClient(base_url=base, sleep=sleep) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.models.list()
            assert info.value.sent is False
        async with LiteLLMClient(base_url=base, verify_ssl=False) as insecure:
            assert [m.id for m in (await insecure.models.list()).data] == ["m"]
        trusted = ssl.create_default_context(cafile=str(cert))
        async with LiteLLMClient(base_url=base, verify_ssl=trusted) as pinned:
            assert [m.id for m in (await pinned.models.list()).data] == ["m"]
    finally:
        await runner.cleanup()


async def test_hostile_retry_after_cannot_stall_a_job(proxy: FakeProxy, sleep: FakeSleep) -> None:
    proxy.on("GET", "/models", reply(429, {"error": {}}, {"retry-after": "99999999"}))
    policy = RetryPolicy(max_retries=10, max_retry_after=30)
    async with LiteLLMClient(base_url=proxy.url, retry=policy, sleep=sleep) as client:
        for _ in range(5):
            with pytest.raises(RateLimitError) as info:
                await client.models.list()
            assert info.value.retries == 0
    assert sleep.waits == []
