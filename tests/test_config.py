"""``client.config``: wire routes, bodies and queries, typed results, refusals before I/O, and
that every inventory row of the group is declared."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._routes import all_endpoints
from aio_litellm.types.config import ConfigField, ConfigFieldInfo, ConfigOverride

from .conftest import FakeProxy, reply

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "config.update": {"general_settings": {"max_parallel_requests": 5}},
    "config.fields.update": {"value": 5},
    "config.coordination_redis.update": {"settings": {"host": "r"}},
    "config.coordination_redis.test": {"settings": {"host": "r"}},
    "config.anthropic_beta_headers.schedule": {"hours": 2},
}

OK = {"message": "done", "status": "success"}


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "config"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("config.")}
    assert len(rows) == 26
    assert rows <= declared


async def test_update_sends_sections_and_refuses_none(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/config/update", reply(200, {"message": "Config updated successfully"}))
    done = await client.config.update(
        router_settings={"num_retries": 2}, litellm_settings={"drop_params": True}
    )
    assert done.message == "Config updated successfully" and done.status is None
    assert proxy.seen[0].json() == {
        "router_settings": {"num_retries": 2},
        "litellm_settings": {"drop_params": True},
    }
    with pytest.raises(TypeError, match="at least one section"):
        await client.config.update()
    assert len(proxy.seen) == 1


async def test_yaml_sends_a_body_on_get(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/config/yaml", reply(200, {"hello": "world"}))
    assert await client.config.yaml() == {"hello": "world"}
    await client.config.yaml(general_settings={"master_key": "x"})
    assert [s.json() for s in proxy.seen] == [{}, {"general_settings": {"master_key": "x"}}]


async def test_list_types_fields(proxy: FakeProxy, client: LiteLLMClient) -> None:
    field = {
        "field_name": "max_parallel_requests",
        "field_type": "Integer",
        "field_description": "cap",
        "field_value": 5,
        "stored_in_db": True,
        "field_default_value": None,
        "nested_fields": [{"field_name": "a", "field_type": "Integer", "stored_in_db": None}],
        "source": "db",
        "x_new": 1,
    }
    proxy.on("GET", "/config/list", reply(200, [field]))
    fields = await client.config.list()
    assert isinstance(fields[0], ConfigField)
    assert (fields[0].field_value, fields[0].source, fields[0].editable) == (5, "db", True)
    assert fields[0].nested_fields is not None and fields[0].nested_fields[0].field_name == "a"
    assert fields[0].model_extra == {"x_new": 1}
    assert proxy.seen[0].query == {"config_type": "general_settings"}
    with pytest.raises(TypeError):
        await client.config.list("")


async def test_fields_info_update_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/config/field/info",
        reply(200, {"field_name": "max_parallel_requests", "field_value": 5, "source": "config"}),
    )
    row = {"param_name": "general_settings", "param_value": {"max_parallel_requests": 6}}
    proxy.on("POST", "/config/field/update", reply(200, row))
    proxy.on("POST", "/config/field/delete", reply(200, {**row, "param_value": {}}))
    info = await client.config.fields.info("max_parallel_requests")
    assert isinstance(info, ConfigFieldInfo) and info.source == "config" and info.field_value == 5
    updated = await client.config.fields.update("max_parallel_requests", 6)
    assert updated.param_value == {"max_parallel_requests": 6}
    reset = await client.config.fields.delete("max_parallel_requests")
    assert reset.param_name == "general_settings" and reset.param_value == {}
    seen = proxy.seen
    assert seen[0].query == {"field_name": "max_parallel_requests"}
    assert seen[1].json() == {
        "field_name": "max_parallel_requests",
        "field_value": 6,
        "config_type": "general_settings",
    }
    assert seen[2].json() == {
        "field_name": "max_parallel_requests",
        "config_type": "general_settings",
    }
    for call in (
        client.config.fields.info(""),
        client.config.fields.update("", 1),
        client.config.fields.delete(""),
    ):
        with pytest.raises(TypeError, match="field_name"):
            await call
    assert len(proxy.seen) == 3


async def test_callbacks_list_and_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/get/config/callbacks",
        reply(
            200,
            {
                "status": "success",
                "callbacks": [{"name": "langfuse", "type": "success", "variables": {}}],
                "alerts": [{"name": "slack"}],
                "active_alerting_destinations": [],
                "router_settings": {"num_retries": 0},
                "available_callbacks": {"langfuse": {}},
            },
        ),
    )
    proxy.on(
        "POST",
        "/config/callback/delete",
        reply(
            200,
            {
                "message": "Successfully deleted callback: langfuse",
                "removed_callback": "langfuse",
                "remaining_callbacks": ["datadog"],
                "deleted_at": "2026-01-01T00:00:00",
            },
        ),
    )
    got = await client.config.callbacks.list()
    assert got.callbacks[0]["name"] == "langfuse" and got.router_settings == {"num_retries": 0}
    gone = await client.config.callbacks.delete("langfuse")
    assert (gone.removed_callback, gone.remaining_callbacks) == ("langfuse", ["datadog"])
    assert proxy.seen[1].json() == {"callback_name": "langfuse"}
    with pytest.raises(TypeError):
        await client.config.callbacks.delete("")


async def test_callback_delete_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/config/callback/delete", reply(502, {}))
    with pytest.raises(APIStatusError):
        await client.config.callbacks.delete("langfuse")
    assert len(proxy.seen) == 1


async def test_allowed_ips(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/get/allowed_ips", reply(200, {"data": ["10.0.0.1"]}), reply(200, {}))
    proxy.on("POST", "/add/allowed_ip", reply(200, OK))
    proxy.on("POST", "/delete/allowed_ip", reply(200, OK))
    assert (await client.config.allowed_ips.list()).data == ["10.0.0.1"]
    assert (await client.config.allowed_ips.list()).data is None
    assert (await client.config.allowed_ips.add("10.0.0.2")).status == "success"
    assert (await client.config.allowed_ips.delete("10.0.0.2")).message == "done"
    assert [s.json() for s in proxy.seen[2:]] == [{"ip": "10.0.0.2"}] * 2
    with pytest.raises(TypeError):
        await client.config.allowed_ips.add("")
    with pytest.raises(TypeError):
        await client.config.allowed_ips.delete("")


async def test_ip_add_is_not_retried(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/add/allowed_ip", reply(502, {}))
    with pytest.raises(APIStatusError):
        await client.config.allowed_ips.add("10.0.0.2")
    assert len(proxy.seen) == 1


@pytest.mark.parametrize("name", ["hashicorp_vault", "cyberark"])
async def test_secret_manager_overrides(name: str, proxy: FakeProxy, client: LiteLLMClient) -> None:
    base = f"/config_overrides/{name}"
    proxy.on(
        "GET",
        base,
        reply(200, {"config_type": name, "values": {"token": "****"}, "field_schema": {"a": {}}}),
    )
    proxy.on("POST", base, reply(200, OK))
    proxy.on("DELETE", base, reply(200, OK))
    proxy.on("POST", f"{base}/test_connection", reply(200, OK))
    resource = getattr(client.config, name)
    got = await resource.retrieve()
    assert isinstance(got, ConfigOverride)
    assert (got.config_type, got.values) == (name, {"token": "****"})
    if name == "cyberark":
        await resource.update(cyberark_api_base="https://c", cyberark_account="acct")
        body: dict[str, Any] = {"cyberark_api_base": "https://c", "cyberark_account": "acct"}
    else:
        await resource.update(vault_addr="https://v", vault_token="t")
        body = {"vault_addr": "https://v", "vault_token": "t"}
    assert (await resource.delete()).status == "success"
    assert (await resource.test_connection()).message == "done"
    assert proxy.seen[1].json() == body
    assert [(s.method, s.path) for s in proxy.seen] == [
        ("GET", base),
        ("POST", base),
        ("DELETE", base),
        ("POST", f"{base}/test_connection"),
    ]


async def test_coordination_redis(proxy: FakeProxy, client: LiteLLMClient) -> None:
    path = "/coordination_redis/settings"
    proxy.on("GET", path, reply(200, {"values": {}, "fields": [{"field_name": "host"}]}))
    proxy.on("POST", path, reply(200, {**OK, "settings": {"host": "r", "password": "***"}}))
    proxy.on("POST", f"{path}/test", reply(200, {"status": "unhealthy", "error": "refused"}))
    got = await client.config.coordination_redis.retrieve()
    assert got.source is None and got.fields[0]["field_name"] == "host"
    saved = await client.config.coordination_redis.update(settings={"host": "r"})
    assert saved.status == "success" and saved.settings == {"host": "r", "password": "***"}
    tested = await client.config.coordination_redis.test(settings={"host": "r"})
    assert (tested.status, tested.error) == ("unhealthy", "refused")
    assert [s.json() for s in proxy.seen[1:]] == [{"settings": {"host": "r"}}] * 2
    with pytest.raises(TypeError, match="settings"):
        await client.config.coordination_redis.update()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="settings"):
        await client.config.coordination_redis.test()  # type: ignore[call-arg]
    assert len(proxy.seen) == 3


async def test_anthropic_beta_headers(proxy: FakeProxy, client: LiteLLMClient) -> None:
    path = "/schedule/anthropic_beta_headers_reload"
    proxy.on(
        "POST",
        "/reload/anthropic_beta_headers",
        reply(200, {**OK, "providers_count": 3, "timestamp": "t"}),
    )
    proxy.on("POST", path, reply(200, {**OK, "interval_hours": 6}))
    proxy.on("DELETE", path, reply(200, OK))
    proxy.on(
        "GET",
        f"{path}/status",
        reply(200, {"scheduled": False, "interval_hours": None, "last_run": None}),
    )
    beta = client.config.anthropic_beta_headers
    assert (await beta.reload()).providers_count == 3
    assert (await beta.schedule(6)).interval_hours == 6
    assert (await beta.cancel()).status == "success"
    status = await beta.status()
    assert status.scheduled is False and status.next_run is None
    assert proxy.seen[1].query == {"hours": "6"}
    with pytest.raises(ValueError, match="greater than 0"):
        await beta.schedule(0)
    for bad in ("6", True):
        with pytest.raises(TypeError, match="int"):
            await beta.schedule(bad)  # type: ignore[arg-type]
    assert len(proxy.seen) == 4
