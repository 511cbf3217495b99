"""Parameters and results of ``client.router_settings``: the router's settings, the
auto-routers (complexity routing, benchmarks, sessions, shadow evals) and the adaptive routers'
live state. Settings are open objects: a typed core, the rest kept."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.router_settings import (
    AutoRouterAvailabilityParams,
    AutoRouterBenchmarksQuery,
    AutoRouterClassifierDefaultPromptPostParams,
    AutoRouterClassifierDefaultPromptQuery,
    AutoRouterShadowEvalQuery,
    AutoRouterShadowEvalStartParams,
    AutoRouterTestRoutingParams,
    AutoRouterValidateComplexityRouterConfigParams,
)

__all__ = [
    "AdaptiveRouterState",
    "AutoRouterAllowance",
    "AutoRouterAvailability",
    "AutoRouterAvailabilityParams",
    "AutoRouterBenchmarks",
    "AutoRouterBenchmarksQuery",
    "AutoRouterSession",
    "ClassifierPrompt",
    "ClassifierPromptParams",
    "ClassifierPromptQuery",
    "ComplexityRouterValidation",
    "RouterFields",
    "RouterSettingsField",
    "RouterSettingsInfo",
    "RoutingTest",
    "RoutingTestParams",
    "ShadowEvalJob",
    "ShadowEvalListQuery",
    "ShadowEvalStartParams",
    "ShadowEvalTarget",
    "ValidateComplexityRouterParams",
]

ClassifierPromptQuery = AutoRouterClassifierDefaultPromptQuery
ClassifierPromptParams = AutoRouterClassifierDefaultPromptPostParams
RoutingTestParams = AutoRouterTestRoutingParams
ValidateComplexityRouterParams = AutoRouterValidateComplexityRouterConfigParams
ShadowEvalListQuery = AutoRouterShadowEvalQuery
ShadowEvalStartParams = AutoRouterShadowEvalStartParams


class RouterSettingsField(BaseModel):
    """One router setting: name, type, description, default and (on ``/router/settings``)
    its value; ``options`` for a choice."""

    field_name: str
    field_type: str = ""
    field_value: Any = None
    field_description: str = ""
    field_default: Any = None
    options: list[str] | None = None
    ui_field_name: str = ""
    link: str | None = None


class RouterFields(Response):
    """The router settings the proxy knows, without values."""

    fields: list[RouterSettingsField] = []
    routing_strategy_descriptions: dict[str, str] = {}
    routing_group_strategies: list[str] = []


class RouterSettingsInfo(RouterFields):
    """The router settings with their current values and where each comes from
    (``config``, ``db``, ``env``, ``default``...)."""

    current_values: dict[str, Any] = {}
    source: dict[str, Any] = {}


class AdaptiveRouterState(Response):
    """``{"routers": [...]}``: one live snapshot (posteriors, queue depth) per adaptive router."""

    routers: list[dict[str, Any]] = []


class AutoRouterAllowance(BaseModel):
    """How many more auto-routers of a kind the licence allows (None: no limit)."""

    key: str
    limit: int | None = None
    remaining: int | None = None


class AutoRouterAvailability(Response):
    """The auto-router allowances of the caller (or ``error``)."""

    allowances: list[AutoRouterAllowance] = []
    error: str | None = None


class ComplexityRouterValidation(Response):
    """Whether a complexity-router config is valid, and why not."""

    valid: bool
    error: str | None = None


class RoutingTest(Response):
    """Where a prompt would be routed, and the decision record it would log."""

    routed_model: str
    routed_model_configured: bool = False
    routing_decision: dict[str, Any] = {}


class ClassifierPrompt(Response):
    """The system prompt an auto-router's LLM classifier would send."""

    system_prompt: str


class AutoRouterBenchmarks(Response):
    """Auto-router benchmarks over a window of UTC days: totals and one group per router."""

    start_date: str | None = None
    end_date: str | None = None
    routers_in_scope: int = 0
    totals: dict[str, Any] = {}
    groups: list[dict[str, Any]] = []


class AutoRouterSession(Response):
    """One auto-routed session: its router, turns, last model and spend against the router's
    savings baseline."""

    session_id: str
    router_name: str | None = None
    router_type: str | None = None
    turns: int = 0
    last_model: str | None = None
    spend: float = 0.0
    saved_spend: float | None = None


class ShadowEvalTarget(BaseModel):
    """A key, team or user whose traffic a shadow eval samples, with its budget."""

    target_type: str
    target_id: str
    max_turns: int | None = None
    max_budget: float | None = None
    stopped_at: str | None = None


class ShadowEvalJob(Response):
    """A shadow eval job; counts, judge spend and results come with ``retrieve`` only."""

    job_id: str
    targets: list[ShadowEvalTarget] = []
    router_names: list[str] = []
    models: list[str] = []
    direction: str = "forward"
    baseline_model: str | None = None
    judge_model: str | None = None
    shadow_percentage: float | None = None
    created_at: str | None = None
    ends_at: str | None = None
    stopped_by: str | None = None
    status: str | None = None
    judged_count: int | None = None
    error_count: int | None = None
    judge_spend: float | None = None
    last_error: str | None = None
    results: dict[str, Any] | None = None
