"""Public catalogs and the skill hub against the real proxy: model hub (flat and v1 pages),
providers, dashboard catalogs, then a skill's lifecycle (upload, read, edit, publish, download,
versions, delete)."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from aio_litellm import APIStatusError, LiteLLMClient, NotFoundError
from aio_litellm.types.skill_hub import HubSkill, PendingSkill

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_model_hub_and_providers(admin: LiteLLMClient) -> None:
    hub = await admin.public.model_hub()
    assert all(group.model_group for group in hub)
    info = await admin.public.model_hub_info()
    assert info.litellm_version
    page = await admin.public.model_hub_v1(page_size=5)
    assert page.meta.page == 1
    assert len([g async for g in admin.public.model_hub_v1(page_size=5)]) == page.meta.total_count
    modes = await admin.public.model_hub_facet("modes")
    assert modes.meta.page == 1

    providers = await admin.public.providers()
    assert "openai" in providers and providers == sorted(providers)
    fields = await admin.public.provider_fields()
    assert any(f.litellm_provider == "openai" for f in fields)
    endpoints = await admin.public.endpoints()
    assert any(e.endpoint == "/chat/completions" for e in endpoints.endpoints)


async def test_catalogs(admin: LiteLLMClient) -> None:
    cost = await admin.public.litellm_model_cost_map(catalog_only=True)
    assert "gpt-4o" in cost
    assert isinstance(await admin.public.agent_hub(), list)
    assert (await admin.public.agent_fields())[0].agent_type
    assert isinstance(await admin.public.mcp_hub(), list)
    assert (await admin.public.skill_hub()).count >= 0
    assert (await admin.public.litellm_blog_posts()).posts
    assert await admin.public.autorouter_presets()
    assert (await admin.public.complexity_router_scorer_defaults()).tier_boundaries
    assert (await admin.public.complexity_router_fuse_presets()).version


def skill_zip(name: str, description: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("SKILL.md", f"---\nname: {name}\ndescription: {description}\n---\n# {name}\n")
        zf.writestr("notes.txt", "supporting file")
    return buf.getvalue()


async def test_skill_lifecycle(admin: LiteLLMClient) -> None:
    name = f"e2e-skill-{uuid.uuid4().hex[:10]}"
    created = await admin.skill_hub.upload(
        (f"{name}.zip", skill_zip(name, "An e2e skill")), version="1.0.0"
    )
    try:
        assert isinstance(created, HubSkill)  # an admin's upload is stored at once
        assert (created.name, created.version) == (name, "1.0.0")

        found = [s.name async for s in admin.skill_hub.list(query=name)]
        assert found == [name]
        skill = await admin.skill_hub.retrieve(name)
        assert skill.description == "An e2e skill"
        assert f"# {name}" in await admin.skill_hub.content(name)
        archive = await admin.skill_hub.archive(name)
        with zipfile.ZipFile(io.BytesIO(archive)) as zf:
            assert "SKILL.md" in zf.namelist()

        changed = await admin.skill_hub.update(name, description="Changed", keywords=["e2e"])
        assert isinstance(changed, HubSkill)
        assert changed.keywords == ["e2e"]

        published = await admin.skill_hub.publish(name)
        assert published.visibility == "public"
        assert (await admin.skill_hub.unpublish(name)).visibility == "private"

        versions = [v async for v in admin.skill_hub.versions.list(name)]
        assert versions
        one = await admin.skill_hub.versions.retrieve(name, versions[0].id)
        assert (one.id, one.content_kind) == (versions[0].id, "stored_archive")
        retained = await admin.skill_hub.versions.archive(name, one.id)
        with zipfile.ZipFile(io.BytesIO(retained)) as zf:
            assert "SKILL.md" in zf.namelist()

        downloads = await admin.skill_hub.downloads(name)
        assert downloads.total_downloads >= 1
        events = [d async for d in admin.skill_hub.downloads(name, limit=1)]
        assert 1 <= len(events) <= downloads.total_downloads
        # The discovery index is off unless litellm_settings.public_skills_index is set
        # (the e2e config does not set it): the proxy answers 404.
        with pytest.raises(NotFoundError):
            await admin.skill_hub.index()
        with pytest.raises(NotFoundError):
            await admin.skill_hub.stored_archive("skill_unknown")
    finally:
        await admin.skill_hub.delete(name)
    with pytest.raises(NotFoundError):
        await admin.skill_hub.retrieve(name)


async def test_member_submissions_are_reviewed(admin: LiteLLMClient, stack: Stack) -> None:
    run = uuid.uuid4().hex[:10]
    name, member = f"e2e-sub-{run}", f"e2e-member-{run}"
    user = await admin.users.create(user_id=member, user_role="internal_user")
    assert user.key
    try:
        async with LiteLLMClient(base_url=stack.base_url, api_key=user.key) as as_member:
            proposed = await as_member.skill_hub.upload(
                (f"{name}.zip", skill_zip(name, "Proposed")), version="1.0.0"
            )
            assert isinstance(proposed, PendingSkill)
            sub_id = proposed.submission_id
            mine = [s.id async for s in as_member.skill_hub.submissions.list()]
            assert sub_id in mine

        pending = [
            s.id async for s in admin.skill_hub.submissions.list(status="pending_review", limit=5)
        ]
        assert sub_id in pending
        detail = await admin.skill_hub.submissions.retrieve(sub_id)
        assert (detail.submission.skill_name, detail.current_skill) == (name, None)
        with zipfile.ZipFile(io.BytesIO(await admin.skill_hub.submissions.archive(sub_id))) as zf:
            assert "SKILL.md" in zf.namelist()
        scan = await admin.skill_hub.submissions.scan_status(sub_id)
        assert (scan.configured, scan.scan) == (False, None)
        with pytest.raises(APIStatusError) as refused:  # no scanner configured
            await admin.skill_hub.submissions.start_scan(sub_id)
        assert refused.value.status_code == 503

        review = await admin.skill_hub.submissions.approve(sub_id)
        assert review.action == "approved"
        assert review.skill is not None and review.skill.name == name

        async with LiteLLMClient(base_url=stack.base_url, api_key=user.key) as as_member:
            change = await as_member.skill_hub.update(name, description="Member's change")
            assert isinstance(change, PendingSkill)
        rejected = await admin.skill_hub.submissions.reject(change.submission_id, reason="no")
        assert rejected.action == "rejected"
        assert rejected.submission.rejection_reason == "no"
        assert (await admin.skill_hub.retrieve(name)).description == "Proposed"
    finally:
        try:
            await admin.skill_hub.delete(name)
        finally:
            await admin.users.delete([member])
