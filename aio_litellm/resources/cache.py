"""``client.cache``: the proxy's response cache. Deleting keys, flushing and Redis info need
a Redis cache (the proxy answers 500/503 otherwise)."""

from __future__ import annotations

from collections.abc import Sequence

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, id_list, require
from ..types.cache import (
    CachePing,
    CacheSettings,
    CacheSettingsParams,
    CacheSettingsSaved,
    CacheSettingsTestParams,
    CacheStatus,
    CacheTest,
    RedisInfo,
)

__all__ = ["Cache", "CacheSettingsResource"]

PING = Endpoint("GET", "/cache/ping", CachePing, "cache.ping")
# Deleting or flushing twice leaves the cache as once.
DELETE = Endpoint("POST", "/cache/delete", CacheStatus, "cache.delete")
FLUSHALL = Endpoint("POST", "/cache/flushall", CacheStatus, "cache.flushall")
REDIS_INFO = Endpoint("GET", "/cache/redis/info", RedisInfo, "cache.redis_info")

SETTINGS_GET = Endpoint("GET", "/cache/settings", CacheSettings, "cache.settings.retrieve")
# A save replaces the stored settings.
SETTINGS_UPDATE = Endpoint("POST", "/cache/settings", CacheSettingsSaved, "cache.settings.update")
SETTINGS_TEST = Endpoint("POST", "/cache/settings/test", CacheTest, "cache.settings.test")


class CacheSettingsResource(Resource):
    """The cache settings stored in the database (``/cache/settings``)."""

    __slots__ = ()

    async def retrieve(self) -> CacheSettings:
        """The settings' definitions and current values. ``GET /cache/settings``."""
        return await self._client._call(SETTINGS_GET)

    async def update(self, **params: Unpack[CacheSettingsParams]) -> CacheSettingsSaved:
        """Store the settings and start the cache with them. ``POST /cache/settings``."""
        require("cache.settings.update", params, "cache_settings")
        return await self._client._call(SETTINGS_UPDATE, json=dict(params))

    async def test(self, **params: Unpack[CacheSettingsTestParams]) -> CacheTest:
        """Try a connection with these settings (a failure is a ``status`` of ``failed``, not
        an error). ``POST /cache/settings/test``."""
        require("cache.settings.test", params, "cache_settings")
        return await self._client._call(SETTINGS_TEST, json=dict(params))


class Cache(Resource):
    """The response cache: health, keys, Redis info, and its stored settings."""

    __slots__ = ("__dict__",)

    settings: group[CacheSettingsResource] = group("cache:CacheSettingsResource")

    async def ping(self) -> CachePing:
        """Check the cache answers (503 when the proxy has none). ``GET /cache/ping``."""
        return await self._client._call(PING)

    async def delete(self, keys: Sequence[str]) -> CacheStatus:
        """Delete cache entries by key (the ``x-litellm-cache-key`` response header); Redis
        only. ``POST /cache/delete``."""
        return await self._client._call(
            DELETE, json={"keys": id_list("cache.delete", "keys", keys)}
        )

    async def flushall(self) -> CacheStatus:
        """Delete every cache entry; Redis only. ``POST /cache/flushall``."""
        return await self._client._call(FLUSHALL)

    async def redis_info(self) -> RedisInfo:
        """The Redis server's ``INFO`` and clients. ``GET /cache/redis/info``."""
        return await self._client._call(REDIS_INFO)
