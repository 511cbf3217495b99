"""Prompt management against the real proxy and its database: create, list, read, a new
version, patch, render and run against ``fake-gpt``, convert a ``.prompt`` file, delete."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

DOTPROMPT = "---\nmodel: fake-gpt\ntemperature: 0.2\n---\nUser: Hello {{name}}"


def dotprompt_params(prompt_id: str, content: str) -> dict[str, object]:
    return {
        "prompt_id": prompt_id,
        "prompt_integration": "dotprompt",
        "prompt_data": {"content": content, "metadata": {"model": "fake-gpt"}},
    }


async def test_prompt_lifecycle(admin: LiteLLMClient) -> None:
    prompt_id = f"e2e_prompt_{uuid.uuid4().hex[:10]}"
    created = await admin.prompts.create(
        prompt_id=prompt_id, litellm_params=dotprompt_params(prompt_id, "Hi {{name}}")
    )
    try:
        assert created.prompt_id == f"{prompt_id}.v1"
        assert created.litellm_params.prompt_integration == "dotprompt"

        listed = [p.prompt_id async for p in admin.prompts.list()]
        assert prompt_id in listed

        detail = await admin.prompts.retrieve(prompt_id)
        assert detail.prompt_spec.prompt_id == prompt_id
        assert detail.prompt_spec.version == 1

        updated = await admin.prompts.update(
            prompt_id, litellm_params=dotprompt_params(prompt_id, "Hello {{name}}")
        )
        assert updated.prompt_id == f"{prompt_id}.v2"
        versions = [v.version async for v in admin.prompts.versions(prompt_id)]
        assert versions == [2, 1]

        patched = await admin.prompts.patch(prompt_id, prompt_info={"prompt_type": "db"})
        assert patched.prompt_id == f"{prompt_id}.v2"  # in place: no third version
        first = await admin.prompts.retrieve(f"{prompt_id}.v1")
        assert first.prompt_spec.version == 1
    finally:
        deleted = await admin.prompts.delete(prompt_id)
    assert prompt_id in (deleted.message or "")
    with pytest.raises(NotFoundError):
        await admin.prompts.versions(prompt_id)


async def test_prompt_test_streams_the_model_answer(admin: LiteLLMClient) -> None:
    stream = await admin.prompts.test(dotprompt_content=DOTPROMPT, prompt_variables={"name": "W"})
    text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert text


async def test_dotprompt_json_converter(admin: LiteLLMClient) -> None:
    converted = await admin.prompts.dotprompt_json_converter(
        ("greeting.prompt", DOTPROMPT.encode())
    )
    assert converted.prompt_id == "greeting"
    assert converted.json_data["metadata"]["model"] == "fake-gpt"
    assert "Hello {{name}}" in converted.json_data["content"]
