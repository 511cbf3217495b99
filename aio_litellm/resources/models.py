"""``client.models``: which models the caller may use, and (for admins) the deployments behind
them: add, change, block and delete DB-stored deployments, model groups, metrics, insights."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import TypeAdapter
from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.models import (
    Deployment,
    KubernetesPods,
    Model,
    ModelCreateParams,
    ModelDailyMetrics,
    ModelDeleted,
    ModelDeprecations,
    ModelDeprecationsQuery,
    ModelExceptionMetrics,
    ModelGroupInfoResponse,
    ModelInfoPage,
    ModelInfoQuery,
    ModelInfoResponse,
    ModelInfoV2Query,
    ModelInsights,
    ModelInsightsQuery,
    ModelInsightsTasksQuery,
    ModelInsightTasks,
    ModelList,
    ModelListQuery,
    ModelMetricsQuery,
    ModelMetricsRange,
    ModelPatchParams,
    ModelRetrieveQuery,
    ModelUpdateParams,
    ProviderSettings,
    PublicModelGroups,
    SlowResponseCount,
    StoredModel,
    UsefulLinks,
)

__all__ = ["ModelMetrics", "Models"]

T = TypeVar("T")

LIST = Endpoint("GET", "/models", ModelList, "models.list")
RETRIEVE = Endpoint("GET", "/models/{model_id}", Model, "models.retrieve")
INFO = Endpoint("GET", "/model/info", ModelInfoResponse, "models.info")
INFO_V2 = Endpoint("GET", "/v2/model/info", ModelInfoPage, "models.info_v2")
GROUP_INFO = Endpoint("GET", "/model_group/info", ModelGroupInfoResponse, "models.group_info")
# A create that timed out may have been applied (and the proxy picks the id unless
# ``model_info.id`` is given). Updates, deletes and (un)blocks set a state: safe to repeat.
CREATE = Endpoint("POST", "/model/new", StoredModel, "models.create", retry_safe=False)
UPDATE = Endpoint("POST", "/model/update", StoredModel, "models.update")
PATCH = Endpoint("PATCH", "/model/{model_id}/update", StoredModel, "models.patch")
DELETE = Endpoint("POST", "/model/delete", ModelDeleted, "models.delete")
BLOCK = Endpoint("POST", "/model/block", StoredModel, "models.block")
UNBLOCK = Endpoint("POST", "/model/unblock", StoredModel, "models.unblock")
MAKE_PUBLIC = Endpoint("POST", "/model_group/make_public", PublicModelGroups, "models.make_public")
USEFUL_LINKS = Endpoint(
    "POST", "/model_hub/update_useful_links", UsefulLinks, "models.update_useful_links"
)
SETTINGS = Endpoint("GET", "/model/settings", builtins.list[ProviderSettings], "models.settings")
DEPRECATIONS = Endpoint("GET", "/model/deprecations", ModelDeprecations, "models.deprecations")
INSIGHTS = Endpoint("GET", "/model-insights", ModelInsights, "models.insights")
INSIGHT_TASKS = Endpoint("GET", "/model-insights/tasks", ModelInsightTasks, "models.insight_tasks")
KUBERNETES_PODS = Endpoint(
    "GET", "/model/{model_id}/kubernetes_pods", KubernetesPods, "models.kubernetes_pods"
)

METRICS_LATENCY = Endpoint("GET", "/model/metrics", ModelDailyMetrics, "models.metrics.latency")
METRICS_EXCEPTIONS = Endpoint(
    "GET", "/model/metrics/exceptions", ModelExceptionMetrics, "models.metrics.exceptions"
)
METRICS_SLOW = Endpoint(
    "GET",
    "/model/metrics/slow_responses",
    builtins.list[SlowResponseCount],
    "models.metrics.slow_responses",
)
METRICS_TTFT = Endpoint(
    "GET", "/model/streaming_metrics", ModelDailyMetrics, "models.metrics.time_to_first_token"
)

_V2_PAGES = PageNumberStyle(items="data", size_param="size")
# The pipeline validates model results only: bare arrays are validated here.
_SLOW = TypeAdapter(builtins.list[SlowResponseCount])


class ModelMetrics(Resource):
    """Per-deployment metrics of one model group, read from the spend and error logs (the
    proxy's dashboard routes, absent from its OpenAPI document)."""

    __slots__ = ()

    async def latency(
        self, model_group: str, **query: Unpack[ModelMetricsQuery]
    ) -> ModelDailyMetrics:
        """Average latency per output token, per day and deployment. ``GET /model/metrics``."""
        return await self._get(METRICS_LATENCY, model_group, query)

    async def exceptions(
        self, model_group: str, **query: Unpack[ModelMetricsQuery]
    ) -> ModelExceptionMetrics:
        """Failed requests per deployment and exception type. ``GET /model/metrics/exceptions``."""
        return await self._get(METRICS_EXCEPTIONS, model_group, query)

    async def slow_responses(
        self, model_group: str, **query: Unpack[ModelMetricsQuery]
    ) -> builtins.list[SlowResponseCount]:
        """Requests per ``api_base``, and how many were slower than the proxy's alerting
        threshold. ``GET /model/metrics/slow_responses``."""
        return await self._get(METRICS_SLOW, model_group, query, _SLOW.validate_json)

    async def time_to_first_token(
        self, model_group: str, **query: Unpack[ModelMetricsRange]
    ) -> ModelDailyMetrics:
        """Time to first token of streamed requests, per day (per request when the range is one
        day) and deployment. ``GET /model/streaming_metrics``."""
        return await self._get(METRICS_TTFT, model_group, query)

    async def _get(
        self,
        ep: Endpoint[T],
        model_group: str,
        query: Mapping[str, Any],
        parse: Callable[[bytes], T] | None = None,
    ) -> T:
        require(ep.attr, {"model_group": model_group}, "model_group")
        params = {**query, "_selected_model_group": model_group}
        return await self._client._call(ep, query=params, parse=parse)


class Models(Resource):
    """Models the caller may use; for admins, the deployments behind them."""

    __slots__ = ("__dict__",)

    metrics: group[ModelMetrics] = group("models:ModelMetrics")

    async def list(self, **query: Unpack[ModelListQuery]) -> ModelList:
        """Models the calling key may use. ``GET /models``."""
        return await self._client._call(LIST, query=query)

    async def retrieve(self, model_id: str, **query: Unpack[ModelRetrieveQuery]) -> Model:
        """One model by name. ``GET /models/{model_id}``."""
        return await self._client._call(RETRIEVE, path={"model_id": model_id}, query=query)

    async def info(
        self, litellm_model_id: str | None = None, /, **query: Unpack[ModelInfoQuery]
    ) -> ModelInfoResponse:
        """Deployment details of every model, or of one deployment id. ``GET /model/info``."""
        if litellm_model_id is not None:
            query["litellm_model_id"] = litellm_model_id
        return await self._client._call(INFO, query=query)

    def info_v2(self, **query: Unpack[ModelInfoV2Query]) -> AsyncPager[ModelInfoPage, Deployment]:
        """Deployments with pricing, provider and team access, a page at a time (``page``,
        ``size``; filters ``search``, ``modelId``, ``teamId`` ...). ``GET /v2/model/info``."""
        return endpoint_pager(self._client, INFO_V2, dict(query), _V2_PAGES)

    async def group_info(self, model_group: str | None = None) -> ModelGroupInfoResponse:
        """Every model group (or one) with its providers, limits, costs and capabilities.
        ``GET /model_group/info``."""
        return await self._client._call(GROUP_INFO, query={"model_group": model_group})

    async def create(self, **params: Unpack[ModelCreateParams]) -> StoredModel:
        """Add a deployment, stored in the proxy's database. ``POST /model/new``; not retried
        once sent. The proxy needs ``STORE_MODEL_IN_DB=True`` (else 500)."""
        require("models.create", params, "model_name", "litellm_params")
        return await self._client._call(CREATE, json=params)

    async def update(self, model_id: str, **params: Unpack[ModelUpdateParams]) -> StoredModel:
        """Change a DB-stored deployment (``litellm_params`` required; merged into the stored
        ones). ``POST /model/update``, deprecated by the proxy in favour of ``patch``."""
        require("models.update", {**params, "model_id": model_id}, "model_id", "litellm_params")
        model_info = {**(params.get("model_info") or {}), "id": model_id}
        return await self._client._call(UPDATE, json={**params, "model_info": model_info})

    async def patch(self, model_id: str, **params: Unpack[ModelPatchParams]) -> StoredModel:
        """Change only the given fields of a DB-stored deployment (``litellm_params_to_remove``
        drops keys). ``PATCH /model/{model_id}/update``."""
        model_info = params.get("model_info")
        if model_info is not None and "id" not in model_info:
            # Else the proxy stores a fresh random id in the deployment's model_info.
            params["model_info"] = {**model_info, "id": model_id}
        return await self._client._call(PATCH, path={"model_id": model_id}, json=params)

    async def delete(self, model_id: str) -> ModelDeleted:
        """Delete a DB-stored deployment. ``POST /model/delete``."""
        require("models.delete", {"model_id": model_id}, "model_id")
        return await self._client._call(DELETE, json={"id": model_id})

    async def block(self, model_id: str) -> StoredModel:
        """Stop a DB-stored deployment from serving requests. ``POST /model/block``."""
        return await self._set_blocked(BLOCK, model_id)

    async def unblock(self, model_id: str) -> StoredModel:
        """Let a blocked deployment serve requests again. ``POST /model/unblock``."""
        return await self._set_blocked(UNBLOCK, model_id)

    async def _set_blocked(self, ep: Endpoint[StoredModel], model_id: str) -> StoredModel:
        require(ep.attr, {"model_id": model_id}, "model_id")
        return await self._client._call(ep, json={"model_id": model_id})

    async def make_public(self, model_groups: Sequence[str]) -> PublicModelGroups:
        """Set which model groups are public (shown in the model hub); replaces the list.
        ``POST /model_group/make_public``."""
        if isinstance(model_groups, str):
            raise TypeError("make_public() needs a list of model group names, not a str")
        body = {"model_groups": builtins.list(model_groups)}
        return await self._client._call(MAKE_PUBLIC, json=body)

    async def update_useful_links(self, useful_links: Mapping[str, Any]) -> UsefulLinks:
        """Set (replace) the model hub's links: ``{"Docs": "https://..."}`` or
        ``{"Docs": {"url": ..., "index": 0}}``. ``POST /model_hub/update_useful_links``."""
        if not isinstance(useful_links, Mapping):
            raise TypeError("update_useful_links() needs a mapping of name -> link")
        return await self._client._call(USEFUL_LINKS, json={"useful_links": dict(useful_links)})

    async def settings(self) -> builtins.list[ProviderSettings]:
        """Every provider and the fields its deployments take (the admin UI's "add model"
        form). ``GET /model/settings``."""
        return await self._client._call(SETTINGS)

    async def deprecations(self, **query: Unpack[ModelDeprecationsQuery]) -> ModelDeprecations:
        """The proxy's models with a known deprecation date: deprecated, imminent (within
        ``warn_within_days``, default 30), upcoming. ``GET /model/deprecations``."""
        return await self._client._call(DEPRECATIONS, query=query)

    async def insights(self, **query: Unpack[ModelInsightsQuery]) -> ModelInsights:
        """Top models by ``metric`` over a date range, with daily use. ``GET /model-insights``."""
        return await self._client._call(INSIGHTS, query=query)

    async def insight_tasks(self, **query: Unpack[ModelInsightsTasksQuery]) -> ModelInsightTasks:
        """Traffic by task type, with each task's leading model. ``GET /model-insights/tasks``."""
        return await self._client._call(INSIGHT_TASKS, query=query)

    async def kubernetes_pods(self, model_id: str) -> KubernetesPods:
        """The pods behind a deployment with Kubernetes pod discovery (400 when it has none).
        ``GET /model/{model_id}/kubernetes_pods``."""
        return await self._client._call(KUBERNETES_PODS, path={"model_id": model_id})
