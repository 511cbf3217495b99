from __future__ import annotations

from aio_litellm import LiteLLMClient

from .conftest import FakeProxy, reply


async def test_chat_roundtrip(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/chat/completions",
        reply(200, {"id": "c1", "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}),
    )
    out = await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert out.choices[0].message.content == "hi"
    assert out.raw_response is not None and out.raw_response.status_code == 200
