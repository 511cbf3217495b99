"""Live providers behind the proxy: run only when a provider key is set (see .env.template)."""

from __future__ import annotations

import pytest

from aio_litellm import LiteLLMClient

from .launcher import live_models

pytestmark = pytest.mark.e2e

CHAT = [m[1] for m in live_models() if m[3] == "chat"]
EMBED = [m[1] for m in live_models() if m[3] == "embedding"]
NO_KEYS = "no live provider key is set (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...)"


@pytest.mark.skipif(not CHAT, reason=NO_KEYS)
@pytest.mark.parametrize("model", CHAT or ["none"])
async def test_live_chat(model: str, admin: LiteLLMClient) -> None:
    reply = await admin.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Reply with the word: pong"}],
        max_tokens=10,
    )
    assert "pong" in (reply.choices[0].message.content or "").lower()
    stream = await admin.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Count: 1 2 3"}],
        stream=True,
        max_tokens=20,
    )
    text = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
    assert text.strip()


@pytest.mark.skipif(not EMBED, reason=NO_KEYS)
@pytest.mark.parametrize("model", EMBED or ["none"])
async def test_live_embeddings(model: str, admin: LiteLLMClient) -> None:
    out = await admin.embeddings.create(model=model, input=["hello", "world"])
    assert len(out.data) == 2 and len(out.data[0].embedding) > 100
