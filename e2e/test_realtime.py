"""Realtime through the real proxy (model fake-realtime) to the fake provider
(e2e/fake_routes/realtime.py): client secrets, transcription sessions, WebRTC calls with the
proxy's encrypted secrets, translations, and WebSocket sessions on ``/realtime``,
``/realtime/translations`` and ``/live/sessions``."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from aio_litellm import (
    AuthenticationError,
    InternalServerError,
    LiteLLMClient,
    PermissionDeniedError,
)
from aio_litellm.types.realtime import (
    ConversationItem,
    ConversationItemCreateEvent,
    LiveSessionClosedEvent,
    LiveSessionStartedEvent,
    RealtimeErrorEvent,
    RealtimeTranslationOutputTranscriptDeltaEvent,
    RealtimeTranslationSessionCreatedEvent,
    ResponseCreateEvent,
    ResponseDoneEvent,
    ResponseTextDeltaEvent,
    SessionCreatedEvent,
    SessionUpdatedEvent,
)

pytestmark = pytest.mark.e2e

MODEL = "fake-realtime"
OFFER = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"


def free(client: LiteLLMClient) -> bool:
    return client._pool.semaphore._value == client._pool.max_in_flight


async def read(session: Any, into: list[Any], stop: type[Any] | None = None) -> list[Any]:
    """Events into ``into`` until one of type ``stop`` (included) or the end of the session;
    bounded by the caller (``asyncio.wait_for``)."""
    async for event in session:
        into.append(event)
        if stop is not None and isinstance(event, stop):
            break
    return into


async def test_client_secret_then_webrtc_call(admin: LiteLLMClient) -> None:
    secret = await admin.realtime.client_secrets.create(
        session={"type": "realtime", "model": MODEL, "instructions": "be brief"},
        expires_after={"anchor": "created_at", "seconds": 120},
    )
    # The proxy hands out its own encrypted token (it encodes the deployment), not the
    # provider's ek_... value; the session's copy is rewritten the same way.
    assert not secret.value.startswith("ek_") and len(secret.value) > 100
    assert secret.session is not None and secret.session.type == "realtime"
    assert secret.session.instructions == "be brief"
    assert secret.session.client_secret is not None
    assert secret.session.client_secret.value == secret.value
    assert secret.expires_at is not None and secret.expires_at > 0

    # The token routes the SDP exchange: the proxy decrypts it and calls the provider with
    # the provider's own key, which the fake recognises.
    answer = await admin.realtime.calls.create(OFFER, client_secret=secret.value)
    assert answer.startswith("v=0\r\no=- 4611731400430051336") and "answer realtime" in answer

    with pytest.raises(AuthenticationError, match="Invalid or expired token"):
        await admin.realtime.calls.create(OFFER, client_secret="not-a-proxy-token")


async def test_transcription_secret_and_session(admin: LiteLLMClient) -> None:
    secret = await admin.realtime.client_secrets.create(
        session={
            "type": "transcription",
            "audio": {"input": {"transcription": {"model": "fake-whisper"}}},
        }
    )
    assert secret.session is not None and secret.session.type == "transcription"

    session = await admin.realtime.transcription_sessions.create(
        model="fake-whisper", input_audio_format="pcm16"
    )
    assert session.object == "realtime.transcription_session"
    assert session.client_secret is not None and not session.client_secret.value.startswith("ek_")
    assert session.input_audio_format == "pcm16" and session.modalities == ["text"]


async def test_translation_secret_and_call(admin: LiteLLMClient) -> None:
    secret = await admin.realtime.translations.client_secrets.create(
        session={"model": MODEL, "audio": {"output": {"language": "fr"}}}
    )
    assert secret.session is not None and secret.session.type == "translation"
    assert secret.session.audio == {"output": {"language": "fr"}}
    answer = await admin.realtime.translations.calls.create(OFFER, client_secret=secret.value)
    assert "answer translation" in answer

    # A realtime secret is not valid on the translation route, and the other way round.
    realtime = await admin.realtime.client_secrets.create(model=MODEL)
    with pytest.raises(AuthenticationError, match="not valid for this Realtime endpoint"):
        await admin.realtime.translations.calls.create(OFFER, client_secret=realtime.value)


async def test_realtime_websocket_conversation(admin: LiteLLMClient) -> None:
    text = f"hello {uuid.uuid4().hex[:8]}"
    async with admin.realtime.connect(model=MODEL) as rt:
        assert not free(admin)
        created = await asyncio.wait_for(rt.recv(), 30)
        assert isinstance(created, SessionCreatedEvent) and created.session.type == "realtime"

        await rt.send(
            {"type": "session.update", "session": {"type": "realtime", "instructions": "x"}}
        )
        updated = await asyncio.wait_for(rt.recv(), 30)
        assert isinstance(updated, SessionUpdatedEvent) and updated.session.instructions == "x"

        item = ConversationItem(
            type="message",
            role="user",
            content=[{"type": "input_text", "text": text}],
        )
        await rt.send(ConversationItemCreateEvent(item=item))
        await rt.send(ResponseCreateEvent())
        events = await asyncio.wait_for(read(rt, [], stop=ResponseDoneEvent), 30)
        deltas = [e.delta for e in events if isinstance(e, ResponseTextDeltaEvent)]
        kinds = [e.type for e in events]
        done = events[-1]
        assert isinstance(done, ResponseDoneEvent)
        assert "".join(deltas) == f"echo: {text}"
        assert kinds[:2] == ["conversation.item.added", "conversation.item.done"]
        assert done.response.status == "completed" and done.response.usage is not None
        assert done.response.output is not None
        assert done.response.output[0].content is not None
        assert done.response.output[0].content[0].text == f"echo: {text}"

        # An unknown client event: the provider's typed error event, and the session goes on.
        await rt.send({"type": "no.such.event", "event_id": "evt_client_1"})
        error = await asyncio.wait_for(rt.recv(), 30)
        assert isinstance(error, RealtimeErrorEvent) and error.error.code == "unknown_event"
        assert error.error.event_id == "evt_client_1"
    assert rt.closed and free(admin)


async def test_upstream_close_with_an_error_code(admin: LiteLLMClient) -> None:
    async with admin.realtime.connect(model=MODEL) as rt:
        assert isinstance(await asyncio.wait_for(rt.recv(), 30), SessionCreatedEvent)
        await rt.send({"type": "fake.close", "code": 1011, "reason": "asked to fail"})
        events: list[Any] = []
        with pytest.raises(InternalServerError, match="asked to fail") as info:
            await asyncio.wait_for(read(rt, events), 30)
    # The provider's error event, then the proxy's own, then the close (forwarded as is).
    assert all(isinstance(e, RealtimeErrorEvent) for e in events) and events
    assert info.value.error_code == "1011" and rt.close_code == 1011
    assert free(admin)


async def test_unknown_model_fails_after_the_upgrade(admin: LiteLLMClient) -> None:
    # The master key may name any model: the proxy accepts the WebSocket, then reports the
    # routing failure as an error event and closes with 1011.
    async with admin.realtime.connect(model="no-such-model") as rt:
        events: list[Any] = []
        with pytest.raises(InternalServerError, match="Invalid model name") as info:
            await asyncio.wait_for(read(rt, events), 30)
        assert all(isinstance(e, RealtimeErrorEvent) for e in events)
    assert info.value.body["close_code"] == 1011 and free(admin)


async def test_refused_keys(admin: LiteLLMClient, stack: Any) -> None:
    async with LiteLLMClient(base_url=stack.base_url, api_key="sk-not-a-key") as stranger:
        with pytest.raises(PermissionDeniedError, match="handshake refused: HTTP 403"):
            await stranger.realtime.connect(model=MODEL)
        assert free(stranger)


async def test_key_without_the_model(admin: LiteLLMClient, stack: Any, db: None) -> None:
    key = await admin.keys.create(models=["fake-gpt"])
    assert key.key is not None
    async with LiteLLMClient(base_url=stack.base_url, api_key=key.key) as limited:
        with pytest.raises(PermissionDeniedError, match="handshake refused"):
            await limited.realtime.connect(model=MODEL)
        with pytest.raises(PermissionDeniedError, match="not available for this API key"):
            await limited.realtime.client_secrets.create(model=MODEL)


async def test_translation_websocket(admin: LiteLLMClient) -> None:
    async with admin.realtime.translations.connect(model=MODEL) as session:
        created = await asyncio.wait_for(session.recv(), 30)
        assert isinstance(created, RealtimeTranslationSessionCreatedEvent)
        assert created.session.type == "translation"
        await session.send({"type": "session.input_audio_buffer.append", "audio": "AAAAAAAA"})
        delta = await asyncio.wait_for(session.recv(), 30)
        assert isinstance(delta, RealtimeTranslationOutputTranscriptDeltaEvent)
        assert delta.delta == "traduit 8"
    assert free(admin)


async def test_live_session(admin: LiteLLMClient) -> None:
    async with admin.realtime.live.connect(model=MODEL, session={"instructions": "hi"}) as live:
        started = await asyncio.wait_for(live.recv(), 30)
        assert isinstance(started, LiveSessionStartedEvent)
        assert started.session.status == "active" and started.session.instructions == "hi"
        await live.send({"type": "session.close"})
        events = await asyncio.wait_for(read(live, []), 30)
        assert [type(e) for e in events] == [LiveSessionClosedEvent]
        assert events[0].reason == "close_requested"
        assert live.close_code == 1000
    assert free(admin)
