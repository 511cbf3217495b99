"""``client.realtime``: the REST routes (client secrets, transcription sessions, SDP calls,
translations) and WebSocket sessions against a real aiohttp WebSocket server on loopback."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Literal

import orjson
import pytest
from aiohttp import WSCloseCode, WSMsgType, web

from aio_litellm import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    ClientClosedError,
    InternalServerError,
    LiteLLMClient,
    NotFoundError,
    PermissionDeniedError,
    PoolTimeoutError,
    RateLimitError,
    Timeout,
    _websocket,
)
from aio_litellm._endpoint import REGISTRY, Endpoint
from aio_litellm._models import BaseModel
from aio_litellm._websocket import (
    EventParser,
    UnknownEvent,
    WebSocketSession,
    close_error_status,
    encode_event,
    open_session,
)
from aio_litellm.types.realtime import (
    ClientSecretCreateResponse,
    ConversationItem,
    ConversationItemCreateEvent,
    InputAudioBufferAppendEvent,
    LiveClientEvent,
    LiveServerEvent,
    LiveSessionStartedEvent,
    RateLimit,
    RealtimeClientEvent,
    RealtimeError,
    RealtimeErrorEvent,
    RealtimeServerEvent,
    RealtimeTranslationClientEvent,
    RealtimeTranslationOutputTranscriptDeltaEvent,
    RealtimeTranslationServerEvent,
    RealtimeTranslationSessionCreatedEvent,
    ResponseCreateEvent,
    ResponseDoneEvent,
    ResponseTextDeltaEvent,
    SessionCreatedEvent,
    TranscriptionSession,
    event_models,
)

from .conftest import API_KEY, FakeProxy, reply

WSScript = Callable[[web.WebSocketResponse], Awaitable[None]]


def free(client: LiteLLMClient) -> bool:
    return client._pool.semaphore._value == client._pool.max_in_flight


class WSServer:
    """What a scripted WebSocket route saw: frames received, the client's close code."""

    def __init__(self) -> None:
        self.received: list[Any] = []
        self.close_code: int | None = None
        self.done = asyncio.Event()
        self.opened = asyncio.Event()

    def route(self, script: WSScript, *, drain: bool = True) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            ws = web.WebSocketResponse()
            await ws.prepare(request)
            self.opened.set()
            try:
                await script(ws)
                if drain:
                    async for msg in ws:  # until the client closes
                        if msg.type is WSMsgType.TEXT:
                            self.received.append(orjson.loads(msg.data))
                self.close_code = ws.close_code
            finally:
                self.done.set()
            return ws

        return handler

    async def next_frame(self, ws: web.WebSocketResponse) -> Any:
        msg = await ws.receive()
        assert msg.type is WSMsgType.TEXT, msg
        data = orjson.loads(msg.data)
        self.received.append(data)
        return data


SESSION = {
    "type": "session.created",
    "event_id": "ev_1",
    "session": {"type": "realtime", "id": "sess_1", "model": "gpt-realtime", "novel": 1},
}


def text_delta(text: str) -> dict[str, Any]:
    return {
        "type": "response.output_text.delta",
        "event_id": "ev_d",
        "response_id": "resp_1",
        "item_id": "item_1",
        "output_index": 0,
        "content_index": 0,
        "delta": text,
    }


DONE = {
    "type": "response.done",
    "event_id": "ev_9",
    "response": {
        "id": "resp_1",
        "status": "completed",
        "output": [
            {
                "type": "message",
                "role": "assistant",
                "id": "item_1",
                "content": [{"type": "output_text", "text": "hi there"}],
            }
        ],
        "usage": {"total_tokens": 7, "input_tokens": 3, "output_tokens": 4},
    },
}


# -- REST ------------------------------------------------------------------------------------


