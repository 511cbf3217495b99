"""The first resources: what each sends and what it returns."""

from __future__ import annotations

import base64
import struct
from typing import Any

import numpy as np
import pytest

from aio_litellm import LiteLLMClient

from .conftest import FakeProxy, reply

VECTORS = [[0.5, -1.25, 3.0], [0.0, 1e-3, -7.5]]


def b64(vector: list[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode()


def embedding_body(vectors: list[Any], order: list[int] | None = None) -> dict[str, Any]:
    order = order or list(range(len(vectors)))
    return {
        "object": "list",
        "model": "emb",
        "data": [{"object": "embedding", "index": i, "embedding": vectors[i]} for i in order],
        "usage": {"prompt_tokens": 4, "total_tokens": 4},
        "x_extra": "kept",
    }


async def test_chat_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "hello", "provider_field": 1},
            }
        ],
        "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4},
        "new_top_level_field": {"a": 1},
    }
    proxy.on("POST", "/chat/completions", reply(200, body, {"x-litellm-call-id": "cid"}))
    out = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}], temperature=0.2, tags=["t"]
    )
    assert proxy.calls()[0].json() == {
        "model": "m",
        "messages": [{"role": "user", "content": "hi"}],
        "temperature": 0.2,
        "tags": ["t"],
    }
    assert proxy.calls()[0].headers["Content-Type"] == "application/json"
    assert out.choices[0].message.content == "hello"
    assert out.usage is not None and out.usage.total_tokens == 4
    assert out.model_extra == {"new_top_level_field": {"a": 1}}  # unknown fields kept
    assert out.raw_response is not None
    assert out.raw_response.request_id == "cid"
    assert out.raw_response.retries == 0 and out.raw_response.elapsed >= 0
    assert out.raw_response.url == f"{client.base_url}/chat/completions"
    assert isinstance(out.raw_response.url, str)
    assert repr(out.raw_response).startswith("APIResponse(method='POST', url='http")
    assert "status_code=200" in repr(out.raw_response)
    # A view made by hand has no HTTP side.
    assert type(out).model_validate(body).raw_response is None


async def test_chat_requires_model_and_messages(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="messages"):
        await client.chat.completions.create(model="m")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"missing required argument\(s\): model, messages"):
        await client.chat.completions.create(model="", messages=[])
    with pytest.raises(TypeError, match="messages"):
        await client.chat.completions.queue(model="m", messages=[], priority=1, stream=True)
    with pytest.raises(TypeError, match="prompt"):
        await client.completions.create(model="m")  # type: ignore[call-overload]
    assert proxy.seen == []


