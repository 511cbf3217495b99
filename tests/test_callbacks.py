"""``client.callbacks``: wire routes, typed results, and that every inventory row of the group
is declared."""

from __future__ import annotations

import csv
from pathlib import Path

from aio_litellm import LiteLLMClient
from aio_litellm._routes import all_endpoints
from aio_litellm.types.callbacks import CallbackConfig

from .conftest import FakeProxy, reply

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"


def test_every_inventory_row_is_declared() -> None:
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "callbacks"
        }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.attr.startswith("callbacks.")}
    assert len(rows) == 3
    assert rows <= declared


async def test_list_active_configs(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/callbacks/list",
        reply(200, {"success": ["langfuse"], "failure": [], "success_and_failure": ["x"]}),
    )
    proxy.on(
        "GET",
        "/active/callbacks",
        reply(
            200,
            {
                "alerting": "None",
                "litellm.callbacks": ["<obj>"],
                "litellm.success_callback": ["langfuse"],
                "litellm._async_success_callback": ["a"],
                "all_litellm_callbacks": ["<obj>", "langfuse"],
                "num_callbacks": 2,
                "num_alerting": 0,
                "litellm.request_timeout": 30.0,
            },
        ),
    )
    proxy.on(
        "GET",
        "/callbacks/configs",
        reply(
            200,
            [
                {
                    "id": "arize",
                    "displayName": "Arize",
                    "logo": "arize.png",
                    "supports_key_team_logging": True,
                    "dynamic_params": {"arize_api_key": {"type": "password"}},
                }
            ],
        ),
    )
    listed = await client.callbacks.list()
    assert (listed.success, listed.success_and_failure) == (["langfuse"], ["x"])
    active = await client.callbacks.active()
    assert active.success_callback == ["langfuse"] and active.callbacks == ["<obj>"]
    assert (active.num_callbacks, active.request_timeout) == (2, 30.0)
    assert active.failure_callback == []
    assert active.model_extra == {"litellm._async_success_callback": ["a"]}
    configs = await client.callbacks.configs()
    assert isinstance(configs[0], CallbackConfig)
    assert (configs[0].id, configs[0].display_name) == ("arize", "Arize")
    assert configs[0].supports_key_team_logging
    assert [s.path for s in proxy.seen] == [
        "/callbacks/list",
        "/active/callbacks",
        "/callbacks/configs",
    ]
