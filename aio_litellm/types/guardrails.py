"""Parameters and results of ``client.guardrails``.

A guardrail's ``litellm_params`` is an open object (each provider adds its own settings): the
models type the fields every guardrail has and keep the rest as extra fields. Usage results keep
the proxy's camelCase field names (``requestsEvaluated``), as its dashboard reads them.
"""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from ._camel import CamelModel, CamelResponse
from .params.guardrails import (
    ApplyGuardrailParams,
    GuardrailsParams,
    GuardrailsPatchParams,
    GuardrailsPutParams,
    GuardrailsRegisterParams,
    GuardrailsSubmissionsQuery,
    GuardrailsTestCustomCodeParams,
    GuardrailsUsageDetailQuery,
    GuardrailsUsageLogsQuery,
    GuardrailsUsageOverviewQuery,
)

__all__ = [
    "ApplyGuardrailParams",
    "ApplyGuardrailResponse",
    "BlockedWordsValidation",
    "CategoryFile",
    "CustomCodeTestResult",
    "Guardrail",
    "GuardrailCreateParams",
    "GuardrailDeleted",
    "GuardrailList",
    "GuardrailParams",
    "GuardrailPatchParams",
    "GuardrailRegisterParams",
    "GuardrailRegistration",
    "GuardrailSubmission",
    "GuardrailSubmissionDecision",
    "GuardrailSubmissionList",
    "GuardrailSubmissionSummary",
    "GuardrailSubmissionsQuery",
    "GuardrailTestCustomCodeParams",
    "GuardrailUISettings",
    "GuardrailUpdateParams",
    "GuardrailUsageDetail",
    "GuardrailUsageDetailQuery",
    "GuardrailUsageLogsQuery",
    "GuardrailUsageOverviewQuery",
    "MajorAirlines",
    "UsageChartPoint",
    "UsageLogEntry",
    "UsageLogsPage",
    "UsageOverview",
    "UsageOverviewRow",
]

GuardrailCreateParams = GuardrailsParams
GuardrailUpdateParams = GuardrailsPutParams
GuardrailPatchParams = GuardrailsPatchParams
GuardrailRegisterParams = GuardrailsRegisterParams
GuardrailSubmissionsQuery = GuardrailsSubmissionsQuery
GuardrailTestCustomCodeParams = GuardrailsTestCustomCodeParams
GuardrailUsageDetailQuery = GuardrailsUsageDetailQuery
GuardrailUsageLogsQuery = GuardrailsUsageLogsQuery
GuardrailUsageOverviewQuery = GuardrailsUsageOverviewQuery


class GuardrailParams(BaseModel):
    """A guardrail's ``litellm_params``: its provider (``guardrail``), when it runs (``mode``:
    one hook or a list) and the provider's own settings (extra fields; secrets come masked)."""

    guardrail: str | None = None
    mode: str | list[str] | None = None
    default_on: bool | None = None


class Guardrail(Response):
    """A guardrail of the database (``guardrail_definition_location="db"``) or of the config."""

    guardrail_id: str | None = None
    guardrail_name: str | None = None
    litellm_params: GuardrailParams | None = None
    guardrail_info: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    guardrail_definition_location: str | None = None


class GuardrailDeleted(Response):
    """``message``: "Guardrail <id> deleted successfully"."""

    message: str | None = None


class GuardrailList(Response):
    """``{"guardrails": [...]}``: every guardrail in one answer."""

    guardrails: list[Guardrail] = []


class ApplyGuardrailResponse(Response):
    """The text after the guardrail ran (masked, rewritten or unchanged). With
    ``response_format="native"`` the provider's own answer is kept as extra fields."""

    response_text: str | None = None


class GuardrailRegistration(Response):
    """A team's guardrail submitted for review (``status="pending_review"``)."""

    guardrail_id: str | None = None
    guardrail_name: str | None = None
    status: str | None = None
    submitted_at: str | None = None


