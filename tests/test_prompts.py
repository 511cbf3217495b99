"""``client.prompts``: what each method sends, what it returns, the test stream, the
``.prompt`` converter, and input refused before any I/O."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

import aio_litellm.resources.prompts  # noqa: F401  (declares the routes)
from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.types.prompts import Prompt, PromptDetail, PromptList

from .conftest import FakeProxy, chunk, reply, sse

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "prompts.create": {"prompt_id": "p", "litellm_params": {"prompt_integration": "dotprompt"}},
    "prompts.update": {"litellm_params": {"prompt_integration": "dotprompt"}},
    "prompts.test": {"dotprompt_content": "---\nmodel: m\n---\nUser: hi"},
    "prompts.dotprompt_json_converter": {"file": ("x.prompt", b"hi")},
}


def spec(prompt_id: str = "greet", **extra: Any) -> dict[str, Any]:
    return {
        "prompt_id": prompt_id,
        "litellm_params": {
            "prompt_id": prompt_id,
            "prompt_integration": "dotprompt",
            "prompt_data": {"content": "Hi {{name}}", "metadata": {"model": "m"}},
        },
        "prompt_info": {"prompt_type": "db", "environment": "development"},
        "created_at": "2026-01-01T00:00:00",
        "updated_at": "2026-01-01T00:00:00",
        **extra,
    }


def inventory(group: str) -> set[tuple[str, str]]:
    with INVENTORY.open(newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {(r["method"], r["path"]) for r in rows if r["group"] == group}


def test_every_inventory_row_is_declared() -> None:
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("prompts.")}
    assert inventory("prompts") == declared


async def test_create_sends_the_body_and_reads_the_versioned_id(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/prompts", reply(200, spec("greet.v1", x_new=1)))
    params = {"prompt_integration": "dotprompt", "prompt_data": {"content": "Hi"}}
    prompt = await client.prompts.create(prompt_id="greet", litellm_params=params)
    assert isinstance(prompt, Prompt)
    assert prompt.prompt_id == "greet.v1"
    assert prompt.litellm_params.prompt_integration == "dotprompt"
    assert prompt.prompt_info.prompt_type == "db"
    assert prompt.model_extra == {"x_new": 1}
    assert proxy.seen[0].json() == {"prompt_id": "greet", "litellm_params": params}


async def test_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/prompts", reply(502, {"error": {"message": "bad gateway"}}))
    with pytest.raises(APIStatusError):
        await client.prompts.create(prompt_id="p", litellm_params={"prompt_integration": "x"})
    assert len(proxy.calls("POST", "/prompts")) == 1


async def test_list_is_one_page_under_prompts(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/prompts/list", reply(200, {"prompts": [spec("a"), spec("b")]}))
    page = await client.prompts.list(environment="prod")
    assert isinstance(page, PromptList)
    assert [p.prompt_id for p in page.prompts] == ["a", "b"]
    assert proxy.seen[0].query == {"environment": "prod"}
    ids = [p.prompt_id async for p in client.prompts.list()]
    assert ids == ["a", "b"]
    assert len(proxy.seen) == 2  # no second page asked


async def test_retrieve_reads_the_template(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "prompt_spec": spec("greet", version=2),
        "raw_prompt_template": {"litellm_prompt_id": "greet", "content": "Hi", "metadata": {}},
        "environments": ["development"],
    }
    proxy.on("GET", "/prompts/greet.v2", reply(200, body))
    detail = await client.prompts.retrieve("greet.v2")
    assert isinstance(detail, PromptDetail)
    assert detail.prompt_spec.version == 2
    assert detail.raw_prompt_template is not None
    assert detail.raw_prompt_template.content == "Hi"
    assert detail.environments == ["development"]
    assert proxy.seen[0].query == {}


async def test_update_fills_the_body_id_from_the_path(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("PUT", "/prompts/greet", reply(200, spec("greet.v2")))
    prompt = await client.prompts.update("greet", litellm_params={"prompt_integration": "x"})
    assert prompt.prompt_id == "greet.v2"
    assert proxy.seen[0].json() == {
        "prompt_id": "greet",
        "litellm_params": {"prompt_integration": "x"},
    }


async def test_patch_sends_environment_in_the_query(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("PATCH", "/prompts/greet", reply(200, spec("greet.v1")))
    await client.prompts.patch("greet", environment="prod", prompt_info={"prompt_type": "db"})
    await client.prompts.patch("greet", litellm_params={"prompt_integration": "x"})
    first, second = proxy.seen
    assert first.query == {"environment": "prod"}
    assert first.json() == {"prompt_info": {"prompt_type": "db"}}
    assert second.query == {}
    assert second.json() == {"litellm_params": {"prompt_integration": "x"}}


async def test_delete_and_versions(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("DELETE", "/prompts/a b", reply(200, {"message": "Prompt a b deleted successfully"}))
    proxy.on(
        "GET",
        "/prompts/greet/versions",
        reply(200, {"prompts": [spec("greet", version=2), spec("greet", version=1)]}),
    )
    deleted = await client.prompts.delete("a b", environment="prod")
    assert deleted.message == "Prompt a b deleted successfully"
    assert proxy.seen[0].raw_path == "/prompts/a%20b?environment=prod"
    versions = [p.version async for p in client.prompts.versions("greet")]
    assert versions == [2, 1]


async def test_test_streams_chat_chunks(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/prompts/test", sse(chunk("Hel"), chunk("lo")))
    content = "---\nmodel: fake-gpt\n---\nUser: Hello {{name}}"
    stream = await client.prompts.test(dotprompt_content=content, prompt_variables={"name": "W"})
    texts = [c.choices[0].delta.content async for c in stream]
    assert texts == ["Hel", "lo"]
    assert proxy.seen[0].json() == {"dotprompt_content": content, "prompt_variables": {"name": "W"}}


async def test_converter_uploads_the_prompt_file(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    answer = {"prompt_id": "greet", "json_data": {"content": "Hi", "metadata": {"model": "m"}}}
    proxy.on("POST", "/utils/dotprompt_json_converter", reply(200, answer))
    path = tmp_path / "greet.prompt"
    path.write_bytes(b"---\nmodel: m\n---\nHi")
    converted = await client.prompts.dotprompt_json_converter(path)
    assert converted.prompt_id == "greet"
    assert converted.json_data["metadata"] == {"model": "m"}
    await client.prompts.dotprompt_json_converter(("x.prompt", io.BytesIO(b"Hi")))
    with path.open("rb") as f:
        await client.prompts.dotprompt_json_converter(f)
    seen = proxy.seen[0]
    assert seen.content_type == "multipart/form-data"
    assert b'filename="greet.prompt"' in seen.body
    assert b"model: m" in seen.body
    assert b'filename="x.prompt"' in proxy.seen[1].body
    assert b'filename="greet.prompt"' in proxy.seen[2].body


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.prompts.create(prompt_id="p"), TypeError),
        (lambda c: c.prompts.update("p"), TypeError),
        (lambda c: c.prompts.test(), TypeError),
        (lambda c: c.prompts.retrieve(""), ValueError),
        (lambda c: c.prompts.dotprompt_json_converter(b"raw bytes"), ValueError),
        (lambda c: c.prompts.dotprompt_json_converter(("x.txt", b"hi")), ValueError),
    ],
)
async def test_bad_input_is_refused_before_io(
    proxy: FakeProxy, client: LiteLLMClient, call: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await call(client)
    assert proxy.seen == []