async def test_client_secrets_create(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/realtime/client_secrets",
        reply(
            200,
            {
                "value": "enc-token",
                "expires_at": 1700000600,
                "session": {
                    "type": "realtime",
                    "object": "realtime.session",
                    "id": "sess_1",
                    "model": "gpt-realtime",
                    "output_modalities": ["audio"],
                    "client_secret": {"value": "enc-token", "expires_at": 1700000600},
                    "novel": {"x": 1},
                },
            },
        ),
    )
    secret = await client.realtime.client_secrets.create(
        session={"type": "realtime", "model": "fake-realtime", "instructions": "be brief"},
        expires_after={"anchor": "created_at", "seconds": 60},
    )
    assert isinstance(secret, ClientSecretCreateResponse)
    assert secret.value == "enc-token" and secret.expires_at == 1700000600
    assert secret.session is not None and secret.session.model == "gpt-realtime"
    assert secret.session.client_secret is not None
    assert secret.session.client_secret.value == "enc-token"
    assert secret.session.model_extra == {"novel": {"x": 1}}
    assert secret.raw_response is not None and secret.raw_response.status_code == 200
    seen = proxy.calls("POST", "/realtime/client_secrets")[0]
    assert seen.json() == {
        "session": {"type": "realtime", "model": "fake-realtime", "instructions": "be brief"},
        "expires_after": {"anchor": "created_at", "seconds": 60},
    }
    assert seen.headers["Authorization"] == f"Bearer {API_KEY}"


async def test_client_secret_create_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/realtime/client_secrets", reply(500, {"error": {"message": "boom"}}))
    with pytest.raises(InternalServerError, match="boom"):
        await client.realtime.client_secrets.create(model="fake-realtime")
    # A secret may have been minted: a second send could mint another.
    assert len(proxy.calls()) == 1


async def test_transcription_sessions_create(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/realtime/transcription_sessions",
        reply(
            200,
            {
                "id": "sess_t",
                "object": "realtime.transcription_session",
                "client_secret": {"value": "enc-t", "expires_at": 99},
                "input_audio_format": "pcm16",
                "input_audio_transcription": {"model": "whisper-1"},
                "modalities": ["text"],
            },
        ),
    )
    session = await client.realtime.transcription_sessions.create(
        model="fake-whisper",
        input_audio_format="pcm16",
        input_audio_transcription={"model": "whisper-1", "language": "en"},
    )
    assert isinstance(session, TranscriptionSession)
    assert session.client_secret is not None and session.client_secret.value == "enc-t"
    assert session.client_secret.expires_at == 99 and session.modalities == ["text"]
    assert session.input_audio_transcription == {"model": "whisper-1"}
    body = proxy.calls("POST", "/realtime/transcription_sessions")[0].json()
    assert body == {
        "model": "fake-whisper",
        "input_audio_format": "pcm16",
        "input_audio_transcription": {"model": "whisper-1", "language": "en"},
    }


OFFER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"


