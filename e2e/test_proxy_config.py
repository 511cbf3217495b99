"""The proxy's config groups against the real proxy: config, router settings, fallbacks,
callbacks and cache. Every setting changed is put back as it was."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import BadRequestError, InternalServerError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

# A general setting the e2e config does not set and no request of the suite depends on.
FIELD = "max_batch_file_uploads_per_day"


async def test_config_reads(admin: LiteLLMClient) -> None:
    # The mock route validates a config body and changes nothing.
    assert await admin.config.yaml() == {"hello": "world"}
    fields = {f.field_name: f for f in await admin.config.list()}
    assert FIELD in fields and fields[FIELD].editable
    callbacks = await admin.config.callbacks.list()
    assert callbacks.status == "success"
    assert {a["name"] for a in callbacks.alerts} >= {"email"}
    # The e2e config sets router_settings.num_retries: 0.
    assert callbacks.router_settings["num_retries"] == 0
    assert (await admin.config.allowed_ips.list()).data is None
    status = await admin.config.anthropic_beta_headers.status()
    assert status.scheduled is False
    vault = await admin.config.hashicorp_vault.retrieve()
    assert vault.config_type == "hashicorp_vault" and "vault_addr" in vault.values
    cyberark = await admin.config.cyberark.retrieve()
    assert cyberark.config_type == "cyberark"
    redis = await admin.config.coordination_redis.retrieve()
    assert redis.source is None and any(f["field_name"] == "host" for f in redis.fields)


async def test_general_setting_round_trip(admin: LiteLLMClient) -> None:
    with pytest.raises(BadRequestError, match="not set"):
        await admin.config.fields.info(FIELD)
    try:
        row = await admin.config.fields.update(FIELD, 77)
        assert row.param_value is not None and row.param_value[FIELD] == 77
        info = await admin.config.fields.info(FIELD)
        assert (info.field_value, info.source) == (77, "db")
    finally:
        reset = await admin.config.fields.delete(FIELD)
    assert reset.param_value is not None and FIELD not in reset.param_value
    with pytest.raises(BadRequestError, match="not set"):
        await admin.config.fields.info(FIELD)


async def test_router_setting_round_trip(admin: LiteLLMClient) -> None:
    before = (await admin.router_settings.retrieve()).current_values["retry_after"]
    try:
        done = await admin.config.update(router_settings={"retry_after": before + 3})
        assert done.message == "Config updated successfully"
        after = await admin.router_settings.retrieve()
        assert after.current_values["retry_after"] == before + 3
        assert after.source["retry_after"] == "db"
    finally:
        await admin.config.update(router_settings={"retry_after": before})
    assert (await admin.router_settings.retrieve()).current_values["retry_after"] == before


async def test_router_settings_reads(admin: LiteLLMClient) -> None:
    settings = await admin.router_settings.retrieve()
    names = {f.field_name for f in settings.fields}
    assert "routing_strategy" in names
    assert settings.current_values["allowed_fails"] == 100000  # from the e2e config
    assert settings.source["allowed_fails"] == "config"
    fields = await admin.router_settings.fields()
    assert {f.field_name for f in fields.fields} == names
    assert "simple-shuffle" in fields.routing_strategy_descriptions
    # No adaptive router is configured: the proxy answers 404.
    with pytest.raises(NotFoundError):
        await admin.router_settings.adaptive_state()
    assert isinstance(await admin.router_settings.shadow_evals.list(limit=5), list)
    with pytest.raises(NotFoundError):
        await admin.router_settings.shadow_evals.retrieve(f"job-{uuid.uuid4().hex}")


async def test_fallback_lifecycle(admin: LiteLLMClient) -> None:
    with pytest.raises(NotFoundError):
        await admin.fallbacks.retrieve("fake-gpt", fallback_type="content_policy")
    try:
        made = await admin.fallbacks.create(
            model="fake-gpt", fallback_models=["fake-gpt-2"], fallback_type="content_policy"
        )
        assert (made.model, made.fallback_models) == ("fake-gpt", ["fake-gpt-2"])
        got = await admin.fallbacks.retrieve("fake-gpt", fallback_type="content_policy")
        assert (got.fallback_models, got.fallback_type) == (["fake-gpt-2"], "content_policy")
        # The general fallbacks of the model are another list.
        with pytest.raises(NotFoundError):
            await admin.fallbacks.retrieve("fake-gpt")
    finally:
        gone = await admin.fallbacks.delete("fake-gpt", fallback_type="content_policy")
    assert gone.fallback_type == "content_policy"
    with pytest.raises(NotFoundError):
        await admin.fallbacks.retrieve("fake-gpt", fallback_type="content_policy")
    unknown = f"no-such-model-{uuid.uuid4().hex[:8]}"
    with pytest.raises(NotFoundError):
        await admin.fallbacks.create(model=unknown, fallback_models=["fake-gpt"])


async def test_callbacks(admin: LiteLLMClient) -> None:
    listed = await admin.callbacks.list()
    assert "_ProxyDBLogger" in listed.success_and_failure
    active = await admin.callbacks.active()
    assert active.num_callbacks == len(active.all_litellm_callbacks) > 0
    assert active.request_timeout == 30  # litellm_settings.request_timeout of the e2e config
    configs = {c.id: c for c in await admin.callbacks.configs()}
    assert "langfuse" in configs and configs["langfuse"].dynamic_params


async def test_cache_without_a_cache(admin: LiteLLMClient) -> None:
    # The e2e config has no cache: every route that needs one answers 5xx.
    quick = admin.with_options(max_retries=0)
    with pytest.raises(InternalServerError, match="Cache not initialized") as ping:
        await quick.cache.ping()
    assert ping.value.status_code == 503
    with pytest.raises(InternalServerError) as info:
        await quick.cache.redis_info()
    assert info.value.status_code == 503
    with pytest.raises(InternalServerError) as flush:
        await quick.cache.flushall()
    assert flush.value.status_code == 503
    with pytest.raises(InternalServerError) as delete:
        await quick.cache.delete(["k1"])
    assert delete.value.status_code == 500
    settings = await admin.cache.settings.retrieve()
    assert any(f["field_name"] == "redis_type" for f in settings.fields)
    # A test of a port nobody listens on is an answer, not an error.
    tested = await admin.cache.settings.test(
        cache_settings={"type": "redis", "host": "127.0.0.1", "port": 1}
    )
    assert tested.status == "failed" and tested.error


async def test_connection_tests_report_failures(admin: LiteLLMClient) -> None:
    redis = await admin.config.coordination_redis.test(settings={"host": "127.0.0.1", "port": 1})
    assert redis.status == "unhealthy" and redis.error
    with pytest.raises(BadRequestError, match="not configured"):
        await admin.config.hashicorp_vault.test_connection()
    with pytest.raises(NotFoundError):
        await admin.config.callbacks.delete(f"no-such-callback-{uuid.uuid4().hex[:8]}")
