"""Parameters and results of ``client.compliance`` (regulatory checks of a logged request)."""

from __future__ import annotations

from .._models import BaseModel, Response
from .params.compliance import ComplianceEuAiActParams, ComplianceGdprParams

__all__ = [
    "ComplianceCheck",
    "ComplianceEuAiActParams",
    "ComplianceGdprParams",
    "ComplianceResult",
]


class ComplianceCheck(BaseModel):
    """One article's check: ``passed``, and why in ``detail``."""

    check_name: str | None = None
    article: str | None = None
    passed: bool = False
    detail: str | None = None


class ComplianceResult(Response):
    """``compliant`` when every check passed."""

    compliant: bool = False
    regulation: str | None = None
    checks: list[ComplianceCheck] = []
