"""``APIStatusError.provider_body()``: each provider's error shape parsed as asked or detected,
LiteLLM's own shapes and garbage fitting none, the error class still chosen by status, and
echoed keys masked."""

from __future__ import annotations

from typing import Any

import pytest
from multidict import CIMultiDict, CIMultiDictProxy

from aio_litellm import (
    APIStatusError,
    BadRequestError,
    LiteLLMClient,
    RateLimitError,
    UnprocessableEntityError,
)
from aio_litellm._exceptions import make_status_error
from aio_litellm.types.provider_errors import (
    AnthropicErrorBody,
    BedrockErrorBody,
    CohereErrorBody,
    GeminiErrorBody,
    MistralErrorBody,
)

from .conftest import FakeProxy, reply

ANTHROPIC = {
    "type": "error",
    "error": {"type": "invalid_request_error", "message": "max_tokens: required"},
    "request_id": "req_1",
}
GEMINI = {
    "error": {
        "code": 400,
        "message": "API key not valid.",
        "status": "INVALID_ARGUMENT",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "X"}],
    }
}
MISTRAL = {
    "object": "error",
    "message": "Invalid model: x",
    "type": "invalid_model",
    "param": None,
    "code": "1500",
}
LITELLM = {
    "error": {"message": "bad", "type": "invalid_request_error", "param": None, "code": "400"}
}


def error(status: int, body: Any, headers: dict[str, str] | None = None) -> APIStatusError:
    return make_status_error(status, CIMultiDictProxy(CIMultiDict(headers or {})), body)


def test_anthropic() -> None:
    body = error(400, ANTHROPIC).provider_body()
    assert isinstance(body, AnthropicErrorBody)
    assert (body.error.type, body.message, body.request_id) == (
        "invalid_request_error",
        "max_tokens: required",
        "req_1",
    )


def test_gemini() -> None:
    body = error(400, GEMINI).provider_body()
    assert isinstance(body, GeminiErrorBody)
    assert (body.error.code, body.error.status, body.message) == (
        400,
        "INVALID_ARGUMENT",
        "API key not valid.",
    )
    assert body.error.details is not None and body.error.details[0]["reason"] == "X"


def test_mistral_detected_and_detail_when_asked() -> None:
    body = error(400, MISTRAL).provider_body()
    assert isinstance(body, MistralErrorBody)
    assert (body.type, body.code, body.message) == ("invalid_model", "1500", "Invalid model: x")
    nested = error(
        422, {"object": "error", "message": {"detail": [{"loc": ["x"]}]}}
    ).provider_body()
    assert isinstance(nested, MistralErrorBody) and "loc" in nested.message
    empty = error(400, {"object": "error"}).provider_body()
    assert isinstance(empty, MistralErrorBody) and empty.message == ""
    # FastAPI's {"detail": ...} is the proxy's own shape too: Mistral's only when asked.
    detail = {"detail": [{"loc": ["body", "model"], "msg": "field required"}]}
    assert error(422, detail).provider_body() is None
    asked = error(422, detail).provider_body(MistralErrorBody)
    assert isinstance(asked, MistralErrorBody) and "field required" in asked.message
    text = error(422, {"detail": "nope"}).provider_body(MistralErrorBody)
    assert text is not None and text.message == "nope" and "detail" not in (text.model_extra or {})


def test_bedrock_from_header_and_from_capital_message() -> None:
    headers = {"X-Amzn-ErrorType": "ValidationException:http://internal.amazon.com/coral/"}
    body = error(400, {"message": "Malformed input request"}, headers).provider_body()
    assert isinstance(body, BedrockErrorBody)
    assert (body.error_type, body.message) == ("ValidationException", "Malformed input request")
    capital = error(429, {"Message": "Too many requests"}).provider_body()
    assert isinstance(capital, BedrockErrorBody)
    assert capital.message == "Too many requests" and capital.error_type is None
    assert "Message" not in (capital.model_extra or {})
    typed = error(403, {"__type": "com.amazon.coral#AccessDeniedException", "message": "no"})
    got = typed.provider_body()
    assert isinstance(got, BedrockErrorBody) and got.error_type == "AccessDeniedException"


