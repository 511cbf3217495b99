"""``client.health``: liveness, readiness, model health checks, their history, and a watcher."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from typing import Any

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._pagination import AsyncPager, OffsetStyle, endpoint_pager
from .._resource import Resource, require
from ..types.health import (
    BacklogResponse,
    ConnectionTestParams,
    ConnectionTestResult,
    DeploymentWarnings,
    DeploymentWarningUpdate,
    DeploymentWarningUpdateParams,
    DrainResponse,
    HealthChange,
    HealthCheckResponse,
    HealthHistory,
    HealthHistoryParams,
    HealthLatest,
    LicenseInfo,
    ProbeOptions,
    ReadinessDetails,
    ReadinessResponse,
    ServiceHealth,
    SharedHealthStatus,
)

__all__ = ["Health"]

LIVELINESS = Endpoint("GET", "/health/liveliness", str, "health.liveliness")
LIVELINESS_OPTIONS = Endpoint(
    "OPTIONS", "/health/liveliness", ProbeOptions, "health.liveliness_options"
)
READINESS = Endpoint("GET", "/health/readiness", ReadinessResponse, "health.readiness")
READINESS_OPTIONS = Endpoint(
    "OPTIONS", "/health/readiness", ProbeOptions, "health.readiness_options"
)
READINESS_DETAILS = Endpoint(
    "GET", "/health/readiness/details", ReadinessDetails, "health.readiness_details"
)
CHECK = Endpoint("GET", "/health", HealthCheckResponse, "health.check")
BACKLOG = Endpoint("GET", "/health/backlog", BacklogResponse, "health.backlog")
# Repeating a drain is harmless: the worker is already shutting down and waits again.
DRAIN = Endpoint("GET", "/health/drain", DrainResponse, "health.drain")
HISTORY = Endpoint("GET", "/health/history", HealthHistory, "health.history")
LATEST = Endpoint("GET", "/health/latest", HealthLatest, "health.latest")
LICENSE = Endpoint("GET", "/health/license", LicenseInfo, "health.license")
SERVICES = Endpoint("GET", "/health/services", ServiceHealth, "health.services")
SHARED_STATUS = Endpoint("GET", "/health/shared-status", SharedHealthStatus, "health.shared_status")
DEPLOYMENT_WARNINGS = Endpoint(
    "GET", "/health/deployment_warnings", DeploymentWarnings, "health.deployment_warnings"
)
UPDATE_DEPLOYMENT_WARNING = Endpoint(
    "PATCH",
    "/health/deployment_warnings/{warning_id}",
    DeploymentWarningUpdate,
    "health.update_deployment_warning",
)
# Each test is a real call to the model: a timed-out one is not sent (and paid for) again.
TEST_CONNECTION = Endpoint(
    "POST",
    "/health/test_connection",
    ConnectionTestResult,
    "health.test_connection",
    retry_safe=False,
)
METRICS = Endpoint("GET", "/metrics", str, "health.metrics")
TEST = Endpoint("GET", "/test", dict[str, Any], "health.test")

# /health/history answers 100 checks unless told otherwise; its ``total_records`` is the size
# of the page, not a total, so none is read (``total=""``) and the walk ends on a short page.
HISTORY_STYLE = OffsetStyle(items="health_checks", total="")
HISTORY_PAGE = 100


class Health(Resource):
    __slots__ = ()

    async def liveliness(self) -> str:
        """Whether the proxy process answers (no auth, no DB). ``GET /health/liveliness``."""
        return await self._client._call(LIVELINESS, parse=_json_or_text)

    async def liveliness_options(self) -> ProbeOptions:
        """The methods the liveness probe allows (CORS preflight). ``OPTIONS
        /health/liveliness``."""
        return await self._client._call(LIVELINESS_OPTIONS, parse=_probe_options)

    async def readiness(self) -> ReadinessResponse:
        """Whether the proxy is ready, and whether its database is connected.
        ``GET /health/readiness``."""
        return await self._client._call(READINESS)

    async def readiness_options(self) -> ProbeOptions:
        """The methods the readiness probe allows. ``OPTIONS /health/readiness``."""
        return await self._client._call(READINESS_OPTIONS, parse=_probe_options)

    async def readiness_details(self) -> ReadinessDetails:
        """Readiness with cache, callbacks and log level (authenticated).
        ``GET /health/readiness/details``."""
        return await self._client._call(READINESS_DETAILS)

    async def check(
        self, *, model: str | None = None, model_id: str | None = None
    ) -> HealthCheckResponse:
        """Call every deployment (or one) and report which answer: costs real requests upstream.
        ``GET /health``."""
        return await self._client._call(CHECK, query={"model": model, "model_id": model_id})

    def watch(
        self,
        every: float = 30.0,
        *,
        model: str | None = None,
        model_id: str | None = None,
        max_polls: int | None = None,
        raise_errors: bool = False,
    ) -> AsyncIterator[HealthChange]:
        """Poll ``GET /health`` every ``every`` seconds and yield each deployment's changes
        (see ``HealthChange``); a failed poll is yielded as ``poll_failed`` unless
        ``raise_errors``. Ends after ``max_polls`` polls when given."""
        from .._health_watch import watch

        return watch(
            lambda: self.check(model=model, model_id=model_id),
            every=every,
            max_polls=max_polls,
            raise_errors=raise_errors,
            sleep=self._client._sleep,
            clock=self._client._clock,
        )

    async def backlog(self) -> BacklogResponse:
        """Requests in flight on the answering worker. ``GET /health/backlog``."""
        return await self._client._call(BACKLOG)

    async def drain(self, *, drain_token: str | None = None) -> DrainResponse:
        """Take the answering worker out of rotation and wait for its requests to finish:
        it stays out until restarted. 404 unless ``enable_drain_endpoint`` is set.
        ``GET /health/drain``."""
        headers = {"X-Drain-Token": drain_token} if drain_token else None
        return await self._client._call(DRAIN, headers=headers)

    def history(self, **params: Unpack[HealthHistoryParams]) -> AsyncPager[HealthHistory, Any]:
        """Stored health checks, newest first (``model``, ``status_filter``); ``async for``
        walks every check by ``offset``/``limit``. ``GET /health/history``."""
        query: dict[str, Any] = {"limit": HISTORY_PAGE, **params}
        return endpoint_pager(self._client, HISTORY, query, HISTORY_STYLE)

    async def latest(self) -> HealthLatest:
        """The newest stored check of each deployment. ``GET /health/latest``."""
        return await self._client._call(LATEST)

    async def license(self) -> LicenseInfo:
        """The configured licence's type, expiry and features (never the key).
        ``GET /health/license``."""
        return await self._client._call(LICENSE)

    async def services(self, service: str) -> ServiceHealth:
        """Send a test event to one logging/alerting service (``"slack"``, ``"datadog"`` ...).
        ``GET /health/services``."""
        require("services", {"service": service}, "service")
        return await self._client._call(SERVICES, query={"service": service})

    async def shared_status(self) -> SharedHealthStatus:
        """Whether health checks are shared across pods (through Redis).
        ``GET /health/shared-status``."""
        return await self._client._call(SHARED_STATUS)

    async def deployment_warnings(self) -> DeploymentWarnings:
        """The proxy's deployment warnings and whether an admin ignored them.
        ``GET /health/deployment_warnings``."""
        return await self._client._call(DEPLOYMENT_WARNINGS)

    async def update_deployment_warning(
        self, warning_id: str, **params: Unpack[DeploymentWarningUpdateParams]
    ) -> DeploymentWarningUpdate:
        """Ignore (``ignored=True``, for ``snooze_seconds`` or for good) or restore a warning
        for every admin; needs a database. ``PATCH /health/deployment_warnings/{warning_id}``."""
        require("update_deployment_warning", params, "ignored")
        return await self._client._call(
            UPDATE_DEPLOYMENT_WARNING, path={"warning_id": warning_id}, json=dict(params)
        )

    async def test_connection(self, **params: Unpack[ConnectionTestParams]) -> ConnectionTestResult:
        """Call a model once with ``litellm_params`` (those of a configured model fill the
        gaps); a failed call is a 200 with ``status="error"``. ``POST /health/test_connection``."""
        return await self._client._call(TEST_CONNECTION, json=dict(params))

    async def metrics(self) -> str:
        """The Prometheus scrape text; only served with the (enterprise) prometheus callback.
        ``GET /metrics``."""
        return await self._client._call(METRICS)

    async def test(self) -> dict[str, Any]:
        """Deprecated ping (use ``liveliness``): answers the route it was called on.
        ``GET /test``."""
        warnings.warn(
            "GET /test is deprecated by the proxy: use client.health.liveliness()",
            DeprecationWarning,
            stacklevel=2,
        )
        return await self._client._call(TEST)


def _json_or_text(content: bytes) -> str:
    # The proxy answers with a JSON string ("I'm alive!"); a plain-text probe answer is kept.
    try:
        return str(_jsonutil.loads(content))
    except _jsonutil.JSONDecodeError:
        return content.decode("utf-8", "replace")


def _probe_options(content: bytes) -> ProbeOptions:
    # The answer is headers only; the pipeline attaches them as ``raw_response``.
    return ProbeOptions()
