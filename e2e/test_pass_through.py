"""Raw pass-through through the real proxy: each call reaches the provider's upstream (the fake
provider under /up/<provider>, set by the launcher) at the path below the prefix, with the
provider's own auth; a path that would leave the prefix is refused before sending; a virtual
key with no access is refused by the proxy with a typed error."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import APIStatusError, LiteLLMClient

pytestmark = pytest.mark.e2e


async def test_anthropic_post_reaches_the_upstream_path(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    got = await admin.pass_through.anthropic.post(
        "v1/messages",
        json={"model": "c", "max_tokens": 5, "messages": [{"role": "user", "content": word}]},
        headers={"anthropic-version": "2023-06-01"},
    )
    assert got["provider"] == "anthropic" and got["method"] == "POST"
    assert got["path"].endswith("v1/messages")
    assert got["body"]["messages"][0]["content"] == word
    assert "anthropic-version" in got["headers"]


@pytest.mark.parametrize("verb", ["GET", "PUT", "PATCH", "DELETE"])
async def test_every_verb_goes_through(admin: LiteLLMClient, verb: str) -> None:
    got = await admin.pass_through.anthropic.request(verb, "v1/things/t1", params={"n": "1"})
    assert (got["method"], got["query"].get("n")) == (verb, "1")
    assert got["path"].endswith("v1/things/t1")


async def test_gemini_takes_the_key_from_its_header(admin: LiteLLMClient) -> None:
    got = await admin.pass_through.gemini.post(
        "v1beta/models/gemini-x:countTokens", json={"contents": []}
    )
    assert got["provider"] == "gemini"
    assert got["path"].endswith("v1beta/models/gemini-x:countTokens")


async def test_openrouter_and_openai(admin: LiteLLMClient) -> None:
    got = await admin.pass_through.openrouter.post("v1/chat/completions", json={"model": "m"})
    assert got["provider"] == "openrouter" and got["path"].endswith("chat/completions")
    got = await admin.pass_through.openai.get("v1/models")
    assert got["provider"] == "openai" and got["path"].endswith("models")


async def test_escaping_paths_are_refused_before_sending(admin: LiteLLMClient) -> None:
    for path in ("../key/list", "v1/%2e%2e/%2e%2e/key/list", "//127.0.0.1/key/list"):
        with pytest.raises(ValueError, match="must"):
            await admin.pass_through.openai.get(path)


async def test_a_key_without_access_is_refused(admin: LiteLLMClient) -> None:
    # A key limited to one model may not use the provider's pass-through routes.
    key = await admin.keys.create(models=["fake-gpt"], allowed_routes=["/chat/completions"])
    try:
        async with LiteLLMClient(base_url=admin.base_url, api_key=key.key) as limited:
            with pytest.raises(APIStatusError) as info:
                await limited.pass_through.anthropic.post("v1/messages", json={})
        assert info.value.status_code in (401, 403)
        assert key.key not in str(info.value)
    finally:
        await admin.keys.delete(keys=[key.key])
