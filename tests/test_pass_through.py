"""client.pass_through.<provider>: raw verbs below each provider's prefix, the caller's path
kept below it (a property test tries to escape), auth headers, streams, fixed routes."""

from __future__ import annotations

import csv
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yarl import URL

from aio_litellm import BadRequestError, InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm._urls import SubPath, sub_path
from aio_litellm.resources import pass_through as pt_module
from aio_litellm.types.models import Model

from .conftest import FakeProxy, reply, sse

ROUTE_ARGS: dict[str, dict[str, Any]] = {}

INVENTORY = Path(__file__).parent / "data" / "litellm-endpoints.tsv"


def test_every_pass_through_row_is_declared() -> None:
    assert pt_module.PassThrough  # the module is imported: its endpoints are registered
    with INVENTORY.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"].startswith("passThrough.")
        }
    declared = {(ep.method, ep.path) for ep in REGISTRY}
    assert len(rows) == 137
    assert rows <= declared, sorted(rows - declared)


# -- the path check -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("v1/messages", "v1/messages"),
        ("/v1/messages", "v1/messages"),
        ("v1beta/models/gemini-2.0:generateContent", "v1beta/models/gemini-2.0:generateContent"),
        ("files/a b", "files/a%20b"),
        ("files/a%20b", "files/a%20b"),  # a valid escape is kept
        ("100%/x", "100%25/x"),  # a stray % is escaped
        ("v1/models/", "v1/models/"),  # a trailing slash is kept
        ("caf\u00e9", "caf%C3%A9"),
        ("..a/b..", "..a/b.."),  # dots inside a name are a name
    ],
)
def test_sub_path_escapes_and_keeps(path: str, expected: str) -> None:
    assert sub_path(path) == expected


@pytest.mark.parametrize(
    "path",
    [
        "",
        "/",
        "../key/delete",
        "v1/../../key/delete",
        "./x",
        "%2e%2e/key/delete",
        ".%2E/key/delete",
        "%252e%252e/key/delete",  # encoded twice
        "a%2Fb",
        "a%2fb",
        "a%5Cb",
        "a\\b",
        "//evil.example/x",
        "http://evil.example/x",
        "v1/https://evil.example",
        "a//b",
        "v1/messages?key=x",
        "v1#frag",
    ],
)
def test_sub_path_refuses_escapes(path: str) -> None:
    with pytest.raises(ValueError, match="must"):
        sub_path(path)


def test_sub_path_refuses_non_strings_and_endless_encoding() -> None:
    with pytest.raises(TypeError):
        sub_path(b"v1")
    deep = "a"
    for _ in range(9):
        deep = deep.replace("%", "%25") if "%" in deep else "%61"
    with pytest.raises(ValueError, match="too many times"):
        sub_path(deep)
    checked = sub_path("v1/x")
    assert sub_path(checked) is checked


def _server_view(path: str) -> str:
    """The path as a server that decodes (even twice) and normalises dot segments sees it."""
    return posixpath.normpath(unquote(unquote(path)))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["..", ".", "%2e", "%2E%2e", "%252e", "/", "%2F", "%5c", "\\", "//"]),
            st.sampled_from(["key", "delete", "v1", "a b", "%", "?", "#", ":", "@", "http:"]),
            st.text(max_size=4),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_no_path_leaves_the_prefix(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        checked = sub_path(text)
    except ValueError:
        return
    url = URL("http://proxy.test/anthropic/" + checked, encoded=True)
    assert url.host == "proxy.test"
    assert url.raw_query_string == "" and url.raw_fragment == ""
    for seen in (url.path, _server_view(url.raw_path), _server_view(url.path)):
        assert seen == "/anthropic" or seen.startswith("/anthropic/"), (text, seen)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.from_regex(r"[A-Za-z0-9_\-:]{1,8}", fullmatch=True), min_size=1, max_size=5))
def test_plain_paths_pass_unchanged(segments: list[str]) -> None:
    text = "/".join(segments)
    assert sub_path(text) == text


# -- the calls ----------------------------------------------------------------------------


async def test_verbs_reach_the_provider_prefix(client: LiteLLMClient, proxy: FakeProxy) -> None:
    for verb in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        proxy.on(verb, "/anthropic/v1/messages", reply(body={"verb": verb}))
    api = client.pass_through.anthropic
    assert await api.get("v1/messages", params={"limit": 2}) == {"verb": "GET"}
    assert await api.post("/v1/messages", json={"a": 1}, headers={"anthropic-version": "x"}) == {
        "verb": "POST"
    }
    assert await api.put("v1/messages", content=b"raw", headers={"Content-Type": "text/plain"})
    assert await api.patch("v1/messages", form={"f": "1"})
    assert await api.delete("v1/messages") == {"verb": "DELETE"}
    get, post, put, patch, _ = proxy.seen
    assert get.raw_path == "/anthropic/v1/messages?limit=2"
    assert get.headers["Authorization"] == f"Bearer {client.api_key}"
    assert post.json() == {"a": 1} and post.headers["anthropic-version"] == "x"
    assert put.body == b"raw" and put.content_type == "text/plain"
    assert patch.body == b"f=1"


async def test_a_refused_path_sends_nothing(client: LiteLLMClient, proxy: FakeProxy) -> None:
    with pytest.raises(ValueError, match="below its prefix"):
        await client.pass_through.openai.post("../../key/delete", json={"keys": ["k"]})
    with pytest.raises(ValueError, match="below its prefix"):
        await client.pass_through.bedrock.get("model%2F..%2F..%2Fkey%2Flist")
    with pytest.raises(ValueError, match="another host"):
        client.pass_through.vllm.open("GET", "//169.254.169.254/latest")
    assert proxy.seen == []