async def test_calls_create_sends_the_offer_raw_with_the_secret(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def answer(request: web.Request) -> web.StreamResponse:
        offer = await request.text()
        return web.Response(
            status=201, text="v=0\r\nanswer-to:" + offer[:3], content_type="application/sdp"
        )

    proxy.on("POST", "/realtime/calls", answer)
    sdp = await client.realtime.calls.create(OFFER, client_secret="enc-token", model="m1")
    assert sdp == "v=0\r\nanswer-to:v=0"
    seen = proxy.calls("POST", "/realtime/calls")[0]
    assert seen.body == OFFER.encode()  # not JSON-quoted, not form-encoded
    assert seen.content_type == "application/sdp"
    # The ephemeral secret authorises the call, not the client's key.
    assert seen.headers["Authorization"] == "Bearer enc-token"
    assert seen.query == {"model": "m1"}


async def test_calls_errors_and_bad_input(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/realtime/calls", reply(401, {"error": "Invalid or expired token"}))
    with pytest.raises(AuthenticationError, match="Invalid or expired token"):
        await client.realtime.calls.create(OFFER, client_secret="stale")
    assert proxy.calls()[-1].query == {}
    with pytest.raises(TypeError, match="client_secret"):
        await client.realtime.calls.create(OFFER, client_secret="")
    with pytest.raises(TypeError, match="sdp"):
        await client.realtime.translations.calls.create("", client_secret="x")
    assert len(proxy.calls()) == 1


async def test_translation_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "POST",
        "/realtime/translations/client_secrets",
        reply(
            200,
            {
                "value": "enc-tr",
                "expires_at": 5,
                "session": {
                    "type": "translation",
                    "id": "sess_tr",
                    "model": "gpt-realtime-translate",
                    "audio": {"output": {"language": "fr"}},
                },
            },
        ),
    )
    secret = await client.realtime.translations.client_secrets.create(
        session={"model": "fake-realtime", "audio": {"output": {"language": "fr"}}}
    )
    assert secret.value == "enc-tr" and secret.session is not None
    assert secret.session.type == "translation"
    assert secret.session.audio == {"output": {"language": "fr"}}
    assert proxy.calls()[-1].json() == {
        "session": {"model": "fake-realtime", "audio": {"output": {"language": "fr"}}}
    }

    proxy.on(
        "POST",
        "/realtime/translations/calls",
        reply(201, "v=0\r\ntranslated-answer", {"Content-Type": "text/plain"}),
    )
    answer = await client.realtime.translations.calls.create(OFFER, client_secret="enc-tr")
    assert answer == "v=0\r\ntranslated-answer"
    seen = proxy.calls("POST", "/realtime/translations/calls")[0]
    assert seen.body == OFFER.encode() and seen.headers["Authorization"] == "Bearer enc-tr"

    with pytest.raises(TypeError, match="session"):
        await client.realtime.translations.client_secrets.create()  # type: ignore[call-arg]
    assert len(proxy.calls()) == 2


# -- events ----------------------------------------------------------------------------------


def test_event_unions_cover_every_documented_type() -> None:
    server = EventParser[RealtimeServerEvent](event_models(RealtimeServerEvent))
    assert len(server.types) == 46
    assert {"session.created", "response.output_audio.delta", "error", "mcp_list_tools.failed"} <= (
        server.types
    )
    assert len(EventParser[RealtimeClientEvent](event_models(RealtimeClientEvent)).types) == 11
    translation = EventParser[RealtimeTranslationServerEvent](
        event_models(RealtimeTranslationServerEvent)
    )
    assert len(translation.types) == 7
    assert len(event_models(RealtimeTranslationClientEvent)) == 3
    assert len(EventParser[LiveServerEvent](event_models(LiveServerEvent)).types) == 28
    assert len(event_models(LiveClientEvent)) == 15


def test_event_parsing() -> None:
    parse = EventParser[RealtimeServerEvent](event_models(RealtimeServerEvent))
    done = parse(orjson.dumps(DONE))
    assert isinstance(done, ResponseDoneEvent)
    assert done.response.usage is not None and done.response.usage.total_tokens == 7
    assert done.response.output is not None
    item = done.response.output[0]
    assert isinstance(item, ConversationItem) and item.role == "assistant"
    assert item.content is not None and item.content[0].text == "hi there"
    # A type this client does not know parses, fields and all.
    future = parse('{"type": "response.hologram.delta", "frames": [1, 2]}')
    assert isinstance(future, UnknownEvent) and future.type == "response.hologram.delta"
    assert future.model_extra == {"frames": [1, 2]}
    # The proxy's own error events carry no event_id.
    error = parse('{"type": "error", "error": {"type": "server_error", "message": "upstream"}}')
    assert isinstance(error, RealtimeErrorEvent) and error.error.message == "upstream"
    with pytest.raises(ValueError, match="string 'type'"):
        parse("[1]")
    with pytest.raises(ValueError, match="string 'type'"):
        parse('{"type": 3}')
    with pytest.raises(ValueError, match="'type' literal of its own"):
        EventParser([ResponseDoneEvent, ResponseDoneEvent])
    with pytest.raises(ValueError, match="'type' literal of its own"):
        EventParser([UnknownEvent])
    with pytest.raises(ValueError, match="'type' literal of its own"):
        EventParser([RealtimeError])  # type: str | None
    with pytest.raises(ValueError, match="'type' literal of its own"):
        EventParser([RateLimit])  # no type field at all


def test_event_parser_takes_required_literals() -> None:
    # Another route's models may declare ``type: Literal[...]`` without a default.
    class Started(BaseModel):
        type: Literal["run.started", "run.resumed"]
        run_id: str

    parse = EventParser[Any]([Started])
    assert parse.types == {"run.started", "run.resumed"}
    resumed = parse('{"type": "run.resumed", "run_id": "r1"}')
    assert isinstance(resumed, Started) and resumed.run_id == "r1"


def test_encode_event() -> None:
    event = InputAudioBufferAppendEvent(audio="AAA=")
    assert orjson.loads(encode_event(event)) == {
        "type": "input_audio_buffer.append",
        "audio": "AAA=",
    }
    nested = ConversationItemCreateEvent(
        item=ConversationItem(
            type="message", role="user", content=[{"type": "input_text", "text": "hi"}]
        )
    )
    assert orjson.loads(encode_event(nested)) == {
        "type": "conversation.item.create",
        "item": {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "hi"}],
        },
    }
    assert orjson.loads(encode_event({"type": "x.y", "k": None})) == {"type": "x.y", "k": None}
    with pytest.raises(ValueError, match="non-empty string 'type'"):
        encode_event({"audio": "AAA="})
    with pytest.raises(ValueError, match="non-empty string 'type'"):
        encode_event(UnknownEvent(type=""))
    with pytest.raises(TypeError, match="not str"):
        encode_event('{"type": "x"}')


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (1008, 403),
        (1011, 500),
        (1013, 429),
        (1003, 400),
        (4401, 401),
        (4404, 404),
        (4001, 500),
        (3000, 500),
    ],
)
def test_close_error_status(code: int, status: int) -> None:
    assert close_error_status(code) == status


