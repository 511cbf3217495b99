"""``client.config``: the proxy's stored config. Sections written here are kept in the
database and win over the YAML file's values, except fields the file owns (refused)."""

from __future__ import annotations

import builtins
from typing import Any, ClassVar, NamedTuple

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from ..types.config import (
    AllowedIps,
    AnthropicBetaHeadersReload,
    AnthropicBetaHeadersSchedule,
    CallbackDeleted,
    ConfigCallbacks,
    ConfigField,
    ConfigFieldInfo,
    ConfigMessage,
    ConfigOverride,
    ConfigRow,
    ConfigUpdateParams,
    ConfigYamlParams,
    CoordinationRedisSaved,
    CoordinationRedisSettings,
    CoordinationRedisSettingsParams,
    CoordinationRedisTest,
    CyberArkConfigParams,
    HashicorpVaultConfigParams,
)
from ..types.params.config import CoordinationRedisSettingsTestParams

__all__ = [
    "AllowedIpsResource",
    "AnthropicBetaHeaders",
    "Config",
    "ConfigCallbacksResource",
    "ConfigFields",
    "CoordinationRedis",
    "CyberArk",
    "HashicorpVault",
    "SecretManagerOverride",
]

# Each section given is merged into the stored one: sending it twice stores the same.
UPDATE = Endpoint("POST", "/config/update", ConfigMessage, "config.update")
YAML = Endpoint("GET", "/config/yaml", dict[str, Any], "config.yaml")
LIST = Endpoint("GET", "/config/list", list[ConfigField], "config.list")

FIELD_INFO = Endpoint("GET", "/config/field/info", ConfigFieldInfo, "config.fields.info")
FIELD_UPDATE = Endpoint("POST", "/config/field/update", ConfigRow, "config.fields.update")
FIELD_DELETE = Endpoint("POST", "/config/field/delete", ConfigRow, "config.fields.delete")

CALLBACKS_LIST = Endpoint("GET", "/get/config/callbacks", ConfigCallbacks, "config.callbacks.list")
# A repeat after the first went through answers 404 (callback not found), not success.
CALLBACK_DELETE = Endpoint(
    "POST", "/config/callback/delete", CallbackDeleted, "config.callbacks.delete", retry_safe=False
)

IPS_LIST = Endpoint("GET", "/get/allowed_ips", AllowedIps, "config.allowed_ips.list")
# Neither is safe to repeat: a second add answers 400 (exists), a second delete 404.
IPS_ADD = Endpoint(
    "POST", "/add/allowed_ip", ConfigMessage, "config.allowed_ips.add", retry_safe=False
)
IPS_DELETE = Endpoint(
    "POST", "/delete/allowed_ip", ConfigMessage, "config.allowed_ips.delete", retry_safe=False
)


class _OverrideRoutes(NamedTuple):
    retrieve: Endpoint[ConfigOverride]
    update: Endpoint[ConfigMessage]
    delete: Endpoint[ConfigMessage]
    test_connection: Endpoint[ConfigMessage]


# A save replaces the stored config; a delete of a missing one succeeds too.
VAULT = _OverrideRoutes(
    Endpoint(
        "GET",
        "/config_overrides/hashicorp_vault",
        ConfigOverride,
        "config.hashicorp_vault.retrieve",
    ),
    Endpoint(
        "POST", "/config_overrides/hashicorp_vault", ConfigMessage, "config.hashicorp_vault.update"
    ),
    Endpoint(
        "DELETE",
        "/config_overrides/hashicorp_vault",
        ConfigMessage,
        "config.hashicorp_vault.delete",
    ),
    Endpoint(
        "POST",
        "/config_overrides/hashicorp_vault/test_connection",
        ConfigMessage,
        "config.hashicorp_vault.test_connection",
    ),
)
CYBERARK = _OverrideRoutes(
    Endpoint("GET", "/config_overrides/cyberark", ConfigOverride, "config.cyberark.retrieve"),
    Endpoint("POST", "/config_overrides/cyberark", ConfigMessage, "config.cyberark.update"),
    Endpoint("DELETE", "/config_overrides/cyberark", ConfigMessage, "config.cyberark.delete"),
    Endpoint(
        "POST",
        "/config_overrides/cyberark/test_connection",
        ConfigMessage,
        "config.cyberark.test_connection",
    ),
)

REDIS_GET = Endpoint(
    "GET",
    "/coordination_redis/settings",
    CoordinationRedisSettings,
    "config.coordination_redis.retrieve",
)
REDIS_UPDATE = Endpoint(
    "POST",
    "/coordination_redis/settings",
    CoordinationRedisSaved,
    "config.coordination_redis.update",
)
REDIS_TEST = Endpoint(
    "POST",
    "/coordination_redis/settings/test",
    CoordinationRedisTest,
    "config.coordination_redis.test",
)

