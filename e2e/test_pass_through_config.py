"""Pass-through endpoints against the real proxy: create one, call through it, change it,
delete it (a created endpoint is live at once)."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_pass_through_endpoint_lifecycle(admin: LiteLLMClient, stack: Stack) -> None:
    if not stack.provider_url:
        pytest.skip("no fake provider in this stack")
    path = f"/e2e-pt-{uuid.uuid4().hex[:12]}"
    target = f"{stack.provider_url}/v1/chat/completions"
    created = await admin.pass_through_config.create(path=path, target=target, methods=["POST"])
    (endpoint,) = created.endpoints
    assert endpoint.id and endpoint.path == path and endpoint.target == target
    endpoint_id = endpoint.id
    try:
        listed = await admin.pass_through_config.list()
        assert endpoint_id in {e.id for e in listed.endpoints}

        reply = await admin.request(
            "POST",
            path,
            json={"model": "fake-gpt", "messages": [{"role": "user", "content": "through"}]},
        )
        assert reply["choices"][0]["message"]["content"] == "echo: through"

        updated = await admin.pass_through_config.update(
            endpoint_id, path=path, target=target, cost_per_request=0.25
        )
        assert updated.endpoints[0].cost_per_request == 0.25
        assert updated.endpoints[0].methods == ["POST"]  # fields not given are kept
    finally:
        deleted = await admin.pass_through_config.delete(endpoint_id)
    assert deleted.endpoints[0].id == endpoint_id
    listed = await admin.pass_through_config.list()
    assert endpoint_id not in {e.id for e in listed.endpoints}
