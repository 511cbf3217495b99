"""``client.policies``: guardrail policies (``/policies/*``: stored versions and attachments)
and the policy engine's view of them (``/policy/*``: loaded policies, tests, templates)."""

from __future__ import annotations

import builtins
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import WHOLE, AsyncPager, SinglePageStyle, endpoint_pager
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.policies import (
    AttachmentImpact,
    LoadedPolicyList,
    PipelineTestResult,
    Policy,
    PolicyAttachment,
    PolicyAttachmentCreateParams,
    PolicyAttachmentImpactParams,
    PolicyAttachmentList,
    PolicyComparison,
    PolicyCreateParams,
    PolicyGuardrailTestResults,
    PolicyInfo,
    PolicyList,
    PolicyListQuery,
    PolicyMatchParams,
    PolicyMatchResult,
    PolicyMessage,
    PolicyResolution,
    PolicyResolveParams,
    PolicyTemplateEnrichment,
    PolicyTemplateEnrichParams,
    PolicyTemplateEvent,
    PolicyTemplateSuggestion,
    PolicyTemplateSuggestParams,
    PolicyTemplateTestParams,
    PolicyTemplateTestResult,
    PolicyTestGuardrailsParams,
    PolicyTestPipelineParams,
    PolicyUpdateParams,
    PolicyUsageOverviewQuery,
    PolicyValidation,
    PolicyVersionList,
    ResolvedGuardrails,
    UsageOverview,
)

__all__ = [
    "LoadedPolicies",
    "Policies",
    "PolicyAttachments",
    "PolicyTemplates",
    "PolicyVersions",
]

CREATE = Endpoint("POST", "/policies", Policy, "policies.create", retry_safe=False)
LIST = Endpoint("GET", "/policies/list", PolicyList, "policies.list")
RETRIEVE = Endpoint("GET", "/policies/{policy_id}", Policy, "policies.retrieve")
UPDATE = Endpoint("PUT", "/policies/{policy_id}", Policy, "policies.update")
DELETE = Endpoint("DELETE", "/policies/{policy_id}", PolicyMessage, "policies.delete")
RESOLVED_GUARDRAILS = Endpoint(
    "GET",
    "/policies/{policy_id}/resolved-guardrails",
    ResolvedGuardrails,
    "policies.resolved_guardrails",
)
UPDATE_STATUS = Endpoint("PUT", "/policies/{policy_id}/status", Policy, "policies.update_status")
COMPARE = Endpoint("GET", "/policies/compare", PolicyComparison, "policies.compare")
TEST_PIPELINE = Endpoint(
    "POST", "/policies/test-pipeline", PipelineTestResult, "policies.test_pipeline"
)
RESOLVE = Endpoint("POST", "/policies/resolve", PolicyResolution, "policies.resolve")
USAGE_OVERVIEW = Endpoint(
    "GET", "/policies/usage/overview", UsageOverview, "policies.usage_overview"
)

VERSION_LIST = Endpoint(
    "GET", "/policies/name/{policy_name}/versions", PolicyVersionList, "policies.versions.list"
)
VERSION_CREATE = Endpoint(
    "POST",
    "/policies/name/{policy_name}/versions",
    Policy,
    "policies.versions.create",
    retry_safe=False,
)
VERSION_DELETE_ALL = Endpoint(
    "DELETE",
    "/policies/name/{policy_name}/all-versions",
    PolicyMessage,
    "policies.versions.delete_all",
)

ATTACHMENT_CREATE = Endpoint(
    "POST",
    "/policies/attachments",
    PolicyAttachment,
    "policies.attachments.create",
    retry_safe=False,
)
ATTACHMENT_LIST = Endpoint(
    "GET", "/policies/attachments/list", PolicyAttachmentList, "policies.attachments.list"
)
ATTACHMENT_RETRIEVE = Endpoint(
    "GET",
    "/policies/attachments/{attachment_id}",
    PolicyAttachment,
    "policies.attachments.retrieve",
)
ATTACHMENT_DELETE = Endpoint(
    "DELETE",
    "/policies/attachments/{attachment_id}",
    PolicyMessage,
    "policies.attachments.delete",
)
ATTACHMENT_IMPACT = Endpoint(
    "POST",
    "/policies/attachments/estimate-impact",
    AttachmentImpact,
    "policies.attachments.estimate_impact",
)