BETA_RELOAD = Endpoint(
    "POST",
    "/reload/anthropic_beta_headers",
    AnthropicBetaHeadersReload,
    "config.anthropic_beta_headers.reload",
)
BETA_SCHEDULE = Endpoint(
    "POST",
    "/schedule/anthropic_beta_headers_reload",
    AnthropicBetaHeadersSchedule,
    "config.anthropic_beta_headers.schedule",
)
BETA_CANCEL = Endpoint(
    "DELETE",
    "/schedule/anthropic_beta_headers_reload",
    AnthropicBetaHeadersSchedule,
    "config.anthropic_beta_headers.cancel",
)
BETA_STATUS = Endpoint(
    "GET",
    "/schedule/anthropic_beta_headers_reload/status",
    AnthropicBetaHeadersSchedule,
    "config.anthropic_beta_headers.status",
)


class ConfigFields(Resource):
    """Single fields of ``general_settings`` (``/config/field/*``)."""

    __slots__ = ()

    async def info(self, field_name: str) -> ConfigFieldInfo:
        """One general setting's value and source (400 when it is not set).
        ``GET /config/field/info``."""
        require("config.fields.info", {"field_name": field_name}, "field_name")
        return await self._client._call(FIELD_INFO, query={"field_name": field_name})

    async def update(self, field_name: str, value: Any) -> ConfigRow:
        """Store one general setting (the proxy checks name and type).
        ``POST /config/field/update``."""
        require("config.fields.update", {"field_name": field_name}, "field_name")
        body = {"field_name": field_name, "field_value": value, "config_type": "general_settings"}
        return await self._client._call(FIELD_UPDATE, json=body)

    async def delete(self, field_name: str) -> ConfigRow:
        """Drop a general setting's stored value: it goes back to its default.
        ``POST /config/field/delete``."""
        require("config.fields.delete", {"field_name": field_name}, "field_name")
        body = {"field_name": field_name, "config_type": "general_settings"}
        return await self._client._call(FIELD_DELETE, json=body)


class ConfigCallbacksResource(Resource):
    """Logging callbacks in the stored config (``/get/config/callbacks``,
    ``/config/callback/delete``)."""

    __slots__ = ()

    async def list(self) -> ConfigCallbacks:
        """The configured callbacks, alerting destinations and router settings.
        ``GET /get/config/callbacks``."""
        return await self._client._call(CALLBACKS_LIST)

    async def delete(self, callback_name: str) -> CallbackDeleted:
        """Remove a logging callback from the stored config (404 if it is not there).
        ``POST /config/callback/delete``."""
        require("config.callbacks.delete", {"callback_name": callback_name}, "callback_name")
        return await self._client._call(CALLBACK_DELETE, json={"callback_name": callback_name})


class AllowedIpsResource(Resource):
    """The IP allow-list of ``general_settings.allowed_ips``."""

    __slots__ = ()

    async def list(self) -> AllowedIps:
        """The allowed IPs (``data`` None: no allow-list). ``GET /get/allowed_ips``."""
        return await self._client._call(IPS_LIST)

    async def add(self, ip: str) -> ConfigMessage:
        """Allow an IP (400 if already listed). ``POST /add/allowed_ip``.

        Once the list is not empty, only the IPs on it can reach the proxy.
        """
        require("config.allowed_ips.add", {"ip": ip}, "ip")
        return await self._client._call(IPS_ADD, json={"ip": ip})

    async def delete(self, ip: str) -> ConfigMessage:
        """Remove an IP from the list (404 if not listed). ``POST /delete/allowed_ip``."""
        require("config.allowed_ips.delete", {"ip": ip}, "ip")
        return await self._client._call(IPS_DELETE, json={"ip": ip})


class SecretManagerOverride(Resource):
    """A secret manager's configuration stored in the database (``/config_overrides/<name>``);
    subclasses name the routes."""

    __slots__ = ()
    routes: ClassVar[_OverrideRoutes]

    async def retrieve(self) -> ConfigOverride:
        """The stored configuration (or the one from the environment), secrets masked.
        ``GET /config_overrides/<name>``."""
        return await self._client._call(self.routes.retrieve)

    async def _update(self, params: dict[str, Any]) -> ConfigMessage:
        return await self._client._call(self.routes.update, json=params)

    async def delete(self) -> ConfigMessage:
        """Delete the stored configuration (succeeds when there is none).
        ``DELETE /config_overrides/<name>``."""
        return await self._client._call(self.routes.delete)

    async def test_connection(self) -> ConfigMessage:
        """Connect to the configured server (400 when none is stored, 502 when it cannot be
        reached).
        ``POST /config_overrides/<name>/test_connection``."""
        return await self._client._call(self.routes.test_connection)


class HashicorpVault(SecretManagerOverride):
    """Hashicorp Vault (``/config_overrides/hashicorp_vault``)."""

    __slots__ = ()
    routes = VAULT

    async def update(self, **params: Unpack[HashicorpVaultConfigParams]) -> ConfigMessage:
        """Store the Vault configuration (secrets encrypted at rest).
        ``POST /config_overrides/hashicorp_vault``."""
        return await self._update(dict(params))


