"""Endpoints: declared once, escaped paths, the route table, and every method wired to its route."""

from __future__ import annotations

import csv
import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm.__main__ import main
from aio_litellm._endpoint import Endpoint, escape_segment, format_path
from aio_litellm._routes import all_endpoints, route_lines

from .conftest import FakeProxy

TSV = Path(__file__).resolve().parents[2] / "shared" / "spec" / "litellm-endpoints.tsv"


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("abc", "abc"),
        ("a/b", "a%2Fb"),
        ("../key/delete", "..%2Fkey%2Fdelete"),
        ("..", "%2E%2E"),
        (".", "%2E"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("sp ace", "sp%20ace"),
        ("ünï", "%C3%BCn%C3%AF"),
        (42, "42"),
    ],
)
def test_escape_segment(value: Any, escaped: str) -> None:
    assert escape_segment(value) == escaped


def test_escape_rejects_empty_and_odd_types() -> None:
    with pytest.raises(ValueError, match="empty"):
        escape_segment("", "key")
    with pytest.raises(TypeError, match="str or int"):
        escape_segment(None, "key")
    with pytest.raises(TypeError, match="str or int"):
        escape_segment(True, "key")
    with pytest.raises(TypeError, match="missing path parameter"):
        format_path("/key/{key:path}/reset_spend", {})


def test_bad_declaration_is_refused() -> None:
    with pytest.raises(ValueError, match="bad endpoint"):
        Endpoint("get", "/x", dict, "x.y")
    with pytest.raises(ValueError, match="bad endpoint"):
        Endpoint("GET", "x", dict, "x.y")


@pytest.mark.parametrize("evil", ["../../key/delete", "..", ".", "a/b/../c", "x?admin=1", "#frag"])
async def test_ids_never_reach_another_route(
    evil: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    async def ok(request: web.Request) -> web.StreamResponse:
        return web.json_response({"data": []})

    proxy.on("GET", f"/models/{evil}", ok)
    await client.request("GET", "/models/{model_id}", path_params={"model_id": evil})
    seen = proxy.calls()[-1]
    # On the wire the id is one escaped segment under /models/, with no query smuggled in.
    assert seen.raw_path.startswith("/models/")
    assert "/" not in seen.raw_path[len("/models/") :]
    assert seen.query == {}
    # Decoded, the server sees exactly the id the caller passed.
    assert seen.path == f"/models/{evil}"


async def test_unfilled_placeholder_is_refused_before_io(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match="missing path parameter"):
        await client.request("GET", "/models/{model_id}")
    with pytest.raises(ValueError, match="single '/'"):
        await client.request("GET", "//evil.example/x")
    with pytest.raises(ValueError, match="single '/'"):
        await client.request("GET", "models")
    assert proxy.seen == []


def test_route_table_lines() -> None:
    lines = route_lines()
    assert len(lines) == len(set(lines)) == len(all_endpoints())
    assert "POST\t/key/generate\tclient.keys.create" in lines
    assert "POST\t/key/{key:path}/reset_spend\tclient.keys.reset_spend" in lines
    for line in lines:
        method, path, attr = line.split("\t")
        assert method.isupper() and path.startswith("/") and attr.startswith("client.")


def test_cli_prints_the_route_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routes"]) == 0
    assert capsys.readouterr().out.splitlines() == route_lines()
    out = subprocess.run(
        [sys.executable, "-m", "aio_litellm", "routes"], capture_output=True, text=True, check=True
    )
    assert out.stdout.splitlines() == route_lines()


@pytest.mark.skipif(not TSV.exists(), reason="the shared route inventory is not beside the repo")
def test_every_declared_route_is_in_the_proxy_inventory() -> None:
    with TSV.open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    known = {(r["method"], r["path"]) for r in rows}
    group_of = {(r["method"], r["path"]): r["group"] for r in rows}
    for ep in all_endpoints():
        assert (ep.method, ep.path) in known, f"{ep.method} {ep.path} is not a proxy route"
        # The attribute follows the proxy's group: keys.* for group keys, and so on.
        group = group_of[(ep.method, ep.path)]
        assert ep.attr.startswith(group + "."), (ep.attr, group)
    keys_rows = {(r["method"], r["path"]) for r in rows if r["group"] == "keys"}
    declared = {(ep.method, ep.path) for ep in all_endpoints()}
    assert keys_rows <= declared, sorted(keys_rows - declared)


def _sample_args(ep: Endpoint[Any], method: Any) -> dict[str, Any]:
    """Arguments that satisfy a method's required parameters."""
    kwargs: dict[str, Any] = {}
    for name, param in inspect.signature(method).parameters.items():
        if param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        if param.default is not inspect.Parameter.empty:
            continue
        kwargs[name] = {"keys": ["k1"], "update_fields": {"max_budget": 1}}.get(name, "v1")
        if name == "reset_to":
            kwargs[name] = 0
    return kwargs


EXTRA_ARGS: dict[str, dict[str, Any]] = {
    "chat.completions.create": {"model": "m", "messages": [{"role": "user", "content": "x"}]},
    "completions.create": {"model": "m", "prompt": "p"},
    "embeddings.create": {"model": "m", "input": "x"},
    "keys.generate_service_account": {"team_id": "t"},
    "keys.team_bulk_update": {"all_keys_in_team": True},
    "keys.delete": {"keys": ["k1"]},
    "moderations.create": {"input": "x"},
    "images.generate": {"prompt": "a cat"},
    "images.edit": {"image": b"png", "prompt": "a hat"},
    "audio.speech.create": {"model": "tts", "input": "hi", "voice": "alloy"},
    "audio.transcriptions.create": {"file": b"mp3", "model": "whisper"},
    "rerank.create": {"model": "r", "query": "q", "documents": ["a"]},
    "teams.delete": {"team_ids": ["t1"]},
    "users.delete": {"user_ids": ["u1"]},
    "teams.member_delete": {"user_id": "u1"},
    "teams.member_add": {"members": [{"user_id": "u1", "role": "user"}]},
}


@pytest.mark.parametrize("ep", all_endpoints(), ids=lambda ep: ep.attr)
async def test_each_method_calls_its_declared_route(ep: Endpoint[Any], proxy: FakeProxy) -> None:
    # The fake answers 404 to every route it was not told about: the call fails after it was
    # sent, and what was sent is what this checks.
    async with LiteLLMClient(base_url=proxy.url, max_retries=0) as client:
        method: Any = client
        for part in ep.attr.split("."):
            method = getattr(method, part)
        result = method(**{**_sample_args(ep, method), **EXTRA_ARGS.get(ep.attr, {})})
        with pytest.raises(NotFoundError):
            if not inspect.isawaitable(result):  # a pager: take its first item
                result = anext(aiter(result))
            await result
    assert len(proxy.seen) == 1
    seen = proxy.seen[0]
    expected = format_path(ep.path, dict.fromkeys(ep.params, "v1"))
    assert (seen.method, seen.raw_path.split("?")[0]) == (ep.method, expected)
