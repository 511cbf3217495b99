"""Endpoints: declared once, escaped paths, the route table, every method wired to its route,
every route in the pinned proxy's inventory, and the drift report against a proxy's OpenAPI."""

from __future__ import annotations

import asyncio
import inspect
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient, NotFoundError
from aio_litellm.__main__ import main
from aio_litellm._endpoint import Endpoint, escape_segment, format_path
from aio_litellm._routes import (
    METHODS,
    all_endpoints,
    check_routes,
    fetch_openapi,
    group_attr,
    route_lines,
    run_routes_check,
)

from .conftest import API_KEY, FakeProxy, inventory, reply

DATA = Path(__file__).resolve().parent / "data"
# That LiteLLM's /openapi.json cut down to paths, methods, tags and response codes.
OPENAPI_PATHS = DATA / "litellm-1.110.2-openapi-paths.json"


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


def test_every_declared_route_is_in_the_proxy_inventory() -> None:
    rows = inventory()
    group_of = {
        (r["method"], path): r["group"]
        for r in rows
        for path in [r["path"], *filter(None, r["aliases"].split(","))]
    }
    for ep in all_endpoints():
        assert (ep.method, ep.path) in group_of, f"{ep.method} {ep.path} is not a proxy route"
        # The attribute follows the proxy's group: keys.* for keys, fine_tuning.jobs.* for
        # fineTuning.jobs, and so on.
        group = group_of[(ep.method, ep.path)]
        assert ep.attr.startswith(group_attr(group) + "."), (ep.attr, group)
    complete = {(r["method"], r["path"]) for r in rows if r["group"] in COMPLETE_GROUPS}
    declared = {(ep.method, ep.path) for ep in all_endpoints()}
    assert complete <= declared, sorted(complete - declared)


# Groups whose every inventory row has a method.
COMPLETE_GROUPS = frozenset(
    {
        *("assistants", "assistants.threads", "assistants.threads.messages"),
        *("assistants.threads.runs", "audio.speech", "audio.transcriptions", "batches"),
        *("chat.completions", "completions", "containers", "containers.files", "embeddings"),
        *("evals", "files", "fineTuning.jobs", "images", "keys", "moderations", "ocr", "rag"),
        *("realtime", "rerank", "responses", "search", "vectorStores", "videos"),
        # Administration (issue 11).
        *("models", "users", "teams", "organizations", "customers", "budgets", "spend"),
        *("cost", "tags", "credentials", "accessGroups", "jwt", "scim", "projects", "audit"),
        "compliance",
        # Provider-native (issue 12, in part).
        *("anthropic.messages", "anthropic.skills", "agents", "passThroughConfig", "gemini"),
        *("a2a", "mcp"),
        *(r["group"] for r in inventory() if r["group"].startswith("passThrough.")),
        # Administration 2 (issue 13).
        *("guardrails", "policies", "config", "routerSettings", "fallbacks", "callbacks"),
        *("cache", "health", "alerting", "utils", "decisions", "other", "prompts", "public"),
        *("skillHub", "memory", "tools", "workflows", "traces", "claudeCode"),
    }
)


@pytest.mark.parametrize(
    ("group", "attr"),
    [
        ("keys", "keys"),
        ("vectorStores", "vector_stores"),
        ("fineTuning.jobs", "fine_tuning.jobs"),
        ("passThrough.vertex_ai", "pass_through.vertex_ai"),
        ("accessGroups", "access_groups"),
        ("assistants.threads.messages", "assistants.threads.messages"),
        ("passThroughConfig", "pass_through_config"),
        ("audio.speech", "audio.speech"),
    ],
)
def test_group_attr(group: str, attr: str) -> None:
    assert group_attr(group) == attr


def test_every_client_facing_group_names_an_attribute() -> None:
    groups = {r["group"] for r in inventory()} - {"sso/ui"}
    attrs = {group_attr(g) for g in groups}
    assert len(attrs) == len(groups), "two groups would share an attribute"
    for attr in attrs:
        assert all(part.isidentifier() and part.islower() for part in attr.split(".")), attr


# ------------------------------------------------------- drift against a proxy's /openapi.json