LOADED_LIST = Endpoint("GET", "/policy/list", LoadedPolicyList, "policies.loaded.list")
LOADED_INFO = Endpoint("GET", "/policy/info/{policy_name}", PolicyInfo, "policies.loaded.info")
MATCH = Endpoint("POST", "/policy/test", PolicyMatchResult, "policies.test")
VALIDATE = Endpoint("POST", "/policy/validate", PolicyValidation, "policies.validate")
# With ``agent_id`` the inputs also go to the agent: a paid completion.
TEST_GUARDRAILS = Endpoint(
    "POST",
    "/utils/test_policies_and_guardrails",
    PolicyGuardrailTestResults,
    "policies.test_guardrails",
    retry_safe=False,
)

TEMPLATE_LIST = Endpoint(
    "GET", "/policy/templates", list[dict[str, Any]], "policies.templates.list"
)
# Enrich and suggest ask an LLM: each send is billed.
TEMPLATE_ENRICH = Endpoint(
    "POST",
    "/policy/templates/enrich",
    PolicyTemplateEnrichment,
    "policies.templates.enrich",
    retry_safe=False,
)
TEMPLATE_ENRICH_STREAM = Endpoint(
    "POST",
    "/policy/templates/enrich/stream",
    PolicyTemplateEvent,
    "policies.templates.enrich_stream",
    retry_safe=False,
)
TEMPLATE_SUGGEST = Endpoint(
    "POST",
    "/policy/templates/suggest",
    PolicyTemplateSuggestion,
    "policies.templates.suggest",
    retry_safe=False,
)
TEMPLATE_TEST = Endpoint(
    "POST", "/policy/templates/test", PolicyTemplateTestResult, "policies.templates.test"
)

_POLICIES = SinglePageStyle(items="policies")
_ATTACHMENTS = SinglePageStyle(items="attachments")
_VERSIONS = SinglePageStyle(items="versions")


class PolicyVersions(Resource):
    """The versions of one policy (by name): draft, published, production."""

    __slots__ = ()

    def list(self, policy_name: str) -> AsyncPager[PolicyVersionList, Policy]:
        """Every version of a policy, newest first, in one answer.
        ``GET /policies/name/{policy_name}/versions``."""
        path = {"policy_name": policy_name}
        return endpoint_pager(self._client, VERSION_LIST, {}, _VERSIONS, path=path)

    async def create(self, policy_name: str, *, source_policy_id: str | None = None) -> Policy:
        """A new draft copied from ``source_policy_id`` (default: the latest version).
        ``POST /policies/name/{policy_name}/versions``."""
        return await self._client._call(
            VERSION_CREATE,
            path={"policy_name": policy_name},
            json={"source_policy_id": source_policy_id},
        )

    async def delete_all(self, policy_name: str) -> PolicyMessage:
        """Delete every version of a policy.
        ``DELETE /policies/name/{policy_name}/all-versions``."""
        return await self._client._call(VERSION_DELETE_ALL, path={"policy_name": policy_name})


class PolicyAttachments(Resource):
    """Where policies apply: teams, keys, models, tags, or everywhere."""

    __slots__ = ()

    async def create(self, **params: Unpack[PolicyAttachmentCreateParams]) -> PolicyAttachment:
        """Attach ``policy_name`` to ``teams``/``keys``/``models``/``tags`` patterns or to
        everything (``scope="*"``). ``POST /policies/attachments``; not retried once sent."""
        require("policies.attachments.create", params, "policy_name")
        return await self._client._call(ATTACHMENT_CREATE, json=params)

    def list(self) -> AsyncPager[PolicyAttachmentList, PolicyAttachment]:
        """Attachments of the database and the config file, in one answer.
        ``GET /policies/attachments/list``."""
        return endpoint_pager(self._client, ATTACHMENT_LIST, {}, _ATTACHMENTS)

    async def retrieve(self, attachment_id: str) -> PolicyAttachment:
        """One attachment. ``GET /policies/attachments/{attachment_id}``."""
        return await self._client._call(ATTACHMENT_RETRIEVE, path={"attachment_id": attachment_id})

    async def delete(self, attachment_id: str) -> PolicyMessage:
        """Remove an attachment. ``DELETE /policies/attachments/{attachment_id}``."""
        return await self._client._call(ATTACHMENT_DELETE, path={"attachment_id": attachment_id})

    async def estimate_impact(
        self, **params: Unpack[PolicyAttachmentImpactParams]
    ) -> AttachmentImpact:
        """How many keys and teams an attachment would reach, without creating it.
        ``POST /policies/attachments/estimate-impact``."""
        require("policies.attachments.estimate_impact", params, "policy_name")
        return await self._client._call(ATTACHMENT_IMPACT, json=params)


