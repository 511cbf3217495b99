"""client.pass_through.bedrock's typed methods: the wire route below /bedrock/, the body, the
typed result, typed event streams (AWS event-stream frames), bad input refused before I/O."""

from __future__ import annotations

import base64
import csv
from pathlib import Path
from typing import Any

import orjson
import pytest

from aio_litellm import BadRequestError, LiteLLMClient, RateLimitError
from aio_litellm._endpoint import REGISTRY
from aio_litellm._eventstream import EventStreamError
from aio_litellm.resources.pass_through.bedrock import Bedrock
from aio_litellm.types.pass_through.bedrock import (
    AgentChunkEvent,
    AgentEvent,
    ApplyGuardrailResponse,
    ContentBlockDeltaEvent,
    ContentBlockStartEvent,
    ContentBlockStopEvent,
    ConverseResponse,
    ConverseStreamMetadataEvent,
    MessageStartEvent,
    MessageStopEvent,
    RetrieveAndGenerateResponse,
    RetrieveResponse,
    UnknownConverseStreamEvent,
)

from .conftest import FakeProxy, reply
from .test_eventstream import body_handler, event, exception, frame, header

MODEL = "fake-bedrock"
MESSAGES: list[Any] = [{"role": "user", "content": [{"text": "Hi"}]}]

CONVERSE_ANSWER = {
    "output": {
        "message": {"role": "assistant", "content": [{"text": "Hello"}, {"text": " there"}]}
    },
    "stopReason": "end_turn",
    "usage": {"inputTokens": 3, "outputTokens": 2, "totalTokens": 5},
    "metrics": {"latencyMs": 12},
    "newField": 1,
}


async def test_converse(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/bedrock/model/fake-bedrock/converse", reply(body=CONVERSE_ANSWER))
    result = await client.pass_through.bedrock.converse(
        MODEL,
        messages=MESSAGES,
        system=[{"text": "Be brief"}],
        inferenceConfig={"maxTokens": 10, "temperature": 0.1},
        toolConfig={"tools": []},
    )
    assert isinstance(result, ConverseResponse)
    assert result.text == "Hello there"
    assert result.stop_reason == "end_turn"
    assert result.usage is not None and result.usage.total_tokens == 5
    assert result.metrics is not None and result.metrics.latency_ms == 12
    assert result.model_extra == {"newField": 1}
    assert result.raw_response is not None and result.raw_response.status_code == 200
    (call,) = proxy.calls()
    assert call.json() == {
        "messages": MESSAGES,
        "system": [{"text": "Be brief"}],
        "inferenceConfig": {"maxTokens": 10, "temperature": 0.1},
        "toolConfig": {"tools": []},
    }
    assert call.headers["Authorization"].startswith("Bearer ")


async def test_converse_empty_answer_and_model_escaped(
    client: LiteLLMClient, proxy: FakeProxy
) -> None:
    # A model name with '/' and ':' stays one segment on the wire (the proxy decodes it).
    proxy.on("POST", "/bedrock/model/aws/claude:0/converse", reply(body={}))
    result = await client.pass_through.bedrock.converse("aws/claude:0", messages=MESSAGES)
    assert result.text == "" and result.output is None
    assert proxy.calls()[0].raw_path == "/bedrock/model/aws%2Fclaude%3A0/converse"


@pytest.mark.parametrize(
    ("model", "params", "error"),
    [
        (MODEL, {}, TypeError),
        (MODEL, {"messages": []}, TypeError),
        ("", {"messages": MESSAGES}, ValueError),
        (None, {"messages": MESSAGES}, TypeError),
        ("..", {"messages": MESSAGES}, None),  # escaped, not a parent segment
    ],
)
async def test_converse_bad_input(
    client: LiteLLMClient,
    proxy: FakeProxy,
    model: Any,
    params: Any,
    error: type[Exception] | None,
) -> None:
    proxy.on("POST", "/bedrock/model/../converse", reply(body={}))
    if error is None:
        await client.pass_through.bedrock.converse(model, **params)
        assert proxy.calls()[0].raw_path == "/bedrock/model/%2E%2E/converse"
        return
    with pytest.raises(error):
        await client.pass_through.bedrock.converse(model, **params)
    with pytest.raises(error):
        await client.pass_through.bedrock.converse_stream(model, **params)
    assert proxy.calls() == []


def converse_stream_frames() -> list[bytes]:
    return [
        event("messageStart", {"role": "assistant"}),
        event("contentBlockStart", {"contentBlockIndex": 1, "start": {"toolUse": {"name": "f"}}}),
        event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "Hel"}}),
        event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "lo"}}),
        event("contentBlockStop", {"contentBlockIndex": 0}),
        event("messageStop", {"stopReason": "end_turn"}),
        event("somethingNew", {"x": 1}),
        frame(header(":message-type", 7, "event"), b"{}"),  # no event type: skipped
        event(
            "metadata",
            {"usage": {"inputTokens": 3, "outputTokens": 2}, "metrics": {"latencyMs": 5}},
        ),
    ]


