"""Results and parameters of ``client.utils``."""

from __future__ import annotations

from typing import Any

from .._exceptions import TransformRequestError
from .._models import BaseModel, Response
from .params.utils import (
    UtilsModelInfoQuery,
    UtilsSupportedOpenaiParamsQuery,
    UtilsTokenCounterParams,
    UtilsTransformRequestParams,
)

__all__ = [
    "ModelInfoParams",
    "ModelInfoResult",
    "ProxyRoute",
    "RawRequest",
    "RouteList",
    "SupportedOpenAIParams",
    "SupportedOpenAIParamsParams",
    "TokenCount",
    "TokenCounterParams",
    "TransformRequestError",
    "TransformRequestParams",
]

ModelInfoParams = UtilsModelInfoQuery
SupportedOpenAIParamsParams = UtilsSupportedOpenaiParamsQuery
TokenCounterParams = UtilsTokenCounterParams
TransformRequestParams = UtilsTransformRequestParams


class ProxyRoute(BaseModel):
    """One route of the proxy's app (``methods`` is ``None`` for mounted apps)."""

    path: str | None = None
    methods: list[str] | None = None
    name: str | None = None
    endpoint: str | None = None


class RouteList(Response):
    """``GET /routes``: every route the proxy serves."""

    routes: list[ProxyRoute] = []


class ModelInfoResult(Response):
    """``GET /utils/model_info``: a model's cost map entry, registered on the proxy or not."""

    model: str
    custom_llm_provider: str | None = None
    model_info: dict[str, Any] = {}


class SupportedOpenAIParams(Response):
    """``GET /utils/supported_openai_params``: the OpenAI parameters a model takes."""

    supported_openai_params: list[str] | None = None


class TokenCount(Response):
    """``POST /utils/token_counter``. ``error`` is true when the provider's counting API
    (``call_endpoint=True``) failed; ``error_message`` and ``status_code`` say why."""

    total_tokens: int
    request_model: str | None = None
    model_used: str | None = None
    tokenizer_type: str | None = None
    count_source: str | None = None
    original_response: dict[str, Any] | None = None
    error: bool = False
    error_message: str | None = None
    status_code: int | None = None


class RawRequest(Response):
    """``POST /utils/transform_request``: the request the proxy would send the provider."""

    raw_request_api_base: str | None = None
    raw_request_body: dict[str, Any] | None = None
    raw_request_headers: dict[str, Any] | None = None
    error: str | None = None
