"""The end-to-end suite's fixtures: one real proxy per run (see launcher.py), clients on it."""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from aio_litellm import LiteLLMClient

from .launcher import Stack, start_stack

_STACK: list[Stack] = []


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    started = start_stack()
    _STACK.append(started)
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture(scope="session")
def has_db(stack: Stack) -> bool:
    with urllib.request.urlopen(stack.base_url + "/health/readiness", timeout=10) as resp:
        return bool(json.loads(resp.read()).get("db") == "connected")


@pytest.fixture
def db(has_db: bool) -> None:
    if not has_db:
        pytest.skip("the proxy has no database (/health/readiness: db not connected)")


@pytest.fixture
async def admin(stack: Stack) -> AsyncIterator[LiteLLMClient]:
    """A client with the master key."""
    async with LiteLLMClient(base_url=stack.base_url, api_key=stack.master_key) as client:
        yield client


@pytest.fixture
def provider(stack: Stack) -> Any:
    """Read and reset the fake provider's request counts (skips on an external proxy)."""
    if not stack.provider_url:
        pytest.skip("the fake provider's address is unknown (set FAKE_PROVIDER_URL)")
    return Provider(stack.provider_url)


class Provider:
    def __init__(self, url: str) -> None:
        self.url = url

    def stats(self) -> dict[str, int]:
        with urllib.request.urlopen(self.url + "/_stats", timeout=5) as resp:
            data: dict[str, int] = json.loads(resp.read())
            return data

    def count(self, path: str, model: str) -> int:
        return sum(n for key, n in self.stats().items() if key == f"{path} {model}")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for stack in _STACK:
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in stack.timings.items())
        terminalreporter.write_line(
            f"e2e proxy: {stack.mode} at {stack.base_url}" + (f" ({timings})" if timings else "")
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.e2e)


if os.environ.get("AIO_LITELLM_E2E_DEBUG"):
    import logging

    logging.getLogger("aio_litellm").setLevel(logging.DEBUG)
