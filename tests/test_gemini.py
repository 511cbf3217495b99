"""client.gemini: Gemini-native generateContent (JSON and SSE), countTokens, Interactions and
managed agents — the wire route, the body sent, the typed result, bad input refused before I/O."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import gemini as gemini_module
from aio_litellm.types.gemini import GeminiContentParam, GenerateContentResponse

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "gemini.generate_content": {"contents": [{"parts": [{"text": "Hi"}]}]},
    "gemini.stream_generate_content": {"contents": [{"parts": [{"text": "Hi"}]}]},
    "gemini.count_tokens": {"contents": [{"parts": [{"text": "Hi"}]}]},
    "gemini.interactions.create": {"model": "m", "input": "Hi"},
    "gemini.agents.create": {"id": "a1"},
}

CONTENTS: list[GeminiContentParam] = [{"role": "user", "parts": [{"text": "Hi"}]}]

ANSWER = {
    "candidates": [
        {
            "content": {
                "role": "model",
                "parts": [{"text": "hmm", "thought": True}, {"text": "Hello"}, {"text": "!"}],
            },
            "finishReason": "STOP",
            "index": 0,
        }
    ],
    "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 2, "totalTokenCount": 5},
    "modelVersion": "fake-gpt",
    "responseId": "r1",
    "brandNew": {"kept": True},
}


def _event(body: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(body) + b"\r\n\r\n"


def _split_sse(*pieces: bytes) -> Any:
    """An SSE answer written in the given pieces (events cut anywhere), no ``[DONE]``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        for piece in pieces:
            await response.write(piece)
        await response.write_eof()
        return response

    return handler


def test_every_inventory_row_of_the_group_is_declared() -> None:
    path = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with path.open(newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["group"] == "gemini"]
    mine = {(ep.method, ep.path): ep.attr for ep in REGISTRY if ep.attr.startswith("gemini.")}
    assert len(rows) == 12
    assert {(r["method"], r["path"]) for r in rows} == set(mine)
    assert gemini_module.GENERATE.retry_safe is False and gemini_module.COUNT_TOKENS.retry_safe


