"""Parameters and results of ``client.policies``.

A policy adds and removes guardrails (inheriting from another policy); an attachment applies it
to teams, keys, models or tags. ``/policies/*`` manages the stored versions; ``/policy/*`` reads
what the proxy has loaded (config file and database) and tests it. Pipelines, conditions and
templates are open objects: typed cores, the rest kept as extra fields.
"""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .guardrails import UsageOverview
from .params.policies import (
    PoliciesAttachmentsEstimateImpactParams,
    PoliciesAttachmentsParams,
    PoliciesCompareQuery,
    PoliciesListQuery,
    PoliciesParams,
    PoliciesPutParams,
    PoliciesResolveParams,
    PoliciesTestPipelineParams,
    PoliciesUsageOverviewQuery,
    PolicyTemplatesEnrichParams,
    PolicyTemplatesSuggestParams,
    PolicyTemplatesTestParams,
    PolicyTestParams,
    UtilsTestPoliciesAndGuardrailsParams,
)

__all__ = [
    "AttachmentImpact",
    "Policy",
    "PolicyAttachment",
    "PolicyAttachmentCreateParams",
    "PolicyAttachmentList",
    "PolicyCompareQuery",
    "PolicyComparison",
    "PolicyCreateParams",
    "PolicyGuardrailChanges",
    "PolicyGuardrailTestResults",
    "PolicyInfo",
    "PolicyList",
    "PolicyListQuery",
    "PolicyMatch",
    "PolicyMatchContext",
    "PolicyMatchParams",
    "PolicyMatchResult",
    "PolicyMessage",
    "PolicyResolution",
    "PolicyResolveParams",
    "PolicyScope",
    "PolicySummary",
    "PolicyTemplateEnrichParams",
    "PolicyTemplateEnrichment",
    "PolicyTemplateEvent",
    "PolicyTemplateSuggestion",
    "PolicyAttachmentImpactParams",
    "PolicyTemplateSuggestParams",
    "PolicyTemplateTestParams",
    "PolicyTemplateTestResult",
    "PolicyTestGuardrailsParams",
    "PolicyTestPipelineParams",
    "PolicyUpdateParams",
    "PolicyUsageOverviewQuery",
    "PolicyValidation",
    "PolicyValidationIssue",
    "PolicyVersionList",
    "LoadedPolicyList",
    "PipelineStepResult",
    "PipelineTestResult",
    "ResolvedGuardrails",
    "TemplateGuardrailTest",
    "UsageOverview",
]

PolicyCreateParams = PoliciesParams
PolicyUpdateParams = PoliciesPutParams
PolicyListQuery = PoliciesListQuery
PolicyCompareQuery = PoliciesCompareQuery
PolicyAttachmentCreateParams = PoliciesAttachmentsParams
PolicyAttachmentImpactParams = PoliciesAttachmentsEstimateImpactParams
PolicyResolveParams = PoliciesResolveParams
PolicyTestPipelineParams = PoliciesTestPipelineParams
PolicyUsageOverviewQuery = PoliciesUsageOverviewQuery
PolicyTemplateEnrichParams = PolicyTemplatesEnrichParams
PolicyTemplateSuggestParams = PolicyTemplatesSuggestParams
PolicyTemplateTestParams = PolicyTemplatesTestParams
PolicyMatchParams = PolicyTestParams
PolicyTestGuardrailsParams = UtilsTestPoliciesAndGuardrailsParams


class Policy(Response):
    """One stored version of a policy: ``version_status`` is draft, published or production."""

    policy_id: str | None = None
    policy_name: str | None = None
    version_number: int | None = None
    version_status: str | None = None
    parent_version_id: str | None = None
    is_latest: bool | None = None
    inherit: str | None = None
    description: str | None = None
    guardrails_add: list[str] = []
    guardrails_remove: list[str] = []
    condition: dict[str, Any] | None = None
    pipeline: dict[str, Any] | None = None
    published_at: str | None = None
    production_at: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    definition_location: str | None = None


class PolicyList(Response):
    policies: list[Policy] = []
    total_count: int = 0


class PolicyVersionList(Response):
    """A policy's versions, newest first."""

    policy_name: str | None = None
    versions: list[Policy] = []
    total_count: int = 0


class PolicyComparison(Response):
    """Two versions and the fields that differ (``field -> {"version_a", "version_b"}``)."""

    version_a: Policy | None = None
    version_b: Policy | None = None
    field_diffs: dict[str, dict[str, Any]] = {}


class PolicyMessage(Response):
    """What a delete answers; ``warning`` when a config policy of that name is active again."""

    message: str | None = None
    warning: str | None = None


class ResolvedGuardrails(Response):
    """The guardrails a policy applies once its inheritance chain is resolved."""

    policy_id: str | None = None
    policy_name: str | None = None
    resolved_guardrails: list[str] = []