async def test_converse_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    data = b"".join(converse_stream_frames())
    # Split mid-frame, as a network would.
    proxy.on(
        "POST",
        "/bedrock/model/fake-bedrock/converse-stream",
        body_handler(data[:5], data[5:100], data[100:]),
    )
    async with await client.pass_through.bedrock.converse_stream(
        MODEL, messages=MESSAGES, inferenceConfig={"maxTokens": 5}
    ) as stream:
        events = [e async for e in stream]
    assert [type(e) for e in events] == [
        MessageStartEvent,
        ContentBlockStartEvent,
        ContentBlockDeltaEvent,
        ContentBlockDeltaEvent,
        ContentBlockStopEvent,
        MessageStopEvent,
        UnknownConverseStreamEvent,
        ConverseStreamMetadataEvent,
    ]
    assert "".join(e.text for e in events if isinstance(e, ContentBlockDeltaEvent)) == "Hello"
    assert isinstance(events[0], MessageStartEvent) and events[0].role == "assistant"
    start = events[1]
    assert isinstance(start, ContentBlockStartEvent) and start.content_block_index == 1
    assert start.start == {"toolUse": {"name": "f"}}
    assert isinstance(events[5], MessageStopEvent) and events[5].stop_reason == "end_turn"
    assert events[6].type == "somethingNew" and events[6].model_extra == {"x": 1}
    meta = events[7]
    assert isinstance(meta, ConverseStreamMetadataEvent)
    assert meta.usage is not None and meta.usage.output_tokens == 2
    assert meta.metrics is not None and meta.metrics.latency_ms == 5
    (call,) = proxy.calls()
    assert call.json() == {"messages": MESSAGES, "inferenceConfig": {"maxTokens": 5}}
    assert call.headers["Accept"] == "application/vnd.amazon.eventstream"
    assert stream.closed


async def test_converse_stream_in_band_exception(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/bedrock/model/fake-bedrock/converse-stream",
        body_handler(
            event("messageStart", {"role": "assistant"}),
            exception("throttlingException", "Too many tokens"),
        ),
    )
    stream = await client.pass_through.bedrock.converse_stream(MODEL, messages=MESSAGES)
    with pytest.raises(RateLimitError, match="Too many tokens"):
        [e async for e in stream]
    assert stream.closed


async def test_converse_stream_bad_event_payload(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/bedrock/model/fake-bedrock/converse-stream",
        body_handler(event("contentBlockDelta", [1, 2])),
    )
    stream = await client.pass_through.bedrock.converse_stream(MODEL, messages=MESSAGES)
    with pytest.raises(EventStreamError, match="contentBlockDelta"):
        await stream.__anext__()


async def test_converse_stream_http_error(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        "/bedrock/model/raw-id/converse-stream",
        reply(400, {"error": {"message": "not a proxy model"}}),
    )
    with pytest.raises(BadRequestError, match="not a proxy model"):
        await client.pass_through.bedrock.converse_stream("raw-id", messages=MESSAGES)


ANTHROPIC_BODY = {
    "anthropic_version": "bedrock-2023-05-31",
    "max_tokens": 10,
    "messages": [{"role": "user", "content": "Hi"}],
}


