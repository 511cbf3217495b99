"""JWT key mappings against the proxy's real database: the whole lifecycle, on a virtual key of
the test's own."""

from __future__ import annotations

import hashlib
import uuid

import pytest

from aio_litellm import BadRequestError, ConflictError, LiteLLMClient, NotFoundError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_key_mapping_lifecycle(admin: LiteLLMClient) -> None:
    claim = f"e2e-{uuid.uuid4().hex[:12]}"
    key = await admin.keys.create(key_alias=f"jwt-{claim}")
    other = await admin.keys.create(key_alias=f"jwt-{claim}-2")
    km = admin.jwt.key_mappings
    try:
        created = await km.create(
            jwt_claim_name="sub", jwt_claim_value=claim, key=key.key, jwt_issuer=None
        )
        assert (created.jwt_claim_name, created.jwt_claim_value) == ("sub", claim)
        assert created.is_active is True and created.jwt_issuer is None
        assert created.created_at and created.id
        # The mapped key is never answered, as plaintext or hash.
        assert key.key not in created.model_dump_json()

        got = await km.info(created.id)
        assert (got.id, got.jwt_claim_value) == (created.id, claim)

        # The same claim again is a conflict; a key the proxy does not have is refused.
        with pytest.raises(ConflictError, match="already exists"):
            await km.create(jwt_claim_name="sub", jwt_claim_value=claim, key=key.key)
        with pytest.raises(BadRequestError, match="existing virtual key"):
            await km.create(
                jwt_claim_name="sub", jwt_claim_value=claim + "-x", key="sk-" + uuid.uuid4().hex
            )

        token = hashlib.sha256((other.key or "").encode()).hexdigest()
        updated = await km.update(created.id, is_active=False, token=token, description="moved")
        assert (updated.is_active, updated.description) == (False, "moved")
        assert updated.updated_at != created.updated_at

        first = await km.list(size=1)
        assert first.total_count is not None and first.total_count >= 1
        assert first.current_page == 1 and len(first.mappings) == 1
        seen = [m async for m in km.list(size=1) if m.jwt_claim_value == claim]
        assert [(m.id, m.is_active) for m in seen] == [(created.id, False)]

        assert await km.delete(created.id) == {"status": "success"}
        with pytest.raises(NotFoundError, match="Mapping not found"):
            await km.info(created.id)
        with pytest.raises(NotFoundError):
            await km.delete(created.id)
    finally:
        await admin.keys.delete([key.key, other.key])