async def test_typed_result_and_typed_error(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "GET", "/vllm/v1/models/m", reply(body={"id": "m", "object": "model", "owned_by": "x"})
    )
    proxy.on("POST", "/vllm/v1/bad", reply(400, {"error": {"message": "nope"}}))
    model = await client.pass_through.vllm.get("v1/models/m", cast_to=Model)
    assert isinstance(model, Model) and model.id == "m"
    model = await client.pass_through.vllm.request("GET", "v1/models/m", cast_to=Model)
    assert model.owned_by == "x"
    with pytest.raises(BadRequestError, match="nope"):
        await client.pass_through.vllm.post("v1/bad", json={})
    with pytest.raises(ValueError, match="no TRACE route"):
        await client.pass_through.vllm.request("TRACE", "v1/x")
    with pytest.raises(TypeError, match="one body"):
        await client.pass_through.vllm.post("v1/x", json={}, content=b"x")
    assert len(proxy.seen) == 3  # the refused calls sent nothing


async def test_post_is_not_retried_unless_asked(proxy: FakeProxy, sleep: Any) -> None:
    proxy.on("POST", "/cohere/v2/chat", reply(500), reply(500), reply(body={"ok": True}))
    proxy.on("GET", "/cohere/v1/models", reply(500), reply(body={"ok": True}))
    async with LiteLLMClient(base_url=proxy.url, api_key="sk-t", max_retries=2, sleep=sleep) as c:
        with pytest.raises(InternalServerError):
            await c.pass_through.cohere.post("v2/chat", json={})
        assert await c.pass_through.cohere.post("v2/chat", json={}, retry_safe=True) == {"ok": True}
        assert await c.pass_through.cohere.get("v1/models") == {"ok": True}
    assert [s.path for s in proxy.seen] == ["/cohere/v2/chat"] * 3 + ["/cohere/v1/models"] * 2


async def test_gemini_sends_the_key_where_the_proxy_reads_it(
    client: LiteLLMClient, proxy: FakeProxy
) -> None:
    proxy.on("POST", "/gemini/v1beta/models/g:countTokens", reply(body={"totalTokens": 3}))
    out = await client.pass_through.gemini.post("v1beta/models/g:countTokens", json={})
    assert out == {"totalTokens": 3}
    assert proxy.seen[0].headers["x-goog-api-key"] == client.api_key
    async with LiteLLMClient(base_url=proxy.url) as anonymous:  # no key: no header
        await anonymous.pass_through.gemini.post("v1beta/models/g:countTokens", json={})
    assert "x-goog-api-key" not in proxy.seen[1].headers


async def test_stream_and_open(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST", "/mistral/v1/chat/completions", sse(b'data: {"n": 1}\n\n', b'data: {"n": 2}\n\n')
    )
    proxy.on("GET", "/cohere/v1/export", reply(body=b'{"a":1}\n{"a":2}\n'))
    stream = await client.pass_through.mistral.stream("POST", "v1/chat/completions", json={})
    assert [event async for event in stream] == [{"n": 1}, {"n": 2}]
    async with client.pass_through.cohere.open("GET", "v1/export") as body:
        assert await body.read() == b'{"a":1}\n{"a":2}\n'
    assert proxy.seen[1].headers["Accept"] == "*/*"


async def test_fixed_routes(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/bespoke/v1/systemone", reply(body={"decision": "ok"}))
    proxy.on("POST", "/comprehendmedical", reply(body={"Entities": []}))
    proxy.on("POST", "/transcribe/StartTranscriptionJob", reply(body={"job": 1}))
    proxy.on("GET", "/backend-api/codex/models", reply(body={"models": []}))
    assert await client.pass_through.bespoke.systemone(json={"q": 1}) == {"decision": "ok"}
    out = await client.pass_through.comprehendmedical.sdk("DetectEntitiesV2", json={"Text": "x"})
    assert out == {"Entities": []}
    assert await client.pass_through.transcribe.post("StartTranscriptionJob", json={}) == {"job": 1}
    assert await client.pass_through.codex.get("models") == {"models": []}
    bespoke, comprehend, _, codex = proxy.seen
    assert codex.raw_path == "/backend-api/codex/models"
    assert comprehend.headers["X-Amz-Target"] == "ComprehendMedical_20181030.DetectEntitiesV2"
    assert comprehend.content_type == "application/x-amz-json-1.1"
    assert bespoke.json() == {"q": 1}
    with pytest.raises(ValueError, match="AWS operation"):
        await client.pass_through.transcribe.sdk("Start/../Job")
    proxy.on("GET", "/backend-api/codex/a/b", reply(body={"one": "segment"}))
    assert await client.pass_through.codex.get("a/b") == {"one": "segment"}  # escaped, one segment
    assert proxy.seen[-1].raw_path == "/backend-api/codex/a%2Fb"


def test_sub_groups_and_single_segment_escaping() -> None:
    assert (
        pt_module.CODEX["GET"].format({"endpoint": SubPath("a%2Fb")}) == "/backend-api/codex/a%2Fb"
    )
    assert pt_module.ANTHROPIC["GET"].format({"endpoint": "a/b"}) == "/anthropic/a%2Fb"
    assert pt_module.ASSEMBLYAI_EU["GET"].attr == "pass_through.assemblyai.eu.get"
    assert pt_module.OPENAI_PASSTHROUGH["POST"].retry_safe is False
    assert pt_module.VERTEX_AI_DISCOVERY["PUT"].retry_safe is True


def test_raw_websocket_frames() -> None:
    from aio_litellm.resources.pass_through import raw_frame

    assert raw_frame(b"\x00audio") == b"\x00audio"
    assert raw_frame('{"type": "Results"}') == {"type": "Results"}
    assert raw_frame("not json") == "not json"
