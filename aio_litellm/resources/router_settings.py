"""``client.router_settings``: the router's settings (write them with
``client.config.update(router_settings=...)``), the auto-routers and the adaptive routers."""

from __future__ import annotations

import builtins

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from ..types.router_settings import (
    AdaptiveRouterState,
    AutoRouterAvailability,
    AutoRouterAvailabilityParams,
    AutoRouterBenchmarks,
    AutoRouterBenchmarksQuery,
    AutoRouterSession,
    ClassifierPrompt,
    ClassifierPromptParams,
    ClassifierPromptQuery,
    ComplexityRouterValidation,
    RouterFields,
    RouterSettingsInfo,
    RoutingTest,
    RoutingTestParams,
    ShadowEvalJob,
    ShadowEvalListQuery,
    ShadowEvalStartParams,
    ValidateComplexityRouterParams,
)

__all__ = ["AutoRouter", "RouterSettings", "ShadowEvals"]

RETRIEVE = Endpoint("GET", "/router/settings", RouterSettingsInfo, "router_settings.retrieve")
FIELDS = Endpoint("GET", "/router/fields", RouterFields, "router_settings.fields")
ADAPTIVE_STATE = Endpoint(
    "GET", "/adaptive_router/state", AdaptiveRouterState, "router_settings.adaptive_state"
)

# The auto-router POSTs below only read: a validation, a preview, an allowance check.
AVAILABILITY = Endpoint(
    "POST",
    "/auto_router/availability",
    AutoRouterAvailability,
    "router_settings.auto_router.availability",
)
BENCHMARKS = Endpoint(
    "GET", "/auto_router/benchmarks", AutoRouterBenchmarks, "router_settings.auto_router.benchmarks"
)
PROMPT = Endpoint(
    "GET",
    "/auto_router/classifier/default_prompt",
    ClassifierPrompt,
    "router_settings.auto_router.classifier_prompt",
)
PROMPT_PREVIEW = Endpoint(
    "POST",
    "/auto_router/classifier/default_prompt",
    ClassifierPrompt,
    "router_settings.auto_router.preview_classifier_prompt",
)
SESSION = Endpoint(
    "GET", "/auto_router/session", AutoRouterSession, "router_settings.auto_router.session"
)
TEST_ROUTING = Endpoint(
    "POST", "/auto_router/test_routing", RoutingTest, "router_settings.auto_router.test_routing"
)
VALIDATE = Endpoint(
    "POST",
    "/auto_router/validate_complexity_router_config",
    ComplexityRouterValidation,
    "router_settings.auto_router.validate",
)

EVAL_LIST = Endpoint(
    "GET", "/auto_router/shadow_eval", list[ShadowEvalJob], "router_settings.shadow_evals.list"
)
EVAL_START = Endpoint(
    "POST",
    "/auto_router/shadow_eval/start",
    ShadowEvalJob,
    "router_settings.shadow_evals.start",
    retry_safe=False,
)
EVAL_RETRIEVE = Endpoint(
    "GET",
    "/auto_router/shadow_eval/{job_id}",
    ShadowEvalJob,
    "router_settings.shadow_evals.retrieve",
)
# Stopping a stopped job leaves it stopped.
EVAL_STOP = Endpoint(
    "POST",
    "/auto_router/shadow_eval/{job_id}/stop",
    ShadowEvalJob,
    "router_settings.shadow_evals.stop",
)


