"""Parameters and results of ``client.models``: the models a caller may use, and the proxy's
deployments behind them (``/model/*``, ``/model_group/*``, ``/model-insights``).

Request bodies and documented queries are the generated TypedDicts of ``types.params.models``
(re-exported here under the names the methods use). Written here from the proxy's source: the
query of the metrics routes (missing from its OpenAPI document) and the body of ``/model/new``.
"""

from __future__ import annotations

from typing import Annotated, Any

from typing_extensions import Required, TypedDict

from .._models import BaseModel, FromJsonText, Response
from .params.models import (
    ModelDeprecationsQuery,
    ModelInfoQuery,
    ModelInsightsQuery,
    ModelInsightsTasksQuery,
    ModelsGetQuery,
    ModelsQuery,
    ModelUpdateParams,
    ModelUpdatePatchParams,
    V2ModelInfoQuery,
)

__all__ = [
    "Deployment",
    "KubernetesPods",
    "Model",
    "ModelCreateParams",
    "ModelDailyMetrics",
    "ModelDeleted",
    "ModelDeprecation",
    "ModelDeprecations",
    "ModelDeprecationsQuery",
    "ModelExceptionMetrics",
    "ModelGroup",
    "ModelGroupInfoResponse",
    "ModelInfoPage",
    "ModelInfoQuery",
    "ModelInfoResponse",
    "ModelInfoV2Query",
    "ModelInsightMetric",
    "ModelInsightTask",
    "ModelInsightTasks",
    "ModelInsightTotal",
    "ModelInsights",
    "ModelInsightsQuery",
    "ModelInsightsTasksQuery",
    "ModelList",
    "ModelListQuery",
    "ModelMetricsQuery",
    "ModelMetricsRange",
    "ModelPatchParams",
    "ModelRetrieveQuery",
    "ModelUpdateParams",
    "ProviderSettings",
    "PublicModelGroups",
    "SlowResponseCount",
    "StoredModel",
    "UsefulLinks",
]

ModelListQuery = ModelsQuery
ModelRetrieveQuery = ModelsGetQuery
ModelPatchParams = ModelUpdatePatchParams
ModelInfoV2Query = V2ModelInfoQuery


class ModelCreateParams(TypedDict, total=False):
    """Body of ``POST /model/new``. Written here rather than generated: the OpenAPI document
    marks ``model_info`` required, but the proxy fills it in (a new ``id``) when absent."""

    model_name: Required[str]
    litellm_params: Required[dict[str, Any]]
    """``model`` (``openai/gpt-4o``) and its settings: ``api_base``, ``api_key``, ``rpm`` ..."""
    model_info: dict[str, Any]
    """``id`` (chosen by the proxy when absent), ``description``, ``access_groups``,
    ``team_id`` ..."""
    blocked: bool | None


class ModelMetricsRange(TypedDict, total=False):
    """Time range of the ``/model/*metrics*`` routes: ISO timestamps (default: the last 30 days,
    7 for time to first token)."""

    startTime: str
    endTime: str


class ModelMetricsQuery(ModelMetricsRange, total=False):
    """Filters of ``/model/metrics``, ``/model/metrics/exceptions`` and ``.../slow_responses``."""

    api_key: str
    """The key's hash (``token``), as spend logs record it."""
    customer: str
    """An end-user id (ignored by ``exceptions``)."""


class Model(Response):
    """A model name the caller may use (OpenAI's model object)."""

    id: str
    object: str = "model"
    created: int | None = None
    owned_by: str | None = None


class ModelList(Response):
    """``GET /models``."""

    data: list[Model]
    object: str = "list"


class ModelInfoResponse(Response):
    """``GET /model/info``: deployments with their ``litellm_params`` (no secrets) and
    ``model_info`` (pricing, limits)."""

    data: list[dict[str, Any]]


class Deployment(BaseModel):
    """One deployment behind a model name: ``litellm_params`` without secrets, ``model_info``
    (its ``id``, pricing, limits, team access ...)."""

    model_name: str | None = None
    litellm_params: dict[str, Any] = {}
    model_info: dict[str, Any] = {}


class ModelInfoPage(Response):
    """One page of ``GET /v2/model/info``."""

    data: list[Deployment] = []
    total_count: int | None = None
    current_page: int | None = None
    total_pages: int | None = None
    size: int | None = None


