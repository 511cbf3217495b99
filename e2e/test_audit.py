"""The audit log against the real proxy. It records changes only with an enterprise licence,
so here the log answers, typed and paged, but empty; a missing entry is a typed 404."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm.types.audit import AuditLog, AuditLogPage

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_list_and_retrieve(admin: LiteLLMClient) -> None:
    page = await admin.audit.list(page_size=5, table_name="LiteLLM_VerificationToken")
    assert isinstance(page, AuditLogPage)
    assert (page.page, page.page_size) == (1, 5)
    assert page.total is not None and page.total_pages is not None
    assert len(page.audit_logs) == min(page.total, 5)

    walked = [log async for log in admin.audit.list(page_size=100, sort_order="asc")]
    assert all(isinstance(log, AuditLog) for log in walked)
    assert len({log.id for log in walked}) == len(walked)
    if walked:  # a licensed proxy keeps entries: each one reads back
        again = await admin.audit.retrieve(walked[0].id)
        assert again.id == walked[0].id and again.action == walked[0].action

    missing = f"e2e-{uuid.uuid4().hex}"
    with pytest.raises(NotFoundError, match=f"Audit log with ID {missing} not found"):
        await admin.audit.retrieve(missing)