class LoadedPolicies(Resource):
    """The policies the proxy enforces now (config file and database), resolved."""

    __slots__ = ()

    async def list(self) -> LoadedPolicyList:
        """Loaded policies by name, with their resolved guardrails. ``GET /policy/list``."""
        return await self._client._call(LOADED_LIST)

    async def info(self, policy_name: str) -> PolicyInfo:
        """One loaded policy: scope, guardrail changes, inheritance.
        ``GET /policy/info/{policy_name}``."""
        return await self._client._call(LOADED_INFO, path={"policy_name": policy_name})


class PolicyTemplates(Resource):
    """Pre-built policies (guardrail combinations) the UI offers."""

    __slots__ = ()

    def list(self) -> AsyncPager[builtins.list[dict[str, Any]], dict[str, Any]]:
        """Every template, as a bare array. ``GET /policy/templates`` (from GitHub, else the
        copy shipped with the proxy)."""
        return endpoint_pager(self._client, TEMPLATE_LIST, {}, WHOLE)

    async def enrich(
        self, **params: Unpack[PolicyTemplateEnrichParams]
    ) -> PolicyTemplateEnrichment:
        """Fill a template (``template_id``, ``parameters``) with data an LLM finds
        (competitor names). ``POST /policy/templates/enrich``; not retried once sent."""
        require("policies.templates.enrich", params, "template_id", "parameters")
        return await self._client._call(TEMPLATE_ENRICH, json=params)

    async def enrich_stream(
        self, **params: Unpack[PolicyTemplateEnrichParams]
    ) -> Stream[PolicyTemplateEvent]:
        """``enrich`` as a ``Stream`` of events: each competitor as it is found, status
        messages, then ``type="done"`` with the definitions. ``POST
        /policy/templates/enrich/stream``; an LLM failure is an ``error`` event, not a status."""
        require("policies.templates.enrich_stream", params, "template_id", "parameters")
        return await self._client._stream(
            TEMPLATE_ENRICH_STREAM, PolicyTemplateEvent.model_validate_json, json=params
        )

    async def suggest(
        self, **params: Unpack[PolicyTemplateSuggestParams]
    ) -> PolicyTemplateSuggestion:
        """Templates an LLM picks for ``attack_examples`` and a ``description``.
        ``POST /policy/templates/suggest``; not retried once sent."""
        return await self._client._call(TEMPLATE_SUGGEST, json=params)

    async def test(self, **params: Unpack[PolicyTemplateTestParams]) -> PolicyTemplateTestResult:
        """Run a template's ``guardrail_definitions`` on ``text`` without creating them.
        ``POST /policy/templates/test``."""
        require("policies.templates.test", params, "guardrail_definitions", "text")
        return await self._client._call(TEMPLATE_TEST, json=params)


