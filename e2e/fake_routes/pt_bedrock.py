"""Bedrock Runtime, as the proxy's ``fake-bedrock`` deployment reaches it
(``aws_bedrock_runtime_endpoint`` = the fake's ``/v1``): ``model/{id}/converse`` and ``invoke``
as JSON, ``converse-stream`` and ``invoke-with-response-stream`` as AWS event-stream frames
(``application/vnd.amazon.eventstream``, encoded here). The answer echoes the last user text, so
a test sees its own request come back. A text containing ``THROTTLE`` gets a
``throttlingException`` frame after the first event."""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any

import orjson
from aiohttp import web

EVENT_STREAM = "application/vnd.amazon.eventstream"


def _header(name: str, value: str) -> bytes:
    raw_name, raw = name.encode(), value.encode()
    return bytes([len(raw_name)]) + raw_name + b"\x07" + struct.pack(">H", len(raw)) + raw


def encode_frame(headers: dict[str, str], payload: bytes) -> bytes:
    """One event-stream frame: prelude (lengths + CRC32), string headers, payload, CRC32."""
    head = b"".join(_header(k, v) for k, v in headers.items())
    prelude = struct.pack(">II", 16 + len(head) + len(payload), len(head))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    message = prelude + head + payload
    return message + struct.pack(">I", zlib.crc32(message))


def _event(event_type: str, payload: Any) -> bytes:
    headers = {
        ":event-type": event_type,
        ":content-type": "application/json",
        ":message-type": "event",
    }
    return encode_frame(headers, orjson.dumps(payload))


def _exception(kind: str, message: str) -> bytes:
    headers = {":exception-type": kind, ":content-type": "application/json"}
    headers[":message-type"] = "exception"
    return encode_frame(headers, orjson.dumps({"message": message}))


def _last_text(body: Any) -> str:
    """The last user text of a Converse body or an Anthropic-style invoke body."""
    for message in reversed(body.get("messages") or []):
        content = message.get("content")
        if isinstance(content, str):
            return content
        for block in content or []:
            if isinstance(block, dict) and isinstance(block.get("text"), str):
                return str(block["text"])
    return ""


async def _read(request: web.Request) -> dict[str, Any]:
    raw = await request.read()
    data = orjson.loads(raw) if raw else {}
    return data if isinstance(data, dict) else {}


async def converse(request: web.Request) -> web.Response:
    body = await _read(request)
    text = f"echo: {_last_text(body)}"
    return web.json_response(
        {
            "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
            "stopReason": "end_turn",
            "usage": {"inputTokens": 5, "outputTokens": 3, "totalTokens": 8},
            "metrics": {"latencyMs": 7},
            "model": request.match_info["model"],
        }
    )


async def _send_frames(request: web.Request, frames: list[bytes]) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": EVENT_STREAM})
    await response.prepare(request)
    data = b"".join(frames)
    for start in range(0, len(data), 37):  # frames split mid-way, as a network would
        await response.write(data[start : start + 37])
    await response.write_eof()
    return response


async def converse_stream(request: web.Request) -> web.StreamResponse:
    text = f"echo: {_last_text(await _read(request))}"
    frames = [_event("messageStart", {"role": "assistant"})]
    if "THROTTLE" in text:
        frames.append(_exception("throttlingException", "Too many requests, slow down"))
        return await _send_frames(request, frames)
    for word in text.split(" "):
        frames.append(
            _event("contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": word + " "}})
        )
    frames += [
        _event("contentBlockStop", {"contentBlockIndex": 0}),
        _event("messageStop", {"stopReason": "end_turn"}),
        _event(
            "metadata",
            {
                "usage": {"inputTokens": 5, "outputTokens": 3, "totalTokens": 8},
                "metrics": {"latencyMs": 7},
            },
        ),
    ]
    return await _send_frames(request, frames)


def _anthropic_message(text: str) -> dict[str, Any]:
    return {
        "id": "msg_fake_bedrock",
        "type": "message",
        "role": "assistant",
        "model": "claude-3-haiku-20240307",
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 5, "output_tokens": 3},
    }


async def invoke(request: web.Request) -> web.Response:
    text = f"echo: {_last_text(await _read(request))}"
    return web.json_response(_anthropic_message(text))


def _chunk(event: dict[str, Any]) -> bytes:
    return _event("chunk", {"bytes": base64.b64encode(orjson.dumps(event)).decode()})


async def invoke_stream(request: web.Request) -> web.StreamResponse:
    text = f"echo: {_last_text(await _read(request))}"
    start = _anthropic_message("")
    start["content"] = []
    events: list[dict[str, Any]] = [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
    ]
    events += [
        {
            "type": "content_block_delta",
            "index": 0,
            "delta": {"type": "text_delta", "text": word + " "},
        }
        for word in text.split(" ")
    ]
    events += [
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": 3},
        },
        {
            "type": "message_stop",
            "amazon-bedrock-invocationMetrics": {
                "inputTokenCount": 5,
                "outputTokenCount": 3,
                "invocationLatency": 7,
                "firstByteLatency": 2,
            },
        },
    ]
    return await _send_frames(request, [_chunk(e) for e in events])


def register(add: Any) -> None:
    add("POST", "/model/{model}/converse", converse)
    add("POST", "/model/{model}/converse-stream", converse_stream)
    add("POST", "/model/{model}/invoke", invoke)
    add("POST", "/model/{model}/invoke-with-response-stream", invoke_stream)
