"""``client.health``: liveness, readiness and model health checks."""

from __future__ import annotations

from .. import _jsonutil
from .._endpoint import Endpoint
from .._resource import Resource
from ..types.health import HealthCheckResponse, ReadinessResponse

__all__ = ["Health"]

LIVELINESS = Endpoint("GET", "/health/liveliness", str, "health.liveliness")
READINESS = Endpoint("GET", "/health/readiness", ReadinessResponse, "health.readiness")
CHECK = Endpoint("GET", "/health", HealthCheckResponse, "health.check")


class Health(Resource):
    __slots__ = ()

    async def liveliness(self) -> str:
        """Whether the proxy process answers (no auth, no DB). ``GET /health/liveliness``."""
        return await self._client._call(LIVELINESS, parse=_json_or_text)

    async def readiness(self) -> ReadinessResponse:
        """Whether the proxy is ready, and whether its database is connected.
        ``GET /health/readiness``."""
        return await self._client._call(READINESS)

    async def check(
        self, *, model: str | None = None, model_id: str | None = None
    ) -> HealthCheckResponse:
        """Call every deployment (or one) and report which answer: costs real requests upstream.
        ``GET /health``."""
        return await self._client._call(CHECK, query={"model": model, "model_id": model_id})


def _json_or_text(content: bytes) -> str:
    # The proxy answers with a JSON string ("I'm alive!"); a plain-text probe answer is kept.
    try:
        return str(_jsonutil.loads(content))
    except _jsonutil.JSONDecodeError:
        return content.decode("utf-8", "replace")