def openapi_spelling(method: str, path: str) -> tuple[str, str]:
    """How LiteLLM's OpenAPI document writes a route: ``{key}`` for ``{key:path}``, and a
    websocket as a GET answering 101."""
    return ("get" if method == "WEBSOCKET" else method.lower()), re.sub(
        r"\{(\w+):\w+\}", r"{\1}", path
    )


def openapi_of(routes: list[tuple[str, str, str]]) -> dict[str, Any]:
    """An OpenAPI document listing ``(method, path, tag)``."""
    paths: dict[str, dict[str, Any]] = {}
    for method, path, tag in routes:
        if method == "ANY":
            continue  # a mounted sub-app: not in an OpenAPI document
        name, spelled = openapi_spelling(method, path)
        status = "101" if method == "WEBSOCKET" else "200"
        item = paths.setdefault(spelled, {})
        if method == "WEBSOCKET" and name in item:
            continue  # one "get" a path: a plain GET there hides the websocket, as in LiteLLM's
        item[name] = {"tags": [tag], "responses": {status: {}}}
    return {"openapi": "3.1.0", "info": {"title": "Fake", "version": "9.9"}, "paths": paths}


def listed(lines: list[str], heading: str) -> list[tuple[str, str]]:
    """The ``METHOD path`` lines of the report section whose title starts with ``heading``."""
    found: list[tuple[str, str]] = []
    inside = False
    for line in lines:
        if line.startswith(("Served by", "Declared by")):
            inside = line.startswith(heading)
        elif inside and line.startswith("  ") and line.split()[0] in METHODS:
            method, path = line.split()[:2]
            found.append((method, path))
    return found


async def test_routes_check_against_a_served_openapi(proxy: FakeProxy) -> None:
    declared = all_endpoints()
    document = openapi_of([(ep.method, ep.path, ep.attr.split(".")[0]) for ep in declared])
    document["paths"]["/widgets/{widget_id}"] = {
        "get": {"tags": ["widgets"]},
        "delete": {"tags": ["widgets"]},
        "parameters": [],  # a path item's field, not a route
    }
    document["paths"]["/untagged"] = {"post": {}}
    proxy.on("GET", "/openapi.json", reply(200, document))

    fetched = await fetch_openapi(proxy.url, API_KEY)
    assert proxy.calls("GET", "/openapi.json")[0].headers["Authorization"] == f"Bearer {API_KEY}"
    lines, status = check_routes(fetched)
    assert status == 1
    # Largest group first; in a group by path, then method.
    assert listed(lines, "Served by the proxy") == [
        ("GET", "/widgets/{widget_id}"),
        ("DELETE", "/widgets/{widget_id}"),
        ("POST", "/untagged"),
    ]
    assert "  2  widgets" in lines and "widgets (2)" in lines
    assert listed(lines, "Declared by the client") == []
    operations = sum(len(item) for item in fetched["paths"].values()) - 1  # not "parameters"
    assert lines[0].startswith(f"Fake 9.9: {operations} operations")

    # The proxy no longer serves one declared route (its {name:path} spelled {name}).
    gone = next(ep for ep in declared if ":path}" in ep.path)
    name, spelled = openapi_spelling(gone.method, gone.path)
    del fetched["paths"][spelled][name]
    del fetched["paths"]["/widgets/{widget_id}"], fetched["paths"]["/untagged"]
    lines, status = check_routes(fetched)
    assert status == 1
    assert listed(lines, "Declared by the client") == [(gone.method, gone.path)]
    assert f"client.{gone.attr}" in "\n".join(lines)
    assert listed(lines, "Served by the proxy") == []


def test_routes_check_passes_when_the_routes_agree() -> None:
    declared = all_endpoints()
    lines, status = check_routes(openapi_of([(ep.method, ep.path, "t") for ep in declared]))
    assert status == 0
    assert lines[-1] == "The client and the proxy list the same routes."
    assert f"the client declares {len(declared)} routes, {len(declared)} of them" in lines[0]
    with pytest.raises(ValueError, match="not an OpenAPI document"):
        check_routes({"openapi": "3.1.0"})


