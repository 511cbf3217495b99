"""Stored credentials against the real proxy: the lifecycle (values always masked), lookups,
JWKS export, the encryption scan, and users' provider connections as far as they run without
GitHub."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest

from aio_litellm import (
    BadRequestError,
    ConflictError,
    InternalServerError,
    LiteLLMClient,
    NotFoundError,
)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


@contextlib.asynccontextmanager
async def stored(admin: LiteLLMClient, **values: str) -> AsyncIterator[str]:
    """A credential of ``values`` under a fresh name, deleted afterwards."""
    name = f"e2e-{uuid.uuid4().hex[:10]}"
    await admin.credentials.create(
        credential_name=name,
        credential_info={"custom_llm_provider": values.pop("provider", "openai")},
        credential_values=dict(values),
    )
    try:
        yield name
    finally:
        with contextlib.suppress(NotFoundError):
            await admin.credentials.delete(name)


async def test_credential_lifecycle(admin: LiteLLMClient) -> None:
    secret = "sk-e2e-" + uuid.uuid4().hex
    name = f"e2e-{uuid.uuid4().hex[:10]}/team"  # a name may contain slashes
    created = await admin.credentials.create(
        credential_name=name,
        credential_info={"custom_llm_provider": "openai"},
        credential_values={"api_key": secret, "api_base": "http://upstream.invalid/v1"},
    )
    assert created.success is True
    try:
        found = await admin.credentials.retrieve(name)
        assert found.credential_name == name and found.source == "db"
        assert found.credential_info == {"custom_llm_provider": "openai"}
        assert found.credential_values["api_base"] == "http://upstream.invalid/v1"
        masked = found.credential_values["api_key"]
        assert secret not in masked and "*" in masked
        listed = {c.credential_name: c async for c in admin.credentials.list()}
        assert name in listed and secret not in str(listed[name].credential_values)

        with pytest.raises(ConflictError):
            await admin.credentials.create(
                credential_name=name, credential_info={}, credential_values={"api_key": "x"}
            )

        updated = await admin.credentials.update(
            name,
            display_name="E2E credential",
            credential_info={"note": "e2e"},
            credential_values_to_delete=["api_base"],
        )
        assert updated.success is True
        after = await admin.credentials.retrieve(name)
        assert after.display_name == "E2E credential"
        assert after.credential_info == {"custom_llm_provider": "openai", "note": "e2e"}
        assert set(after.credential_values) == {"api_key"}
        assert after.credential_values["api_key"] == masked  # the secret itself is kept
    finally:
        assert (await admin.credentials.delete(name)).success is True
    with pytest.raises(NotFoundError):
        await admin.credentials.retrieve(name)
    with pytest.raises(NotFoundError):
        await admin.credentials.delete(name)


async def test_credential_of_a_config_model(admin: LiteLLMClient) -> None:
    model_id = next(
        d["model_info"]["id"]
        for d in (await admin.models.info()).data
        if d["model_name"] == "fake-gpt"
    )
    credential = await admin.credentials.by_model(model_id)
    assert credential.credential_name == f"fake-gpt-credential-{model_id}"
    assert credential.credential_values["api_key"] != "fake"  # masked
    with pytest.raises(NotFoundError):
        await admin.credentials.by_model("no-such-" + uuid.uuid4().hex)


async def test_jwks_export(admin: LiteLLMClient) -> None:
    async with stored(admin, api_key="sk-e2e") as name:
        with pytest.raises(NotFoundError, match="anthropic"):
            await admin.credentials.jwks(name)
    issuer = {
        "provider": "anthropic",
        "anthropic_identity_source": "internal_issuer",
        "anthropic_issuer_url": "https://issuer.invalid",
        "anthropic_issuer_subject": "e2e",
        "anthropic_issuer_signing_key_ref": "os.environ/AIO_LITELLM_E2E_NO_SUCH_PEM",
    }
    # An internal issuer whose signing key the proxy cannot read: refused, nothing exported.
    async with stored(admin, **issuer) as name:
        with pytest.raises(BadRequestError, match="could not be read"):
            await admin.credentials.jwks(name)


async def test_encryption_scan(admin: LiteLLMClient) -> None:
    async with stored(admin, api_key="sk-e2e"):
        scan = await admin.credentials.check_encryption()
    assert scan.status == "success"
    assert scan.report.locations["credentials"]["scanned"] >= 1
    assert scan.report.residual_legacy == sum(
        counts.get("legacy", 0) for counts in scan.report.locations.values()
    )
    # Migrating needs general_settings.encryption_algorithm: aes-256-gcm, which this proxy's
    # config does not set: even a dry run is refused (as a 500).
    with pytest.raises(InternalServerError):
        await admin.with_options(max_retries=0).credentials.migrate_encryption(dry_run=True)


async def test_user_connections_without_github(admin: LiteLLMClient) -> None:
    connections = admin.credentials.user_connections
    async with stored(
        admin, provider="github_copilot", github_copilot_auth_type="per_user_oauth"
    ) as name:
        listed = {c.credential_name: c async for c in connections.list()}
        assert listed[name].connected is False and listed[name].provider == "github_copilot"
        with pytest.raises(BadRequestError, match="flow_handle"):
            await connections.poll(name, "not-a-flow-handle")
        assert (await connections.delete(name)).status == "disconnected"
        # connections.start would ask github.com for a device code: not called here.
    async with stored(admin, api_key="sk-e2e") as name:
        with pytest.raises(NotFoundError):
            await connections.delete(name)  # not a per-user credential
