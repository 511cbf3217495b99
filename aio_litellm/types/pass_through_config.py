"""Parameters and results of ``client.pass_through_config``: pass-through endpoints the proxy
stores in its config (``/config/pass_through_endpoint*``). A created endpoint is live at once."""

from __future__ import annotations

from typing import Any

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "PassThroughEndpoint",
    "PassThroughEndpointList",
    "PassThroughEndpointParams",
    "PassThroughListQuery",
]


class PassThroughEndpointParams(TypedDict, total=False):
    """An endpoint's fields (``PassThroughGenericEndpoint``): ``path`` on the proxy forwards to
    ``target``; ``auth`` (default True) requires a proxy key; ``include_subpath`` forwards
    sub-paths too; ``methods`` limits the HTTP methods (default all). The proxy wants ``path``
    and ``target`` in an update too; the other fields it leaves as stored when not given."""

    id: str | None
    path: Required[str]
    target: Required[str]
    headers: dict[str, Any]
    default_query_params: dict[str, Any]
    include_subpath: bool
    cost_per_request: float
    timeout: float | None
    auth: bool
    guardrails: dict[str, Any] | None
    methods: list[str] | None


class PassThroughListQuery(TypedDict, total=False):
    """Query of ``GET /config/pass_through_endpoint``: one endpoint by ``endpoint_id``, or the
    endpoints a team may use (``team_id``)."""

    endpoint_id: str
    team_id: str


class PassThroughEndpoint(BaseModel):
    """A configured pass-through endpoint; ``is_from_config`` marks one from the YAML config
    (not editable through the API)."""

    id: str | None = None
    path: str
    target: str
    headers: dict[str, Any] = {}
    default_query_params: dict[str, Any] = {}
    include_subpath: bool = False
    cost_per_request: float = 0.0
    timeout: float | None = None
    auth: bool = True
    guardrails: dict[str, Any] | None = None
    is_from_config: bool = False
    methods: list[str] | None = None


class PassThroughEndpointList(Response):
    """``{"endpoints": [...]}``: the answer of every route of the group."""

    endpoints: list[PassThroughEndpoint] = []
