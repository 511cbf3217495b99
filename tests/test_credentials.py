"""``client.credentials``: what each method sends, what it returns, the list pager, the user
connections, and the refusals made before any request."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import ConflictError, InternalServerError, LiteLLMClient
from aio_litellm.types.credentials import Credential, UserConnection

from .conftest import FakeProxy, reply

# Arguments beyond the path parameters, for tests/test_routes.py.
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "credentials.create": {
        "credential_name": "c",
        "credential_info": {},
        "credential_values": {"api_key": "k"},
    },
    "credentials.update": {"credential_info": {}},
}

OK = {"success": True, "message": "done"}


def cred(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "credential_name": name,
        "display_name": None,
        "credential_info": {"custom_llm_provider": "openai"},
        "credential_values": {"api_key": "sk****56"},
        "source": "db",
        **extra,
    }


async def test_create_sends_the_credential_once(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/credentials", reply(200, OK))
    result = await client.credentials.create(
        credential_name="openai-prod",
        credential_info={"custom_llm_provider": "openai"},
        credential_values={"api_key": "sk-secret"},
    )
    assert (result.success, result.message) == (True, "done")
    assert proxy.seen[-1].json() == {
        "credential_name": "openai-prod",
        "credential_info": {"custom_llm_provider": "openai"},
        "credential_values": {"api_key": "sk-secret"},
    }
    await client.credentials.create(credential_name="c", credential_info={}, model_id="dep-1")
    assert proxy.seen[-1].json()["model_id"] == "dep-1"
    # A create that may have been applied is not repeated (a 409 answers the second one).
    proxy.on("POST", "/credentials", reply(409, {"error": {"message": "exists"}}))
    with pytest.raises(ConflictError):
        await client.credentials.create(credential_name="c", credential_info={}, model_id="d")
    assert len(proxy.seen) == 3


async def test_create_refuses_incomplete_credentials(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="credential_values or model_id"):
        await client.credentials.create(credential_name="c", credential_info={})
    with pytest.raises(TypeError, match="credential_name"):
        await client.credentials.create(
            credential_name="", credential_info={}, credential_values={"k": "v"}
        )
    with pytest.raises(TypeError, match="credential_info"):
        await client.credentials.create(  # type: ignore[call-arg]
            credential_name="c", credential_values={"k": "v"}
        )
    assert proxy.seen == []


async def test_read_routes_escape_names(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/credentials/by_name/team/a b", reply(200, cred("team/a b", x_new=1)))
    proxy.on("GET", "/credentials/by_model/dep-1", reply(200, cred("gpt-credential-dep-1")))
    proxy.on("GET", "/credentials/team/a b/jwks", reply(200, {"keys": [{"kty": "EC"}]}))
    found = await client.credentials.retrieve("team/a b")
    assert isinstance(found, Credential) and found.credential_values == {"api_key": "sk****56"}
    assert found.source == "db" and found.model_extra == {"x_new": 1}
    assert proxy.seen[-1].raw_path == "/credentials/by_name/team%2Fa%20b"
    assert (await client.credentials.by_model("dep-1")).credential_name == "gpt-credential-dep-1"
    assert await client.credentials.jwks("team/a b") == {"keys": [{"kty": "EC"}]}
    assert proxy.seen[-1].raw_path == "/credentials/team%2Fa%20b/jwks"


async def test_list_is_one_page(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET", "/credentials", reply(200, {"success": True, "credentials": [cred("a"), cred("b")]})
    )
    page = await client.credentials.list()
    assert [c.credential_name for c in page.credentials] == ["a", "b"]
    assert [c.credential_name async for c in client.credentials.list()] == ["a", "b"]
    assert len(proxy.seen) == 2 and proxy.seen[-1].query == {}


async def test_update_and_delete(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("PATCH", "/credentials/a/b", reply(500, {}), reply(200, OK))
    proxy.on("DELETE", "/credentials/a/b", reply(200, OK))
    result = await client.credentials.update(
        "a/b",
        credential_info={"note": "n"},
        display_name="Prod",
        credential_values_to_delete=["api_base"],
    )
    assert result.success is True
    patches = proxy.calls("PATCH")
    assert len(patches) == 2  # an update is safe to repeat
    assert patches[-1].raw_path == "/credentials/a%2Fb"
    assert patches[-1].json() == {
        "credential_info": {"note": "n"},
        "display_name": "Prod",
        "credential_values_to_delete": ["api_base"],
    }
    await client.credentials.update("a/b", credential_name="a/b", credential_info={})
    assert (await client.credentials.delete("a/b")).message == "done"
    assert proxy.seen[-1].method == "DELETE"
    with pytest.raises(ValueError, match="cannot change"):
        await client.credentials.update("a/b", credential_name="c", credential_info={})
    with pytest.raises(TypeError, match="credential_info"):
        await client.credentials.update("a/b", display_name="x")  # type: ignore[call-arg]
    assert len(proxy.seen) == 4


async def test_encryption_migration(proxy: FakeProxy, client: LiteLLMClient) -> None:
    scan = {
        "residual_legacy": 2,
        "total_undecryptable": 0,
        "locations": {"credentials": {"scanned": 2, "legacy": 2}},
    }
    proxy.on(
        "POST", "/credentials/migrate-encryption", reply(200, {"dry_run": True, "report": scan})
    )
    proxy.on("GET", "/credentials/migrate-encryption/check", reply(200, {"report": scan}))
    report = await client.credentials.migrate_encryption(dry_run=True)
    assert report.dry_run is True and report.report.residual_legacy == 2
    assert proxy.seen[-1].query == {"dry_run": "true"} and proxy.seen[-1].body == b""
    checked = await client.credentials.check_encryption()
    assert checked.report.locations == {"credentials": {"scanned": 2, "legacy": 2}}


async def test_user_connections(proxy: FakeProxy, client: LiteLLMClient) -> None:
    listed = {"connections": [{"credential_name": "gh", "provider": "github_copilot"}]}
    proxy.on("GET", "/credentials/user_connections", reply(200, listed))
    flow = {
        "user_code": "ABCD-1234",
        "verification_uri": "https://github.com/login/device",
        "expires_in": 900,
        "interval": 5,
        "flow_handle": "opaque",
    }
    proxy.on("POST", "/credentials/gh/user_connection/start", reply(500, {}), reply(200, flow))
    proxy.on(
        "POST",
        "/credentials/gh/user_connection/poll",
        reply(200, {"status": "connected", "github_login": "octo"}),
    )
    proxy.on("DELETE", "/credentials/gh/user_connection", reply(200, {"status": "disconnected"}))
    connections = client.credentials.user_connections

    assert [c async for c in connections.list()] == [
        UserConnection(credential_name="gh", provider="github_copilot", connected=False)
    ]
    # Starting a flow issues a new device code: not repeated after a failure.
    with pytest.raises(InternalServerError):
        await connections.start("gh")
    started = await connections.start("gh")
    assert (started.user_code, started.interval, started.flow_handle) == ("ABCD-1234", 5, "opaque")
    polled = await connections.poll("gh", started.flow_handle)
    assert (polled.status, polled.github_login) == ("connected", "octo")
    assert proxy.seen[-1].json() == {"flow_handle": "opaque"}
    assert (await connections.delete("gh")).status == "disconnected"
    assert len(proxy.calls("POST", "/credentials/gh/user_connection/start")) == 2
    with pytest.raises(TypeError, match="flow_handle"):
        await connections.poll("gh", "")
    assert len(proxy.seen) == 5
