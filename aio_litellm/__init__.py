"""aio_litellm: an asyncio-only, high-throughput client for the LiteLLM proxy."""

from ._bulk_admin import CreateConflict
from ._client import NOT_GIVEN, LiteLLMClient
from ._exceptions import (
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

__all__ = [
    "NOT_GIVEN",
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
