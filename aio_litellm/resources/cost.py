"""``client.cost``: cost estimates and prompt-cache analysis, the model cost map, the cost
settings (unpriced models, discounts, margins) and subscription accounts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, DateLike, endpoint_pager
from .._resource import Resource, group, require
from ..types.cost import (
    BlockUnpriced,
    CachePrediction,
    CostConfig,
    CostConfigUpdate,
    CostEstimate,
    CostEstimateParams,
    CostMapReload,
    CostMapReloadStatus,
    CostMapSchedule,
    CostMapSource,
    CostPredictCacheParams,
    PromptCachingRequest,
    PromptCachingRequestsPage,
    PromptCachingRequestsQuery,
    SubscriptionAccount,
    SubscriptionAccountCreateParams,
    SubscriptionAccountUpdateParams,
    SubscriptionUsage,
)
from .spend import day_range

__all__ = [
    "BlockUnpricedModels",
    "Cost",
    "CostDiscounts",
    "CostMargins",
    "ModelCostMap",
    "SubscriptionAccounts",
]

# Both compute from their input and write nothing: sending one twice is harmless.
ESTIMATE = Endpoint("POST", "/cost/estimate", CostEstimate, "cost.estimate")
PREDICT_CACHE = Endpoint("POST", "/cost/predict-cache", CachePrediction, "cost.predict_cache")
PROMPT_CACHING_REQUESTS = Endpoint(
    "GET",
    "/cost_optimization/prompt_caching/requests",
    PromptCachingRequestsPage,
    "cost.prompt_caching_requests",
)

COST_MAP_SOURCE = Endpoint(
    "GET", "/model/cost_map/source", CostMapSource, "cost.model_cost_map.source"
)
# A second reload fetches the same map again: harmless.
COST_MAP_RELOAD = Endpoint(
    "POST", "/reload/model_cost_map", CostMapReload, "cost.model_cost_map.reload"
)
COST_MAP_SCHEDULE = Endpoint(
    "POST",
    "/schedule/model_cost_map_reload",
    CostMapSchedule,
    "cost.model_cost_map.schedule_reload",
)
COST_MAP_CANCEL = Endpoint(
    "DELETE",
    "/schedule/model_cost_map_reload",
    CostMapSchedule,
    "cost.model_cost_map.cancel_reload",
)
COST_MAP_STATUS = Endpoint(
    "GET",
    "/schedule/model_cost_map_reload/status",
    CostMapReloadStatus,
    "cost.model_cost_map.reload_status",
)

BLOCK_UNPRICED_GET = Endpoint(
    "GET",
    "/config/block_requests_for_models_without_pricing",
    BlockUnpriced,
    "cost.block_unpriced.get",
)
BLOCK_UNPRICED_SET = Endpoint(
    "PATCH",
    "/config/block_requests_for_models_without_pricing",
    BlockUnpriced,
    "cost.block_unpriced.set",
)
DISCOUNT_GET = Endpoint(
    "GET", "/config/cost_discount_config", CostConfig, "cost.discount_config.get"
)
DISCOUNT_SET = Endpoint(
    "PATCH", "/config/cost_discount_config", CostConfigUpdate, "cost.discount_config.set"
)
MARGIN_GET = Endpoint("GET", "/config/cost_margin_config", CostConfig, "cost.margin_config.get")
MARGIN_SET = Endpoint(
    "PATCH", "/config/cost_margin_config", CostConfigUpdate, "cost.margin_config.set"
)

SUBSCRIPTION_CREATE = Endpoint(
    "POST",
    "/subscription_accounts/new",
    SubscriptionAccount,
    "cost.subscription_accounts.create",
    retry_safe=False,
)
# Writes only the fields named: sending one twice gives the same account.
SUBSCRIPTION_UPDATE = Endpoint(
    "POST",
    "/subscription_accounts/update",
    SubscriptionAccount,
    "cost.subscription_accounts.update",
)
SUBSCRIPTION_DELETE = Endpoint(
    "POST",
    "/subscription_accounts/delete",
    SubscriptionAccount,
    "cost.subscription_accounts.delete",
)
SUBSCRIPTION_USAGE = Endpoint(
    "GET", "/subscription_accounts/usage", SubscriptionUsage, "cost.subscription_accounts.usage"
)


@dataclass(frozen=True)
class _RequestCursor:
    """The prompt-caching requests' keyset: the page names the next one's first row
    (``next_cursor``), sent back as ``cursor_start_time`` and ``cursor_request_id``."""

    items: str = "requests"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        cursor = page.next_cursor
        if not items or not page.has_more or cursor is None:
            return None
        if cursor.request_id == params.get("cursor_request_id"):
            return None  # the same page again: stop rather than loop
        return {
            **params,
            "cursor_start_time": cursor.start_time,
            "cursor_request_id": cursor.request_id,
        }


_REQUEST_PAGES = _RequestCursor()


class ModelCostMap(Resource):
    """The model prices the proxy loaded, and its periodic reload (proxy admins)."""

    __slots__ = ()

    async def source(self) -> CostMapSource:
        """Where the loaded cost map came from and how many models it prices.
        ``GET /model/cost_map/source``."""
        return await self._client._call(COST_MAP_SOURCE)

    async def reload(self) -> CostMapReload:
        """Fetch the cost map from its remote source now (the current one stays when that
        fails: 502). ``POST /reload/model_cost_map``."""
        return await self._client._call(COST_MAP_RELOAD)

    async def schedule_reload(self, hours: int) -> CostMapSchedule:
        """Reload the cost map every ``hours``. ``POST /schedule/model_cost_map_reload``."""
        if isinstance(hours, bool) or not isinstance(hours, int) or hours <= 0:
            raise ValueError(f"hours must be a positive int, not {hours!r}")
        return await self._client._call(COST_MAP_SCHEDULE, query={"hours": hours})

    async def cancel_reload(self) -> CostMapSchedule:
        """Stop the periodic reload. ``DELETE /schedule/model_cost_map_reload``."""
        return await self._client._call(COST_MAP_CANCEL)

    async def reload_status(self) -> CostMapReloadStatus:
        """The periodic reload's schedule, last and next run.
        ``GET /schedule/model_cost_map_reload/status``."""
        return await self._client._call(COST_MAP_STATUS)


class BlockUnpricedModels(Resource):
    """Whether the proxy refuses requests to models it has no price for."""

    __slots__ = ()

    async def get(self) -> BlockUnpriced:
        """``GET /config/block_requests_for_models_without_pricing``."""
        return await self._client._call(BLOCK_UNPRICED_GET)

    async def set(self, enabled: bool) -> BlockUnpriced:
        """Refuse (``True``) or allow requests to unpriced models.
        ``PATCH /config/block_requests_for_models_without_pricing``."""
        if not isinstance(enabled, bool):
            raise TypeError(f"enabled must be a bool, not {enabled!r}")
        return await self._client._call(BLOCK_UNPRICED_SET, json={"enabled": enabled})


class CostDiscounts(Resource):
    """Discounts taken off computed costs, per provider or ``provider/model-pattern``."""

    __slots__ = ()

    async def get(self) -> CostConfig:
        """``GET /config/cost_discount_config``."""
        return await self._client._call(DISCOUNT_GET)

    async def set(self, config: Mapping[str, float]) -> CostConfigUpdate:
        """Replace every discount: ``{"openai": 0.05, "vertex_ai/claude-*": 0.2}`` (0 to 1).
        ``PATCH /config/cost_discount_config`` (needs ``STORE_MODEL_IN_DB``)."""
        return await self._client._call(DISCOUNT_SET, json=_config("discount_config", config))


class CostMargins(Resource):
    """Margins added to computed costs, per provider or ``global``."""

    __slots__ = ()

    async def get(self) -> CostConfig:
        """``GET /config/cost_margin_config``."""
        return await self._client._call(MARGIN_GET)

    async def set(self, config: Mapping[str, float | Mapping[str, float]]) -> CostConfigUpdate:
        """Replace every margin: a share (``{"global": 0.05}``), or ``{"percentage": ...,
        "fixed_amount": ...}`` per provider. ``PATCH /config/cost_margin_config`` (needs
        ``STORE_MODEL_IN_DB``)."""
        return await self._client._call(MARGIN_SET, json=_config("margin_config", config))


class SubscriptionAccounts(Resource):
    """Monthly fees of subscription-backed provider accounts (proxy admins)."""

    __slots__ = ()

    async def create(
        self, **params: Unpack[SubscriptionAccountCreateParams]
    ) -> SubscriptionAccount:
        """Record an account's monthly fee. ``POST /subscription_accounts/new``; not retried
        once sent (a second create of the account is refused)."""
        require(
            "cost.subscription_accounts.create",
            params,
            *("custom_llm_provider", "account_id", "monthly_fee", "currency"),
            "billing_period_start",
        )
        return await self._client._call(SUBSCRIPTION_CREATE, json=params)

    async def update(
        self, **params: Unpack[SubscriptionAccountUpdateParams]
    ) -> SubscriptionAccount:
        """Change the fee, currency, billing period start or label (only the fields given).
        ``POST /subscription_accounts/update``."""
        require("cost.subscription_accounts.update", params, "subscription_account_id")
        return await self._client._call(SUBSCRIPTION_UPDATE, json=params)

    async def delete(self, subscription_account_id: str) -> SubscriptionAccount:
        """Stop tracking an account's fee. ``POST /subscription_accounts/delete``."""
        body = {"subscription_account_id": subscription_account_id}
        require("cost.subscription_accounts.delete", body, "subscription_account_id")
        return await self._client._call(SUBSCRIPTION_DELETE, json=body)

    async def usage(self, start_date: DateLike, end_date: DateLike) -> SubscriptionUsage:
        """The accounts and the fixed cost of the billing periods starting within the days.
        ``GET /subscription_accounts/usage``."""
        query = day_range("cost.subscription_accounts.usage", start_date, end_date)
        return await self._client._call(SUBSCRIPTION_USAGE, query=query)