class AutoRouter(Resource):
    """Auto-routers (complexity routing): check configs, preview routing and the classifier
    prompt, read benchmarks and sessions."""

    __slots__ = ()

    async def availability(
        self, **params: Unpack[AutoRouterAvailabilityParams]
    ) -> AutoRouterAvailability:
        """How many more auto-routers the licence allows the caller.
        ``POST /auto_router/availability``."""
        return await self._client._call(AVAILABILITY, json=dict(params))

    async def benchmarks(self, **query: Unpack[AutoRouterBenchmarksQuery]) -> AutoRouterBenchmarks:
        """Sessions, turns, spend and savings per auto-router over a window of days.
        ``GET /auto_router/benchmarks``."""
        return await self._client._call(BENCHMARKS, query=dict(query))

    async def classifier_prompt(self, **query: Unpack[ClassifierPromptQuery]) -> ClassifierPrompt:
        """The built-in classifier system prompt. ``GET /auto_router/classifier/default_prompt``.

        ``tier_labels`` is a JSON object given as a string.
        """
        return await self._client._call(PROMPT, query=dict(query))

    async def preview_classifier_prompt(
        self, **params: Unpack[ClassifierPromptParams]
    ) -> ClassifierPrompt:
        """The classifier system prompt an edited tier set would send.
        ``POST /auto_router/classifier/default_prompt``."""
        return await self._client._call(PROMPT_PREVIEW, json=dict(params))

    async def session(self, session_id: str) -> AutoRouterSession:
        """One auto-routed session of the calling key (404 for another key's).
        ``GET /auto_router/session``."""
        require("router_settings.auto_router.session", {"session_id": session_id}, "session_id")
        return await self._client._call(SESSION, query={"session_id": session_id})

    async def test_routing(self, **params: Unpack[RoutingTestParams]) -> RoutingTest:
        """Route one prompt (or ``messages``) through a complexity-router config and say where
        it landed; nothing is sent to the chosen model (an ``llm`` classifier bills its own call to
        the key). ``POST /auto_router/test_routing``."""
        require("router_settings.auto_router.test_routing", params, "complexity_router_config")
        return await self._client._call(TEST_ROUTING, json=dict(params))

    async def validate(
        self, **params: Unpack[ValidateComplexityRouterParams]
    ) -> ComplexityRouterValidation:
        """Check a complexity-router config without saving it (``valid``, ``error``).
        ``POST /auto_router/validate_complexity_router_config``."""
        require("router_settings.auto_router.validate", params, "complexity_router_config")
        return await self._client._call(VALIDATE, json=dict(params))


class ShadowEvals(Resource):
    """Shadow evals: a sampled slice of live traffic replayed on an auto-router and judged."""

    __slots__ = ()

    async def list(self, **query: Unpack[ShadowEvalListQuery]) -> builtins.list[ShadowEvalJob]:
        """Jobs, newest first (at most ``limit``; one answer, no pages).
        ``GET /auto_router/shadow_eval``."""
        return await self._client._call(EVAL_LIST, query=dict(query))

    async def start(self, **params: Unpack[ShadowEvalStartParams]) -> ShadowEvalJob:
        """Start a job over keys, teams or users (``shadow_percentage`` of their traffic).
        ``POST /auto_router/shadow_eval/start``."""
        require("router_settings.shadow_evals.start", params, "shadow_percentage")
        return await self._client._call(EVAL_START, json=dict(params))

    async def retrieve(self, job_id: str) -> ShadowEvalJob:
        """One job with its counts, judge spend, last error and results.
        ``GET /auto_router/shadow_eval/{job_id}``."""
        return await self._client._call(EVAL_RETRIEVE, path={"job_id": job_id})

    async def stop(self, job_id: str) -> ShadowEvalJob:
        """Stop a job for every target it scopes (its attempts are kept).
        ``POST /auto_router/shadow_eval/{job_id}/stop``."""
        return await self._client._call(EVAL_STOP, path={"job_id": job_id})


class RouterSettings(Resource):
    """The router's settings and field definitions, auto-routers, adaptive-router state."""

    __slots__ = ("__dict__",)

    auto_router: group[AutoRouter] = group("router_settings:AutoRouter")
    shadow_evals: group[ShadowEvals] = group("router_settings:ShadowEvals")

    async def retrieve(self) -> RouterSettingsInfo:
        """The router settings: definitions, current values and where each comes from.
        ``GET /router/settings``."""
        return await self._client._call(RETRIEVE)

    async def fields(self) -> RouterFields:
        """The router settings' definitions, without values. ``GET /router/fields``."""
        return await self._client._call(FIELDS)

    async def adaptive_state(self) -> AdaptiveRouterState:
        """Live posteriors and queue depth of every adaptive router (404 when the proxy has
        none). ``GET /adaptive_router/state``."""
        return await self._client._call(ADAPTIVE_STATE)
