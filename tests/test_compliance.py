"""``client.compliance``: the body each check sends and the typed verdict."""

from __future__ import annotations

from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm.types.compliance import ComplianceResult

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "compliance.eu_ai_act": {"request_id": "r1"},
    "compliance.gdpr": {"request_id": "r1"},
}

GUARDRAILS = [
    {"guardrail_name": "pii", "guardrail_mode": "pre_call", "guardrail_status": "success"}
]


def verdict(regulation: str, *passed: bool) -> dict[str, Any]:
    checks = [
        {"check_name": f"c{i}", "article": f"Art. {i}", "passed": ok, "detail": "d"}
        for i, ok in enumerate(passed)
    ]
    return {"compliant": all(passed), "regulation": regulation, "checks": checks}


@pytest.mark.parametrize(
    ("method", "path", "regulation"),
    [("eu_ai_act", "/compliance/eu-ai-act", "EU AI Act"), ("gdpr", "/compliance/gdpr", "GDPR")],
)
async def test_checks(
    proxy: FakeProxy, client: LiteLLMClient, method: str, path: str, regulation: str
) -> None:
    proxy.on("POST", path, reply(503, {}), reply(200, verdict(regulation, True, False, True)))
    check = getattr(client.compliance, method)
    result = await check(
        request_id="req-1",
        user_id="u1",
        model="fake-gpt",
        timestamp="2026-11-27T13:00:00Z",
        guardrail_information=GUARDRAILS,
    )
    assert isinstance(result, ComplianceResult)
    assert (result.compliant, result.regulation) == (False, regulation)
    assert [(c.article, c.passed) for c in result.checks] == [
        ("Art. 0", True),
        ("Art. 1", False),
        ("Art. 2", True),
    ]
    seen = proxy.calls("POST", path)
    assert len(seen) == 2  # a check changes nothing: sent again after a 503
    assert seen[-1].json() == {
        "request_id": "req-1",
        "user_id": "u1",
        "model": "fake-gpt",
        "timestamp": "2026-11-27T13:00:00Z",
        "guardrail_information": GUARDRAILS,
    }

    with pytest.raises(TypeError, match="request_id"):
        await check(request_id="")
    assert len(proxy.seen) == 2
