"""``client.callbacks``: the logging callbacks active on the proxy and the integrations it
offers. Configure them with ``client.config.update(litellm_settings=...)``."""

from __future__ import annotations

import builtins

from .._endpoint import Endpoint
from .._resource import Resource
from ..types.callbacks import ActiveCallbacks, CallbackConfig, CallbacksByType

__all__ = ["Callbacks"]

ACTIVE = Endpoint("GET", "/active/callbacks", ActiveCallbacks, "callbacks.active")
LIST = Endpoint("GET", "/callbacks/list", CallbacksByType, "callbacks.list")
CONFIGS = Endpoint("GET", "/callbacks/configs", list[CallbackConfig], "callbacks.configs")


class Callbacks(Resource):
    """Active logging callbacks and the available integrations."""

    __slots__ = ()

    async def list(self) -> CallbacksByType:
        """The active logging callbacks by event (success, failure, both).
        ``GET /callbacks/list``."""
        return await self._client._call(LIST)

    async def active(self) -> ActiveCallbacks:
        """The litellm module's callback lists, alerting and request timeout, for debugging
        the proxy's setup. ``GET /active/callbacks`` (also served as ``/settings``)."""
        return await self._client._call(ACTIVE)

    async def configs(self) -> builtins.list[CallbackConfig]:
        """Every logging integration the proxy supports, with its parameters.
        ``GET /callbacks/configs``."""
        return await self._client._call(CONFIGS)
