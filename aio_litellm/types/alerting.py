"""Results and parameters of ``client.alerting``."""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.alerting import (
    AlertingModelDeprecationsStatePutParams,
    AlertingModelDeprecationsStateQuery,
    AlertingModelDeprecationsTagsQuery,
    EmailEventSettingsPatchParams,
)

__all__ = [
    "AlertingSetting",
    "DeprecationAlertState",
    "DeprecationStateParams",
    "DeprecationStateUpdateParams",
    "DeprecationTagUsage",
    "DeprecationTagsParams",
    "EmailEventSetting",
    "EmailEventSettings",
    "EmailEventSettingsUpdateParams",
    "EmailSettingsMessage",
]

DeprecationStateParams = AlertingModelDeprecationsStateQuery
DeprecationStateUpdateParams = AlertingModelDeprecationsStatePutParams
DeprecationTagsParams = AlertingModelDeprecationsTagsQuery
EmailEventSettingsUpdateParams = EmailEventSettingsPatchParams


class DeprecationAlertState(Response):
    """``/alerting/model-deprecations/state``: an alert about a model's deprecation date
    (``status``: ``open``, ``resolved`` or ``dismissed``)."""

    model: str
    deprecation_date: str
    status: str | None = None
    last_seen_date: str | None = None
    last_seen_requests: int | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class DeprecationTagUsage(BaseModel):
    """A request tag seen with the deprecated model for a key (``api_key`` as the proxy
    buckets it)."""

    api_key: str
    tag: str


class AlertingSetting(BaseModel):
    """One alerting setting as the admin UI shows it (``GET /alerting/settings``)."""

    field_name: str
    field_type: str | None = None
    field_description: str | None = None
    field_value: Any = None
    stored_in_db: bool | None = None
    field_default_value: Any = None
    premium_field: bool = False
    nested_fields: list[dict[str, Any]] | None = None
    field_options: list[str] | None = None
    source: str | None = None
    editable: bool | None = None


class EmailEventSetting(BaseModel):
    event: str
    enabled: bool


class EmailEventSettings(Response):
    """``GET /email/event_settings``: which events send an email."""

    settings: list[EmailEventSetting] = []


class EmailSettingsMessage(Response):
    """The proxy's confirmation of an email settings change."""

    message: str | None = None
