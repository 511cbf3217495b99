"""Upstream Videos API as OpenAI serves it (Sora): jobs, content, remix, edits, extensions and
characters.

A job is ``queued`` when created and ``completed`` when read back; its content is a small MP4
whose bytes derive from the prompt (``content_of``), so a test can check what came through.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

import aiohttp
from aiohttp import web

from ._openai import Add, error, new_id, page, read_json

VIDEOS: dict[str, dict[str, Any]] = {}
REFERENCES: dict[str, bytes] = {}  # video id -> its uploaded input_reference
CHARACTERS: dict[str, dict[str, Any]] = {}


def content_of(prompt: str, variant: str = "video", reference: bytes = b"") -> bytes:
    """The fake MP4 of a prompt (and reference image): an ``ftyp`` box, then 64 KiB derived
    from them, so a test can tell that both arrived whole."""
    seed = hashlib.sha256(f"{variant}:{prompt}:".encode() + reference).digest()
    return b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + seed * 2048


async def _fields(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    """Form fields and uploaded files of a multipart body, or the JSON body."""
    if request.content_type.startswith("multipart/"):
        fields: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, aiohttp.BodyPartReader) or part.name is None:
                continue
            data = await part.read()
            if part.filename:
                files[part.name] = bytes(data)
            else:
                fields[part.name] = bytes(data).decode()
        return fields, files
    return await read_json(request), {}


def _video(prompt: str, model: str, seconds: str, size: str, **extra: Any) -> dict[str, Any]:
    item = {
        "id": new_id("video"),
        "object": "video",
        "created_at": int(time.time()),
        "status": "queued",
        "progress": 0,
        "model": model,
        "prompt": prompt,
        "seconds": str(seconds),
        "size": size,
        "remixed_from_video_id": None,
        "completed_at": None,
        "expires_at": None,
        "error": None,
        **extra,
    }
    VIDEOS[item["id"]] = item
    return item


async def create_video(request: web.Request) -> web.StreamResponse:
    fields, files = await _fields(request)
    if not fields.get("prompt"):
        return error(400, "Missing required parameter: 'prompt'.")
    item = _video(
        fields["prompt"],
        fields.get("model") or "sora-2",
        fields.get("seconds") or "4",
        fields.get("size") or "720x1280",
    )
    REFERENCES[item["id"]] = files.get("input_reference", b"")
    return web.json_response(item)


def _video_of(request: web.Request) -> dict[str, Any] | None:
    return VIDEOS.get(request.match_info["video_id"])


async def get_video(request: web.Request) -> web.StreamResponse:
    item = _video_of(request)
    if item is None:
        return error(404, "Video not found.")
    if item["status"] == "queued":  # polled: rendered by now
        item.update(status="completed", progress=100, completed_at=int(time.time()))
    return web.json_response(item)


async def list_videos(request: web.Request) -> web.StreamResponse:
    return page(list(VIDEOS.values()), request, default_limit=None)


async def video_content(request: web.Request) -> web.StreamResponse:
    item = _video_of(request)
    if item is None:
        return error(404, "Video not found.")
    variant = request.query.get("variant", "video")
    body = content_of(item["prompt"], variant, REFERENCES.get(item["id"], b""))
    return web.Response(body=body, content_type="video/mp4")


async def remix_video(request: web.Request) -> web.StreamResponse:
    item = _video_of(request)
    if item is None:
        return error(404, "Video not found.")
    fields, _ = await _fields(request)
    if not fields.get("prompt"):
        return error(400, "Missing required parameter: 'prompt'.")
    remixed = _video(
        fields["prompt"],
        item["model"],
        item["seconds"],
        item["size"],
        remixed_from_video_id=item["id"],
    )
    return web.json_response(remixed)


def _source(fields: dict[str, Any]) -> dict[str, Any] | None:
    ref = fields.get("video")
    if isinstance(ref, str):
        ref = json.loads(ref) if ref.startswith("{") else {"id": ref}
    return VIDEOS.get(ref.get("id", "")) if isinstance(ref, dict) else None


async def edit_video(request: web.Request) -> web.StreamResponse:
    fields, files = await _fields(request)
    source = _source(fields)
    if source is None and "video" not in files:
        return error(404, "Video not found.")
    model = source["model"] if source else "sora-2"
    edited = _video(
        fields.get("prompt", ""), model, source["seconds"] if source else "4", "720x1280"
    )
    return web.json_response(edited)


async def extend_video(request: web.Request) -> web.StreamResponse:
    fields, _ = await _fields(request)
    source = _source(fields)
    if source is None:
        return error(404, "Video not found.")
    total = int(source["seconds"]) + int(fields.get("seconds") or 4)
    extended = _video(fields.get("prompt", ""), source["model"], str(total), source["size"])
    return web.json_response(extended)


async def create_character(request: web.Request) -> web.StreamResponse:
    fields, files = await _fields(request)
    if not fields.get("name") or "video" not in files:
        return error(400, "name and video are required.")
    character = {
        "id": new_id("char"),
        "object": "character",
        "created_at": int(time.time()),
        "name": fields["name"],
    }
    CHARACTERS[character["id"]] = character
    return web.json_response(character)


async def get_character(request: web.Request) -> web.StreamResponse:
    character = CHARACTERS.get(request.match_info["character_id"])
    if character is None:
        return error(404, "Character not found.")
    return web.json_response(character)


def register(add: Add) -> None:
    add("POST", "/videos", create_video)
    add("GET", "/videos", list_videos)
    # Fixed paths before the {video_id} ones (aiohttp matches in order of registration).
    add("POST", "/videos/edits", edit_video)
    add("POST", "/videos/extensions", extend_video)
    add("POST", "/videos/characters", create_character)
    add("GET", "/videos/characters/{character_id}", get_character)
    add("GET", "/videos/{video_id}", get_video)
    add("GET", "/videos/{video_id}/content", video_content)
    add("POST", "/videos/{video_id}/remix", remix_video)
