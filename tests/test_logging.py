"""Debug logging that is useful and never shows a secret."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._logging import Redactor

from .conftest import API_KEY, FakeProxy, FakeSleep, reply


async def test_debug_logs_redact_keys(
    proxy: FakeProxy, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    proxy.on(
        "GET", "/key/info", reply(503, {"error": {"message": "busy"}}), reply(200, {"info": {}})
    )
    caplog.set_level(logging.DEBUG, logger="aio_litellm")
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY, sleep=sleep) as client:
        await client.keys.info(key="sk-other-secret-key-42")
    text = caplog.text
    assert "request: GET" in text and "/key/info?key=[redacted]" in text
    assert "retrying GET" in text and "-> 200" in text and "(1 retries)" in text
    assert API_KEY not in text
    assert "sk-other-secret-key-42" not in text


def test_redactor() -> None:
    redact = Redactor([API_KEY, None, "ab"])
    assert redact(f"x {API_KEY} y") == "x [redacted] y"
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer [redacted]"
    assert redact("key sk-1234567890 leaked") == "key sk-[redacted] leaked"
    assert redact("ab stays: too short to be a secret") == "ab stays: too short to be a secret"
    assert redact.url("http://h/key/info?key=sk-zzzzzzzzzz&page=2") == (
        "http://h/key/info?key=[redacted]&page=2"
    )
    assert redact.url("http://h/models") == "http://h/models"


def test_env_enables_debug_logging() -> None:
    code = (
        "import logging, aio_litellm; "
        "log = logging.getLogger('aio_litellm'); "
        "print(log.level, len(log.handlers))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"AIO_LITELLM_LOG": "debug", "PATH": ""},
    )
    assert out.stdout.split() == [str(logging.DEBUG), "1"]
    quiet = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    assert quiet.stdout.split() == [str(logging.NOTSET), "0"]
