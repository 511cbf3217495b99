"""``client.alerting``: what each method sends, what it returns, bad input refused."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import LiteLLMClient, PermissionDeniedError
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources import alerting

from .conftest import FakeProxy, inventory, reply

STATE = {
    "model": "gpt-4",
    "deprecation_date": "2026-06-01",
    "status": "dismissed",
    "last_seen_date": "2026-05-01",
    "last_seen_requests": 0,
}
TAGS = {
    "model": "gpt-4",
    "api_keys": ["k1", "k2"],
    "start_date": "2026-05-01",
    "end_date": "2026-05-02",
}
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "alerting.deprecation_state": {"model": "gpt-4", "deprecation_date": "2026-06-01"},
    "alerting.update_deprecation_state": STATE,
    "alerting.deprecation_tags": TAGS,
    "alerting.update_email_settings": {
        "settings": [{"event": "Virtual Key Created", "enabled": True}]
    },
}


def test_every_alerting_row_is_declared() -> None:
    assert alerting.Alerting
    rows = {(r["method"], r["path"]) for r in inventory() if r["group"] == "alerting"}
    declared = {(ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("alerting.")}
    assert rows == declared


async def test_settings(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/alerting/settings",
        reply(
            body=[
                {
                    "field_name": "slack_alerting",
                    "field_type": "Boolean",
                    "field_value": False,
                    "x": 1,
                }
            ]
        ),
    )
    settings = await client.alerting.settings()
    assert settings[0].field_name == "slack_alerting"
    assert settings[0].field_value is False
    assert settings[0].model_extra == {"x": 1}


async def test_deprecation_state_read_and_update(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/alerting/model-deprecations/state",
        reply(body={"model": "gpt-4", "deprecation_date": "2026-06-01", "status": "open"}),
    )
    proxy.on(
        "PUT", "/alerting/model-deprecations/state", reply(body={**STATE, "updated_by": "admin"})
    )
    state = await client.alerting.deprecation_state(model="gpt-4", deprecation_date="2026-06-01")
    assert state.status == "open"
    assert proxy.calls()[-1].query == {"model": "gpt-4", "deprecation_date": "2026-06-01"}
    updated = await client.alerting.update_deprecation_state(**STATE)  # type: ignore[arg-type]
    assert (updated.status, updated.updated_by) == ("dismissed", "admin")
    assert proxy.calls()[-1].json() == STATE


async def test_deprecation_tags_repeat_the_keys(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET", "/alerting/model-deprecations/tags", reply(body=[{"api_key": "k1", "tag": "prod"}])
    )
    tags = await client.alerting.deprecation_tags(**TAGS)  # type: ignore[arg-type]
    assert [(t.api_key, t.tag) for t in tags] == [("k1", "prod")]
    assert "api_keys=k1&api_keys=k2" in proxy.calls()[-1].raw_path


async def test_email_settings(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/email/event_settings",
        reply(body={"settings": [{"event": "Virtual Key Created", "enabled": False}]}),
    )
    proxy.on("PATCH", "/email/event_settings", reply(body={"message": "updated"}))
    proxy.on("POST", "/email/event_settings/reset", reply(403, {"detail": "enterprise only"}))
    got = await client.alerting.email_settings()
    assert got.settings[0].enabled is False
    done = await client.alerting.update_email_settings(
        settings=[{"event": "Virtual Key Created", "enabled": True}]
    )
    assert done.message == "updated"
    assert proxy.calls()[-1].json() == {
        "settings": [{"event": "Virtual Key Created", "enabled": True}]
    }
    with pytest.raises(PermissionDeniedError):
        await client.alerting.reset_email_settings()
    assert len(proxy.calls("POST", "/email/event_settings/reset")) == 1  # not retried


async def test_bad_input_refused_before_io(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="deprecation_date"):
        await client.alerting.deprecation_state(model="gpt-4")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="last_seen_requests"):
        await client.alerting.update_deprecation_state(**{**STATE, "last_seen_requests": None})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a str"):
        await client.alerting.deprecation_tags(**{**TAGS, "api_keys": "k1"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="non-empty"):
        await client.alerting.deprecation_tags(**{**TAGS, "api_keys": []})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="settings"):
        await client.alerting.update_email_settings(settings=[])
    assert proxy.seen == []