async def test_completions_json(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/completions", reply(200, {"id": "t", "choices": [{"text": "ok"}]}))
    out = await client.completions.create(model="m", prompt="say ok", max_tokens=3)
    assert out.choices[0].text == "ok"
    assert proxy.calls()[0].json() == {"model": "m", "prompt": "say ok", "max_tokens": 3}


async def test_embeddings_default_asks_base64_and_decodes(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/embeddings", reply(200, embedding_body([b64(v) for v in VECTORS], [1, 0])))
    out = await client.embeddings.create(model="emb", input=["a", "b"], dimensions=3)
    assert proxy.calls()[0].json() == {
        "model": "emb",
        "input": ["a", "b"],
        "encoding_format": "base64",
        "dimensions": 3,
    }
    assert [e.index for e in out.data] == [0, 1]  # re-ordered by index
    assert [e.embedding for e in out.data] == [pytest.approx(v, rel=1e-6) for v in VECTORS]
    assert isinstance(out.data[0].embedding, list)
    assert out.usage is not None and out.usage.prompt_tokens == 4
    assert out.model == "emb" and out.model_extra == {"x_extra": "kept"}
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_embeddings_as_numpy_is_float32_without_copy(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/embeddings", reply(200, embedding_body([b64(v) for v in VECTORS])))
    out = await client.embeddings.create(model="emb", input=["a", "b"], as_numpy=True)
    first = out.data[0].embedding
    assert isinstance(first, np.ndarray) and first.dtype == np.float32
    assert first.base is not None  # a view on the decoded bytes, not a copy
    np.testing.assert_allclose(np.stack([e.embedding for e in out.data]), VECTORS, rtol=1e-6)


async def test_embeddings_accepts_float_lists_and_empty_data(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # A proxy that ignores encoding_format answers with floats: taken as they are.
    proxy.on("POST", "/embeddings", reply(200, embedding_body(VECTORS)))
    out = await client.embeddings.create(model="emb", input=["a", "b"])
    assert [e.embedding for e in out.data] == VECTORS
    as_array = await client.embeddings.create(model="emb", input=["a", "b"], as_numpy=True)
    assert as_array.data[1].embedding.dtype == np.float32
    proxy.on("POST", "/embeddings", reply(200, {"object": "list", "data": [], "model": "emb"}))
    empty = await client.embeddings.create(model="emb", input="a")
    assert empty.data == []


async def test_embeddings_explicit_formats(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/embeddings", reply(200, embedding_body(VECTORS)))
    floats = await client.embeddings.create(model="emb", input="a", encoding_format="float")
    assert proxy.calls()[-1].json()["encoding_format"] == "float"
    assert floats.data[0].embedding == VECTORS[0]
    encoded = b64(VECTORS[0])
    proxy.on("POST", "/embeddings", reply(200, embedding_body([encoded])))
    raw = await client.embeddings.create(model="emb", input="a", encoding_format="base64")
    assert raw.data[0].embedding == encoded  # asked for base64: left as base64
    # A float request answered in base64 anyway still gives floats.
    again = await client.embeddings.create(model="emb", input="a", encoding_format="float")
    assert again.data[0].embedding == pytest.approx(VECTORS[0], rel=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"model": "emb", "input": []}, ValueError, "non-empty"),
        ({"model": "emb", "input": ""}, ValueError, "non-empty"),
        ({"model": "", "input": "a"}, TypeError, "model"),
        (
            {"model": "emb", "input": "a", "as_numpy": True, "encoding_format": "float"},
            TypeError,
            "as_numpy",
        ),
    ],
)
async def test_embeddings_bad_input_before_io(
    kwargs: dict[str, Any],
    error: type[Exception],
    match: str,
    proxy: FakeProxy,
    client: LiteLLMClient,
) -> None:
    with pytest.raises(error, match=match):
        await client.embeddings.create(**kwargs)
    assert proxy.seen == []


async def test_embeddings_malformed_vector(proxy: FakeProxy, client: LiteLLMClient) -> None:
    from aio_litellm import APIResponseValidationError

    proxy.on("POST", "/embeddings", reply(200, embedding_body([42])))
    with pytest.raises(APIResponseValidationError, match="neither"):
        await client.embeddings.create(model="emb", input="a")
    proxy.on("POST", "/embeddings", reply(200, [1, 2]))
    with pytest.raises(APIResponseValidationError, match="data"):
        await client.embeddings.create(model="emb", input="a")


async def test_models_and_health(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET", "/models", reply(200, {"object": "list", "data": [{"id": "gpt", "object": "model"}]})
    )
    proxy.on("GET", "/models/gpt", reply(200, {"id": "gpt"}))
    proxy.on("GET", "/model/info", reply(200, {"data": [{"model_name": "gpt"}]}))
    proxy.on("GET", "/health/liveliness", reply(200, "I'm alive!"))
    proxy.on("GET", "/health/readiness", reply(200, {"status": "healthy", "db": "Not connected"}))
    proxy.on(
        "GET",
        "/health",
        reply(200, {"healthy_endpoints": [{"model": "gpt"}], "unhealthy_endpoints": []}),
    )
    assert [m.id for m in (await client.models.list(team_id="t1")).data] == ["gpt"]
    assert proxy.calls()[-1].query == {"team_id": "t1"}
    assert (await client.models.retrieve("gpt")).id == "gpt"
    assert (await client.models.info(litellm_model_id="abc")).data == [{"model_name": "gpt"}]
    assert proxy.calls()[-1].query == {"litellm_model_id": "abc"}
    assert await client.health.liveliness() == "I'm alive!"
    ready = await client.health.readiness()
    assert ready.status == "healthy" and not ready.db_connected
    check = await client.health.check(model="gpt")
    assert check.healthy_endpoints == [{"model": "gpt"}]
    assert proxy.calls()[-1].query == {"model": "gpt"}
    proxy.on("GET", "/health/liveliness", reply(200, b"plain text"))
    assert await client.health.liveliness() == "plain text"


KEY = {"key": "sk-abc", "token": "hash", "key_alias": "a", "expires": None}


async def test_keys_requests(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/key/generate", reply(200, KEY))
    created = await client.keys.create(
        key_alias="a", models=["m"], max_budget=1.5, metadata={"x": 1}
    )
    assert created.key == "sk-abc" and created.token == "hash"
    assert proxy.calls()[-1].json() == {
        "key_alias": "a",
        "models": ["m"],
        "max_budget": 1.5,
        "metadata": {"x": 1},
    }

    proxy.on("GET", "/key/info", reply(200, {"key": "hash", "info": {"spend": 0}}))
    info = await client.keys.info("hash")
    assert info.info == {"spend": 0} and proxy.calls()[-1].query == {"key": "hash"}

    proxy.on("POST", "/v2/key/info", reply(200, {"key": ["a", "b"], "info": [{}, {}]}))
    assert len((await client.keys.info_many(["a", "b"])).info) == 2
    assert proxy.calls()[-1].json() == {"keys": ["a", "b"]}

    proxy.on("POST", "/key/update", reply(200, {"key": "hash", "max_budget": 3}))
    updated = await client.keys.update("hash", max_budget=3, blocked=None)
    assert updated.model_extra == {"max_budget": 3}
    assert proxy.calls()[-1].json() == {"key": "hash", "max_budget": 3, "blocked": None}

    proxy.on("POST", "/key/delete", reply(200, {"deleted_keys": ["hash"]}))
    assert (await client.keys.delete(["hash"], key_aliases=["a"])).deleted_keys == ["hash"]
    assert proxy.calls()[-1].json() == {"keys": ["hash"], "key_aliases": ["a"]}

    proxy.on("POST", "/key/block", reply(200, {"token": "hash", "blocked": True}))
    assert (await client.keys.block("hash")).blocked is True
    proxy.on("POST", "/key/unblock", reply(200, {"token": "hash", "blocked": False}))
    assert (await client.keys.unblock("hash")).blocked is False
    assert proxy.calls()[-1].json() == {"key": "hash"}

    proxy.on("POST", "/key/regenerate", reply(200, {**KEY, "key": "sk-new"}))
    assert (await client.keys.regenerate("hash", grace_period="1h")).key == "sk-new"
    assert proxy.calls()[-1].json() == {"key": "hash", "grace_period": "1h"}

    proxy.on("POST", "/key/service-account/generate", reply(200, KEY))
    await client.keys.generate_service_account(team_id="t")
    assert proxy.calls()[-1].json() == {"team_id": "t"}

    proxy.on("POST", "/key/health", reply(200, {"key": "healthy"}))
    assert (await client.keys.health()).key == "healthy"
    assert proxy.calls()[-1].body == b""

    bulk = {
        "total_requested": 1,
        "successful_updates": [{"key": "k", "key_info": {}}],
        "failed_updates": [],
    }
    proxy.on("POST", "/key/bulk_update", reply(200, bulk))
    out = await client.keys.bulk_update([{"key": "k", "max_budget": 2}])
    assert out.successful_updates[0].key == "k"
    assert proxy.calls()[-1].json() == {"keys": [{"key": "k", "max_budget": 2}]}

    proxy.on("POST", "/team/key/bulk_update", reply(200, {**bulk, "successful_updates": []}))
    await client.keys.team_bulk_update("t", {"max_budget": 5}, key_ids=["k1"])
    assert proxy.calls()[-1].json() == {
        "team_id": "t",
        "update_fields": {"max_budget": 5},
        "all_keys_in_team": False,
        "key_ids": ["k1"],
    }

    proxy.on("POST", "/key/sk-a/b/reset_spend", reply(200, {"spend": 0}))
    assert await client.keys.reset_spend("sk-a/b", reset_to=0) == {"spend": 0}
    assert proxy.calls()[-1].raw_path == "/key/sk-a%2Fb/reset_spend"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.keys.delete(), "keys or key_aliases"),
        (lambda c: c.keys.delete("sk-abc"), "not a str"),
        (lambda c: c.keys.info_many("abc"), "not a str"),
        (lambda c: c.keys.generate_service_account(), "team_id"),
        (lambda c: c.keys.team_bulk_update("t", {}), "key_ids"),
    ],
)
async def test_keys_bad_input_before_io(
    call: Any, match: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match=match):
        await call(client)
    assert proxy.seen == []
