"""Error bodies in a provider's own shape, as the proxy relays them on its provider-native
routes (``/anthropic/*``, ``/gemini/*``, ``/bedrock/*``, ``/cohere/*``, ``/mistral/*``,
pass-through endpoints). ``APIStatusError.provider_body()`` reads an error's body as one of
them; the error's class is still chosen by its status.

Messages are read with key-shaped tokens (``sk-...``, ``Bearer ...``, Google ``AIza...``)
masked: providers echo a rejected key back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeAlias, TypeVar

import pydantic

from .._logging import Redactor
from .._models import BaseModel

__all__ = [
    "AnthropicError",
    "AnthropicErrorBody",
    "BedrockErrorBody",
    "CohereErrorBody",
    "GeminiError",
    "GeminiErrorBody",
    "MistralErrorBody",
    "ProviderErrorBody",
    "parse_provider_body",
]

M = TypeVar("M", bound="_ProviderBody")

_MASK = Redactor(())
_GOOGLE_KEY_RE = re.compile(r"\bAIza[0-9A-Za-z_\-]{20,}")


def _scrub(text: str) -> str:
    return _GOOGLE_KEY_RE.sub("AIza[redacted]", _MASK(text))


_Text = Annotated[str, pydantic.AfterValidator(_scrub)]


class _ProviderBody(BaseModel):
    @classmethod
    def _from(cls, body: Any, headers: Mapping[str, str]) -> Any:
        """The body as this model's input, or None when it is not this shape."""
        return body if isinstance(body, dict) else None


class AnthropicError(BaseModel):
    type: str
    message: _Text


class AnthropicErrorBody(_ProviderBody):
    """``{"type": "error", "error": {"type": "invalid_request_error", "message": ...}}``."""

    type: Literal["error"]
    error: AnthropicError
    request_id: str | None = None

    @property
    def message(self) -> str:
        return self.error.message


class GeminiError(BaseModel):
    code: int
    message: _Text
    status: str | None = None
    details: list[Any] | None = None


class GeminiErrorBody(_ProviderBody):
    """``{"error": {"code": 400, "message": ..., "status": "INVALID_ARGUMENT", "details": [...]}}``
    (Google's shape: the code is a number, unlike LiteLLM's own ``{"error": ...}``)."""

    error: GeminiError

    @property
    def message(self) -> str:
        return self.error.message

    @classmethod
    def _from(cls, body: Any, headers: Mapping[str, str]) -> Any:
        err = body.get("error") if isinstance(body, dict) else None
        # LiteLLM's own errors carry the code as a string and no status: not Google's.
        if isinstance(err, dict) and isinstance(err.get("status"), str):
            return body
        return None


class BedrockErrorBody(_ProviderBody):
    """``{"message": ...}`` (or ``"Message"``); ``error_type`` from the ``x-amzn-errortype``
    header (``ValidationException``, ``ThrottlingException`` ...) or the body's ``__type``."""

    message: _Text
    error_type: str | None = None

    @classmethod
    def _from(cls, body: Any, headers: Mapping[str, str]) -> Any:
        if not isinstance(body, dict):
            return None
        message = body.get("message", body.get("Message"))
        kind = headers.get("x-amzn-errortype") or body.get("__type")
        if isinstance(kind, str):
            # "ValidationException:http://internal.amazon.com/..." and "com.amazon...#Name".
            kind = kind.split(":", 1)[0].rsplit("#", 1)[-1]
        rest = {k: v for k, v in body.items() if k != "Message"}
        return {**rest, "message": message, "error_type": kind}

    @classmethod
    def _looks_like(cls, body: dict[str, Any], headers: Mapping[str, str]) -> bool:
        return "x-amzn-errortype" in headers or "Message" in body or "__type" in body


class CohereErrorBody(_ProviderBody):
    """``{"message": ...}``."""

    message: _Text


class MistralErrorBody(_ProviderBody):
    """``{"object": "error", "message": ..., "type": ..., "param": ..., "code": ...}``; with
    ``kind`` given, also FastAPI's ``{"detail": ...}`` (Mistral's 422), whose text becomes
    ``message``."""

    object: Literal["error"] | None = None
    message: _Text = ""
    type: str | None = None
    param: str | None = None
    code: str | int | None = None

    @classmethod
    def _from(cls, body: Any, headers: Mapping[str, str]) -> Any:
        if not isinstance(body, dict):
            return None
        if body.get("object") == "error":
            message = body.get("message")
            # Mistral nests FastAPI-style detail in ``message`` on some 422s.
            text = message if isinstance(message, str) else "" if message is None else str(message)
            return {**body, "message": text}
        if "detail" in body:
            detail = body["detail"]
            rest = {k: v for k, v in body.items() if k != "detail"}
            return {**rest, "message": detail if isinstance(detail, str) else str(detail)}
        return None


ProviderErrorBody: TypeAlias = (
    AnthropicErrorBody | GeminiErrorBody | BedrockErrorBody | CohereErrorBody | MistralErrorBody
)
"""An error body in one provider's own shape; narrow with ``isinstance``."""


def parse_provider_body(
    body: Any, headers: Mapping[str, str], kind: type[M] | None = None
) -> M | ProviderErrorBody | None:
    """``body`` as ``kind``, or (``kind`` None) as the provider shape it fits; None when it does
    not fit. Detection goes from the most to the least distinctive shape: Anthropic
    (``type: "error"``), Gemini (``error.status``), Mistral (``object: "error"``), Bedrock
    (``x-amzn-errortype``, ``Message`` or ``__type``), then a bare ``{"message"}`` as Cohere's.
    LiteLLM's own ``{"error": {...}}`` and ``{"detail": ...}`` fit none."""
    if kind is not None:
        return _try(kind, body, headers)
    if not isinstance(body, dict):
        return None
    if body.get("type") == "error":
        return _try(AnthropicErrorBody, body, headers)
    if isinstance(body.get("error"), dict):
        return _try(GeminiErrorBody, body, headers)
    if body.get("object") == "error":
        return _try(MistralErrorBody, body, headers)
    if BedrockErrorBody._looks_like(body, headers):
        return _try(BedrockErrorBody, body, headers)
    if isinstance(body.get("message"), str):
        return _try(CohereErrorBody, body, headers)
    return None


def _try(kind: type[M], body: Any, headers: Mapping[str, str]) -> M | None:
    data = kind._from(body, headers)
    if data is None:
        return None
    try:
        return kind.model_validate(data)
    except pydantic.ValidationError:
        return None