class Policies(Resource):
    """Policies: create, list, version, attach, resolve and test them."""

    __slots__ = ("__dict__",)

    versions: group[PolicyVersions] = group("policies:PolicyVersions")
    attachments: group[PolicyAttachments] = group("policies:PolicyAttachments")
    loaded: group[LoadedPolicies] = group("policies:LoadedPolicies")
    templates: group[PolicyTemplates] = group("policies:PolicyTemplates")

    async def create(self, **params: Unpack[PolicyCreateParams]) -> Policy:
        """Create a policy (a first draft version). ``POST /policies``; not retried once sent."""
        require("policies.create", params, "policy_name")
        return await self._client._call(CREATE, json=params)

    def list(self, **query: Unpack[PolicyListQuery]) -> AsyncPager[PolicyList, Policy]:
        """Policies of the database and the config file (filter by ``version_status``), in
        one answer. ``GET /policies/list``."""
        return endpoint_pager(self._client, LIST, dict(query), _POLICIES)

    async def retrieve(self, policy_id: str) -> Policy:
        """One policy version. ``GET /policies/{policy_id}``."""
        return await self._client._call(RETRIEVE, path={"policy_id": policy_id})

    async def update(self, policy_id: str, **params: Unpack[PolicyUpdateParams]) -> Policy:
        """Change a policy version. ``PUT /policies/{policy_id}``."""
        return await self._client._call(UPDATE, path={"policy_id": policy_id}, json=params)

    async def delete(self, policy_id: str) -> PolicyMessage:
        """Delete one policy version. ``DELETE /policies/{policy_id}``."""
        return await self._client._call(DELETE, path={"policy_id": policy_id})

    async def resolved_guardrails(self, policy_id: str) -> ResolvedGuardrails:
        """The guardrails a policy applies, inherited ones included.
        ``GET /policies/{policy_id}/resolved-guardrails``."""
        return await self._client._call(RESOLVED_GUARDRAILS, path={"policy_id": policy_id})

    async def update_status(self, policy_id: str, version_status: str) -> Policy:
        """Move a version along draft -> published -> production.
        ``PUT /policies/{policy_id}/status``."""
        body = {"version_status": version_status}
        require("policies.update_status", body, "version_status")
        return await self._client._call(UPDATE_STATUS, path={"policy_id": policy_id}, json=body)

    async def compare(self, version_a: str, version_b: str) -> PolicyComparison:
        """The fields that differ between two versions (policy ids).
        ``GET /policies/compare``."""
        query = {"version_a": version_a, "version_b": version_b}
        require("policies.compare", query, "version_a", "version_b")
        return await self._client._call(COMPARE, query=query)

    async def test_pipeline(self, **params: Unpack[PolicyTestPipelineParams]) -> PipelineTestResult:
        """Run a guardrail ``pipeline`` on ``test_messages``, step by step.
        ``POST /policies/test-pipeline``."""
        require("policies.test_pipeline", params, "pipeline", "test_messages")
        return await self._client._call(TEST_PIPELINE, json=params)

    async def resolve(
        self, *, force_sync: bool = False, **params: Unpack[PolicyResolveParams]
    ) -> PolicyResolution:
        """Which policies and guardrails apply to a team/key alias, model and tags.
        ``POST /policies/resolve``; ``force_sync`` reloads from the database first."""
        query = {"force_sync": True} if force_sync else None
        return await self._client._call(RESOLVE, query=query, json=params)

    async def usage_overview(self, **query: Unpack[PolicyUsageOverviewQuery]) -> UsageOverview:
        """Every policy's counts between ``start_date`` and ``end_date`` (``YYYY-MM-DD``).
        ``GET /policies/usage/overview``."""
        return await self._client._call(USAGE_OVERVIEW, query=query)

    async def test(self, **params: Unpack[PolicyMatchParams]) -> PolicyMatchResult:
        """Which loaded policies a request context would match. ``POST /policy/test``."""
        return await self._client._call(MATCH, json=params)

    async def validate(self, policies: dict[str, Any]) -> PolicyValidation:
        """Check policy definitions (name -> definition, as in the config file) before
        applying them: ``errors`` block, ``warnings`` do not. ``POST /policy/validate``."""
        if not isinstance(policies, dict):
            raise TypeError(
                f"policies.validate() policies must be a dict, not {type(policies).__name__}"
            )
        return await self._client._call(VALIDATE, json={"policies": policies})

    async def test_guardrails(
        self, **params: Unpack[PolicyTestGuardrailsParams]
    ) -> PolicyGuardrailTestResults:
        """Apply ``policy_names`` and/or ``guardrail_names`` to each of ``inputs_list``
        (``{"texts": [...]}``). ``POST /utils/test_policies_and_guardrails``."""
        require("policies.test_guardrails", params, "inputs_list")
        return await self._client._call(TEST_GUARDRAILS, json=params)
