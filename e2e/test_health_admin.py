"""Health, utils, alerting, decisions and the OpenAPI document against the real proxy."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from aio_litellm import APIStatusError, LiteLLMClient, NotFoundError
from aio_litellm.types.utils import TransformRequestError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

MESSAGES: list[Any] = [{"role": "user", "content": "hello there"}]


async def test_probes(admin: LiteLLMClient) -> None:
    assert await admin.health.liveliness() == "I'm alive!"
    assert (await admin.health.readiness()).db_connected
    details = await admin.health.readiness_details()
    assert details.db_connected and details.litellm_version
    for options in (admin.health.liveliness_options, admin.health.readiness_options):
        assert "GET" in (await options()).allow
    with pytest.warns(DeprecationWarning, match="liveliness"):
        assert (await admin.health.test())["route"] == "/test"


async def test_check_watch_and_stored_checks(admin: LiteLLMClient) -> None:
    result = await admin.health.check(model="fake-gpt")
    assert [ep["model"] for ep in result.healthy_endpoints] == ["openai/fake-gpt"]
    changes = [c async for c in admin.health.watch(every=0.2, model="fake-gpt", max_polls=2)]
    assert [(c.kind, c.healthy) for c in changes] == [("initial", True)]
    history = await admin.health.history(model="fake-gpt", limit=5)
    assert history.limit == 5 and history.health_checks
    assert all(c.model_name == "fake-gpt" for c in history.health_checks)
    latest = await admin.health.latest()
    assert any(c.model_name == "fake-gpt" for c in latest.latest_health_checks.values())


async def test_test_connection(admin: LiteLLMClient) -> None:
    # The litellm model name finds the configured deployment, whose api_base and key fill in.
    ok = await admin.health.test_connection(
        mode="chat", litellm_params={"model": "openai/fake-gpt"}
    )
    assert ok.ok, ok.result


async def test_proxy_state_routes(admin: LiteLLMClient) -> None:
    assert (await admin.health.backlog()).in_flight_requests >= 0
    lic = await admin.health.license()
    assert lic.license_type == "community" and not lic.has_license
    assert (await admin.health.shared_status()).shared_health_check_enabled is False
    warnings = await admin.health.deployment_warnings()
    assert warnings.ignore_available is True
    with pytest.raises(NotFoundError):
        await admin.health.update_deployment_warning("no-such-warning", ignored=True)
    # Off unless enable_drain_endpoint is set (and a drain would take the proxy down).
    with pytest.raises(NotFoundError):
        await admin.health.drain()
    # Served only with the enterprise prometheus callback.
    with pytest.raises(NotFoundError):
        await admin.health.metrics()


async def test_utils(admin: LiteLLMClient) -> None:
    count = await admin.utils.token_counter(model="fake-gpt", messages=MESSAGES)
    assert count.total_tokens > 0 and not count.error
    params = await admin.utils.supported_openai_params("fake-gpt")
    assert "temperature" in (params.supported_openai_params or [])
    info = await admin.utils.model_info("gpt-4o", custom_llm_provider="openai")
    assert info.model_info["max_input_tokens"] > 0
    with pytest.raises(NotFoundError):
        await admin.utils.model_info(f"no-such-model-{uuid.uuid4().hex}")
    # This proxy lists the app's own routes only (its routers' routes are not among them).
    routes = {r.path: r for r in (await admin.utils.routes()).routes}
    assert "GET" in (routes["/openapi.json"].methods or [])


async def test_transform_request_in_band_error(admin: LiteLLMClient) -> None:
    # The proxy answers 200 with {"error": ...} when it cannot build the request.
    with pytest.raises(TransformRequestError) as caught:
        await admin.utils.transform_request(
            call_type="completion", request_body={"model": "fake-gpt", "messages": MESSAGES}
        )
    assert caught.value.status_code == 200


async def test_alerting(admin: LiteLLMClient) -> None:
    settings = await admin.alerting.settings()
    assert any(s.field_name == "slack_alerting" for s in settings)
    model = f"e2e-model-{uuid.uuid4().hex[:8]}"
    state = await admin.alerting.deprecation_state(model=model, deprecation_date="2030-01-01")
    assert (state.model, state.status) == (model, "open")
    updated = await admin.alerting.update_deprecation_state(
        model=model,
        deprecation_date="2030-01-01",
        status="dismissed",
        last_seen_date="2029-12-01",
        last_seen_requests=3,
    )
    assert updated.status == "dismissed"
    again = await admin.alerting.deprecation_state(model=model, deprecation_date="2030-01-01")
    assert (again.status, again.last_seen_requests) == ("dismissed", 3)
    tags = await admin.alerting.deprecation_tags(
        model=model, api_keys=["k"], start_date="2029-12-01", end_date="2029-12-02"
    )
    assert tags == []


async def test_email_settings(admin: LiteLLMClient) -> None:
    got = await admin.alerting.email_settings()
    assert got.settings


async def test_openapi(admin: LiteLLMClient) -> None:
    doc = await admin.other.openapi()
    assert doc.version and "/health/liveliness" in doc.paths


async def test_decisions_need_a_decision_model(admin: LiteLLMClient) -> None:
    with pytest.raises(APIStatusError):
        await admin.decisions.create(
            model="fake-gpt", input="is the sky blue?", questions=[{"type": "predicate"}]
        )
