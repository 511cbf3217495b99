"""``client.utils``: token counting, a model's cost map entry and parameters, request
transformation, and the proxy's route list."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from ..types.utils import (
    ModelInfoResult,
    RawRequest,
    RouteList,
    SupportedOpenAIParams,
    TokenCount,
    TokenCounterParams,
    TransformRequestError,
    TransformRequestParams,
)

__all__ = ["Utils"]

ROUTES = Endpoint("GET", "/routes", RouteList, "utils.routes")
MODEL_INFO = Endpoint("GET", "/utils/model_info", ModelInfoResult, "utils.model_info")
SUPPORTED_OPENAI_PARAMS = Endpoint(
    "GET",
    "/utils/supported_openai_params",
    SupportedOpenAIParams,
    "utils.supported_openai_params",
)
# Counting and transforming only compute an answer: both are safe to send again.
TOKEN_COUNTER = Endpoint("POST", "/utils/token_counter", TokenCount, "utils.token_counter")
TRANSFORM_REQUEST = Endpoint(
    "POST", "/utils/transform_request", RawRequest, "utils.transform_request"
)


class Utils(Resource):
    __slots__ = ()

    async def routes(self) -> RouteList:
        """Every route the proxy serves, with its methods. ``GET /routes``."""
        return await self._client._call(ROUTES)

    async def model_info(
        self, model: str, *, custom_llm_provider: str | None = None
    ) -> ModelInfoResult:
        """A model's cost map entry (limits, prices, capabilities), whether or not the proxy
        serves it; 404 for a model the map lacks. ``GET /utils/model_info``."""
        require("model_info", {"model": model}, "model")
        query = {"model": model, "custom_llm_provider": custom_llm_provider}
        return await self._client._call(MODEL_INFO, query=query)

    async def supported_openai_params(self, model: str) -> SupportedOpenAIParams:
        """The OpenAI parameters ``model`` (a proxy model name or a litellm model) takes.
        ``GET /utils/supported_openai_params``."""
        require("supported_openai_params", {"model": model}, "model")
        return await self._client._call(SUPPORTED_OPENAI_PARAMS, query={"model": model})

    async def token_counter(
        self, *, call_endpoint: bool = False, **params: Unpack[TokenCounterParams]
    ) -> TokenCount:
        """Count the tokens of ``prompt`` or ``messages`` for ``model``; ``call_endpoint``
        asks the provider's counting API where it has one. ``POST /utils/token_counter``."""
        require("token_counter", params, "model")
        query = {"call_endpoint": True} if call_endpoint else None
        return await self._client._call(TOKEN_COUNTER, query=query, json=dict(params))

    async def transform_request(self, **params: Unpack[TransformRequestParams]) -> RawRequest:
        """The request the proxy would send the provider for ``call_type`` and
        ``request_body``, without sending it. The proxy answers a failure with a 200 and
        ``{"error": ...}``: that raises ``TransformRequestError``.
        ``POST /utils/transform_request``."""
        require("transform_request", params, "call_type")
        if not isinstance(params.get("request_body"), dict):
            raise TypeError("transform_request() needs request_body as a dict")
        result = await self._client._call(TRANSFORM_REQUEST, json=dict(params))
        if result.error:
            info = result.raw_response
            raise TransformRequestError(
                f"transform_request failed: {self._client._redactor(result.error)}",
                status_code=info.status_code if info is not None else 200,
                body=result.model_dump(),
                method=TRANSFORM_REQUEST.method,
                url=self._client._redactor.url(info.url) if info is not None else None,
            )
        return result
