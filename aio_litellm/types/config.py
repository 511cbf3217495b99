"""Parameters and results of ``client.config``: the proxy's stored config (general settings,
callbacks, allowed IPs, secret-manager overrides, coordination Redis, Anthropic beta headers).

The config sections are open objects: the models type the fields users read and keep the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .params.config import (
    AddAllowedIpParams,
    ConfigOverridesCyberarkPostParams,
    ConfigOverridesHashicorpVaultPostParams,
    CoordinationRedisSettingsPostParams,
    DeleteAllowedIpParams,
)

__all__ = [
    "AddAllowedIpParams",
    "AllowedIps",
    "AnthropicBetaHeadersReload",
    "AnthropicBetaHeadersSchedule",
    "CallbackDeleted",
    "ConfigCallbacks",
    "ConfigField",
    "ConfigFieldDetail",
    "ConfigFieldInfo",
    "ConfigFieldSource",
    "ConfigMessage",
    "ConfigOverride",
    "ConfigRow",
    "ConfigUpdateParams",
    "ConfigYamlParams",
    "CoordinationRedisSaved",
    "CoordinationRedisSettings",
    "CoordinationRedisSettingsParams",
    "CoordinationRedisTest",
    "CyberArkConfigParams",
    "DeleteAllowedIpParams",
    "HashicorpVaultConfigParams",
]

CyberArkConfigParams = ConfigOverridesCyberarkPostParams
HashicorpVaultConfigParams = ConfigOverridesHashicorpVaultPostParams
CoordinationRedisSettingsParams = CoordinationRedisSettingsPostParams

ConfigFieldSource = Literal["config", "db", "env", "default", "unset"]


class ConfigUpdateParams(TypedDict, total=False):
    """Body of ``POST /config/update`` (``ConfigYAML``): the sections to write. Each section
    given is merged key by key into the stored one (the request wins); sections not given are
    left as they are. ``litellm_settings.success_callback`` is added to the stored list, not
    substituted for it."""

    environment_variables: dict[str, Any]
    model_list: Sequence[dict[str, Any]]
    litellm_settings: dict[str, Any]
    general_settings: dict[str, Any]
    router_settings: dict[str, Any]
    worker_registry: Sequence[dict[str, Any]]


ConfigYamlParams = ConfigUpdateParams


class ConfigMessage(Response):
    """``{"message": ..., "status": "success"}``: the answer of most config writes."""

    message: str | None = None
    status: str | None = None


class ConfigRow(Response):
    """The stored ``general_settings`` row after a field update or reset (``param_name``,
    ``param_value``), or a ``message``/``status`` for the fields kept elsewhere."""

    param_name: str | None = None
    param_value: dict[str, Any] | None = None
    message: str | None = None
    status: str | None = None


class ConfigFieldInfo(Response):
    """One general setting: its value and where it comes from (``config`` = the YAML file,
    not editable through the API)."""

    field_name: str
    field_value: Any = None
    source: ConfigFieldSource = "unset"
    editable: bool = True


class ConfigFieldDetail(BaseModel):
    """A nested field of a setting."""

    field_name: str
    field_type: str = ""
    field_description: str = ""
    field_default_value: Any = None
    stored_in_db: bool | None = None


class ConfigField(BaseModel):
    """One general setting as the admin UI lists it: type, description, value, default."""

    field_name: str
    field_type: str = ""
    field_description: str = ""
    field_value: Any = None
    stored_in_db: bool | None = None
    field_default_value: Any = None
    premium_field: bool = False
    nested_fields: list[ConfigFieldDetail] | None = None
    field_options: list[str] | None = None
    field_tab: str | None = None
    source: ConfigFieldSource = "unset"
    editable: bool = True


class ConfigCallbacks(Response):
    """The configured logging callbacks and alerting destinations (env values masked for
    non-admins), with the live router settings."""

    status: str | None = None
    callbacks: list[dict[str, Any]] = []
    alerts: list[dict[str, Any]] = []
    active_alerting_destinations: list[str] = []
    router_settings: dict[str, Any] = {}
    available_callbacks: dict[str, Any] = {}


class CallbackDeleted(Response):
    """The callback removed from the stored config, and those left."""

    message: str | None = None
    removed_callback: str | None = None
    remaining_callbacks: list[Any] = []
    deleted_at: str | None = None


class AllowedIps(Response):
    """``{"data": [...]}``: the IPs allowed to call the proxy (None: every IP)."""

    data: list[str] | None = None


class ConfigOverride(Response):
    """A secret manager's stored (or environment) configuration, secrets masked, with the
    schema of its fields."""

    config_type: str
    values: dict[str, Any] = {}
    field_schema: dict[str, Any] = {}


class CoordinationRedisSettings(Response):
    """The coordination Redis settings (credentials redacted), the fields that can be set and
    where the live one comes from (None: the proxy has none)."""

    values: dict[str, Any] = {}
    fields: list[dict[str, Any]] = []
    source: Any = None


class CoordinationRedisSaved(ConfigMessage):
    """The coordination Redis settings stored (credentials redacted)."""

    settings: dict[str, Any] = {}


class CoordinationRedisTest(Response):
    """A connection test: ``status`` ``healthy`` or ``unhealthy`` (then ``error``)."""

    status: str
    error: str | None = None


class AnthropicBetaHeadersReload(Response):
    """A reload of the Anthropic beta headers: how many providers it updated."""

    message: str | None = None
    status: str | None = None
    providers_count: int | None = None
    timestamp: str | None = None


class AnthropicBetaHeadersSchedule(Response):
    """The periodic reload: scheduled or not, its interval and runs (also the answer of a
    schedule or cancel, then with ``message``/``status``)."""

    scheduled: bool | None = None
    interval_hours: int | None = None
    last_run: str | None = None
    next_run: str | None = None
    message: str | None = None
    status: str | None = None
    timestamp: str | None = None
