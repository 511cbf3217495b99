"""``client.skill_hub``: routes and bodies, the skill-or-submission answers, archives, the
``next_offset`` / ``next_cursor`` / ``has_more`` pagers, and input refused before I/O."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

import aio_litellm.resources.skill_hub  # noqa: F401  (declares the routes)
from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.types.skill_hub import HubSkill, PendingSkill, SkillList, SkillReview

from .conftest import FakeProxy, reply
from .test_prompts import inventory

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "skill_hub.import_": {"url": "https://github.com/o/r"},
    "skill_hub.upload": {"file": ("s.zip", b"PK")},
    "skill_hub.replace_archive": {"file": ("s.zip", b"PK")},
}


def skill(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"id-{name}",
        "name": name,
        "visibility": "private",
        "source": {"source": "url", "url": "https://x"},
        "security_scan_passed": False,
        **extra,
    }


def submission(sid: str = "sub1", **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "skill_name": "demo",
        "operation": "create",
        "status": "pending_review",
        "proposal": {"name": "demo", "description": None, "version": "1.0.0", "source": {}},
        "has_archive": True,
        "submitted_by": "u1",
        "created_at": "2026-01-01T00:00:00Z",
        **extra,
    }


def test_every_inventory_row_is_declared() -> None:
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("skill_hub.")}
    assert inventory("skillHub") == declared


def offset_pages(key: str, items: list[Any], *, token: str) -> Any:
    """Pages of ``key`` answering the next ``offset`` (``token="next_offset"``) or ``has_more``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        offset = int(request.query.get("offset", "0"))
        limit = int(request.query.get("limit", "2"))
        page = items[offset : offset + limit]
        more = offset + limit < len(items)
        body: dict[str, Any] = {key: page}
        if token == "next_offset":
            body |= {"count": len(items), "next_offset": offset + limit if more else None}
        else:
            body |= {"count": len(page), "has_more": more}
        return web.json_response(body)

    return handler


async def test_list_follows_next_offset(proxy: FakeProxy, client: LiteLLMClient) -> None:
    skills = [skill(f"s{i}") for i in range(5)]
    proxy.on("GET", "/skill-hub/skills", offset_pages("skills", skills, token="next_offset"))
    pager = client.skill_hub.list(query="s", sort_by="name", limit=2)
    first = await pager
    assert isinstance(first, SkillList)
    assert (first.count, first.next_offset) == (5, 2)
    assert [s.name async for s in pager] == [f"s{i}" for i in range(5)]
    offsets = [s.query.get("offset") for s in proxy.seen[1:]]
    assert offsets == [None, "2", "4"]
    assert proxy.seen[1].query["query"] == "s"