# -- WebSocket sessions ----------------------------------------------------------------------


async def test_realtime_session_round_trip(proxy: FakeProxy) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)
        event = await server.next_frame(ws)
        assert event["type"] == "response.create"
        await ws.send_json(text_delta("hi "))
        await ws.send_json(text_delta("there"))
        await ws.send_json(DONE)

    proxy.on("GET", "/realtime", server.route(script))
    async with LiteLLMClient(
        base_url=proxy.url, api_key=API_KEY, default_headers={"X-Team": "t1"}
    ) as client:
        async with client.realtime.connect(
            model="fake-realtime", guardrails=["g1", "g2"], headers={"OpenAI-Beta": "realtime=v1"}
        ) as rt:
            assert not free(client)  # a session holds a slot like a stream
            assert rt.response.status_code == 101 and rt.response.url.startswith("ws://")
            first = await rt.recv()
            assert isinstance(first, SessionCreatedEvent)
            assert first.session.model == "gpt-realtime" and first.session.model_extra == {
                "novel": 1
            }
            await rt.send(ResponseCreateEvent())
            text = ""
            async for event in rt:
                if isinstance(event, ResponseTextDeltaEvent):
                    text += event.delta
                elif isinstance(event, ResponseDoneEvent):
                    break
            assert text == "hi there"
            # Leaving the loop keeps the session open: it can be used again.
            await rt.send({"type": "input_audio_buffer.append", "audio": "AAA="})
            assert not rt.closed
        assert rt.closed and free(client)
        await asyncio.wait_for(server.done.wait(), 5)
    seen = proxy.calls("GET", "/realtime")[0]
    assert seen.query == {"model": "fake-realtime", "guardrails": "g1,g2"}
    assert seen.headers["Authorization"] == f"Bearer {API_KEY}"
    assert seen.headers["X-Team"] == "t1" and seen.headers["OpenAI-Beta"] == "realtime=v1"
    assert seen.headers["Upgrade"].lower() == "websocket"
    assert server.received == [
        {"type": "response.create"},
        {"type": "input_audio_buffer.append", "audio": "AAA="},
    ]
    assert server.close_code == WSCloseCode.OK


