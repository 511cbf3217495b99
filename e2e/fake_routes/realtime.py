"""Upstream Realtime API as OpenAI serves it (GA protocol): client secrets, transcription
sessions, WebRTC calls (SDP offer -> answer) and the WebSocket sessions.

Secrets are ``ek_fake...`` values the fake remembers, so a call authorised with one the proxy
decrypted and passed back is recognised. The WebSocket ``/realtime`` greets with
``session.created``, answers ``session.update``, ``conversation.item.create`` (a user text) and
``response.create`` (a full ``response.*`` sequence whose text is ``"echo: " + <last user
text>``); a client event ``{"type": "fake.close", "code": N, "reason": ...}`` makes it send an
``error`` event and close with that code. ``/realtime/translations`` answers audio with
``session.output_transcript.delta``; ``/live/sessions`` speaks the Live protocol's start and
close.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, web

Add = Callable[[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]], None]

SECRETS: dict[str, dict[str, Any]] = {}
_ids = itertools.count(1)


def _next_id(prefix: str) -> str:
    return f"{prefix}_fake{next(_ids):06d}"


def _secret(session: dict[str, Any]) -> dict[str, Any]:
    value = _next_id("ek")
    expires_at = int(time.time()) + 600
    SECRETS[value] = session
    return {"value": value, "expires_at": expires_at}


def _bearer(request: web.Request) -> str:
    return request.headers.get("Authorization", "").removeprefix("Bearer ").strip()


def _unauthorized() -> web.Response:
    body = {"error": {"message": "Invalid ephemeral key", "type": "invalid_request_error"}}
    return web.json_response(body, status=401)


async def client_secrets(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    session = {
        "type": "realtime",
        "object": "realtime.session",
        "id": _next_id("sess"),
        "model": "gpt-realtime",
        "output_modalities": ["audio"],
        **(body.get("session") or {}),
    }
    secret = _secret(session)
    session["client_secret"] = dict(secret)
    return web.json_response({**secret, "session": session})


async def translation_client_secrets(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    session = {"id": _next_id("sess"), "type": "translation", **(body.get("session") or {})}
    secret = _secret(session)
    session["expires_at"] = secret["expires_at"]
    return web.json_response({**secret, "session": session})


async def transcription_sessions(request: web.Request) -> web.StreamResponse:
    body = await request.json()
    session = {
        "id": _next_id("sess"),
        "object": "realtime.transcription_session",
        "input_audio_format": body.get("input_audio_format", "pcm16"),
        "input_audio_transcription": body.get("input_audio_transcription"),
        "modalities": ["text"],
        "turn_detection": body.get("turn_detection"),
        "audio": body.get("audio"),
    }
    secret = _secret(session)
    return web.json_response({**session, "client_secret": secret})


async def calls(request: web.Request) -> web.StreamResponse:
    """GA calls: multipart ``sdp`` + ``session``; translation calls: the raw SDP."""
    secret = SECRETS.get(_bearer(request))
    if secret is None:
        return _unauthorized()
    if request.content_type.startswith("multipart/"):
        fields: dict[str, str] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if isinstance(part, BodyPartReader) and part.name:
                fields[part.name] = (await part.text()).strip()
        offer, session = fields.get("sdp", ""), json.loads(fields.get("session") or "{}")
    else:
        offer, session = await request.text(), {"type": "translation"}
    lines = [line for line in offer.splitlines() if line.startswith("o=")]
    answer = "v=0\r\n" + (lines[0] if lines else "o=-") + f"\r\ns=answer {session.get('type')}\r\n"
    content_type = "text/plain" if "translations" in request.path else "application/sdp"
    return web.Response(status=201, text=answer, content_type=content_type)


def _event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "event_id": _next_id("event"), **fields}


def _response_events(text: str) -> list[dict[str, Any]]:
    response_id, item_id = _next_id("resp"), _next_id("item")
    where = {"response_id": response_id, "item_id": item_id, "output_index": 0}
    item = {"id": item_id, "object": "realtime.item", "type": "message", "role": "assistant"}
    words = text.split(" ")
    done_item = {**item, "status": "completed", "content": [{"type": "output_text", "text": text}]}
    usage = {"input_tokens": 3, "output_tokens": len(words), "total_tokens": 3 + len(words)}
    response = {"id": response_id, "object": "realtime.response", "output_modalities": ["text"]}
    return [
        _event("response.created", response={**response, "status": "in_progress", "output": []}),
        _event(
            "response.output_item.added",
            response_id=response_id,
            output_index=0,
            item={**item, "status": "in_progress", "content": []},
        ),
        _event(
            "response.content_part.added",
            **where,
            content_index=0,
            part={"type": "text", "text": ""},
        ),
        *(
            _event(
                "response.output_text.delta",
                **where,
                content_index=0,
                delta=w if i == 0 else " " + w,
            )
            for i, w in enumerate(words)
        ),
        _event("response.output_text.done", **where, content_index=0, text=text),
        _event(
            "response.content_part.done",
            **where,
            content_index=0,
            part={"type": "text", "text": text},
        ),
        _event(
            "response.output_item.done", response_id=response_id, output_index=0, item=done_item
        ),
        _event(
            "response.done",
            response={**response, "status": "completed", "output": [done_item], "usage": usage},
        ),
    ]


async def realtime_ws(request: web.Request) -> web.StreamResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    session = {
        "type": "realtime",
        "object": "realtime.session",
        "id": _next_id("sess"),
        "model": request.query.get("model", ""),
        "output_modalities": ["text"],
        "instructions": "",
    }
    await ws.send_json(_event("session.created", session=session))
    last_text = ""
    async for msg in ws:
        if msg.type is not WSMsgType.TEXT:
            continue
        event = json.loads(msg.data)
        kind = event.get("type")
        if kind == "session.update":
            session.update(event.get("session") or {})
            await ws.send_json(_event("session.updated", session=session))
        elif kind == "conversation.item.create":
            item = {"id": _next_id("item"), "object": "realtime.item", **event["item"]}
            for part in item.get("content") or []:
                if part.get("type") == "input_text":
                    last_text = part.get("text", "")
            await ws.send_json(_event("conversation.item.added", previous_item_id=None, item=item))
            await ws.send_json(_event("conversation.item.done", previous_item_id=None, item=item))
        elif kind == "response.create":
            for out in _response_events(f"echo: {last_text}"):
                await ws.send_json(out)
        elif kind == "fake.close":
            error = {
                "type": "server_error",
                "code": "fake",
                "message": "the fake was asked to fail",
            }
            await ws.send_json(_event("error", error=error))
            await ws.close(code=int(event["code"]), message=str(event.get("reason", "")).encode())
        else:
            error = {
                "type": "invalid_request_error",
                "code": "unknown_event",
                "message": f"Unknown event type {kind!r}",
                "event_id": event.get("event_id"),
            }
            await ws.send_json(_event("error", error=error))
    return ws


async def translations_ws(request: web.Request) -> web.StreamResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    session = {
        "id": _next_id("sess"),
        "type": "translation",
        "model": request.query.get("model", ""),
        "expires_at": int(time.time()) + 600,
        "audio": {"output": {"language": "fr"}},
    }
    await ws.send_json(_event("session.created", session=session))
    async for msg in ws:
        if msg.type is not WSMsgType.TEXT:
            continue
        event = json.loads(msg.data)
        if event.get("type") == "session.input_audio_buffer.append":
            size = len(event.get("audio", ""))
            await ws.send_json(
                _event("session.output_transcript.delta", delta=f"traduit {size}", elapsed_ms=1)
            )
        elif event.get("type") == "session.close":
            await ws.send_json(_event("session.closed"))
            await ws.close()
    return ws


async def live_ws(request: web.Request) -> web.StreamResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    started = time.monotonic()
    session: dict[str, Any] = {}
    async for msg in ws:
        if msg.type is not WSMsgType.TEXT:
            continue
        event = json.loads(msg.data)
        kind = event.get("type")
        if kind == "session.start":
            session = {
                "id": _next_id("live"),
                "status": "active",
                "expires_at": int(time.time()) + 600,
                **event["session"],
            }
            await ws.send_json(_event("session.started", session=session))
        elif kind == "session.close":
            usage = {"seconds": round(time.monotonic() - started, 3)}
            closed = _event(
                "session.closed", reason="close_requested", session=session, usage=usage
            )
            await ws.send_json(closed)
            await ws.close()
    return ws


def register(add: Add) -> None:
    add("POST", "/realtime/client_secrets", client_secrets)
    add("POST", "/realtime/translations/client_secrets", translation_client_secrets)
    add("POST", "/realtime/transcription_sessions", transcription_sessions)
    add("POST", "/realtime/calls", calls)
    add("POST", "/realtime/translations/calls", calls)
    add("GET", "/realtime", realtime_ws)
    add("GET", "/realtime/translations", translations_ws)
    add("GET", "/live/sessions", live_ws)