def test_routes_check_against_the_pinned_litellm_document() -> None:
    document = json.loads(OPENAPI_PATHS.read_text(encoding="utf-8"))
    lines, status = check_routes(document)
    assert status == 1
    # What the report says is missing or extra, checked against the inventory: a declared route
    # is absent from the document exactly when the proxy hides it from its schema.
    # The routes of the mounted MCP sub-app are not in the main app's document, whatever the
    # inventory says of their schema flag.
    in_schema = {
        (r["method"], path): r["include_in_schema"] == "true"
        and not r["source_file"].startswith("litellm/proxy/mcp_server/server.py")
        for r in inventory()
        for path in [r["path"], *filter(None, r["aliases"].split(","))]
    }
    declared = {(ep.method, ep.path) for ep in all_endpoints() if ep.method != "ANY"}
    hidden = {pair for pair in declared if not in_schema[pair]}
    assert set(listed(lines, "Declared by the client")) == hidden
    missing = listed(lines, "Served by the proxy")
    assert len(missing) == len(set(missing))
    operations = {
        ("WEBSOCKET" if "101" in op["responses"] else method.upper(), path)
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    assert set(missing) <= operations
    # Declared routes the document lists, whatever their parameter spelling, are not missing;
    # a declared websocket it does not list (OpenAPI cannot describe one) is not reported.
    spelled = {(m, openapi_spelling(m, p)[1]) for m, p in declared - hidden}
    unlisted_websockets = {(m, p) for m, p in spelled - operations if m == "WEBSOCKET"}
    assert not {p for _, p in unlisted_websockets} & {
        line.split()[1] for line in lines[1:] if line.startswith("  WEBSOCKET")
    }
    spelled -= unlisted_websockets
    assert spelled <= operations and not spelled & set(missing)
    # Nor is any alias LiteLLM serves a declared route under (/v1/files for /files ...).
    aliases = {
        (r["method"], openapi_spelling(r["method"], alias)[1])
        for r in inventory()
        if (r["method"], r["path"]) in declared
        for alias in filter(None, r["aliases"].split(","))
    }
    uncovered = operations - spelled - aliases
    assert set(missing) >= uncovered  # no real drift is hidden
    # What is left over are aliases outside the standard prefixes (/health/liveness ...); the
    # /v1, /openai/v1 ... ones are recognised.
    assert set(missing) - uncovered <= aliases
    assert len(uncovered | (set(missing) - uncovered)) < len(operations - spelled)


async def test_run_routes_check_prints_the_report(
    proxy: FakeProxy, capsys: pytest.CaptureFixture[str]
) -> None:
    document = openapi_of([(ep.method, ep.path, "t") for ep in all_endpoints()])
    proxy.on("GET", "/openapi.json", reply(200, document))
    # run_routes_check runs its own event loop, as the CLI does: not on this test's loop.
    status = await asyncio.to_thread(run_routes_check, proxy.url, API_KEY)
    assert status == 0
    assert capsys.readouterr().out.splitlines() == check_routes(document)[0]


async def test_the_cli_reports_drift_with_exit_status_1(
    proxy: FakeProxy, capsys: pytest.CaptureFixture[str]
) -> None:
    # The proxy lists one route the client lacks: `aio-litellm routes --check URL` says so.
    routes = [(ep.method, ep.path, "t") for ep in all_endpoints()] + [("GET", "/brand/new", "t")]
    proxy.on("GET", "/openapi.json", reply(200, openapi_of(routes)))
    argv = ["--api-key", API_KEY, "routes", "--check", proxy.url]
    assert await asyncio.to_thread(main, argv) == 1
    assert "/brand/new" in capsys.readouterr().out
    assert proxy.calls("GET", "/openapi.json")[0].headers["Authorization"] == f"Bearer {API_KEY}"


@pytest.mark.parametrize(
    ("status", "body", "reason"),
    [(401, {"error": {"message": "bad key"}}, "bad key"), (200, {"a": 1}, "not an OpenAPI")],
)
async def test_run_routes_check_when_the_document_cannot_be_read(
    proxy: FakeProxy, capsys: pytest.CaptureFixture[str], status: int, body: Any, reason: str
) -> None:
    proxy.on("GET", "/openapi.json", reply(status, body))
    assert await asyncio.to_thread(run_routes_check, proxy.url + "/", "sk-wrong") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"cannot read {proxy.url}/openapi.json" in err and reason in err


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
    "batches.create": {
        "input_file_id": "f",
        "endpoint": "/v1/chat/completions",
        "completion_window": "24h",
    },
    "chat.completions.queue": {"model": "m", "messages": [{"role": "user", "content": "x"}]},
    "containers.create": {"name": "c"},
    "containers.files.create": {"file_id": "f"},
    "evals.create": {"data_source_config": {"type": "custom"}, "testing_criteria": [{}]},
    "evals.runs.create": {"data_source": {"type": "jsonl"}},
    "files.create": {"file": b"{}", "purpose": "batch"},
    "fine_tuning.jobs.create": {"model": "m", "training_file": "f"},
    "ocr.create": {"model": "m", "document": {"type": "document_url", "document_url": "u"}},
    "rag.ingest": {
        "ingest_options": {"vector_store": {"custom_llm_provider": "x"}},
        "file_id": "f",
    },
    "assistants.create": {"model": "m"},
    "assistants.threads.messages.create": {"role": "user", "content": "x"},
    "assistants.threads.runs.create": {"assistant_id": "a"},
    "rag.query": {
        "model": "m",
        "messages": [{"role": "user", "content": "x"}],
        "retrieval_config": {"vector_store_id": "vs"},
    },
    "realtime.connect": {"model": "m"},
    "realtime.translations.client_secrets.create": {"session": {"model": "m"}},
    "responses.create": {"model": "m", "input": "x"},
    "responses.compact": {"model": "m"},
    "responses.input_tokens.count": {"model": "m", "input": "x"},
    "search.create": {"search_tool_name": "t", "query": "q"},
    "search.tools.create": {"search_tool_name": "t", "litellm_params": {"search_provider": "x"}},
    "search.tools.test_connection": {"search_provider": "x"},
    "search.tools.update": {"search_tool_name": "t", "litellm_params": {"search_provider": "x"}},
    "vector_stores.indexes.create": {"index_name": "i", "litellm_params": {"x": "y"}},
    "vector_stores.managed.create": {"vector_store_id": "vs", "custom_llm_provider": "openai"},
    "vector_stores.search": {"query": "q"},
    "vector_stores.files.create": {"file_id": "f"},
    "vector_stores.files.update": {"attributes": {"k": "v"}},
    "videos.create": {"prompt": "a cat"},
    "videos.characters.create": {"video": b"mp4"},
}