class PipelineStepResult(BaseModel):
    """One step: ``outcome`` pass, fail, error or skip."""

    guardrail_name: str | None = None
    outcome: str | None = None
    action_taken: str | None = None
    modified_data: dict[str, Any] | None = None
    error_detail: str | None = None
    duration_seconds: float | None = None


class PipelineTestResult(Response):
    """``terminal_action``: block, allow or modify_response."""

    terminal_action: str | None = None
    step_results: list[PipelineStepResult] = []
    modified_data: dict[str, Any] | None = None
    error_message: str | None = None
    modify_response_message: str | None = None


class PolicyAttachment(Response):
    """Where a policy applies: team, key, model and tag patterns (``*`` wildcards), or
    everywhere (``scope="*"``)."""

    attachment_id: str | None = None
    policy_name: str | None = None
    scope: str | None = None
    teams: list[str] = []
    keys: list[str] = []
    models: list[str] = []
    tags: list[str] = []
    priority: int | None = None
    default: bool | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    definition_location: str | None = None


class PolicyAttachmentList(Response):
    attachments: list[PolicyAttachment] = []
    total_count: int = 0


class AttachmentImpact(Response):
    """How many keys and teams an attachment would reach, with samples of their aliases."""

    affected_keys_count: int = 0
    affected_teams_count: int = 0
    unnamed_keys_count: int = 0
    unnamed_teams_count: int = 0
    sample_keys: list[str] = []
    sample_teams: list[str] = []


class PolicyMatch(BaseModel):
    """A policy that matched, how (``matched_via``) and what it added."""

    policy_name: str | None = None
    matched_via: str | None = None
    guardrails_added: list[str] = []


class PolicyResolution(Response):
    """The guardrails that would run for a team/key/model/tags context, and why."""

    effective_guardrails: list[str] = []
    matched_policies: list[PolicyMatch] = []


class PolicyScope(BaseModel):
    teams: list[str] = []
    keys: list[str] = []
    models: list[str] = []
    tags: list[str] = []


class PolicyGuardrailChanges(BaseModel):
    add: list[str] = []
    remove: list[str] = []


class PolicySummary(BaseModel):
    """A loaded policy: its own changes, and the guardrails after inheritance."""

    inherit: str | None = None
    scope: PolicyScope | None = None
    guardrails: PolicyGuardrailChanges | None = None
    resolved_guardrails: list[str] = []
    inheritance_chain: list[str] = []


class PolicyInfo(PolicySummary, Response):
    policy_name: str | None = None


class LoadedPolicyList(Response):
    """The policies the proxy has loaded, by name."""

    policies: dict[str, PolicySummary] = {}
    total_count: int = 0


class PolicyMatchContext(BaseModel):
    team_alias: str | None = None
    key_alias: str | None = None
    model: str | None = None
    tags: list[str] | None = None


class PolicyMatchResult(Response):
    """The loaded policies a request context matches, and their guardrails."""

    context: PolicyMatchContext | None = None
    matching_policies: list[str] = []
    resolved_guardrails: list[str] = []
    message: str | None = None


class PolicyValidationIssue(BaseModel):
    policy_name: str | None = None
    error_type: str | None = None
    message: str | None = None
    field: str | None = None
    value: Any = None


class PolicyValidation(Response):
    """``valid`` unless there are ``errors``; ``warnings`` do not block."""

    valid: bool = False
    errors: list[PolicyValidationIssue] = []
    warnings: list[PolicyValidationIssue] = []


class PolicyTemplateEnrichment(Response):
    """A template's guardrail definitions filled with discovered data (competitor names and
    their spellings); field names as the proxy spells them."""

    guardrailDefinitions: list[dict[str, Any]] = []
    competitors: list[str] = []
    competitor_variations: dict[str, list[str]] = {}


class PolicyTemplateEvent(BaseModel):
    """One event of a streamed enrichment: ``type`` competitor (``name``), status or error
    (``message``), then done (the fields of ``PolicyTemplateEnrichment``)."""

    type: str | None = None
    name: str | None = None
    message: str | None = None
    competitors: list[str] | None = None
    competitor_variations: dict[str, list[str]] | None = None
    guardrailDefinitions: list[dict[str, Any]] | None = None


class PolicyTemplateSuggestion(Response):
    """The templates an LLM picked for the attacks described, and why."""

    selected_templates: list[Any] = []
    explanation: str | None = None


class TemplateGuardrailTest(BaseModel):
    """One guardrail of a template on the text: ``action`` passed, blocked, masked or
    unsupported."""

    guardrail_name: str | None = None
    action: str | None = None
    output_text: str | None = None
    details: str | None = None


class PolicyTemplateTestResult(Response):
    """The worst action over the template's guardrails, and each guardrail's."""

    overall_action: str | None = None
    results: list[TemplateGuardrailTest] = []


class PolicyGuardrailTestResults(Response):
    """One result per input: the inputs after the guardrails (``inputs``), their
    ``guardrail_errors`` and, with ``agent_id``, the agent's answer."""

    results: list[dict[str, Any]] = []