def test_cohere_is_a_bare_message() -> None:
    body = error(400, {"message": "invalid request: model not found"}).provider_body()
    assert isinstance(body, CohereErrorBody) and body.message.startswith("invalid request")
    # The same bare shape read as Bedrock's when asked.
    asked = error(400, {"message": "x"}).provider_body(BedrockErrorBody)
    assert isinstance(asked, BedrockErrorBody) and asked.error_type is None


@pytest.mark.parametrize(
    "body",
    [
        None,
        "<html>502 Bad Gateway</html>",
        [1, 2],
        {},
        LITELLM,
        {"detail": "Not authenticated"},
        {"error": "plain string"},
        {"type": "error", "error": "not an object"},
        {"type": "error", "error": {"type": "x"}},
        {"error": {"code": "400", "message": "m", "status": 3}},
        {"error": {"code": "not a number", "message": "m", "status": "BAD"}},
        {"object": "error", "message": "m", "code": [1]},
        {"Message": 5},
        {"message": 5},
    ],
)
def test_garbage_fits_none(body: Any) -> None:
    assert error(400, body).provider_body() is None


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (GEMINI, AnthropicErrorBody),
        (ANTHROPIC, GeminiErrorBody),
        (LITELLM, GeminiErrorBody),
        ("text", CohereErrorBody),
        ({"nope": 1}, CohereErrorBody),
        ({"nope": 1}, MistralErrorBody),
        ("text", MistralErrorBody),
        ("text", BedrockErrorBody),
        ({"nope": 1}, BedrockErrorBody),
    ],
)
def test_a_given_kind_that_does_not_fit_is_none(body: Any, kind: Any) -> None:
    assert error(400, body).provider_body(kind) is None


def test_a_given_kind_parses_even_when_detection_would_pick_another() -> None:
    body = error(400, ANTHROPIC).provider_body(AnthropicErrorBody)
    assert isinstance(body, AnthropicErrorBody)
    # Gemini's body also has a message-less top level, so Cohere's model does not fit it.
    assert error(400, GEMINI).provider_body(CohereErrorBody) is None


def test_echoed_keys_are_masked() -> None:
    key = "sk-live-abcdefghijklmnop"
    google = "AIzaSyA1234567890abcdefghijklmnopq"
    bodies = [
        {"type": "error", "error": {"type": "authentication_error", "message": f"bad {key}"}},
        {"error": {"code": 400, "message": f"key {google} invalid", "status": "X"}},
        {"object": "error", "message": f"Bearer {key}"},
        {"Message": f"token {key}"},
        {"message": f"Incorrect API key provided: {key}"},
    ]
    for raw in bodies:
        body = error(401, raw).provider_body()
        assert body is not None
        dumped = body.model_dump_json()
        assert key not in dumped and google not in dumped, dumped
        assert "[redacted]" in dumped


async def test_through_the_client_class_follows_the_status(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on(
        "POST",
        "/v1/messages",
        reply(429, {"type": "error", "error": {"type": "rate_limit_error", "message": "slow"}}),
    )
    with pytest.raises(RateLimitError) as info:
        await client.request("POST", "/v1/messages", json={})
    body = info.value.provider_body()
    assert isinstance(body, AnthropicErrorBody) and body.error.type == "rate_limit_error"
    proxy.on(
        "POST",
        "/bedrock/model/m/invoke",
        reply(400, {"message": "bad"}, headers={"x-amzn-errortype": "ValidationException"}),
    )
    with pytest.raises(BadRequestError) as bad:
        await client.request("POST", "/bedrock/model/m/invoke", json={}, retry_safe=False)
    got = bad.value.provider_body()
    assert isinstance(got, BedrockErrorBody) and got.error_type == "ValidationException"
    assert not isinstance(bad.value, UnprocessableEntityError)
