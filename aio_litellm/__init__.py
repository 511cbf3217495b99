"""aio_litellm: an asyncio-only, high-throughput client for the LiteLLM proxy."""

import importlib
from typing import TYPE_CHECKING, Any

from ._bulk_admin import CreateConflict
from ._client import NOT_GIVEN, LiteLLMClient
from ._exceptions import (
    A2AError,
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    InternalServerError,
    LiteLLMError,
    NotFoundError,
    PermissionDeniedError,
    PoolTimeoutError,
    RateLimitError,
    TransformRequestError,
    UnprocessableEntityError,
)
from ._pagination import (
    AsyncPager,
    CursorStyle,
    DateWindowStyle,
    OffsetStyle,
    PageNumberStyle,
    PageStyle,
    SinglePageStyle,
    WindowPager,
    WindowTruncatedError,
)
from ._response import APIResponse
from ._retry import RetryPolicy, parse_retry_after
from ._streaming import ByteStream, Download, ServerSentEvent, SSEDecoder, Stream
from ._transport import Timeout
from ._version import __version__

if TYPE_CHECKING:
    from ._eventstream import EventStream, EventStreamError
    from .types.provider_errors import (
        AnthropicErrorBody,
        BedrockErrorBody,
        CohereErrorBody,
        GeminiErrorBody,
        MistralErrorBody,
        ProviderErrorBody,
    )

# Names from type modules, imported on first use: importing the package loads no type module.
_LAZY = {
    "AnthropicErrorBody": "types.provider_errors",
    "BedrockErrorBody": "types.provider_errors",
    "CohereErrorBody": "types.provider_errors",
    "GeminiErrorBody": "types.provider_errors",
    "MistralErrorBody": "types.provider_errors",
    "ProviderErrorBody": "types.provider_errors",
    "EventStream": "_eventstream",
    "EventStreamError": "_eventstream",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "NOT_GIVEN",
    "A2AError",
    "EventStream",
    "EventStreamError",
    "TransformRequestError",
    "AnthropicErrorBody",
    "BedrockErrorBody",
    "CohereErrorBody",
    "GeminiErrorBody",
    "MistralErrorBody",
    "ProviderErrorBody",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "ByteStream",
    "ClientClosedError",
    "ConflictError",
    "CreateConflict",
    "CursorStyle",
    "DateWindowStyle",
    "Download",
    "InternalServerError",
    "LiteLLMClient",
    "LiteLLMError",
    "NotFoundError",
    "OffsetStyle",
    "PageNumberStyle",
    "PageStyle",
    "SinglePageStyle",
    "WindowPager",
    "WindowTruncatedError",
    "PermissionDeniedError",
    "PoolTimeoutError",
    "RateLimitError",
    "RetryPolicy",
    "SSEDecoder",
    "ServerSentEvent",
    "Stream",
    "Timeout",
    "UnprocessableEntityError",
    "__version__",
    "parse_retry_after",
]
