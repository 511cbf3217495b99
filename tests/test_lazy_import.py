"""Importing the package and building a client load no resource group; groups load on first
access, each on its own. Guarded by counting modules, not by timing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._resource import group

# What a client needs besides its dependencies: its own core modules, no group, no type module.
CORE_BUDGET = 24

PROBE = """
import json, sys
import aiohttp, orjson, pydantic
class _M(pydantic.BaseModel):  # pydantic's cost is paid by its first model, wherever it is
    x: int = 0
before = set(sys.modules)
import aio_litellm
client = aio_litellm.LiteLLMClient(base_url="http://127.0.0.1:1", api_key="sk-x")
loaded = sorted(set(sys.modules) - before)
touch = sys.argv[1:]
for path in touch:
    obj = client
    for part in path.split("."):
        obj = getattr(obj, part)
groups = sorted(set(sys.modules) - before - set(loaded))
print(json.dumps({"import": loaded, "access": groups}))
"""


def probe(*access: str) -> dict[str, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *access], capture_output=True, text=True, check=True
    )
    result: dict[str, list[str]] = json.loads(out.stdout)
    return result


def test_import_and_construct_load_only_the_core() -> None:
    loaded = probe()["import"]
    assert [m for m in loaded if not m.startswith("aio_litellm")] == []  # no extra dependency
    assert [m for m in loaded if m.startswith(("aio_litellm.resources", "aio_litellm.types"))] == []
    assert len(loaded) <= CORE_BUDGET, loaded


def test_a_group_loads_its_own_modules_only() -> None:
    access = probe("chat.completions")["access"]
    assert "aio_litellm.resources.chat" in access and "aio_litellm.types.chat" in access
    others = [
        m for m in access if m.startswith("aio_litellm.resources.") and not m.endswith(".chat")
    ]
    assert others == [], others


async def test_group_is_built_once_per_client_and_declared_on_the_class() -> None:
    assert isinstance(LiteLLMClient.__dict__["keys"], group)
    assert LiteLLMClient.keys is LiteLLMClient.__dict__["keys"]  # class access: the descriptor
    async with (
        LiteLLMClient(base_url="http://127.0.0.1:1") as a,
        LiteLLMClient(base_url="http://127.0.0.1:1") as b,
    ):
        assert a.chat is a.chat and a.chat.completions is a.chat.completions
        assert a.chat is not b.chat
        assert a.chat.completions._client is a


def test_bad_group_target() -> None:
    with pytest.raises(ValueError, match="module:Class"):
        group("chat")
