"""The exceptions raised by aio_litellm.

    LiteLLMError                      anything this library raises on purpose
    ├── APIError                      something went wrong talking to the proxy
    │   ├── APIStatusError            the proxy answered with a 4xx/5xx status
    │   │   ├── BadRequestError           400
    │   │   ├── AuthenticationError       401
    │   │   ├── PermissionDeniedError     403
    │   │   ├── NotFoundError             404
    │   │   ├── ConflictError             409
    │   │   ├── UnprocessableEntityError  422
    │   │   ├── RateLimitError            429
    │   │   └── InternalServerError       >= 500
    │   ├── APIConnectionError        no usable answer: refused, reset, DNS, TLS ...
    │   │   └── APITimeoutError       connect, read or total timeout
    │   │       └── PoolTimeoutError  no concurrency slot freed up within ``total``
    │   └── APIResponseValidationError  a 2xx body that is not what the endpoint returns
    └── ClientClosedError             the client was used after aclose()

Bad arguments raise the built-in ``ValueError``/``TypeError`` before any I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from multidict import CIMultiDict, CIMultiDictProxy

if TYPE_CHECKING:
    from .types.provider_errors import ProviderErrorBody, _ProviderBody

    _B = TypeVar("_B", bound=_ProviderBody)

__all__ = [
    "A2AError",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "InternalServerError",
    "LiteLLMError",
    "NotFoundError",
    "PermissionDeniedError",
    "PoolTimeoutError",
    "RateLimitError",
    "TransformRequestError",
    "UnprocessableEntityError",
]

Headers = CIMultiDictProxy[str]
_NO_HEADERS: Headers = CIMultiDictProxy(CIMultiDict())


class LiteLLMError(Exception):
    """Base class of every exception aio_litellm raises on purpose."""


class ClientClosedError(LiteLLMError, RuntimeError):
    """The client (or the pool it shares) was closed and cannot send requests."""


class APIError(LiteLLMError):
    """A request to the proxy failed.

    ``method`` and ``url`` say which request (query values of secret-looking names redacted).
    """

    message: str
    method: str | None
    url: str | None
    retries: int
    """Attempts made after the first before this error was raised."""

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.retries = 0


class APIConnectionError(APIError):
    """The request got no usable response: refused, reset, DNS or TLS failure, cut-off body.

    ``sent`` is False when the failure happened before the request could have reached the server
    (connection refused, DNS), so even a non-idempotent request is known not to have been applied.
    """

    sent: bool

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        method: str | None = None,
        url: str | None = None,
        sent: bool = True,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.sent = sent


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read or total)."""

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        method: str | None = None,
        url: str | None = None,
        sent: bool = True,
    ) -> None:
        super().__init__(message, method=method, url=url, sent=sent)


class PoolTimeoutError(APITimeoutError):
    """Every concurrency slot (``max_in_flight``) stayed in use for the call's whole ``total``.

    Never sent, so never applied; not retried either: another wait would meet the same queue.
    """

    def __init__(self, message: str, *, method: str | None = None, url: str | None = None) -> None:
        super().__init__(message, method=method, url=url, sent=False)