async def test_a_token_the_route_ignores_ends_the_walk(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on(
        "GET",
        "/skill-hub/skills/demo/versions",
        reply(200, {"versions": [{"id": "v1"}], "next_offset": 0}),
    )
    versions = [v.id async for v in client.skill_hub.versions.list("demo", offset=0)]
    assert versions == ["v1"]
    assert len(proxy.seen) == 1


async def test_submissions_page_by_has_more(proxy: FakeProxy, client: LiteLLMClient) -> None:
    subs = [submission(f"s{i}") for i in range(4)]
    proxy.on("GET", "/skill-hub/submissions", offset_pages("submissions", subs, token="has_more"))
    ids = [s.id async for s in client.skill_hub.submissions.list(status="pending_review")]
    assert ids == ["s0", "s1", "s2", "s3"]
    # Page 2 is full but says has_more=false: no third request.
    assert [s.query.get("offset") for s in proxy.seen] == ["0", "2"]
    assert proxy.seen[0].query["status"] == "pending_review"


async def test_downloads_follow_next_cursor(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/skill-hub/skills/demo/downloads",
        reply(
            200,
            {
                "total_downloads": 3,
                "anonymous_downloads": 1,
                "downloads": [{"id": "1"}],
                "next_cursor": "7",
            },
        ),
        reply(
            200,
            {
                "total_downloads": 3,
                "anonymous_downloads": 1,
                "downloads": [{"id": "2"}],
                "next_cursor": None,
            },
        ),
    )
    ids = [d.id async for d in client.skill_hub.downloads("demo", limit=1)]
    assert ids == ["1", "2"]
    assert [s.query.get("cursor") for s in proxy.seen] == [None, "7"]


async def test_mutations_answer_a_skill_or_a_submission(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    pending = {
        "status": "pending_review",
        "action": "submitted",
        "submission_id": "sub1",
        "proposal": {"name": "demo", "description": "d", "version": "1.1.0", "source": {}},
    }
    proxy.on("PUT", "/skill-hub/skills/demo", reply(200, pending))
    proxy.on("POST", "/skill-hub/skills/import", reply(200, skill("imported", version="1.0.0")))
    changed = await client.skill_hub.update("demo", description="d", keywords=["k"])
    assert isinstance(changed, PendingSkill)
    assert changed.submission_id == "sub1"
    assert proxy.seen[0].json() == {"description": "d", "keywords": ["k"]}
    imported = await client.skill_hub.import_(url="https://github.com/o/r", ref="main")
    assert isinstance(imported, HubSkill)
    assert imported.version == "1.0.0"
    assert imported.raw_response is not None
    assert proxy.seen[1].json() == {"url": "https://github.com/o/r", "ref": "main"}


async def test_uploads_are_multipart_and_not_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/skill-hub/skills/upload", reply(200, skill("demo")))
    proxy.on("PUT", "/skill-hub/skills/demo/upload", reply(502, {"error": {"message": "x"}}))
    created = await client.skill_hub.upload(("demo.zip", b"PKzip"), version="1.0.0")
    assert isinstance(created, HubSkill)
    seen = proxy.seen[0]
    assert seen.content_type == "multipart/form-data"
    assert b'name="version"' in seen.body and b"1.0.0" in seen.body
    assert b'filename="demo.zip"' in seen.body and b"PKzip" in seen.body
    with pytest.raises(APIStatusError):
        await client.skill_hub.replace_archive(
            "demo", ("demo.zip", b"PK2"), expected_updated_at="2026-01-01T00:00:00Z"
        )
    assert len(proxy.calls("PUT", "/skill-hub/skills/demo/upload")) == 1
    assert b"expected_updated_at" in proxy.seen[1].body


async def test_reads_archives_and_deletes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/skill-hub/skills/demo", reply(200, skill("demo", keywords=["k"])))
    proxy.on("GET", "/skill-hub/skills/demo/archive", reply(200, b"PK\x03\x04zip"))
    proxy.on("GET", "/skill-hub/skills/demo/content", reply(200, "# Demo\n"))
    proxy.on(
        "GET", "/skill-hub/skills/demo/versions/v1", reply(200, {"id": "v1", "version": "1.0.0"})
    )
    proxy.on("GET", "/skill-hub/skills/demo/versions/v1/archive", reply(200, b"PKv1"))
    proxy.on("GET", "/v1/skills/sk_1/archive", reply(200, b"PKstored"))
    proxy.on("DELETE", "/skill-hub/skills/demo", reply(204, b""))
    proxy.on(
        "POST", "/skill-hub/skills/demo/publish", reply(200, skill("demo", visibility="public"))
    )
    proxy.on("POST", "/skill-hub/skills/demo/unpublish", reply(200, skill("demo")))
    assert (await client.skill_hub.retrieve("demo")).keywords == ["k"]
    assert await client.skill_hub.archive("demo", digest="sha256:x") == b"PK\x03\x04zip"
    assert proxy.calls(path="/skill-hub/skills/demo/archive")[0].query == {"digest": "sha256:x"}
    assert await client.skill_hub.content("demo") == "# Demo\n"
    assert (await client.skill_hub.versions.retrieve("demo", "v1")).version == "1.0.0"
    assert await client.skill_hub.versions.archive("demo", "v1") == b"PKv1"
    assert await client.skill_hub.stored_archive("sk_1") == b"PKstored"
    assert (await client.skill_hub.publish("demo")).visibility == "public"
    assert (await client.skill_hub.unpublish("demo")).visibility == "private"
    await client.skill_hub.delete("demo")
    assert proxy.calls("DELETE")[0].raw_path == "/skill-hub/skills/demo"


async def test_index(proxy: FakeProxy, client: LiteLLMClient) -> None:
    body = {
        "$schema": "https://schemas.agentskills.io/discovery/0.2.0/schema.json",
        "skills": [
            {
                "name": "demo",
                "type": "archive",
                "description": "d",
                "url": "u",
                "digest": "sha256:1",
            }
        ],
    }
    proxy.on("GET", "/.well-known/agent-skills/index.json", reply(200, body))
    index = await client.skill_hub.index()
    assert index.schema_url == body["$schema"]
    assert index.skills[0].digest == "sha256:1"


async def test_review(proxy: FakeProxy, client: LiteLLMClient) -> None:
    approved = {
        "status": "success",
        "action": "approved",
        "submission": submission(status="approved"),
        "skill": skill("demo"),
    }
    rejected = {
        "status": "success",
        "action": "rejected",
        "submission": submission(status="rejected"),
        "skill": None,
    }
    proxy.on(
        "GET",
        "/skill-hub/submissions/sub1",
        reply(200, {"submission": submission(), "current_skill": None}),
    )
    proxy.on("GET", "/skill-hub/submissions/sub1/archive", reply(200, b"PKsub"))
    proxy.on("PUT", "/skill-hub/submissions/sub1/approve", reply(200, approved))
    proxy.on("PUT", "/skill-hub/submissions/sub1/reject", reply(200, rejected))
    proxy.on(
        "GET", "/skill-hub/submissions/sub1/scan", reply(200, {"configured": False, "scan": None})
    )
    proxy.on(
        "POST",
        "/skill-hub/submissions/sub1/scan",
        reply(200, {"configured": True, "scan": {"id": "scan1", "status": "running"}}),
    )
    subs = client.skill_hub.submissions
    detail = await subs.retrieve("sub1")
    assert (detail.submission.status, detail.current_skill) == ("pending_review", None)
    assert await subs.archive("sub1") == b"PKsub"
    review = await subs.approve("sub1")
    assert isinstance(review, SkillReview)
    assert review.skill is not None and review.skill.name == "demo"
    assert (await subs.reject("sub1", reason="no")).action == "rejected"
    assert proxy.calls("PUT", "/skill-hub/submissions/sub1/reject")[0].json() == {"reason": "no"}
    await subs.reject("sub1")
    assert proxy.calls("PUT", "/skill-hub/submissions/sub1/reject")[1].body == b""
    assert (await subs.scan_status("sub1")).configured is False
    started = await subs.start_scan("sub1")
    assert started.scan is not None and started.scan.status == "running"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda c: c.skill_hub.import_(), TypeError),
        (lambda c: c.skill_hub.upload(None), TypeError),
        (lambda c: c.skill_hub.replace_archive("demo", None), TypeError),
        (lambda c: c.skill_hub.retrieve("../x"), None),
        (lambda c: c.skill_hub.retrieve(""), ValueError),
    ],
)
async def test_bad_input_is_refused_before_io(
    proxy: FakeProxy, client: LiteLLMClient, call: Any, error: type[Exception] | None
) -> None:
    if error is None:  # a name with a slash stays one escaped segment
        with pytest.raises(APIStatusError):
            await call(client)
        assert proxy.seen[0].raw_path == "/skill-hub/skills/..%2Fx"
        return
    with pytest.raises(error):
        await call(client)
    assert proxy.seen == []
