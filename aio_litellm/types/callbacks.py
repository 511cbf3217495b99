"""Results of ``client.callbacks``: the logging callbacks active on the proxy and the ones it
can be configured with."""

from __future__ import annotations

from typing import Any

import pydantic

from .._models import BaseModel, Response

__all__ = ["ActiveCallbacks", "CallbackConfig", "CallbacksByType"]


class CallbacksByType(Response):
    """The active logging callbacks by the events they log."""

    success: list[str] = []
    failure: list[str] = []
    success_and_failure: list[str] = []


class ActiveCallbacks(Response):
    """The callbacks of the litellm module, by list (the proxy's keys are dotted:
    ``litellm.success_callback``...), with alerting and the request timeout."""

    alerting: Any = None
    callbacks: list[str] = pydantic.Field(default=[], alias="litellm.callbacks")
    input_callback: list[str] = pydantic.Field(default=[], alias="litellm.input_callback")
    success_callback: list[str] = pydantic.Field(default=[], alias="litellm.success_callback")
    failure_callback: list[str] = pydantic.Field(default=[], alias="litellm.failure_callback")
    all_litellm_callbacks: list[str] = []
    num_callbacks: int = 0
    num_alerting: int = 0
    request_timeout: float | None = pydantic.Field(default=None, alias="litellm.request_timeout")


class CallbackConfig(BaseModel):
    """A logging integration the proxy supports and the parameters it takes."""

    id: str
    display_name: str | None = pydantic.Field(default=None, alias="displayName")
    logo: str | None = None
    description: str | None = None
    supports_key_team_logging: bool = False
    dynamic_params: dict[str, Any] = {}
