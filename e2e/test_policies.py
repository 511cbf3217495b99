"""Policies against the real proxy: a policy adding a content-filter guardrail, attached to a
team alias, resolved for that team, versioned (draft -> published) and deleted."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def content_filter(name: str) -> dict[str, object]:
    return {
        "guardrail_name": name,
        "litellm_params": {
            "guardrail": "litellm_content_filter",
            "mode": "pre_call",
            "default_on": False,
            "blocked_words": [{"keyword": f"no{name}", "action": "BLOCK"}],
        },
    }


async def test_policy_lifecycle(admin: LiteLLMClient) -> None:
    suffix = uuid.uuid4().hex[:12]
    gname, pname = f"e2e-pg-{suffix}", f"e2e-pol-{suffix}"
    # A team named outright must exist; a prefix pattern need not match any.
    team, pattern = f"e2e-team-{suffix}-a", f"e2e-team-{suffix}*"
    guard = await admin.guardrails.create(guardrail=content_filter(gname))
    assert guard.guardrail_id
    attachment_id = None
    try:
        created = await admin.policies.create(
            policy_name=pname, guardrails_add=[gname], description="e2e"
        )
        pid = created.policy_id
        assert pid and created.version_status == "production" and created.version_number == 1

        got = await admin.policies.retrieve(pid)
        assert (got.policy_name, got.guardrails_add) == (pname, [gname])
        assert [p.policy_id async for p in admin.policies.list() if p.policy_name == pname] == [pid]
        assert gname in (await admin.policies.resolved_guardrails(pid)).resolved_guardrails

        attached = await admin.policies.attachments.create(policy_name=pname, teams=[pattern])
        attachment_id = attached.attachment_id
        assert attachment_id and attached.teams == [pattern]
        assert (await admin.policies.attachments.retrieve(attachment_id)).policy_name == pname
        listed = [a async for a in admin.policies.attachments.list()]
        assert attachment_id in {a.attachment_id for a in listed}

        resolved = await admin.policies.resolve(team_alias=team, force_sync=True)
        assert gname in resolved.effective_guardrails
        assert pname in {m.policy_name for m in resolved.matched_policies}
        other = await admin.policies.resolve(team_alias=f"other-{suffix}")
        assert gname not in other.effective_guardrails

        impact = await admin.policies.attachments.estimate_impact(
            policy_name=pname, teams=[pattern]
        )
        assert impact.affected_teams_count == 0  # no team has this alias

        draft = await admin.policies.versions.create(pname)
        assert draft.policy_id and draft.version_status == "draft" and draft.version_number == 2
        changed = await admin.policies.update(draft.policy_id, description="second")
        assert changed.description == "second"
        versions = [v.version_number async for v in admin.policies.versions.list(pname)]
        assert versions == [2, 1]
        diff = await admin.policies.compare(pid, draft.policy_id)
        assert "description" in diff.field_diffs
        published = await admin.policies.update_status(draft.policy_id, "published")
        assert published.version_status == "published"
    finally:
        if attachment_id:
            await admin.policies.attachments.delete(attachment_id)
        await admin.policies.versions.delete_all(pname)
        await admin.guardrails.delete(guard.guardrail_id)
    with pytest.raises(NotFoundError):
        await admin.policies.retrieve(pid)
    with pytest.raises(NotFoundError):
        await admin.policies.attachments.retrieve(attachment_id)


async def test_engine_checks(admin: LiteLLMClient) -> None:
    gname = f"e2e-tg-{uuid.uuid4().hex[:12]}"
    outcome = await admin.policies.templates.test(
        guardrail_definitions=[content_filter(gname)], text=f"say no{gname}"
    )
    assert outcome.results and outcome.results[0].guardrail_name == gname

    loaded = await admin.policies.loaded.list()
    assert loaded.total_count == len(loaded.policies)

    matched = await admin.policies.test(team_alias=f"nobody-{gname}")
    assert matched.context is not None and matched.context.team_alias == f"nobody-{gname}"

    checked = await admin.policies.validate({gname: {"inherit": f"missing-{gname}"}})
    assert not checked.valid
    assert [e.error_type for e in checked.errors] == ["invalid_inheritance"]
