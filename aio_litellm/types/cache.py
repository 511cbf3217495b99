"""Parameters and results of ``client.cache``: the proxy's response cache (ping, keys, Redis
info) and its settings stored in the database."""

from __future__ import annotations

from typing import Any

from .._models import Response
from .params.cache import CacheSettingsPostParams, CacheSettingsTestParams

__all__ = [
    "CachePing",
    "CacheSettings",
    "CacheSettingsParams",
    "CacheSettingsSaved",
    "CacheSettingsTestParams",
    "CacheStatus",
    "CacheTest",
    "RedisInfo",
]

CacheSettingsParams = CacheSettingsPostParams


class CachePing(Response):
    """The cache answers: its type and parameters (masked); for Redis, the ping and a test
    write."""

    status: str
    cache_type: str | None = None
    ping_response: bool | None = None
    set_cache_response: str | None = None
    litellm_cache_params: str | None = None
    health_check_cache_params: dict[str, Any] | None = None


class CacheStatus(Response):
    """``{"status": "success"}``."""

    status: str


class RedisInfo(Response):
    """The Redis server's ``INFO`` and client list (``num_clients`` -1: CLIENT LIST refused)."""

    num_clients: int | None = None
    clients: list[Any] = []
    info: dict[str, Any] = {}


class CacheSettings(Response):
    """The cache settings: definitions, current values, and what each Redis type means."""

    fields: list[dict[str, Any]] = []
    current_values: dict[str, Any] = {}
    redis_type_descriptions: dict[str, str] = {}


class CacheSettingsSaved(Response):
    """The settings stored (credentials redacted)."""

    message: str | None = None
    status: str | None = None
    settings: dict[str, Any] = {}


class CacheTest(Response):
    """A connection test: ``status`` ``success`` or ``failed`` (then ``error``)."""

    status: str
    message: str | None = None
    error: str | None = None