async def test_invoke(client: LiteLLMClient, proxy: FakeProxy) -> None:
    answer = {"id": "msg_1", "type": "message", "content": [{"type": "text", "text": "Hi"}]}
    proxy.on("POST", "/bedrock/model/fake-bedrock/invoke", reply(body=answer))
    result = await client.pass_through.bedrock.invoke(MODEL, ANTHROPIC_BODY)
    assert result == answer
    (call,) = proxy.calls()
    assert call.json() == ANTHROPIC_BODY


def chunk(payload: Any) -> bytes:
    return event("chunk", {"bytes": base64.b64encode(orjson.dumps(payload)).decode()})


async def test_invoke_with_response_stream(client: LiteLLMClient, proxy: FakeProxy) -> None:
    inner = [
        {"type": "message_start", "message": {"id": "m"}},
        {"type": "content_block_delta", "delta": {"type": "text_delta", "text": "Hi"}},
        {"type": "message_stop"},
    ]
    frames = [chunk(inner[0]), event("other", {}), chunk(inner[1]), chunk(inner[2])]
    proxy.on(
        "POST",
        "/bedrock/model/fake-bedrock/invoke-with-response-stream",
        body_handler(b"".join(frames)),
    )
    stream = await client.pass_through.bedrock.invoke_with_response_stream(MODEL, ANTHROPIC_BODY)
    assert [e async for e in stream] == inner
    assert proxy.calls()[0].json() == ANTHROPIC_BODY


@pytest.mark.parametrize(
    "bad",
    [
        event("chunk", {"bytes": "%%%not base64"}),
        event("chunk", {"nobytes": 1}),
        event("chunk", {"bytes": base64.b64encode(b"[1]").decode()}),
        event("chunk", {"bytes": base64.b64encode(b"{oops").decode()}),
    ],
)
async def test_invoke_stream_bad_chunk(client: LiteLLMClient, proxy: FakeProxy, bad: bytes) -> None:
    proxy.on("POST", "/bedrock/model/fake-bedrock/invoke-with-response-stream", body_handler(bad))
    stream = await client.pass_through.bedrock.invoke_with_response_stream(MODEL, {})
    with pytest.raises(EventStreamError, match="chunk"):
        await stream.__anext__()
    assert stream.closed


async def test_invoke_bad_body(client: LiteLLMClient, proxy: FakeProxy) -> None:
    with pytest.raises(TypeError, match="mapping"):
        await client.pass_through.bedrock.invoke(MODEL, [1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="mapping"):
        await client.pass_through.bedrock.invoke_with_response_stream(MODEL, "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not be empty"):
        await client.pass_through.bedrock.invoke("", {})
    assert proxy.calls() == []


async def test_guardrails_apply(client: LiteLLMClient, proxy: FakeProxy) -> None:
    answer = {
        "action": "GUARDRAIL_INTERVENED",
        "actionReason": "blocked",
        "outputs": [{"text": "no"}],
        "assessments": [{"topicPolicy": {}}],
        "usage": {"topicPolicyUnits": 1},
    }
    proxy.on("POST", "/bedrock/guardrail/g 1/version/DRAFT/apply", reply(body=answer))
    content = [{"text": {"text": "hello"}}]
    result = await client.pass_through.bedrock.guardrails.apply(
        "g 1", "DRAFT", source="INPUT", content=content
    )
    assert isinstance(result, ApplyGuardrailResponse)
    assert result.action == "GUARDRAIL_INTERVENED" and result.action_reason == "blocked"
    assert result.outputs == [{"text": "no"}]
    (call,) = proxy.calls()
    assert call.raw_path == "/bedrock/guardrail/g%201/version/DRAFT/apply"
    assert call.json() == {"source": "INPUT", "content": content}
    with pytest.raises(TypeError, match="content"):
        await client.pass_through.bedrock.guardrails.apply("g", "1", source="INPUT")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="must not be empty"):
        await client.pass_through.bedrock.guardrails.apply("g", "", source="INPUT", content=content)
    assert len(proxy.calls()) == 1


