"""``client.utils``: token counting, model info, request transformation, the route list."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import APIError, LiteLLMClient, NotFoundError
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import utils
from aio_litellm.types.utils import TransformRequestError

from .conftest import API_KEY, FakeProxy, inventory, reply

BODY = {"model": "fake-gpt", "messages": [{"role": "user", "content": "hi"}]}
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "utils.model_info": {"model": "gpt-4o"},
    "utils.supported_openai_params": {"model": "gpt-4o"},
    "utils.token_counter": {"model": "fake-gpt", "prompt": "hi"},
    "utils.transform_request": {"call_type": "completion", "request_body": BODY},
}


def test_every_utils_row_is_declared() -> None:
    assert utils.Utils
    rows = {(r["method"], r["path"]) for r in inventory() if r["group"] == "utils"}
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("utils.")}
    assert rows == declared


async def test_token_counter(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {
        "total_tokens": 9,
        "request_model": "fake-gpt",
        "model_used": "gpt-4o",
        "tokenizer_type": "openai_tokenizer",
    }
    proxy.on("POST", "/utils/token_counter", reply(body=answer))
    count = await client.utils.token_counter(**BODY)  # type: ignore[arg-type]
    assert (count.total_tokens, count.error) == (9, False)
    seen = proxy.calls()[-1]
    assert (seen.json(), seen.query) == (BODY, {})
    await client.utils.token_counter(model="fake-gpt", prompt="hi", call_endpoint=True)
    seen = proxy.calls()[-1]
    assert (seen.json(), seen.query) == (
        {"model": "fake-gpt", "prompt": "hi"},
        {"call_endpoint": "true"},
    )


async def test_model_info_and_supported_params(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/utils/model_info",
        reply(
            body={
                "model": "gpt-4o",
                "custom_llm_provider": "openai",
                "model_info": {"max_tokens": 16384},
            }
        ),
    )
    proxy.on(
        "GET",
        "/utils/supported_openai_params",
        reply(body={"supported_openai_params": ["tools", "temperature"]}),
    )
    info = await client.utils.model_info("gpt-4o", custom_llm_provider="openai")
    assert info.model_info["max_tokens"] == 16384
    assert proxy.calls()[-1].query == {"model": "gpt-4o", "custom_llm_provider": "openai"}
    await client.utils.model_info("gpt-4o")
    assert proxy.calls()[-1].query == {"model": "gpt-4o"}
    params = await client.utils.supported_openai_params("gpt-4o")
    assert params.supported_openai_params == ["tools", "temperature"]
    proxy.on(
        "GET", "/utils/model_info", reply(404, {"detail": {"error": "not in the model cost map"}})
    )
    with pytest.raises(NotFoundError):
        await client.utils.model_info("nope")


async def test_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/routes",
        reply(
            body={
                "routes": [
                    {"path": "/health", "methods": ["GET"], "name": "h", "endpoint": "h"},
                    {"path": "/mcp"},
                ]
            }
        ),
    )
    routes = (await client.utils.routes()).routes
    assert [(r.path, r.methods) for r in routes] == [("/health", ["GET"]), ("/mcp", None)]


async def test_transform_request(proxy: FakeProxy, client: LiteLLMClient) -> None:
    raw = {
        "raw_request_api_base": "http://up/v1/chat/completions",
        "raw_request_body": BODY,
        "raw_request_headers": {},
    }
    proxy.on("POST", "/utils/transform_request", reply(body=raw))
    got = await client.utils.transform_request(call_type="completion", request_body=BODY)
    assert got.raw_request_body == BODY
    assert proxy.calls()[-1].json() == {"call_type": "completion", "request_body": BODY}


async def test_transform_request_in_band_error_raises(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    # The proxy answers 200 with the failure inside; the key must not leak into the message.
    proxy.on("POST", "/utils/transform_request", reply(body={"error": f"bad model, key {API_KEY}"}))
    with pytest.raises(TransformRequestError) as caught:
        await client.utils.transform_request(call_type="completion", request_body=BODY)
    err = caught.value
    assert isinstance(err, APIError)
    assert "bad model" in str(err) and API_KEY not in str(err)
    assert (err.status_code, err.method) == (200, "POST")
    assert err.url is not None and err.url.endswith("/utils/transform_request")


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        await client.utils.model_info("")
    with pytest.raises(TypeError, match="model"):
        await client.utils.supported_openai_params("")
    with pytest.raises(TypeError, match="model"):
        await client.utils.token_counter(prompt="hi")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="call_type"):
        await client.utils.transform_request(request_body=BODY)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="request_body"):
        await client.utils.transform_request(call_type="completion", request_body="x")  # type: ignore[typeddict-item]
    assert proxy.seen == []