class Cost(Resource):
    """What requests cost: estimates, prompt-cache analysis, the model cost map, cost
    settings and subscription accounts."""

    __slots__ = ("__dict__",)

    model_cost_map: group[ModelCostMap] = group("cost:ModelCostMap")
    block_unpriced: group[BlockUnpricedModels] = group("cost:BlockUnpricedModels")
    discount_config: group[CostDiscounts] = group("cost:CostDiscounts")
    margin_config: group[CostMargins] = group("cost:CostMargins")
    subscription_accounts: group[SubscriptionAccounts] = group("cost:SubscriptionAccounts")

    async def estimate(self, **params: Unpack[CostEstimateParams]) -> CostEstimate:
        """The cost of a request of ``input_tokens`` and ``output_tokens`` on ``model`` (with
        the proxy's discounts and margins), per request, day and month. ``POST /cost/estimate``.
        """
        require("cost.estimate", params, "model", "input_tokens", "output_tokens")
        return await self._client._call(ESTIMATE, json=params)

    async def predict_cache(self, **params: Unpack[CostPredictCacheParams]) -> CachePrediction:
        """The cost of an Anthropic ``request`` on the current deployment against a candidate,
        with their prompt-cache state. ``POST /cost/predict-cache``."""
        require(
            "cost.predict_cache",
            params,
            *("current_deployment_id", "candidate_deployment_id", "request"),
        )
        return await self._client._call(PREDICT_CACHE, json=params)

    def prompt_caching_requests(
        self, **query: Unpack[PromptCachingRequestsQuery]
    ) -> AsyncPager[PromptCachingRequestsPage, PromptCachingRequest]:
        """Requests that wrote or read the prompt cache, newest first, page by page (a
        keyset cursor: rows logged meanwhile do not shift it; proxy admins).
        ``GET /cost_optimization/prompt_caching/requests``."""
        require("cost.prompt_caching_requests", query, "start_date", "end_date")
        if (query.get("cursor_start_time") is None) != (query.get("cursor_request_id") is None):
            raise ValueError("pass cursor_start_time and cursor_request_id together, or neither")
        return endpoint_pager(self._client, PROMPT_CACHING_REQUESTS, dict(query), _REQUEST_PAGES)


def _config(name: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """A cost setting's new values, the body of its PATCH as it is."""
    if not isinstance(config, Mapping):
        raise TypeError(f"cost.{name}.set() takes a mapping, not {type(config).__name__}")
    return dict(config)
