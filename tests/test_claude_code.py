"""``client.claude_code``: marketplace.json, plugin CRUD, ZIP upload and download, the
download-history pager."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm.types.claude_code import Plugin, PluginRegistered

from .conftest import FakeProxy, reply
from .test_containers import parts
from .test_memory import assert_group_declared

ROUTE_ARGS = {
    "claude_code.plugins.create": {"name": "p", "source": {"source": "github", "repo": "o/r"}},
    "claude_code.plugins.upload": {"file": b"zip", "name": "p"},
    "claude_code.plugins.update": {"source": {"source": "github", "repo": "o/r"}},
}

GITHUB = {"source": "github", "repo": "org/repo"}


def plugin(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"id-{name}",
        "name": name,
        "version": "1.0.0",
        "description": None,
        "source": GITHUB,
        "enabled": True,
        "created_at": "2026-01-01T00:00:00",
        "updated_at": None,
        **extra,
    }


def registered(name: str, action: str = "created", **extra: Any) -> dict[str, Any]:
    return {"status": "success", "action": action, "plugin": plugin(name, **extra)}


def test_every_claude_code_route_is_declared() -> None:
    assert_group_declared("claudeCode", "claude_code")


async def test_marketplace(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "name": "litellm",
        "owner": {"name": "LiteLLM", "email": "support@litellm.ai"},
        "plugins": [{"name": "p", "source": GITHUB, "installationPreference": "required"}],
    }
    proxy.on("GET", "/claude-code/marketplace.json", reply(200, body))
    market = await client.claude_code.marketplace(key="sk-virtual")
    assert proxy.calls()[-1].query == {"key": "sk-virtual"}
    assert market.owner is not None and market.owner.name == "LiteLLM"
    assert market.plugins[0].installationPreference == "required"


async def test_plugin_crud(proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = "/claude-code/plugins"
    proxy.on("POST", base, reply(200, registered("p")))
    created = await client.claude_code.plugins.create(name="p", source=GITHUB, keywords=["k"])
    assert proxy.calls()[-1].json() == {"name": "p", "source": GITHUB, "keywords": ["k"]}
    assert isinstance(created, PluginRegistered) and created.plugin is not None
    assert created.plugin.name == "p"

    proxy.on("GET", base, reply(200, {"plugins": [plugin("p"), plugin("q")], "count": 2}))
    listed = await client.claude_code.plugins.list(enabled_only=True)
    assert proxy.calls()[-1].query == {"enabled_only": "true"}
    assert [p.name for p in listed.plugins] == ["p", "q"] and listed.count == 2

    proxy.on("GET", base + "/p", reply(200, plugin("p", author={"name": "a"})))
    got = await client.claude_code.plugins.retrieve("p")
    assert isinstance(got, Plugin) and got.author is not None and got.author.name == "a"

    proxy.on("PUT", base + "/p", reply(200, registered("p", "updated", version="1.0.1")))
    updated = await client.claude_code.plugins.update("p", source=GITHUB, description="d")
    assert proxy.calls()[-1].json() == {"source": GITHUB, "description": "d"}
    assert updated.action == "updated"

    for verb in ("enable", "disable"):
        message = {"status": "success", "message": f"Plugin 'p' {verb}d"}
        proxy.on("POST", f"{base}/p/{verb}", reply(200, message))
        status = await getattr(client.claude_code.plugins, verb)("p")
        assert status.message == f"Plugin 'p' {verb}d"
    proxy.on("DELETE", base + "/p", reply(200, {"status": "success", "message": "deleted"}))
    assert (await client.claude_code.plugins.delete("p")).status == "success"


async def test_upload(proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path) -> None:
    archive = {"source": "archive", "url": "http://x/a.zip", "sha256": "ab" * 32}
    proxy.on("POST", "/claude-code/plugins/upload", reply(200, registered("s", source=archive)))
    path = tmp_path / "skill.zip"
    path.write_bytes(b"PK zip")
    done = await client.claude_code.plugins.upload(
        path, name="s", description="d", author={"name": "me"}
    )
    assert done.plugin is not None and done.plugin.source == archive
    seen = proxy.calls()[-1]
    assert seen.content_type == "multipart/form-data"
    form = parts(seen.body, seen.headers["Content-Type"])
    assert form["file"] == ("skill.zip", b"PK zip")
    assert json.loads(form["metadata"][1]) == {
        "name": "s",
        "description": "d",
        "author": {"name": "me"},
    }


async def test_archive_download(proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path) -> None:
    digest = "ab" * 32
    route = f"/claude-code/plugins/p/archive/{digest}.zip"
    proxy.on("GET", route, reply(200, b"PK\x03\x04zip", {"Content-Type": "application/zip"}))
    assert await client.claude_code.plugins.archive("p", digest) == b"PK\x03\x04zip"
    target = tmp_path / "p.zip"
    await client.claude_code.plugins.archive_stream("p", digest).save(target)
    assert target.read_bytes() == b"PK\x03\x04zip"
    assert [c.path for c in proxy.calls()] == [route, route]


async def test_downloads_walk_cursor(proxy: FakeProxy, client: LiteLLMClient) -> None:
    events = [{"id": str(i), "digest": "d", "authenticated": True} for i in (9, 8, 7)]

    async def pages(request: web.Request) -> web.StreamResponse:
        limit = int(request.query.get("limit", 25))
        cursor = request.query.get("cursor")
        # the cursor is the last id seen: the page starts after it
        start = [e["id"] for e in events].index(cursor) + 1 if cursor else 0
        chunk = events[start : start + limit]
        more = start + limit < len(events)
        return web.json_response(
            {
                "total_downloads": 5,
                "anonymous_downloads": 2,
                "downloads": chunk,
                "next_cursor": chunk[-1]["id"] if more else None,
            }
        )

    proxy.on("GET", "/claude-code/plugins/p/downloads", pages)
    first = await client.claude_code.plugins.downloads("p", limit=2)
    assert first.total_downloads == 5 and first.next_cursor == "8"
    ids = [d.id async for d in client.claude_code.plugins.downloads("p", limit=2)]
    assert ids == ["9", "8", "7"]
    assert [c.query.get("cursor") for c in proxy.calls()[1:]] == [None, "8"]


async def test_bad_input_is_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    plugins = client.claude_code.plugins
    with pytest.raises(TypeError, match="source"):
        await plugins.create(name="p")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="name"):
        await plugins.upload(b"zip")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="source"):
        await plugins.update("p", description="d")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="digest"):
        await plugins.archive("p", "")
    with pytest.raises(TypeError, match="digest"):
        plugins.archive_stream("p", None)  # type: ignore[arg-type]
    assert proxy.seen == []
