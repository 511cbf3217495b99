"""Guardrails against the real proxy: a database guardrail of the built-in content filter (no
outside provider) through its lifecycle, applied to a clean and to a blocked text."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def content_filter(name: str, word: str) -> dict[str, object]:
    return {
        "guardrail_name": name,
        "litellm_params": {
            "guardrail": "litellm_content_filter",
            "mode": "pre_call",
            "default_on": False,
            "blocked_words": [{"keyword": word, "action": "BLOCK"}],
        },
        "guardrail_info": {"description": "e2e"},
    }


async def test_guardrail_lifecycle(admin: LiteLLMClient) -> None:
    suffix = uuid.uuid4().hex[:12]
    name, word = f"e2e-guard-{suffix}", f"forbidden{suffix}"
    created = await admin.guardrails.create(guardrail=content_filter(name, word))
    gid = created.guardrail_id
    assert gid and created.guardrail_name == name
    try:
        got = await admin.guardrails.retrieve(gid)
        assert got.guardrail_name == name
        assert got.litellm_params is not None
        assert got.litellm_params.guardrail == "litellm_content_filter"
        assert got.guardrail_definition_location == "db"

        in_db = [g async for g in admin.guardrails.list_v2() if g.guardrail_id == gid]
        assert len(in_db) == 1 and in_db[0].guardrail_name == name
        in_config = [g async for g in admin.guardrails.list() if g.guardrail_name == name]
        assert in_config == []  # the config-file list leaves database guardrails out

        clean = await admin.guardrails.apply(guardrail_name=name, text="hello there")
        assert clean.response_text == "hello there"
        with pytest.raises(BadRequestError) as blocked:
            await admin.guardrails.apply(guardrail_name=name, text=f"say {word} now")
        assert blocked.value.status_code == 400

        patched = await admin.guardrails.patch(gid, guardrail_info={"description": "patched"})
        assert patched.guardrail_info == {"description": "patched"}
        assert (await admin.guardrails.retrieve(gid)).guardrail_info == {"description": "patched"}

        logs = await admin.guardrails.usage.logs(guardrail_id=gid, page_size=10)
        assert logs.page == 1 and logs.page_size == 10
    finally:
        deleted = await admin.guardrails.delete(gid)
    assert deleted.message is not None and gid in deleted.message
    with pytest.raises(NotFoundError):
        await admin.guardrails.retrieve(gid)


async def test_helper_routes(admin: LiteLLMClient) -> None:
    valid = await admin.guardrails.validate_blocked_words_file(
        "blocked_words:\n  - keyword: foo\n    action: BLOCK\n"
    )
    assert valid.valid and valid.message is not None
    invalid = await admin.guardrails.validate_blocked_words_file("blocked_words: 3\n")
    assert not invalid.valid and invalid.error is not None

    settings = await admin.guardrails.ui.add_guardrail_settings()
    assert "pre_call" in settings.supported_modes
    providers = await admin.guardrails.ui.provider_specific_params()
    assert isinstance(providers, dict) and providers

    overview = await admin.guardrails.usage.overview()
    assert overview.pass_rate >= 0

    page = await admin.guardrails.submissions.list()
    assert page.summary is not None and page.summary.total >= 0


async def test_team_submission_review(admin: LiteLLMClient) -> None:
    team = await admin.teams.create(team_alias=f"e2e-gteam-{uuid.uuid4().hex[:12]}")
    name = f"e2e-sub-{uuid.uuid4().hex[:12]}"
    params = {"guardrail": "generic_guardrail_api", "mode": "pre_call", "api_base": "http://x"}
    registered = await admin.guardrails.register(
        guardrail_name=name, litellm_params=params, team_id=team.team_id
    )
    gid = registered.guardrail_id
    assert gid and registered.status == "pending_review"
    try:
        got = await admin.guardrails.submissions.retrieve(gid)
        assert (got.guardrail_name, got.team_id) == (name, team.team_id)
        pending = [s async for s in admin.guardrails.submissions.list(team_id=team.team_id)]
        assert [s.guardrail_id for s in pending] == [gid]

        rejected = await admin.guardrails.submissions.reject(gid)
        assert rejected.status == "rejected"
        with pytest.raises(BadRequestError, match="not pending review"):
            await admin.guardrails.submissions.approve(gid)
    finally:
        await admin.guardrails.delete(gid)
        await admin.teams.delete([team.team_id])