async def test_error_event_is_yielded_and_the_session_goes_on(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(
            {
                "type": "error",
                "event_id": "ev_e",
                "error": {
                    "type": "invalid_request_error",
                    "code": "unknown_parameter",
                    "message": "Unknown parameter: 'foo'",
                    "param": "foo",
                    "event_id": "client_1",
                },
            }
        )
        await ws.send_json(text_delta("still here"))
        await ws.close()

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        events = [event async for event in rt]
    assert isinstance(events[0], RealtimeErrorEvent)
    assert events[0].error.code == "unknown_parameter" and events[0].error.event_id == "client_1"
    assert isinstance(events[1], ResponseTextDeltaEvent) and events[1].delta == "still here"
    assert rt.close_code == 1000 and free(client)
    with pytest.raises(APIConnectionError, match="closed"):
        await rt.recv()
    with pytest.raises(APIConnectionError, match="closed"):
        await rt.send({"type": "input_audio_buffer.clear"})


@pytest.mark.parametrize(
    ("code", "reason", "error_class", "message"),
    [
        (1011, "Internal server error: upstream gone", InternalServerError, "upstream gone"),
        (1008, "", PermissionDeniedError, "key not allowed"),
        (4429, "slow down", RateLimitError, "slow down"),
        # A reason cut short (123 bytes at most): the error event's whole message.
        (1011, "key not", InternalServerError, "- key not allowed$"),
    ],
)
async def test_server_close_with_an_error_code_raises_typed(
    proxy: FakeProxy,
    client: LiteLLMClient,
    code: int,
    reason: str,
    error_class: type[Exception],
    message: str,
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        # LiteLLM sends an error event, then closes with the code.
        await ws.send_json(
            {"type": "error", "error": {"type": "server_error", "message": "key not allowed"}}
        )
        await ws.close(code=code, message=reason.encode())

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        first = await rt.recv()
        assert isinstance(first, RealtimeErrorEvent)
        with pytest.raises(error_class, match=message) as info:
            await rt.recv()
        assert free(client)
        assert [event async for event in rt] == []  # ended: the error is raised once
    error: Any = info.value
    assert error.error_code == str(code) and error.body["close_code"] == code
    assert error.body["error_event"]["message"] == "key not allowed"
    assert rt.close_code == code and rt.close_reason == (reason or None)


async def test_client_close_sends_a_close_frame(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    rt = await client.realtime.connect(model="m")  # awaited, not entered
    assert isinstance(await rt.recv(), SessionCreatedEvent) and not free(client)
    await rt.aclose(code=4000, reason="bye")
    await rt.aclose()  # idempotent
    assert rt.closed and free(client)
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.close_code == 4000
    with pytest.raises(APIConnectionError, match="closed"):
        await rt.send({"type": "input_audio_buffer.clear"})
    assert [event async for event in rt] == []


async def test_aclose_from_another_task_ends_the_reader(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    async with client.realtime.connect(model="m") as rt:

        async def read_all() -> list[Any]:
            return [event async for event in rt]

        reader = asyncio.create_task(read_all())
        await asyncio.sleep(0.05)
        await rt.aclose()
        events = await asyncio.wait_for(reader, 5)
    assert [type(e) for e in events] == [SessionCreatedEvent] and free(client)
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.close_code == WSCloseCode.OK


async def test_cancelling_a_blocked_reader_releases_everything(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    rt = await client.realtime.connect(model="m")
    got: list[Any] = []

    async def read() -> None:
        async for event in rt:
            got.append(event)

    task = asyncio.create_task(read())
    await asyncio.sleep(0.05)
    assert len(got) == 1 and not free(client)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert rt.closed and free(client)
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.close_code == WSCloseCode.GOING_AWAY
    await rt.aclose()


async def test_client_aclose_ends_an_open_session(proxy: FakeProxy) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    client = LiteLLMClient(base_url=proxy.url, api_key=API_KEY)
    rt = await client.realtime.connect(model="m")
    assert isinstance(await rt.recv(), SessionCreatedEvent)
    reader = asyncio.create_task(rt.recv())
    await asyncio.sleep(0.05)
    await client.aclose()
    with pytest.raises(ClientClosedError, match="session"):
        await asyncio.wait_for(reader, 5)
    assert rt.closed and free(client)
    with pytest.raises(ClientClosedError):
        await rt.send({"type": "input_audio_buffer.clear"})
    with pytest.raises(ClientClosedError):
        client.realtime.connect(model="m")  # refused before any I/O
    await asyncio.wait_for(server.done.wait(), 5)
    await rt.aclose()


async def test_client_aclose_during_the_handshake(proxy: FakeProxy) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(5)
        return web.Response()

    proxy.on("GET", "/realtime", slow)
    client = LiteLLMClient(base_url=proxy.url, api_key=API_KEY)
    opening = asyncio.create_task(client.realtime.connect(model="m").__aenter__())
    await asyncio.sleep(0.1)
    await client.aclose()
    with pytest.raises(ClientClosedError, match="opening"):
        await opening
    assert free(client)


async def test_handshake_refused_is_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/realtime", reply(401, {"error": {"message": "bad key"}}))
    with pytest.raises(AuthenticationError, match="handshake refused: HTTP 401"):
        await client.realtime.connect(model="m")
    with pytest.raises(NotFoundError):
        async with client.realtime.translations.connect():
            pass  # pragma: no cover
    assert free(client)
    # Answered, but not with a WebSocket: a broken handshake, not an error status.
    proxy.on("GET", "/live/sessions", reply(200, {}))
    with pytest.raises(APIConnectionError, match="bad WebSocket handshake: HTTP 200"):
        await client.realtime.live.connect(model="m")
    assert free(client)


async def test_bad_arguments_are_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="model"):
        client.realtime.connect()
    with pytest.raises(TypeError, match="model"):
        client.realtime.live.connect(model="")
    with pytest.raises(TypeError, match="model"):
        client.realtime.connect(intent="conversation")
    assert proxy.seen == [] and free(client)


async def test_intent_transcription_needs_no_model(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/realtime", reply(403, {}))
    with pytest.raises(PermissionDeniedError):
        await client.realtime.connect(intent="transcription")
    assert proxy.seen[0].query == {"intent": "transcription"}


async def test_malformed_events(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_str("not json")
        await ws.send_json({"type": "response.output_text.delta"})  # fields missing
        await ws.send_json({"type": "response.hologram", "frames": 3})
        await ws.send_bytes(orjson.dumps(text_delta("bin")))
        await ws.close()

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        with pytest.raises(APIResponseValidationError, match="unexpected WebSocket event") as info:
            await rt.recv()
        assert info.value.body == "not json"
        with pytest.raises(APIResponseValidationError, match="delta"):
            await rt.recv()
        assert not rt.closed  # a bad event does not end the session
        unknown = await rt.recv()
        assert isinstance(unknown, UnknownEvent) and unknown.model_extra == {"frames": 3}
        binary = await rt.recv()
        assert isinstance(binary, ResponseTextDeltaEvent) and binary.delta == "bin"
        assert [event async for event in rt] == []
    assert free(client)


async def test_event_over_max_event_size(proxy: FakeProxy) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(text_delta("x" * 5000))

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with LiteLLMClient(base_url=proxy.url, max_event_size=1000) as client:
        rt = await client.realtime.connect(model="m")
        with pytest.raises(APIResponseValidationError, match="max_event_size"):
            await rt.recv()
        assert rt.closed and free(client)
        await rt.aclose()


async def test_connection_lost(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)
        await asyncio.sleep(0.05)
        assert ws._req is not None and ws._req.transport is not None
        ws._req.transport.close()  # no close frame

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        assert isinstance(await rt.recv(), SessionCreatedEvent)
        with pytest.raises(APIConnectionError):
            await rt.recv()
        assert rt.closed and free(client)


async def test_send_failure_on_a_dead_link(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        assert ws._req is not None and ws._req.transport is not None
        ws._req.transport.close()

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        await asyncio.wait_for(server.done.wait(), 5)
        await asyncio.sleep(0.05)
        with pytest.raises(APIConnectionError):
            for _ in range(50):  # the first writes may still be buffered
                await rt.send(InputAudioBufferAppendEvent(audio="AAA="))
                await asyncio.sleep(0.01)
        assert rt.closed and free(client)


async def test_idle_read_timeout(proxy: FakeProxy) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    async with LiteLLMClient(base_url=proxy.url, timeout=Timeout(read=0.2)) as client:
        rt = await client.realtime.connect(model="m")
        assert isinstance(await rt.recv(), SessionCreatedEvent)
        with pytest.raises(APITimeoutError, match=r"0\.2 s read timeout"):
            await rt.recv()
        assert rt.closed and free(client)
        await rt.aclose()


async def test_handshake_bounded_by_total(proxy: FakeProxy) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(2)
        return web.Response()

    proxy.on("GET", "/realtime", slow)
    async with LiteLLMClient(base_url=proxy.url, timeout=Timeout(total=0.2)) as client:
        with pytest.raises(APITimeoutError, match="opening the WebSocket"):
            await client.realtime.connect(model="m")
        assert free(client)


async def test_sessions_take_concurrency_slots(proxy: FakeProxy) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))
    async with LiteLLMClient(
        base_url=proxy.url, max_in_flight=1, timeout=Timeout(total=0.2)
    ) as client:
        async with client.realtime.connect(model="m") as rt:
            with pytest.raises(PoolTimeoutError, match="max_in_flight=1"):
                await client.realtime.connect(model="m")
            with pytest.raises(PoolTimeoutError):
                await client.models.list()
            assert isinstance(await rt.recv(), SessionCreatedEvent)
        async with client.realtime.connect(model="m") as again:  # the slot came back
            assert isinstance(await again.recv(), SessionCreatedEvent)


async def test_cannot_connect(proxy: FakeProxy) -> None:
    async with LiteLLMClient(base_url="https://127.0.0.1:1") as client:
        with pytest.raises(APIConnectionError, match="Cannot connect") as info:
            await client.realtime.connect(model="m")
        assert info.value.url == "wss://127.0.0.1:1/realtime?model=m"
        assert free(client)


@pytest.mark.parametrize(
    ("timeout", "connect"), [(Timeout(connect=2.5), 2.5), (30, 5.0), (None, None)]
)
async def test_the_handshake_connect_is_bounded_by_the_clients_connect_timeout(
    timeout: Any, connect: float | None
) -> None:
    # aiohttp's ws_connect takes no per-request timeout: the session's default carries it.
    async with LiteLLMClient(base_url="http://127.0.0.1:1", timeout=timeout) as client:
        assert client._pool.get_session().timeout.sock_connect == connect


async def test_dropped_session_gives_its_slot_back(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(SESSION)

    proxy.on("GET", "/realtime", server.route(script))

    async def open_and_drop() -> None:
        rt = await client.realtime.connect(model="m")
        assert not free(client) and not rt.closed

    with pytest.warns(ResourceWarning, match="WebSocketSession was garbage-collected"):
        await open_and_drop()
    gc.collect()
    assert free(client)
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.close_code == WSCloseCode.GOING_AWAY


async def test_translation_session(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json(
            {
                "type": "session.created",
                "event_id": "e1",
                "session": {"id": "s", "type": "translation", "model": "gpt-realtime-translate"},
            }
        )
        frame = await server.next_frame(ws)
        assert frame["type"] == "session.input_audio_buffer.append"
        await ws.send_json({"type": "session.output_transcript.delta", "delta": "bonjour"})

    proxy.on("GET", "/realtime/translations", server.route(script))
    async with client.realtime.translations.connect(model="fake-translate") as session:
        created = await session.recv()
        assert isinstance(created, RealtimeTranslationSessionCreatedEvent)
        assert created.session.type == "translation"
        await session.send({"type": "session.input_audio_buffer.append", "audio": "AAA="})
        delta = await session.recv()
        assert isinstance(delta, RealtimeTranslationOutputTranscriptDeltaEvent)
        assert delta.delta == "bonjour"
    assert proxy.seen[0].query == {"model": "fake-translate"}


async def test_live_session_starts_with_session_start(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        start = await server.next_frame(ws)
        await ws.send_json(
            {
                "type": "session.started",
                "event_id": "e1",
                "session": {"id": "ls_1", "model": start["session"]["model"], "status": "active"},
            }
        )

    proxy.on("GET", "/live/sessions", server.route(script))
    async with client.realtime.live.connect(
        model="fake-live", session={"instructions": "hi", "model": "ignored"}
    ) as live:
        started = await live.recv()
        assert isinstance(started, LiveSessionStartedEvent)
        assert started.session.model == "fake-live" and started.session.status == "active"
        await live.send({"type": "session.close"})
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.received == [
        {"type": "session.start", "session": {"instructions": "hi", "model": "fake-live"}},
        {"type": "session.close"},
    ]
    assert proxy.seen[0].query == {}


async def test_first_event_failure_closes_the_session(
    proxy: FakeProxy, client: LiteLLMClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        pass

    async def broken(self: Any, data: bytes) -> None:
        raise APIConnectionError("link gone")

    proxy.on("GET", "/live/sessions", server.route(script))
    monkeypatch.setattr(WebSocketSession, "_send_frame", broken)
    with pytest.raises(APIConnectionError, match="link gone"):
        await client.realtime.live.connect(model="m")
    assert free(client)
    await asyncio.wait_for(server.done.wait(), 5)
    assert server.close_code == WSCloseCode.OK


async def test_the_machinery_serves_other_routes(
    proxy: FakeProxy, caplog: pytest.LogCaptureFixture
) -> None:
    # How another WebSocket route (e.g. WEBSOCKET /responses) reuses it: its own endpoint and
    # parser. With no models every event is an UnknownEvent, errors included.
    ep = Endpoint("WEBSOCKET", "/responses", WebSocketSession, "responses.connect")
    REGISTRY.remove(ep)
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json({"type": "error", "error": {"type": "bad", "message": "from dict"}})
        await ws.close(code=1011)

    proxy.on("GET", "/responses", server.route(script, drain=False))
    caplog.set_level(logging.DEBUG, logger="aio_litellm")
    async with LiteLLMClient(base_url=proxy.url, rate_limit=(100, 1)) as client:
        session: WebSocketSession[UnknownEvent, Any] = await open_session(
            client, ep, EventParser[UnknownEvent]([]), query={"model": "m"}
        )
        error = await session.recv()
        assert isinstance(error, UnknownEvent) and error.model_extra is not None
        with pytest.raises(InternalServerError, match="from dict") as info:
            await session.recv()
        assert info.value.error_type == "bad" and info.value.error_code == "1011"
        await session.aclose()
    assert "websocket: GET ws://" in caplog.text


async def test_close_error_without_an_error_event(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_json({"type": "error", "error": {"message": "an old, unrelated error"}})
        await ws.send_json(text_delta("x"))
        await ws.close(code=4404)

    proxy.on("GET", "/realtime", server.route(script, drain=False))
    async with client.realtime.connect(model="m") as rt:
        assert [(await rt.recv()).type for _ in range(2)] == ["error", "response.output_text.delta"]
        with pytest.raises(NotFoundError, match="closed with 4404") as info:
            await rt.recv()
    body: Any = info.value.body
    assert "error_event" not in body and body["close_reason"] == ""


async def test_protocol_error_from_the_server(proxy: FakeProxy, client: LiteLLMClient) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        await ws.send_frame(b"\xff\xfe not utf-8", WSMsgType.TEXT)

    proxy.on("GET", "/realtime", server.route(script))
    async with client.realtime.connect(model="m") as rt:
        with pytest.raises(APIConnectionError, match="WebSocket error"):
            await rt.recv()
        assert rt.closed and free(client)


async def test_send_failures(
    proxy: FakeProxy, client: LiteLLMClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = WSServer()

    async def script(ws: web.WebSocketResponse) -> None:
        pass

    proxy.on("GET", "/realtime", server.route(script))

    async def odd(data: bytes, opcode: WSMsgType, compress: int | None = None) -> None:
        raise RuntimeError("not a link failure")

    rt = await client.realtime.connect(model="m")

    async def aborting(data: bytes, opcode: WSMsgType, compress: int | None = None) -> None:
        rt._abort()  # client.aclose() while the frame is being written
        raise ConnectionResetError("reset")

    monkeypatch.setattr(rt._ws, "send_frame", odd)
    with pytest.raises(RuntimeError, match="not a link failure"):
        await rt.send({"type": "x"})
    assert rt.closed and free(client)
    rt = await client.realtime.connect(model="m")
    monkeypatch.setattr(rt._ws, "send_frame", aborting)
    with pytest.raises(ClientClosedError):
        await rt.send({"type": "x"})
    assert free(client)
    await rt.aclose()


async def test_user_cancel_during_the_handshake(proxy: FakeProxy, client: LiteLLMClient) -> None:
    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(5)
        return web.Response()

    proxy.on("GET", "/realtime", slow)
    opening = asyncio.ensure_future(client.realtime.connect(model="m"))
    await asyncio.sleep(0.1)
    opening.cancel()
    with pytest.raises(asyncio.CancelledError):
        await opening
    assert free(client)


async def test_unexpected_handshake_failure_passes_through(
    client: LiteLLMClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise LookupError("odd")

    monkeypatch.setattr(_websocket, "_connect", broken)
    with pytest.raises(LookupError, match="odd"):
        await client.realtime.connect(model="m")
    assert free(client)


def test_close_without_a_running_loop() -> None:
    released: list[Any] = []

    class DeadLink:
        closed = False

    session: WebSocketSession[Any, Any] = WebSocketSession(
        DeadLink(),  # type: ignore[arg-type]
        parse=EventParser[Any]([]),
        on_close=released.append,
        info=None,  # type: ignore[arg-type]
        redact=str,
        url="ws://x",
        read_timeout=None,
    )
    session._abort()  # what client.aclose() does; here at interpreter exit, no loop
    assert released == [session] and session.closed and session._closing is None
