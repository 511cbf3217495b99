"""Error statuses and bodies become typed errors with what the caller needs to act."""

from __future__ import annotations

import pytest

import aio_litellm
from aio_litellm import (
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    LiteLLMClient,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)

from .conftest import API_KEY, FakeProxy, reply


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, InternalServerError),
        (503, InternalServerError),
        (418, APIStatusError),
    ],
)
async def test_status_maps_to_class(
    status: int, cls: type[APIStatusError], proxy: FakeProxy
) -> None:
    body = {
        "error": {"message": "nope", "type": "auth_error", "param": "model", "code": str(status)}
    }
    proxy.on("GET", "/key/info", reply(status, body, {"x-litellm-call-id": "call-123"}))
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.keys.info(key="abc")
    err = info.value
    assert type(err) is cls
    assert isinstance(err, aio_litellm.APIError) and isinstance(err, aio_litellm.LiteLLMError)
    assert err.status_code == status
    assert err.message == "nope"
    assert err.error_type == "auth_error"
    assert err.error_code == str(status)
    assert err.param == "model"
    assert err.request_id == "call-123"
    assert err.body == body
    assert err.headers["x-litellm-call-id"] == "call-123"
    assert str(err) == f"Error code: {status} - nope"
    assert err.method == "GET" and err.url is not None and "/key/info" in err.url


async def test_fastapi_detail_bodies(proxy: FakeProxy, client: LiteLLMClient) -> None:
    detail = [{"loc": ["body", "keys"], "msg": "field required", "type": "missing"}]
    proxy.on("POST", "/key/delete", reply(422, {"detail": detail}))
    with pytest.raises(UnprocessableEntityError) as info:
        await client.keys.delete(["k"])
    assert info.value.body == {"detail": detail}
    assert "field required" in info.value.message

    proxy.on("POST", "/key/block", reply(404, {"detail": {"error": "Key not found"}}))
    with pytest.raises(NotFoundError, match="Key not found"):
        await client.keys.block("k")

    proxy.on("POST", "/key/unblock", reply(403, {"detail": "Not allowed"}))
    with pytest.raises(PermissionDeniedError, match="Not allowed"):
        await client.keys.unblock("k")

    proxy.on("POST", "/key/health", reply(400, {"error": "plain string"}))
    with pytest.raises(BadRequestError, match="plain string"):
        await client.keys.health()


async def test_html_502_still_gives_a_typed_error(proxy: FakeProxy, client: LiteLLMClient) -> None:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>" + "x" * 1000
    proxy.on("GET", "/models", reply(502, page))
    with pytest.raises(InternalServerError) as info:
        await client.models.list()
    assert info.value.status_code == 502
    assert info.value.body == page
    assert info.value.message.startswith("<html>") and len(info.value.message) <= 503
    assert info.value.retries == 2


async def test_empty_error_body(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/models", reply(404, b""))
    with pytest.raises(NotFoundError) as info:
        await client.models.list()
    assert info.value.body is None and info.value.message == "HTTP 404"


async def test_error_message_never_shows_the_key(proxy: FakeProxy, client: LiteLLMClient) -> None:
    # LiteLLM echoes (parts of) a rejected key; the whole secret must not reach the caller's logs.
    message = f"Invalid proxy server token passed. Received API Key = {API_KEY}, Bearer {API_KEY}"
    proxy.on("GET", "/key/info", reply(401, {"error": {"message": message, "code": "401"}}))
    with pytest.raises(AuthenticationError) as info:
        await client.keys.info(key=API_KEY)
    text = str(info.value) + repr(info.value) + (info.value.url or "")
    assert API_KEY not in text
    assert "[redacted]" in text


async def test_invalid_success_body_is_a_validation_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/chat/completions", reply(200, b"{not json"))
    with pytest.raises(APIResponseValidationError) as info:
        await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
    assert info.value.status_code == 200
    proxy.on("POST", "/chat/completions", reply(200, {"unexpected": True}))
    with pytest.raises(APIResponseValidationError, match="choices"):
        await client.chat.completions.create(model="m", messages=[{"role": "user", "content": "x"}])
