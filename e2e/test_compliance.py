"""The compliance checks against the real proxy: a verdict computed from the fields sent."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.compliance import ComplianceEuAiActParams

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]

SCREENED = [{"guardrail_name": "pii", "guardrail_mode": "pre_call", "guardrail_status": "success"}]


async def test_a_complete_screened_record_complies(admin: LiteLLMClient) -> None:
    record: ComplianceEuAiActParams = {
        "request_id": f"e2e-{uuid.uuid4().hex}",
        "user_id": "u1",
        "model": "fake-gpt",
        "timestamp": "2026-11-27T13:00:00Z",
        "guardrail_information": SCREENED,
    }
    eu = await admin.compliance.eu_ai_act(**record)
    assert (eu.compliant, eu.regulation) == (True, "EU AI Act")
    assert [c.article for c in eu.checks] == ["Art. 9", "Art. 5", "Art. 12"]
    gdpr = await admin.compliance.gdpr(**record)
    assert (gdpr.compliant, gdpr.regulation) == (True, "GDPR")
    assert [c.article for c in gdpr.checks] == ["Art. 32", "Art. 5(1)(c)", "Art. 30"]
    assert all(c.passed for c in [*eu.checks, *gdpr.checks])


async def test_a_bare_record_fails_every_check(admin: LiteLLMClient) -> None:
    eu = await admin.compliance.eu_ai_act(request_id=f"e2e-{uuid.uuid4().hex}")
    assert eu.compliant is False and not any(c.passed for c in eu.checks)
    audit = next(c for c in eu.checks if c.article == "Art. 12")
    assert audit.detail == "Missing: user_id, model, timestamp, guardrail_results"
    gdpr = await admin.compliance.gdpr(request_id="r", guardrail_information=[])
    assert gdpr.compliant is False
    assert [c.detail for c in gdpr.checks][:2] == [
        "No pre-call data protection applied",
        "No pre-call guardrails to protect sensitive data",
    ]