class GuardrailSubmission(Response):
    """A team guardrail: ``status`` is ``pending_review``, ``active`` or ``rejected``."""

    guardrail_id: str | None = None
    guardrail_name: str | None = None
    status: str | None = None
    team_id: str | None = None
    team_guardrail: bool | None = None
    litellm_params: dict[str, Any] | None = None
    guardrail_info: dict[str, Any] | None = None
    submitted_by_user_id: str | None = None
    submitted_by_email: str | None = None
    submitted_at: str | None = None
    reviewed_at: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class GuardrailSubmissionSummary(BaseModel):
    """Counts over every team guardrail the caller sees (before the list's filters)."""

    total: int = 0
    pending_review: int = 0
    active: int = 0
    rejected: int = 0


class GuardrailSubmissionList(Response):
    submissions: list[GuardrailSubmission] = []
    summary: GuardrailSubmissionSummary | None = None


class GuardrailSubmissionDecision(Response):
    """The answer to an approve or reject; ``warning`` when an approved guardrail could not be
    started yet (the proxy picks it up on its next sync)."""

    guardrail_id: str | None = None
    status: str | None = None
    message: str | None = None
    warning: str | None = None


class CustomCodeTestResult(Response):
    """``success`` and the guardrail's ``result`` (action, reason, modified texts), or the
    ``error`` and its ``error_type`` (``compilation`` / ``execution``)."""

    success: bool = False
    result: dict[str, Any] | None = None
    error: str | None = None
    error_type: str | None = None


class BlockedWordsValidation(Response):
    """Whether a blocked-words YAML file is valid: ``message`` if so, else ``error`` or a list
    of ``errors``."""

    valid: bool = False
    message: str | None = None
    error: str | None = None
    errors: list[str] = []


class GuardrailUISettings(Response):
    """What the UI offers when adding a guardrail: entities, actions, modes (per provider)."""

    supported_entities: list[str] = []
    supported_actions: list[str] = []
    supported_modes: list[str] = []
    supported_modes_by_provider: dict[str, list[str]] = {}
    pii_entity_categories: list[dict[str, Any]] = []
    content_filter_settings: dict[str, Any] | None = None


class CategoryFile(Response):
    """One content-filter category file; ``yaml_content`` holds it whatever its ``file_type``."""

    category_name: str | None = None
    yaml_content: str | None = None
    file_type: str | None = None


class MajorAirlines(Response):
    airlines: list[dict[str, Any]] = []


class UsageChartPoint(BaseModel):
    date: str | None = None
    passed: int = 0
    blocked: int = 0
    score: float | None = None


class _UsageMetrics(CamelModel):
    """What the usage routes report of a guardrail or policy (camelCase on the wire)."""

    type: str | None = None
    provider: str | None = None
    requests_evaluated: int = 0
    fail_rate: float = 0.0
    avg_score: float | None = None
    avg_latency: float | None = None
    status: str | None = None
    """healthy, warning or critical."""
    trend: str | None = None
    cost: float | None = None


class UsageOverviewRow(_UsageMetrics):
    """One guardrail (or policy) over the window."""

    id: str | None = None
    name: str | None = None
    usage_units: dict[str, int] = {}


class UsageOverview(CamelResponse):
    """Guardrails' (or policies') dashboard between two dates (default: the last 7 days)."""

    rows: list[UsageOverviewRow] = []
    chart: list[UsageChartPoint] = []
    total_requests: int = 0
    total_blocked: int = 0
    pass_rate: float = 100.0
    total_usage_units: dict[str, int] = {}
    total_cost: float | None = None


class GuardrailUsageDetail(_UsageMetrics, CamelResponse):
    """One guardrail's metrics and daily time series."""

    guardrail_id: str | None = None
    guardrail_name: str | None = None
    description: str | None = None
    time_series: list[UsageChartPoint] = []
    usage_units: dict[str, int] = {}


class UsageLogEntry(BaseModel):
    """One run: ``action`` is blocked, passed, flagged or not_run."""

    id: str | None = None
    timestamp: str | None = None
    action: str | None = None
    score: float | None = None
    latency_ms: float | None = None
    model: str | None = None
    input_snippet: str | None = None
    output_snippet: str | None = None
    reason: str | None = None


class UsageLogsPage(Response):
    """A page of run logs; ``total`` counts runs before the ``action`` filter."""

    logs: list[UsageLogEntry] = []
    total: int = 0
    page: int = 1
    page_size: int = 50