async def test_generate_content(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/models/fake-gpt:generateContent", reply(body=ANSWER))
    got = await client.gemini.generate_content(
        "fake-gpt", contents=CONTENTS, generationConfig={"maxOutputTokens": 8}
    )
    seen = proxy.calls()[0]
    assert seen.json() == {"contents": CONTENTS, "generationConfig": {"maxOutputTokens": 8}}
    assert seen.query == {}
    assert isinstance(got, GenerateContentResponse)
    assert got.text == "Hello!"
    assert got.candidates[0].finish_reason == "STOP"
    assert got.candidates[0].content is not None
    assert got.candidates[0].content.parts[0].thought is True
    assert got.usage_metadata is not None
    assert (got.usage_metadata.prompt_token_count, got.usage_metadata.total_token_count) == (3, 5)
    assert (got.model_version, got.response_id) == ("fake-gpt", "r1")
    assert got.model_extra == {"brandNew": {"kept": True}}


async def test_generate_content_escapes_a_provider_model_as_one_segment(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/models/gemini/gemini-2.0-flash:generateContent", reply(body={}))
    got = await client.gemini.generate_content("gemini/gemini-2.0-flash", contents=CONTENTS)
    assert proxy.calls()[0].raw_path == "/models/gemini%2Fgemini-2.0-flash:generateContent"
    # A blocked prompt answers without candidates.
    assert got.candidates == [] and got.text == "" and got.usage_metadata is None


async def test_snake_case_answers_are_read_too(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "candidates": [{"content": {"parts": [{"text": "x"}]}, "finish_reason": "MAX_TOKENS"}],
        "usage_metadata": {"total_token_count": 9},
    }
    proxy.on("POST", "/models/m:generateContent", reply(body=body))
    got = await client.gemini.generate_content("m", contents=CONTENTS)
    assert got.candidates[0].finish_reason == "MAX_TOKENS"
    assert got.usage_metadata is not None and got.usage_metadata.total_token_count == 9
    assert got.candidates[0].content is not None and got.candidates[0].content.role is None
    assert GenerateContentResponse.model_validate({"candidates": [{}]}).text == ""


async def test_generate_content_is_not_resent(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/models/m:generateContent", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError):
        await client.gemini.generate_content("m", contents=CONTENTS)
    assert len(proxy.calls()) == 1


async def test_stream_generate_content_typed_from_split_chunks(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    first = _event({"candidates": [{"content": {"role": "model", "parts": [{"text": "Hel"}]}}]})
    last = _event(
        {
            "candidates": [{"content": {"parts": [{"text": "lo"}]}, "finishReason": "STOP"}],
            "usageMetadata": {"promptTokenCount": 3, "totalTokenCount": 5},
        }
    )
    # Events cut mid-JSON and mid-terminator must be joined before parsing.
    pieces = (first[:9], first[9:-1], first[-1:] + last[:20], last[20:])
    proxy.on("POST", "/models/fake-gpt:streamGenerateContent", _split_sse(*pieces))
    stream = await client.gemini.stream_generate_content(
        "fake-gpt", contents=CONTENTS, systemInstruction={"parts": [{"text": "Be brief"}]}
    )
    chunks = [c async for c in stream]
    seen = proxy.calls()[0]
    assert seen.query == {"alt": "sse"}
    assert seen.json() == {
        "contents": CONTENTS,
        "systemInstruction": {"parts": [{"text": "Be brief"}]},
    }
    assert all(isinstance(c, GenerateContentResponse) for c in chunks)
    assert "".join(c.text for c in chunks) == "Hello"
    assert chunks[0].usage_metadata is None
    assert chunks[-1].usage_metadata is not None
    assert chunks[-1].usage_metadata.total_token_count == 5
    assert chunks[-1].candidates[0].finish_reason == "STOP"


async def test_count_tokens(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {"totalTokens": 31, "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 31}]}
    proxy.on("POST", "/models/fake-gpt:countTokens", reply(body=body))
    got = await client.gemini.count_tokens("fake-gpt", contents=CONTENTS)
    assert proxy.calls()[0].json() == {"contents": CONTENTS}
    assert got.total_tokens == 31
    assert got.prompt_tokens_details[0].modality == "TEXT"
    assert got.prompt_tokens_details[0].token_count == 31
    system: GeminiContentParam = {"parts": [{"text": "Be brief"}]}
    await client.gemini.count_tokens("fake-gpt", contents=CONTENTS[0], systemInstruction=system)
    assert proxy.calls()[1].json() == {"contents": CONTENTS[0], "systemInstruction": system}


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        await client.gemini.generate_content("", contents=CONTENTS)
    with pytest.raises(TypeError, match="contents"):
        await client.gemini.generate_content("m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="contents"):
        await client.gemini.stream_generate_content("m", contents=[])
    with pytest.raises(TypeError, match="not a str"):
        await client.gemini.generate_content("m", contents="Hi")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="path parameter"):
        await client.gemini.count_tokens(1.5, contents=CONTENTS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="contents"):
        await client.gemini.count_tokens("m")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="not a str"):
        await client.gemini.count_tokens("m", contents="Hi")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="model= or agent="):
        await client.gemini.interactions.create(input="Hi")
    with pytest.raises(TypeError, match="input"):
        await client.gemini.interactions.create(agent="a")
    with pytest.raises(TypeError, match="id"):
        await client.gemini.agents.create(base_agent="b")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="empty"):
        await client.gemini.agents.retrieve("")
    assert proxy.seen == []


INTERACTION = {
    "id": "int_1",
    "object": "interaction",
    "status": "completed",
    "model": "gemini-2.5-flash",
    "outputs": [{"type": "text", "text": "Hi"}],
    "usage": {"total_tokens": 4},
}


async def test_interactions(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/interactions", reply(body=INTERACTION))
    proxy.on("GET", "/interactions/int 1", reply(body=INTERACTION))
    proxy.on("POST", "/interactions/int_1/cancel", reply(body={**INTERACTION, "status": "x"}))
    proxy.on("DELETE", "/interactions/int_1", reply(body={}))
    made = await client.gemini.interactions.create(model="gemini-2.5-flash", input="Hi")
    assert proxy.calls()[0].json() == {"model": "gemini-2.5-flash", "input": "Hi"}
    assert (made.id, made.status, made.outputs) == ("int_1", "completed", INTERACTION["outputs"])
    got = await client.gemini.interactions.retrieve("int 1")
    assert proxy.calls()[1].raw_path == "/interactions/int%201" and got.usage == {"total_tokens": 4}
    assert (await client.gemini.interactions.cancel("int_1")).status == "x"
    assert await client.gemini.interactions.delete("int_1") == {}
    assert [c.method for c in proxy.calls()] == ["POST", "GET", "POST", "DELETE"]


async def test_agents(proxy: FakeProxy, client: LiteLLMClient) -> None:
    agent = {"name": "agents/slides", "id": "slides", "base_agent": "b", "createTime": "t0"}
    proxy.on("POST", "/v1beta/agents", reply(body=agent))
    proxy.on("GET", "/v1beta/agents", reply(body={"agents": [agent], "nextPageToken": "p2"}))
    proxy.on("GET", "/v1beta/agents/slides", reply(body=agent))
    proxy.on("GET", "/v1beta/agents/slides/versions", reply(body={"versions": [{"v": 1}]}))
    proxy.on("DELETE", "/v1beta/agents/slides", reply(body={}))
    template = {"api_key": "AIza-secret"}
    made = await client.gemini.agents.create(
        id="slides", base_agent="b", litellm_params_template=template
    )
    assert proxy.calls()[0].json() == {
        "id": "slides",
        "base_agent": "b",
        "litellm_params_template": template,
    }
    assert (made.name, made.create_time) == ("agents/slides", "t0")
    listed = await client.gemini.agents.list()
    assert [a.id for a in listed.agents] == ["slides"] and listed.next_page_token == "p2"
    assert (await client.gemini.agents.retrieve("slides")).base_agent == "b"
    versions = await client.gemini.agents.list_versions("slides")
    assert versions.versions == [{"v": 1}] and versions.next_page_token is None
    assert await client.gemini.agents.delete("slides") == {}
    assert len(proxy.calls()) == 5
