"""Results of ``client.other``."""

from __future__ import annotations

from typing import Any

from .._models import Response

__all__ = ["OpenAPIDocument"]


class OpenAPIDocument(Response):
    """``GET /openapi.json``: the proxy's OpenAPI document (every other field kept)."""

    openapi: str | None = None
    info: dict[str, Any] = {}
    paths: dict[str, dict[str, Any]] = {}
    components: dict[str, Any] = {}

    @property
    def version(self) -> str | None:
        """The proxy's version, as its document states it."""
        value = self.info.get("version")
        return str(value) if value is not None else None