async def test_knowledge_bases(client: LiteLLMClient, proxy: FakeProxy) -> None:
    retrieved = {
        "retrievalResults": [
            {"content": {"type": "TEXT", "text": "fact"}, "score": 0.9, "location": {"type": "S3"}}
        ],
        "nextToken": "n2",
    }
    proxy.on("POST", "/bedrock/knowledgebases/KB1/retrieve", reply(body=retrieved))
    result = await client.pass_through.bedrock.knowledge_bases.retrieve(
        "KB1", retrievalQuery={"text": "q"}, nextToken="n1"
    )
    assert isinstance(result, RetrieveResponse)
    assert result.next_token == "n2"
    assert result.retrieval_results[0].content["text"] == "fact"
    assert result.retrieval_results[0].score == 0.9
    assert proxy.calls()[0].json() == {"retrievalQuery": {"text": "q"}, "nextToken": "n1"}

    generated = {"sessionId": "s1", "output": {"text": "answer"}, "citations": [{"x": 1}]}
    proxy.on("POST", "/bedrock/retrieveAndGenerate/", reply(body=generated))
    answer = await client.pass_through.bedrock.knowledge_bases.retrieve_and_generate(
        input={"text": "q"}, retrieveAndGenerateConfiguration={"type": "KNOWLEDGE_BASE"}
    )
    assert isinstance(answer, RetrieveAndGenerateResponse)
    assert answer.session_id == "s1" and answer.output == {"text": "answer"}
    assert proxy.calls()[1].json() == {
        "input": {"text": "q"},
        "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE"},
    }
    with pytest.raises(TypeError, match="retrievalQuery"):
        await client.pass_through.bedrock.knowledge_bases.retrieve("KB1")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="input"):
        await client.pass_through.bedrock.knowledge_bases.retrieve_and_generate()  # type: ignore[call-arg]
    assert len(proxy.calls()) == 2


async def test_agents_invoke(client: LiteLLMClient, proxy: FakeProxy) -> None:
    frames = [
        event("chunk", {"bytes": base64.b64encode(b"Hello ").decode()}),
        event("trace", {"trace": {"orchestrationTrace": {}}, "agentId": "A"}),
        event(
            "chunk", {"bytes": base64.b64encode("w\u00f6rld".encode()).decode(), "attribution": {}}
        ),
        frame(header(":message-type", 7, "event"), b"{}"),
    ]
    path = "/bedrock/agents/A1/agentAliases/L1/sessions/s-1/text"
    proxy.on("POST", path, body_handler(b"".join(frames)))
    stream = await client.pass_through.bedrock.agents.invoke(
        "A1", "L1", "s-1", inputText="hi", enableTrace=True
    )
    events = [e async for e in stream]
    assert [type(e) for e in events] == [AgentChunkEvent, AgentEvent, AgentChunkEvent]
    text = "".join(e.text for e in events if isinstance(e, AgentChunkEvent))
    assert text == "Hello w\u00f6rld"
    assert events[1].type == "trace" and events[1].model_extra == {
        "trace": {"orchestrationTrace": {}},
        "agentId": "A",
    }
    (call,) = proxy.calls()
    assert call.json() == {"inputText": "hi", "enableTrace": True}
    with pytest.raises(ValueError, match="must not be empty"):
        await client.pass_through.bedrock.agents.invoke("A1", "L1", "", inputText="x")


async def test_agents_invoke_bad_event(client: LiteLLMClient, proxy: FakeProxy) -> None:
    path = "/bedrock/agents/A/agentAliases/L/sessions/s/text"
    proxy.on("POST", path, body_handler(event("trace", "text")))
    stream = await client.pass_through.bedrock.agents.invoke("A", "L", "s")
    with pytest.raises(EventStreamError, match="trace"):
        await stream.__anext__()


async def test_raw_verbs_still_work(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", "/bedrock/foundation-models", reply(body={"modelSummaries": []}))
    assert await client.pass_through.bedrock.get("foundation-models") == {"modelSummaries": []}
    proxy.on("DELETE", "/bedrock/x", reply(body={}))
    assert await client.pass_through.bedrock.delete("x") == {}


def test_every_bedrock_row_is_declared() -> None:
    inventory = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with inventory.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThrough.bedrock"
        }
    assert len(rows) == 5
    declared = {
        (ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("pass_through.bedrock.")
    }
    assert rows == declared
    assert {(ep.method, ep.path) for ep in Bedrock.routes.values()} == rows
