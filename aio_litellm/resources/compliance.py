"""``client.compliance``: check a logged request against the EU AI Act or GDPR
(``/compliance/*``).

The proxy judges only the fields sent (a spend log entry's ``user_id``, ``model``,
``timestamp`` and ``guardrail_information``); it does not look the request up.
"""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from ..types.compliance import ComplianceEuAiActParams, ComplianceGdprParams, ComplianceResult

__all__ = ["Compliance"]

# Checks only compute an answer from the body: safe to send twice.
EU_AI_ACT = Endpoint("POST", "/compliance/eu-ai-act", ComplianceResult, "compliance.eu_ai_act")
GDPR = Endpoint("POST", "/compliance/gdpr", ComplianceResult, "compliance.gdpr")


class Compliance(Resource):
    """Regulatory checks of one request's log entry."""

    __slots__ = ()

    async def eu_ai_act(self, **params: Unpack[ComplianceEuAiActParams]) -> ComplianceResult:
        """Art. 9 (guardrails ran), Art. 5 (pre-call screening), Art. 12 (complete audit
        record). ``POST /compliance/eu-ai-act``."""
        require("compliance.eu_ai_act", params, "request_id")
        return await self._client._call(EU_AI_ACT, json=params)

    async def gdpr(self, **params: Unpack[ComplianceGdprParams]) -> ComplianceResult:
        """Art. 32 (pre-call data protection), Art. 5(1)(c) (sensitive data masked, blocked or
        absent), Art. 30 (complete audit record). ``POST /compliance/gdpr``."""
        require("compliance.gdpr", params, "request_id")
        return await self._client._call(GDPR, json=params)