class CyberArk(SecretManagerOverride):
    """CyberArk Conjur (``/config_overrides/cyberark``)."""

    __slots__ = ()
    routes = CYBERARK

    async def update(self, **params: Unpack[CyberArkConfigParams]) -> ConfigMessage:
        """Store the CyberArk Conjur configuration (secrets encrypted at rest).
        ``POST /config_overrides/cyberark``."""
        return await self._update(dict(params))


class CoordinationRedis(Resource):
    """The Redis the proxy instances coordinate through
    (``general_settings.coordination_redis``)."""

    __slots__ = ()

    async def retrieve(self) -> CoordinationRedisSettings:
        """The settings (credentials redacted) and the fields that can be set.
        ``GET /coordination_redis/settings``."""
        return await self._client._call(REDIS_GET)

    async def update(
        self, **params: Unpack[CoordinationRedisSettingsParams]
    ) -> CoordinationRedisSaved:
        """Store the settings; they apply after a restart of the proxy.
        ``POST /coordination_redis/settings``."""
        require("config.coordination_redis.update", params, "settings")
        return await self._client._call(REDIS_UPDATE, json=dict(params))

    async def test(
        self, **params: Unpack[CoordinationRedisSettingsTestParams]
    ) -> CoordinationRedisTest:
        """Try a connection with these settings (an unreachable server is a ``status`` of
        ``unhealthy``, not an error). ``POST /coordination_redis/settings/test``."""
        require("config.coordination_redis.test", params, "settings")
        return await self._client._call(REDIS_TEST, json=dict(params))


class AnthropicBetaHeaders(Resource):
    """The Anthropic beta-headers table, fetched from a remote source."""

    __slots__ = ()

    async def reload(self) -> AnthropicBetaHeadersReload:
        """Fetch the table now (500 when the source cannot be read).
        ``POST /reload/anthropic_beta_headers``."""
        return await self._client._call(BETA_RELOAD)

    async def schedule(self, hours: int) -> AnthropicBetaHeadersSchedule:
        """Reload the table every ``hours`` hours.
        ``POST /schedule/anthropic_beta_headers_reload``."""
        if not isinstance(hours, int) or isinstance(hours, bool):
            raise TypeError(f"hours must be an int, not {type(hours).__name__}")
        if hours <= 0:
            raise ValueError("hours must be greater than 0")
        return await self._client._call(BETA_SCHEDULE, query={"hours": hours})

    async def cancel(self) -> AnthropicBetaHeadersSchedule:
        """Stop the periodic reload. ``DELETE /schedule/anthropic_beta_headers_reload``."""
        return await self._client._call(BETA_CANCEL)

    async def status(self) -> AnthropicBetaHeadersSchedule:
        """Whether a periodic reload is scheduled, and its runs.
        ``GET /schedule/anthropic_beta_headers_reload/status``."""
        return await self._client._call(BETA_STATUS)


class Config(Resource):
    """The proxy's stored config: whole sections, single general settings, callbacks, the IP
    allow-list, secret managers, coordination Redis and the Anthropic beta headers."""

    __slots__ = ("__dict__",)

    fields: group[ConfigFields] = group("config:ConfigFields")
    callbacks: group[ConfigCallbacksResource] = group("config:ConfigCallbacksResource")
    allowed_ips: group[AllowedIpsResource] = group("config:AllowedIpsResource")
    hashicorp_vault: group[HashicorpVault] = group("config:HashicorpVault")
    cyberark: group[CyberArk] = group("config:CyberArk")
    coordination_redis: group[CoordinationRedis] = group("config:CoordinationRedis")
    anthropic_beta_headers: group[AnthropicBetaHeaders] = group("config:AnthropicBetaHeaders")

    async def update(self, **params: Unpack[ConfigUpdateParams]) -> ConfigMessage:
        """Write config sections: each one given is merged into the stored one (the request
        wins), the others are left alone. ``POST /config/update``.

        Fields the YAML file sets cannot be changed here (refused).
        """
        if not params:
            raise TypeError("config.update() needs at least one section")
        return await self._client._call(UPDATE, json=dict(params))

    async def yaml(self, **params: Unpack[ConfigYamlParams]) -> dict[str, Any]:
        """The proxy's demonstration route for the config.yaml schema: validates a config body
        and answers ``{"hello": "world"}``; it changes nothing. ``GET /config/yaml``.

        The route wants a JSON body even on GET: an empty one is sent when none is given.
        """
        return await self._client._call(YAML, json=dict(params))

    async def list(self, config_type: str = "general_settings") -> builtins.list[ConfigField]:
        """Every general setting with its type, description, value and source (the proxy
        lists only ``general_settings``). ``GET /config/list``."""
        require("config.list", {"config_type": config_type}, "config_type")
        return await self._client._call(LIST, query={"config_type": config_type})
