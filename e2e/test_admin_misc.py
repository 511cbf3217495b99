"""Memory, tools, workflows, traces/Lens and the Claude Code marketplace against the proxy's
real database. Traces and Lens need outside services the local proxy does not have: their
refusals are asserted as the typed errors they are."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from aio_litellm import APIStatusError, ConflictError, LiteLLMClient, NotFoundError

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


def uid() -> str:
    return uuid.uuid4().hex[:12]


async def test_memory_lifecycle(admin: LiteLLMClient) -> None:
    # A key with "/" travels as one escaped segment and comes back whole.
    prefix = f"e2e/{uid()}/"
    key = prefix + "notes.md"
    created = await admin.memory.create(
        key=key, value="# notes", metadata={"tags": ["a"]}, user_id="e2e-user"
    )
    assert created.key == key and created.value == "# notes" and created.memory_id
    assert created.metadata == {"tags": ["a"]} and created.user_id == "e2e-user"
    with pytest.raises(ConflictError):
        await admin.memory.create(key=key, value="again", user_id="e2e-user")

    got = await admin.memory.retrieve(key)
    assert got.memory_id == created.memory_id

    await admin.memory.create(key=prefix + "other", value="x", user_id="e2e-user")
    page = await admin.memory.list(key_prefix=prefix, page_size=1)
    assert page.total == 2 and len(page.memories) == 1
    keys = [m.key async for m in admin.memory.list(key_prefix=prefix, page_size=1)]
    assert sorted(keys) == [key, prefix + "other"]

    updated = await admin.memory.upsert(key, value="# more notes", metadata=None)
    assert updated.value == "# more notes" and updated.metadata is None
    assert updated.memory_id == created.memory_id

    for k in (key, prefix + "other"):
        gone = await admin.memory.delete(k)
        assert gone.deleted is True and gone.key == k
    with pytest.raises(NotFoundError):
        await admin.memory.retrieve(key)


async def test_tools_registry(admin: LiteLLMClient) -> None:
    options = await admin.tools.policy_options()
    assert {o.value for o in options.input_policies} >= {"trusted", "untrusted", "blocked"}
    assert {o.value for o in options.output_policies} == {"trusted", "untrusted"}

    listed = await admin.tools.list()
    assert listed.total == len(listed.tools)
    spend = await admin.tools.spend(start_date="2026-01-01", end_date="2026-01-31")
    assert spend.start_date == "2026-01-01" and spend.end_date == "2026-01-31"

    missing = f"e2e/{uid()}"
    with pytest.raises(NotFoundError):
        await admin.tools.retrieve(missing)
    with pytest.raises(NotFoundError):
        await admin.tools.detail(missing)
    logs = await admin.tools.logs(missing, page_size=5)
    assert logs.total == 0 and logs.logs == []
    with pytest.raises(NotFoundError):
        await admin.tools.delete_override(missing, team_id=f"no-team-{uid()}")


async def test_workflow_run_lifecycle(admin: LiteLLMClient) -> None:
    kind = f"e2e-{uid()}"
    run = await admin.workflows.runs.create(
        workflow_type=kind, input={"task": "t"}, metadata={"by": "e2e"}
    )
    assert run.run_id and run.session_id and run.status == "pending"
    assert run.input == {"task": "t"}

    started = await admin.workflows.runs.events.create(
        run.run_id, event_type="step.started", step_name="plan", data={"n": 1}
    )
    assert started.sequence_number == 0 and started.data == {"n": 1}
    await admin.workflows.runs.events.create(run.run_id, event_type="note", step_name="plan")

    got = await admin.workflows.runs.retrieve(run.run_id)
    assert got.status == "running"  # step.started moved it
    assert got.events is not None and [e.sequence_number for e in got.events] == [1]

    events = await admin.workflows.runs.events.list(run.run_id, limit=10)
    assert events.count == 2 and [e.event_type for e in events.events] == ["step.started", "note"]

    await admin.workflows.runs.messages.create(run.run_id, role="user", content="hi " * 500)
    await admin.workflows.runs.messages.create(
        run.run_id, role="assistant", content="ok", session_id=run.session_id
    )
    messages = await admin.workflows.runs.messages.list(run.run_id)
    assert [m.role for m in messages.messages] == ["user", "assistant"]
    assert messages.messages[0].content == "hi " * 500  # stored whole

    done = await admin.workflows.runs.update(run.run_id, status="completed", output={"r": 1})
    assert done.status == "completed" and done.output == {"r": 1}
    runs = await admin.workflows.runs.list(workflow_type=kind, status="completed,failed")
    assert [r.run_id for r in runs.runs] == [run.run_id] and runs.count == 1

    with pytest.raises(NotFoundError):
        await admin.workflows.runs.retrieve(f"no-run-{uid()}")


def skill_zip(name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr(
            "SKILL.md", f"---\nname: {name}\ndescription: an e2e skill\n---\n\n# {name}\n"
        )
    return buf.getvalue()


async def test_claude_code_plugins(admin: LiteLLMClient) -> None:
    name = f"e2e-{uid()}"
    created = await admin.claude_code.plugins.create(
        name=name,
        source={"source": "github", "repo": "example/e2e-plugin"},
        version="1.0.0",
        description="e2e plugin",
        keywords=["e2e"],
    )
    assert created.action == "created" and created.plugin is not None
    assert created.plugin.name == name and created.plugin.enabled is True
    try:
        got = await admin.claude_code.plugins.retrieve(name)
        assert got.source == {"source": "github", "repo": "example/e2e-plugin"}
        assert got.keywords == ["e2e"]
        listed = await admin.claude_code.plugins.list()
        assert name in {p.name for p in listed.plugins}

        updated = await admin.claude_code.plugins.update(
            name, source={"source": "github", "repo": "example/e2e-plugin"}, description="v2"
        )
        assert updated.action == "updated" and updated.plugin is not None
        assert updated.plugin.description == "v2"

        await admin.claude_code.plugins.disable(name)
        market = await admin.claude_code.marketplace()
        assert name not in {p.name for p in market.plugins}
        enabled_only = await admin.claude_code.plugins.list(enabled_only=True)
        assert name not in {p.name for p in enabled_only.plugins}
        status = await admin.claude_code.plugins.enable(name)
        assert status.status == "success"
        market = await admin.claude_code.marketplace()
        assert market.name == "litellm"
        assert name in {p.name for p in market.plugins}
    finally:
        deleted = await admin.claude_code.plugins.delete(name)
    assert deleted.status == "success"
    with pytest.raises(NotFoundError):
        await admin.claude_code.plugins.retrieve(name)


async def test_claude_code_upload_and_archive(admin: LiteLLMClient) -> None:
    name = f"e2e-{uid()}"
    uploaded = await admin.claude_code.plugins.upload(
        ("skill.zip", skill_zip(name), "application/zip"), name=name, description="uploaded"
    )
    assert uploaded.plugin is not None and uploaded.plugin.source is not None
    source = uploaded.plugin.source
    assert source["source"] == "archive"
    try:
        with pytest.raises(ConflictError):
            await admin.claude_code.plugins.upload(skill_zip(name), name=name)
        body = await admin.claude_code.plugins.archive(name, source["sha256"])
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            assert f"skills/{name}/SKILL.md" in archive.namelist()
        async with admin.claude_code.plugins.archive_stream(name, source["sha256"]) as stream:
            streamed = b"".join([chunk async for chunk in stream])
        assert streamed == body
        with pytest.raises(NotFoundError):
            await admin.claude_code.plugins.archive(name, "0" * 64)

        downloads = await admin.claude_code.plugins.downloads(name, limit=1)
        assert downloads.total_downloads == 2
        seen = [d async for d in admin.claude_code.plugins.downloads(name, limit=1)]
        assert len(seen) == 2 and {d.digest for d in seen} == {source["sha256"]}
    finally:
        await admin.claude_code.plugins.delete(name)


async def test_traces_need_a_receiver(stack: Stack) -> None:
    # No retries: Lens's 503 would otherwise be retried as "not processed".
    async with LiteLLMClient(
        base_url=stack.base_url, api_key=stack.master_key, max_retries=0
    ) as admin:
        for read in (
            admin.traces.list(),
            admin.traces.agents(),
            admin.traces.retrieve("t1"),
            admin.traces.retrieve_span("t1", "s1"),
            admin.traces.span_error("t1", "s1"),
            admin.traces.query("select 1"),
            admin.traces.query_help(),
        ):
            with pytest.raises(APIStatusError) as unavailable:
                await read
            assert unavailable.value.status_code == 501

        # OTLP export is refused on this proxy version, JSON or protobuf alike.
        with pytest.raises(APIStatusError) as gone:
            await admin.traces.ingest({"resourceSpans": []})
        assert gone.value.status_code == 410
        with pytest.raises(APIStatusError) as gone:
            await admin.traces.ingest_logs(content=b"")
        assert gone.value.status_code == 410

        service = await admin.traces.lens.service()
        assert service.connected is False and service.configured is False
        with pytest.raises(APIStatusError) as no_lens:
            await admin.traces.lens.get("v1/anything", query={"a": 1})
        assert no_lens.value.status_code == 503
