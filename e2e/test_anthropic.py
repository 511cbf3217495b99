"""Anthropic's Messages API through the real proxy, bridged to the OpenAI-shaped fake model
"fake-gpt" (JSON, streamed, count_tokens), and the Skills API on the proxy's own registry
(``custom_llm_provider="litellm_proxy"``, in its database). Skills forwarded to Anthropic (the
default provider) are not run: the fake provider does not serve them (see
tests/test_anthropic.py)."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, LiteLLMClient
from aio_litellm.types import anthropic as at

pytestmark = pytest.mark.e2e


def user(text: str) -> list[at.MessageParam]:
    return [{"role": "user", "content": text}]


async def test_message_create(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    out = await admin.anthropic.messages.create(
        model="fake-gpt", max_tokens=50, messages=user(f"hello {word}")
    )
    assert isinstance(out, at.Message) and out.role == "assistant" and out.type == "message"
    assert isinstance(out.content[0], at.TextBlock)
    assert word in out.text
    assert out.stop_reason == "end_turn"
    assert out.usage is not None and (out.usage.input_tokens or 0) > 0
    assert out.raw_response is not None and out.raw_response.status_code == 200


async def test_message_stream(admin: LiteLLMClient) -> None:
    word = uuid.uuid4().hex
    stream = await admin.anthropic.messages.create(
        model="fake-gpt", max_tokens=50, messages=user(f"hi {word}"), stream=True
    )
    async with stream:
        events = [e async for e in stream]
    assert stream.closed
    assert isinstance(events[0], at.MessageStartEvent)
    assert isinstance(events[-1], at.MessageStopEvent)
    assert not any(isinstance(e, at.UnknownMessageStreamEvent) for e in events)
    text = "".join(
        e.delta.text
        for e in events
        if isinstance(e, at.ContentBlockDeltaEvent) and isinstance(e.delta, at.TextDelta)
    )
    assert word in text
    deltas = [e for e in events if isinstance(e, at.MessageDeltaEvent)]
    assert deltas and deltas[-1].delta.stop_reason == "end_turn"


async def test_count_tokens(admin: LiteLLMClient) -> None:
    short = await admin.anthropic.messages.count_tokens(model="fake-gpt", messages=user("a"))
    long = await admin.anthropic.messages.count_tokens(model="fake-gpt", messages=user("a " * 200))
    assert 0 < short.input_tokens < long.input_tokens


async def test_unknown_model_is_a_typed_error(admin: LiteLLMClient) -> None:
    with pytest.raises(BadRequestError):
        await admin.anthropic.messages.create(
            model=f"no-such-{uuid.uuid4().hex}", max_tokens=5, messages=user("x")
        )


@pytest.mark.usefixtures("db")
async def test_skill_lifecycle_in_the_proxy_registry(admin: LiteLLMClient) -> None:
    # custom_llm_provider="litellm_proxy": the proxy's own skill registry (its database).
    title = f"e2e skill {uuid.uuid4().hex[:8]}"
    skill_md = f"---\nname: e2e\ndescription: {title}\n---\nDo things.\n".encode()
    skills = admin.anthropic.skills
    created = await skills.create(
        ("SKILL.md", skill_md, "text/markdown"),
        display_title=title,
        description="made by the e2e suite",
        custom_llm_provider="litellm_proxy",
    )
    assert isinstance(created, at.Skill) and created.display_title == title
    assert created.source == "custom"

    got = await skills.retrieve(created.id, custom_llm_provider="litellm_proxy")
    assert got.id == created.id and got.display_title == title

    listed = [s.id async for s in skills.list(custom_llm_provider="litellm_proxy", limit=100)]
    assert created.id in listed

    gone = await skills.delete(created.id, custom_llm_provider="litellm_proxy")
    assert gone.id == created.id and gone.type == "skill_deleted"
    listed = [s.id async for s in skills.list(custom_llm_provider="litellm_proxy", limit=100)]
    assert created.id not in listed
