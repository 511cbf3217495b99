"""``client.alerting``: alerting settings, model deprecation alerts, email event settings."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, id_list, require
from ..types.alerting import (
    AlertingSetting,
    DeprecationAlertState,
    DeprecationStateParams,
    DeprecationStateUpdateParams,
    DeprecationTagsParams,
    DeprecationTagUsage,
    EmailEventSettings,
    EmailEventSettingsUpdateParams,
    EmailSettingsMessage,
)

__all__ = ["Alerting"]

SETTINGS = Endpoint("GET", "/alerting/settings", list[AlertingSetting], "alerting.settings")
DEPRECATION_STATE = Endpoint(
    "GET",
    "/alerting/model-deprecations/state",
    DeprecationAlertState,
    "alerting.deprecation_state",
)
# A PUT stores the whole state: sending it twice leaves the same state.
UPDATE_DEPRECATION_STATE = Endpoint(
    "PUT",
    "/alerting/model-deprecations/state",
    DeprecationAlertState,
    "alerting.update_deprecation_state",
)
DEPRECATION_TAGS = Endpoint(
    "GET",
    "/alerting/model-deprecations/tags",
    list[DeprecationTagUsage],
    "alerting.deprecation_tags",
)
EMAIL_SETTINGS = Endpoint(
    "GET", "/email/event_settings", EmailEventSettings, "alerting.email_settings"
)
UPDATE_EMAIL_SETTINGS = Endpoint(
    "PATCH", "/email/event_settings", EmailSettingsMessage, "alerting.update_email_settings"
)
RESET_EMAIL_SETTINGS = Endpoint(
    "POST",
    "/email/event_settings/reset",
    EmailSettingsMessage,
    "alerting.reset_email_settings",
    retry_safe=False,
)

_STATE_FIELDS = ("model", "deprecation_date", "status", "last_seen_date", "last_seen_requests")


class Alerting(Resource):
    __slots__ = ()

    async def settings(self) -> list[AlertingSetting]:
        """The alerting settings with their values and descriptions (admin view; needs a
        database). ``GET /alerting/settings``."""
        return await self._client._call(SETTINGS)

    async def deprecation_state(
        self, **params: Unpack[DeprecationStateParams]
    ) -> DeprecationAlertState:
        """The alert state of a ``model``'s ``deprecation_date`` (``YYYY-MM-DD``): ``open``
        when nobody acted yet. ``GET /alerting/model-deprecations/state``."""
        require("deprecation_state", params, "model", "deprecation_date")
        return await self._client._call(DEPRECATION_STATE, query=dict(params))

    async def update_deprecation_state(
        self, **params: Unpack[DeprecationStateUpdateParams]
    ) -> DeprecationAlertState:
        """Resolve, dismiss or reopen a deprecation alert (every field is required).
        ``PUT /alerting/model-deprecations/state``."""
        require("update_deprecation_state", params, *_STATE_FIELDS)
        return await self._client._call(UPDATE_DEPRECATION_STATE, json=dict(params))

    async def deprecation_tags(
        self, **params: Unpack[DeprecationTagsParams]
    ) -> list[DeprecationTagUsage]:
        """The request tags seen with ``model`` for up to 100 ``api_keys`` between
        ``start_date`` and ``end_date`` (at most 30 days). ``GET
        /alerting/model-deprecations/tags``."""
        require("deprecation_tags", params, "model", "start_date", "end_date")
        keys = id_list("deprecation_tags", "api_keys", params.get("api_keys") or [])
        return await self._client._call(DEPRECATION_TAGS, query={**params, "api_keys": keys})

    async def email_settings(self) -> EmailEventSettings:
        """Which events send an email (enterprise). ``GET /email/event_settings``."""
        return await self._client._call(EMAIL_SETTINGS)

    async def update_email_settings(
        self, **params: Unpack[EmailEventSettingsUpdateParams]
    ) -> EmailSettingsMessage:
        """Turn email events on or off: ``settings=[{"event": ..., "enabled": ...}]``
        (enterprise). ``PATCH /email/event_settings``."""
        require("update_email_settings", params, "settings")
        return await self._client._call(UPDATE_EMAIL_SETTINGS, json=dict(params))

    async def reset_email_settings(self) -> EmailSettingsMessage:
        """Put every email event back to its default (enterprise).
        ``POST /email/event_settings/reset``."""
        return await self._client._call(RESET_EMAIL_SETTINGS)