class StoredModel(Response):
    """A deployment as stored in the proxy's database (``/model/new``, updates, (un)block)."""

    model_id: str | None = None
    model_name: str | None = None
    litellm_params: Annotated[dict[str, Any], FromJsonText] = {}
    model_info: Annotated[dict[str, Any] | None, FromJsonText] = None
    blocked: bool = False
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class ModelDeleted(Response):
    """``POST /model/delete``."""

    message: str | None = None


class ModelGroup(BaseModel):
    """A model name (group of deployments) with what it supports and costs."""

    model_group: str
    providers: list[str] = []
    mode: str | None = None
    max_input_tokens: float | None = None
    max_output_tokens: float | None = None
    input_cost_per_token: float | None = None
    output_cost_per_token: float | None = None
    tpm: int | None = None
    rpm: int | None = None
    supports_function_calling: bool = False
    supports_vision: bool = False
    supported_openai_params: list[str] | None = None
    is_public_model_group: bool = False
    description: str | None = None


class ModelGroupInfoResponse(Response):
    """``GET /model_group/info``."""

    data: list[ModelGroup] = []


class PublicModelGroups(Response):
    """``POST /model_group/make_public``."""

    message: str | None = None
    public_model_groups: list[str] = []
    updated_by: str | None = None


class UsefulLinks(Response):
    """``POST /model_hub/update_useful_links``."""

    message: str | None = None
    useful_links: dict[str, Any] = {}
    updated_by: str | None = None


class ProviderSettings(BaseModel):
    """One provider of ``GET /model/settings`` and the fields its deployments take."""

    name: str
    fields: list[dict[str, Any]] = []


class ModelDeprecation(BaseModel):
    model_name: str
    team_public_model_name: str | None = None
    litellm_model: str | None = None
    deprecation_date: str | None = None
    days_until_deprecation: int | None = None
    status: str | None = None
    litellm_provider: str | None = None
    successor_model: str | None = None
    successor_model_source: str | None = None
    deprecation_source: str | None = None


class ModelDeprecations(Response):
    """``GET /model/deprecations``: the proxy's models with a sunset date, by urgency."""

    deprecated: list[ModelDeprecation] = []
    imminent: list[ModelDeprecation] = []
    upcoming: list[ModelDeprecation] = []
    warn_within_days: int | None = None
    checked_at: str | None = None


class ModelInsightMetric(BaseModel):
    """Usage of one deployment (per day in ``daily``)."""

    model_group: str | None = None
    model: str | None = None
    provider: str | None = None
    date: str | None = None
    spend: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0
    successful_requests: int = 0
    failed_requests: int = 0


class ModelInsightTotal(BaseModel):
    """Usage of every model on one day."""

    date: str
    spend: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    requests: int = 0


class ModelInsights(Response):
    """``GET /model-insights``: top models over the range, their daily use, daily totals."""

    start_date: str | None = None
    end_date: str | None = None
    top_models: list[ModelInsightMetric] = []
    daily: list[ModelInsightMetric] = []
    daily_totals: list[ModelInsightTotal] = []


class ModelInsightTask(BaseModel):
    task_type: str
    label: str | None = None
    category: str | None = None
    value: float = 0.0
    share: float = 0.0
    leader: str | None = None
    provider: str | None = None


class ModelInsightTasks(Response):
    """``GET /model-insights/tasks``: what the traffic is used for, and the leading model."""

    start_date: str | None = None
    end_date: str | None = None
    tasks: list[ModelInsightTask] = []


class KubernetesPods(Response):
    """``GET /model/{model_id}/kubernetes_pods``."""

    model_id: str
    service_host: str | None = None
    port: int | None = None
    pod_ips: list[str] = []
    pod_count: int = 0
    error: str | None = None


class ModelDailyMetrics(Response):
    """Per day (or per request, for a one-day range), a value per deployment: ``data`` rows are
    ``{"date": ..., "<deployment>": value, ...}``; ``all_api_bases`` names the deployments."""

    data: list[dict[str, Any]] = []
    all_api_bases: list[str] = []


class ModelExceptionMetrics(Response):
    """``data`` rows are ``{"model": ..., "total_exceptions": n, "<ExceptionType>": n, ...}``."""

    data: list[dict[str, Any]] = []
    exception_types: list[str] = []


class SlowResponseCount(BaseModel):
    """Requests of one ``api_base``, and how many were slower than the alerting threshold."""

    api_base: str | None = None
    total_count: int = 0
    slow_count: int = 0
