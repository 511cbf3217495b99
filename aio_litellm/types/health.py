"""Results of ``client.health``."""

from __future__ import annotations

from typing import Any

from .._models import Response

__all__ = ["HealthCheckResponse", "ReadinessResponse"]


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


class HealthCheckResponse(Response):
    """``GET /health``: one real call to each deployment (expensive)."""

    healthy_endpoints: list[dict[str, Any]] = []
    unhealthy_endpoints: list[dict[str, Any]] = []
    healthy_count: int | None = None
    unhealthy_count: int | None = None