def _group_route_args() -> dict[str, dict[str, Any]]:
    """``ROUTE_ARGS`` of every test module (a group's own tests name the arguments its methods
    need beyond the path parameters), merged into ``EXTRA_ARGS``."""
    import importlib
    import pkgutil

    merged: dict[str, dict[str, Any]] = {}
    for info in pkgutil.iter_modules([str(Path(__file__).resolve().parent)]):
        if info.name.startswith("test_") and info.name != "test_routes":
            module = importlib.import_module(f"{__package__}.{info.name}")
            for attr, args in getattr(module, "ROUTE_ARGS", {}).items():
                assert attr not in EXTRA_ARGS and attr not in merged, f"{attr} given twice"
                merged[attr] = args
    return merged


EXTRA_ARGS.update(_group_route_args())


@pytest.mark.parametrize("ep", all_endpoints(), ids=lambda ep: ep.attr)
async def test_each_method_calls_its_declared_route(ep: Endpoint[Any], proxy: FakeProxy) -> None:
    # The fake answers 404 to every route it was not told about: the call fails after it was
    # sent, and what was sent is what this checks.
    async with LiteLLMClient(base_url=proxy.url, max_retries=0) as client:
        with warnings.catch_warnings():  # a deprecated group still calls its routes
            warnings.simplefilter("ignore", DeprecationWarning)
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
    # A websocket's handshake is a GET; a mount (ANY) takes the caller's method.
    method = {"WEBSOCKET": "GET", "ANY": seen.method}.get(ep.method, ep.method)
    assert (seen.method, seen.raw_path.split("?")[0]) == (method, expected)
