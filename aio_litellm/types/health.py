"""Results of ``client.health``, and the changes ``client.health.watch`` yields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .._exceptions import LiteLLMError
from .._models import BaseModel, Response
from .params.health import (
    HealthDeploymentWarningsPatchParams,
    HealthHistoryQuery,
    HealthServicesQuery,
    HealthTestConnectionParams,
)

__all__ = [
    "BacklogResponse",
    "ConnectionTestParams",
    "ConnectionTestResult",
    "DeploymentWarning",
    "DeploymentWarningIgnore",
    "DeploymentWarningUpdate",
    "DeploymentWarningUpdateParams",
    "DeploymentWarnings",
    "DrainResponse",
    "HealthChange",
    "HealthChangeKind",
    "HealthCheckRecord",
    "HealthCheckResponse",
    "HealthHistory",
    "HealthHistoryParams",
    "HealthLatest",
    "HealthServicesParams",
    "LicenseInfo",
    "LicenseLimits",
    "ProbeOptions",
    "ReadinessDetails",
    "ReadinessResponse",
    "ServiceHealth",
    "SharedHealthStatus",
]

DeploymentWarningUpdateParams = HealthDeploymentWarningsPatchParams
HealthHistoryParams = HealthHistoryQuery
HealthServicesParams = HealthServicesQuery
ConnectionTestParams = HealthTestConnectionParams


class ReadinessResponse(Response):
    """``GET /health/readiness``: ``db`` is ``"connected"`` only with a database."""

    status: str
    db: str | None = None
    cache: Any = None
    litellm_version: str | None = None
    success_callbacks: list[Any] | None = None

    @property
    def db_connected(self) -> bool:
        return self.db == "connected"


class ProbeOptions(Response):
    """``OPTIONS /health/liveliness`` / ``/health/readiness``: an empty body; the answer is in
    its headers."""

    @property
    def allow(self) -> list[str]:
        """The methods the probe allows (its ``Allow`` header)."""
        info = self.raw_response
        text = info.headers.get("Allow", "") if info is not None else ""
        return [method.strip() for method in text.split(",") if method.strip()]


class ReadinessDetails(ReadinessResponse):
    """``GET /health/readiness/details``: readiness with cache, callback and logging details."""

    use_aiohttp_transport: bool | None = None
    log_level: str | None = None
    is_detailed_debug: bool | None = None
    show_no_redis_warning: bool | None = None
    show_env_credential_login_warning: bool | None = None


class HealthCheckResponse(Response):
    """``GET /health``: one real call to each deployment (expensive). Each endpoint is the
    deployment's ``litellm_params`` without secrets, plus ``model_id`` and, when unhealthy,
    ``error``."""

    healthy_endpoints: list[dict[str, Any]] = []
    unhealthy_endpoints: list[dict[str, Any]] = []
    healthy_count: int | None = None
    unhealthy_count: int | None = None


class HealthCheckRecord(BaseModel):
    """One stored health check (``/health/history``, ``/health/latest``)."""

    health_check_id: str | None = None
    model_name: str | None = None
    model_id: str | None = None
    status: str | None = None
    healthy_count: int | None = None
    unhealthy_count: int | None = None
    error_message: str | None = None
    response_time_ms: float | None = None
    details: Any = None
    checked_by: str | None = None
    checked_at: str | None = None
    created_at: str | None = None


class HealthHistory(Response):
    """``GET /health/history``: a page of stored checks, newest first (``offset``/``limit``)."""

    health_checks: list[HealthCheckRecord] = []
    total_records: int | None = None
    limit: int | None = None
    offset: int | None = None


class HealthLatest(Response):
    """``GET /health/latest``: the newest stored check per deployment (keyed by model id, or
    model name when the check has no id)."""

    latest_health_checks: dict[str, HealthCheckRecord] = {}
    total_models: int | None = None


class BacklogResponse(Response):
    """``GET /health/backlog``: requests in flight on the answering worker."""

    in_flight_requests: int = 0
    admitted_requests: int | None = None
    queued_requests: int | None = None
    rejected_requests: int | None = None


class DrainResponse(Response):
    """``GET /health/drain``: the worker stopped taking traffic and drained."""

    status: str | None = None
    drained_requests: int | None = None


class DeploymentWarningIgnore(BaseModel):
    """Who ignored a warning, and until when (``None``: for good)."""

    source: str | None = None
    ignored_by: str | None = None
    ignored_at: str | None = None
    ignored_until: str | None = None


class DeploymentWarning(BaseModel):
    id: str
    severity: str | None = None
    ignore: DeploymentWarningIgnore | None = None


class DeploymentWarnings(Response):
    """``GET /health/deployment_warnings``; ``ignore_available`` is false without a database."""

    warnings: list[DeploymentWarning] = []
    ignore_available: bool | None = None


class DeploymentWarningUpdate(Response):
    """``PATCH /health/deployment_warnings/{warning_id}``: the warning's ignore now."""

    id: str
    ignore: DeploymentWarningIgnore | None = None


class LicenseLimits(BaseModel):
    max_users: int | None = None
    max_teams: int | None = None


class LicenseInfo(Response):
    """``GET /health/license``: the licence's metadata (never the key)."""

    has_license: bool = False
    license_type: str | None = None
    expiration_date: str | None = None
    allowed_features: list[Any] = []
    limits: LicenseLimits | None = None


class SharedHealthStatus(Response):
    """``GET /health/shared-status``: cross-pod health check coordination (needs Redis)."""

    shared_health_check_enabled: bool = False
    redis_available: bool | None = None
    message: str | None = None
    status: Any = None


class ServiceHealth(Response):
    """``GET /health/services``: the outcome of a test event sent to one logging service."""

    status: str | None = None
    message: str | None = None


class ConnectionTestResult(Response):
    """``POST /health/test_connection``: ``status`` is ``"error"`` when the model did not answer
    (still a 200); ``result`` holds the call's outcome or error."""

    status: str | None = None
    result: dict[str, Any] | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "success"


HealthChangeKind = Literal["initial", "unhealthy", "healthy", "added", "removed", "poll_failed"]


@dataclass(frozen=True)
class HealthChange:
    """One change seen by ``client.health.watch``.

    ``kind``: ``initial`` (each deployment of the first answer), ``unhealthy`` / ``healthy``
    (it turned), ``added`` / ``removed`` (it appeared or went), ``poll_failed`` (the ``GET
    /health`` itself failed: ``error`` holds the exception, ``deployment`` is ``None``).
    ``deployment`` is the deployment's ``model_id`` (else ``model`` and ``api_base``);
    ``endpoint`` is its entry in the answer. ``at`` is the client's clock at the poll.
    """

    kind: HealthChangeKind
    at: float
    poll: int
    deployment: str | None = None
    model: str | None = None
    healthy: bool | None = None
    endpoint: dict[str, Any] | None = None
    error: LiteLLMError | None = None

    @property
    def message(self) -> str | None:
        """The deployment's error text, or the failed poll's."""
        if self.error is not None:
            return str(self.error)
        if self.endpoint is not None and self.endpoint.get("error") is not None:
            return str(self.endpoint["error"])
        return None
