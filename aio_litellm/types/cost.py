"""Parameters and results of ``client.cost``: cost estimates, prompt-cache predictions and
requests, the model cost map, cost settings (unpriced models, discounts, margins) and
subscription accounts.

Request bodies and documented queries are the generated TypedDicts of ``types.params.cost``,
re-exported here under shorter names.
"""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.cost import (
    CostEstimateParams,
    CostOptimizationPromptCachingRequestsQuery,
    CostPredictCacheParams,
    SubscriptionAccountsNewParams,
    SubscriptionAccountsUpdateParams,
)

__all__ = [
    "BillingPeriod",
    "BlockUnpriced",
    "CacheCostArm",
    "CachePrediction",
    "CostConfig",
    "CostConfigUpdate",
    "CostEstimate",
    "CostEstimateParams",
    "CostMapReload",
    "CostMapReloadStatus",
    "CostMapSchedule",
    "CostMapSource",
    "CostPredictCacheParams",
    "PromptCachingCursor",
    "PromptCachingRequest",
    "PromptCachingRequestsPage",
    "PromptCachingRequestsQuery",
    "SubscriptionAccount",
    "SubscriptionAccountCreateParams",
    "SubscriptionAccountUpdateParams",
    "SubscriptionAccountUsage",
    "SubscriptionUsage",
]

PromptCachingRequestsQuery = CostOptimizationPromptCachingRequestsQuery
"""Query of ``GET /cost_optimization/prompt_caching/requests``: ``start_date`` and
``end_date`` (ISO 8601; naive is UTC) are required; the pager sets the cursor."""
SubscriptionAccountCreateParams = SubscriptionAccountsNewParams
SubscriptionAccountUpdateParams = SubscriptionAccountsUpdateParams


class CostEstimate(Response):
    """What a request of the given size costs on a model, per request and (when asked) per
    day and month, with the rates it is billed at (``POST /cost/estimate``)."""

    model: str | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost_per_request: float = 0.0
    input_cost_per_request: float = 0.0
    output_cost_per_request: float = 0.0
    margin_cost_per_request: float = 0.0
    cache_read_cost_per_request: float = 0.0
    cache_creation_cost_per_request: float = 0.0
    reasoning_cost_per_request: float = 0.0
    daily_cost: float | None = None
    monthly_cost: float | None = None
    input_cost_per_token: float | None = None
    output_cost_per_token: float | None = None
    provider: str | None = None


class CacheCostArm(BaseModel):
    """One side of a cache prediction: the deployment, its cache state and the estimates."""

    deployment_id: str
    model: str | None = None
    cache_state: str = "unknown"
    reason: str | None = None
    estimate: dict[str, Any] | None = None
    cold: dict[str, Any] | None = None
    warm: dict[str, Any] | None = None
    evidence: dict[str, Any] | None = None


class CachePrediction(Response):
    """Staying on a deployment against switching to another (``POST /cost/predict-cache``)."""

    stay: CacheCostArm
    switch: CacheCostArm
    switch_delta: float | None = None
    cache_rebuild_penalty: float | None = None


class PromptCachingRequest(BaseModel):
    request_id: str
    start_time: str
    model: str | None = None
    gateway_injected: bool = False
    cache_read_tokens: int = 0
    cache_creation_tokens: int = 0
    spend: float = 0.0
    net_savings: float | None = None


class PromptCachingCursor(BaseModel):
    start_time: str
    request_id: str


class PromptCachingRequestsPage(Response):
    """Requests that wrote or read the prompt cache, newest first; ``next_cursor`` names where
    the next page starts."""

    requests: list[PromptCachingRequest] = []
    page_size: int = 0
    has_more: bool = False
    next_cursor: PromptCachingCursor | None = None


class CostMapSource(Response):
    """Where the loaded model cost map came from (``GET /model/cost_map/source``)."""

    source: str | None = None
    url: str | None = None
    is_env_forced: bool | None = None
    fallback_reason: str | None = None
    loaded_at: str | None = None
    model_count: int | None = None


class CostMapReload(Response):
    message: str | None = None
    status: str | None = None
    models_count: int | None = None
    timestamp: str | None = None


class CostMapSchedule(Response):
    message: str | None = None
    status: str | None = None
    interval_hours: int | None = None
    timestamp: str | None = None


class CostMapReloadStatus(Response):
    """The periodic reload: whether one is scheduled, every how many hours, last and next run
    (and where the loaded map came from)."""

    scheduled: bool = False
    interval_hours: int | None = None
    last_run: str | None = None
    next_run: str | None = None
    source: str | None = None


class BlockUnpriced(Response):
    """Whether requests to models without a price are refused."""

    enabled: bool


class CostConfig(Response):
    """A cost setting's current ``values`` (provider or ``provider/model-pattern`` to value)."""

    values: dict[str, Any] = {}


class CostConfigUpdate(CostConfig):
    message: str | None = None
    status: str | None = None


class SubscriptionAccount(Response):
    """The monthly fee of a subscription-backed provider account."""

    subscription_account_id: str
    custom_llm_provider: str | None = None
    account_id: str | None = None
    label: str | None = None
    monthly_fee: float | None = None
    currency: str | None = None
    billing_period_start: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class BillingPeriod(BaseModel):
    start: str
    end: str


class SubscriptionAccountUsage(BaseModel):
    custom_llm_provider: str
    account_id: str | None = None
    deployments: list[str] = []
    fee: SubscriptionAccount | None = None
    billing_periods: list[BillingPeriod] = []
    fixed_cost: float | None = None


class SubscriptionUsage(Response):
    """Subscription accounts and their fixed cost over a range of days."""

    start_date: str | None = None
    end_date: str | None = None
    subscription_providers: list[str] = []
    accounts: list[SubscriptionAccountUsage] = []