class APIResponseValidationError(APIError):
    """A successful response whose body could not be parsed as the endpoint's result."""

    status_code: int
    body: Any

    def __init__(self, message: str, *, status_code: int, body: Any, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.status_code = status_code
        self.body = body


class A2AError(APIError):
    """A JSON-RPC ``error`` member in an answer the proxy sent with a 2xx status, or in an event
    of a stream: the agent (or the proxy speaking for it) refused the call.

    ``code`` is the JSON-RPC code (``-32601`` method not found, ``-32602`` invalid params,
    ``-32603`` internal error, ``-32000`` and below: server-defined); ``data`` its extra detail;
    ``id`` the request's id. An answer with an error status raises the status-typed
    ``APIStatusError`` instead, whose ``error_code`` holds the JSON-RPC code.
    """

    code: int | None
    data: Any
    id: str | int | None

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        data: Any = None,
        id: str | int | None = None,
        method: str | None = None,
        url: str | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.code = code
        self.data = data
        self.id = id

    def __str__(self) -> str:
        return f"A2A error {self.code}: {self.message}"


class TransformRequestError(APIError):
    """``/utils/transform_request`` answered 200 with ``{"error": ...}``: the request could not
    be transformed. ``status_code`` is the (successful) HTTP status; ``body`` the answer."""

    status_code: int
    body: Any

    def __init__(self, message: str, *, status_code: int, body: Any, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.status_code = status_code
        self.body = body


class APIStatusError(APIError):
    """The proxy answered with an error status.

    ``body`` is the parsed JSON (LiteLLM's ``{"error": {...}}`` or FastAPI's ``{"detail": ...}``)
    or, for a non-JSON body such as a load balancer's HTML page, its text. ``error_type``,
    ``error_code`` (a string, as LiteLLM sends it) and ``param`` are lifted out of LiteLLM's shape.
    """

    status_code: int
    headers: Headers
    body: Any
    request_id: str | None
    error_type: str | None
    error_code: str | None
    param: str | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        headers: Headers = _NO_HEADERS,
        body: Any = None,
        method: str | None = None,
        url: str | None = None,
        error_type: str | None = None,
        error_code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message, method=method, url=url)
        self.status_code = status_code
        self.headers = headers
        self.body = body
        self.request_id = headers.get("x-litellm-call-id")
        self.error_type = error_type
        self.error_code = error_code
        self.param = param

    def __str__(self) -> str:
        return f"Error code: {self.status_code} - {self.message}"

    @overload
    def provider_body(self, kind: None = None) -> ProviderErrorBody | None: ...

    @overload
    def provider_body(self, kind: type[_B]) -> _B | None: ...

    def provider_body(self, kind: type[_B] | None = None) -> _B | ProviderErrorBody | None:
        """The body in a provider's own error shape (``AnthropicErrorBody``, ``GeminiErrorBody``
        ...): as ``kind``, or the shape it fits when ``kind`` is None; None when it fits none."""
        from .types.provider_errors import parse_provider_body

        return parse_provider_body(self.body, self.headers, kind)


class BadRequestError(APIStatusError):
    """400: the proxy rejected the request (unknown model, bad parameter, no DB for a key ...)."""


class AuthenticationError(APIStatusError):
    """401: no key, or a key the proxy does not accept."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this (model not allowed, admin-only route ...)."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409."""


class UnprocessableEntityError(APIStatusError):
    """422: the body did not match the route's schema (FastAPI's ``{"detail": [...]}``)."""


class RateLimitError(APIStatusError):
    """429: the proxy's own limiter, or a provider's behind it (``llm_provider-retry-after``)."""


class InternalServerError(APIStatusError):
    """>= 500."""


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The exception class for an HTTP error status."""
    if status >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status, APIStatusError)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def make_status_error(
    status: int,
    headers: Headers,
    body: Any,
    *,
    method: str | None = None,
    url: str | None = None,
    redact: Callable[[str], str] | None = None,
) -> APIStatusError:
    """Build the typed error for an error response whose body is already parsed (or text).

    ``redact`` scrubs secrets from the message: LiteLLM echoes parts of a rejected key.
    """
    error_type = error_code = param = None
    message: str
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        err = body["error"]
        message = _text(err.get("message")) or f"HTTP {status}"
        error_type = _text(err.get("type"))
        error_code = _text(err.get("code"))
        param = _text(err.get("param"))
    elif isinstance(body, dict) and "detail" in body:
        detail = body["detail"]
        if isinstance(detail, dict) and isinstance(detail.get("error"), str):
            message = detail["error"]
        else:
            message = detail if isinstance(detail, str) else str(detail)
    elif isinstance(body, dict) and isinstance(body.get("error"), str):
        message = body["error"]
    elif isinstance(body, str) and body.strip():
        message = body.strip()
        if len(message) > 500:
            message = message[:500] + "..."
    else:
        message = f"HTTP {status}"
    if redact is not None:
        message = redact(message)
    cls = status_error_class(status)
    return cls(
        message,
        status_code=status,
        headers=headers,
        body=body,
        method=method,
        url=url,
        error_type=error_type,
        error_code=error_code,
        param=param,
    )
