"""``client.realtime``: Realtime sessions over WebSocket (``connect``), their client secrets and
transcription sessions, WebRTC calls (SDP offer/answer), translations and Live sessions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pipeline import Pipeline
from .._resource import Resource, group, require
from .._websocket import EventParser, WebSocketConnect, WebSocketSession, open_session
from ..types.realtime import (
    ClientSecretCreateParams,
    ClientSecretCreateResponse,
    LiveClientEvent,
    LiveServerEvent,
    RealtimeClientEvent,
    RealtimeServerEvent,
    RealtimeTranslationClientEvent,
    RealtimeTranslationClientSecretCreateResponse,
    RealtimeTranslationServerEvent,
    TranscriptionSession,
    TranscriptionSessionCreateParams,
    TranslationClientSecretCreateParams,
    event_models,
)

__all__ = [
    "Live",
    "Realtime",
    "RealtimeCalls",
    "RealtimeClientSecrets",
    "TranscriptionSessions",
    "TranslationCalls",
    "TranslationClientSecrets",
    "Translations",
]

# Each create mints a secret or opens a call upstream: none is retry-safe.
CLIENT_SECRETS = Endpoint(
    "POST",
    "/realtime/client_secrets",
    ClientSecretCreateResponse,
    "realtime.client_secrets.create",
    retry_safe=False,
)
TRANSCRIPTION_SESSIONS = Endpoint(
    "POST",
    "/realtime/transcription_sessions",
    TranscriptionSession,
    "realtime.transcription_sessions.create",
    retry_safe=False,
)
CALLS = Endpoint("POST", "/realtime/calls", str, "realtime.calls.create", retry_safe=False)
TRANSLATION_CLIENT_SECRETS = Endpoint(
    "POST",
    "/realtime/translations/client_secrets",
    RealtimeTranslationClientSecretCreateResponse,
    "realtime.translations.client_secrets.create",
    retry_safe=False,
)
TRANSLATION_CALLS = Endpoint(
    "POST",
    "/realtime/translations/calls",
    str,
    "realtime.translations.calls.create",
    retry_safe=False,
)
CONNECT = Endpoint("WEBSOCKET", "/realtime", WebSocketSession, "realtime.connect", retry_safe=False)
TRANSLATION_CONNECT = Endpoint(
    "WEBSOCKET",
    "/realtime/translations",
    WebSocketSession,
    "realtime.translations.connect",
    retry_safe=False,
)
LIVE_CONNECT = Endpoint(
    "WEBSOCKET", "/live/sessions", WebSocketSession, "realtime.live.connect", retry_safe=False
)

_REALTIME_EVENTS: EventParser[RealtimeServerEvent] = EventParser(event_models(RealtimeServerEvent))
_TRANSLATION_EVENTS: EventParser[RealtimeTranslationServerEvent] = EventParser(
    event_models(RealtimeTranslationServerEvent)
)
_LIVE_EVENTS: EventParser[LiveServerEvent] = EventParser(event_models(LiveServerEvent))


async def _sdp_exchange(
    client: Pipeline, ep: Endpoint[str], sdp: str, client_secret: str, model: str | None
) -> str:
    """POST an SDP offer as the raw body, authorised by the ephemeral ``client_secret`` (the
    proxy's key is not what these routes accept); the SDP answer comes back as text."""
    require(ep.attr, {"sdp": sdp, "client_secret": client_secret}, "sdp", "client_secret")
    headers = {
        "Authorization": f"Bearer {client_secret}",
        "Content-Type": "application/sdp",
        "Accept": "application/sdp, text/plain, */*",
    }
    query = {"model": model} if model else None
    return await client._call(ep, query=query, headers=headers, content=sdp.encode())


class RealtimeClientSecrets(Resource):
    __slots__ = ()

    async def create(
        self, **params: Unpack[ClientSecretCreateParams]
    ) -> ClientSecretCreateResponse:
        """Mint a short-lived client secret for a realtime or transcription session (for a
        browser or phone to connect with). ``POST /realtime/client_secrets``.

        The proxy answers its own encrypted token in ``value`` (it routes later calls):
        pass it back as it is. A ``session.type="translation"`` is refused (400): use
        ``realtime.translations.client_secrets``.
        """
        return await self._client._call(CLIENT_SECRETS, json=params)


class TranscriptionSessions(Resource):
    __slots__ = ()

    async def create(
        self, **params: Unpack[TranscriptionSessionCreateParams]
    ) -> TranscriptionSession:
        """Create an ephemeral realtime transcription session.
        ``POST /realtime/transcription_sessions``.

        The model routed to is ``model`` (LiteLLM), else ``input_audio_transcription.model``;
        ``client_secret.value`` is the proxy's encrypted token.
        """
        return await self._client._call(TRANSCRIPTION_SESSIONS, json=params)


class RealtimeCalls(Resource):
    __slots__ = ()

    async def create(self, sdp: str, *, client_secret: str, model: str | None = None) -> str:
        """Start a WebRTC call: send the SDP offer, get the SDP answer.
        ``POST /realtime/calls``.

        Authorised by a ``client_secret`` from ``client_secrets.create`` (its ``value``), not
        by the client's API key; ``model`` only matters for secrets minted elsewhere.
        """
        return await _sdp_exchange(self._client, CALLS, sdp, client_secret, model)


class TranslationClientSecrets(Resource):
    __slots__ = ()

    async def create(
        self, **params: Unpack[TranslationClientSecretCreateParams]
    ) -> RealtimeTranslationClientSecretCreateResponse:
        """Mint a short-lived client secret for a translation session.
        ``POST /realtime/translations/client_secrets``."""
        require("realtime.translations.client_secrets.create", params, "session")
        return await self._client._call(TRANSLATION_CLIENT_SECRETS, json=params)


class TranslationCalls(Resource):
    __slots__ = ()

    async def create(self, sdp: str, *, client_secret: str) -> str:
        """Start a WebRTC translation call: send the SDP offer, get the SDP answer.
        ``POST /realtime/translations/calls``.

        Authorised by a translation ``client_secret`` (``translations.client_secrets``); a
        realtime secret is refused (401).
        """
        return await _sdp_exchange(self._client, TRANSLATION_CALLS, sdp, client_secret, None)


class Translations(Resource):
    """Realtime translation: audio in one language, translated audio and transcripts out."""

    __slots__ = ("__dict__",)

    client_secrets: group[TranslationClientSecrets] = group("realtime:TranslationClientSecrets")
    calls: group[TranslationCalls] = group("realtime:TranslationCalls")

    def connect(
        self, *, model: str | None = None, headers: Mapping[str, str] | None = None
    ) -> WebSocketConnect[RealtimeTranslationServerEvent, RealtimeTranslationClientEvent]:
        """Open a translation session over WebSocket. ``WEBSOCKET /realtime/translations``.

        ``async with client.realtime.translations.connect(model=m) as session:``; send
        ``session.input_audio_buffer.append`` events, read translated deltas. Without
        ``model`` the proxy routes to ``gpt-realtime-translate``.
        """
        query = {"model": model} if model else None
        return open_session(
            self._client, TRANSLATION_CONNECT, _TRANSLATION_EVENTS, query=query, headers=headers
        )


class Live(Resource):
    """OpenAI Live sessions through the proxy (``/live/sessions``)."""

    __slots__ = ()

    def connect(
        self,
        *,
        model: str,
        session: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> WebSocketConnect[LiveServerEvent, LiveClientEvent]:
        """Open a Live session over WebSocket. ``WEBSOCKET /live/sessions``.

        The proxy wants ``session.start`` as the first frame: it is sent on connect with
        ``session`` (instructions, audio, delegation ...) and ``model``. Then read
        ``session.started`` and the rest; ``session.close`` ends it.
        """
        require("realtime.live.connect", {"model": model}, "model")
        start = {"type": "session.start", "session": {**(session or {}), "model": model}}
        return open_session(self._client, LIVE_CONNECT, _LIVE_EVENTS, headers=headers, first=start)


class Realtime(Resource):
    """Realtime speech-to-speech sessions: WebSocket (``connect``), WebRTC (``calls``) and the
    secrets a browser or phone connects with."""

    __slots__ = ("__dict__",)

    client_secrets: group[RealtimeClientSecrets] = group("realtime:RealtimeClientSecrets")
    transcription_sessions: group[TranscriptionSessions] = group("realtime:TranscriptionSessions")
    calls: group[RealtimeCalls] = group("realtime:RealtimeCalls")
    translations: group[Translations] = group("realtime:Translations")
    live: group[Live] = group("realtime:Live")

    def connect(
        self,
        *,
        model: str | None = None,
        intent: str | None = None,
        guardrails: str | Sequence[str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> WebSocketConnect[RealtimeServerEvent, RealtimeClientEvent]:
        """Open a realtime session over WebSocket. ``WEBSOCKET /realtime``.

        ``async with client.realtime.connect(model="gpt-realtime") as rt:`` then
        ``await rt.send(event)`` and ``async for event in rt``. ``model`` is a proxy model;
        ``intent="transcription"`` alone routes to the proxy's transcription default.
        ``guardrails`` names guardrails to apply. The GA protocol is spoken unless
        ``headers={"OpenAI-Beta": "realtime=v1"}``. Holds a concurrency slot until closed.
        """
        if not model and intent != "transcription":
            raise TypeError("realtime.connect() missing required argument: model")
        if guardrails is not None and not isinstance(guardrails, str):
            guardrails = ",".join(guardrails)
        query = {"model": model or None, "intent": intent, "guardrails": guardrails}
        return open_session(self._client, CONNECT, _REALTIME_EVENTS, query=query, headers=headers)
