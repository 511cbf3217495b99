"""The table of every endpoint the client declares (``python -m aio_litellm routes``), and how it
compares with the routes a live proxy serves (``check_routes``, ``run_routes_check``)."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
import re
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from ._endpoint import REGISTRY, Endpoint

__all__ = [
    "all_endpoints",
    "check_routes",
    "fetch_openapi",
    "group_attr",
    "route_lines",
    "run_routes_check",
]

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE")
METHODS = (*HTTP_METHODS, "WEBSOCKET", "ANY")
_PARAM_RE = re.compile(r"\{[^{}:]+(?::[^{}]*)?\}")
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def all_endpoints() -> list[Endpoint[Any]]:
    """Every declared endpoint, after importing every resource module."""
    from . import resources

    for module in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{module.name}")
    return sorted(REGISTRY, key=lambda ep: (ep.path, ep.method))


def route_lines() -> list[str]:
    """``METHOD<TAB>PATH<TAB>client.attr`` per endpoint, paths as in the proxy's route table."""
    return [f"{ep.method}\t{ep.path}\tclient.{ep.attr}" for ep in all_endpoints()]


def group_attr(group: str) -> str:
    """The client attribute of a route-inventory group: ``fineTuning.jobs`` ->
    ``fine_tuning.jobs``, ``passThrough.vertex_ai`` -> ``pass_through.vertex_ai``."""
    return ".".join(_CAMEL_RE.sub("_", part).lower() for part in group.split("."))


def _route_key(method: str, path: str) -> tuple[str, str]:
    """One spelling for OpenAPI's ``/key/{key}`` and a route's ``/key/{key:path}``."""
    return method.upper(), _PARAM_RE.sub("{}", path)


# The prefixes under which LiteLLM serves the same OpenAI-style routes again (its aliases:
# ``/v1/files`` for ``/files``, ``/openai/deployments/{model}/chat/completions`` ...).
_ALIAS_PREFIXES = ("/openai/v1", "/v1", "/openai/deployments/{}", "/engines/{}", "/{}/v1")


def _covered(key: tuple[str, str], known: set[tuple[str, str]]) -> bool:
    """Whether a served route is a declared one, directly or as one of its aliases."""
    if key in known:
        return True
    method, path = key
    for prefix in _ALIAS_PREFIXES:
        rest = path[len(prefix) :]
        if path.startswith(prefix) and rest.startswith("/") and (method, rest) in known:
            return True
    return False


def _section(title: str, groups: Mapping[str, list[str]]) -> list[str]:
    """A count per group (largest first), then each group's lines in that order."""
    if not groups:
        return []
    order = sorted(groups, key=lambda name: (-len(groups[name]), name))
    total = sum(len(lines) for lines in groups.values())
    width = len(str(max(len(lines) for lines in groups.values())))
    out = [f"{title}: {total} in {len(groups)} group{'s' if len(groups) > 1 else ''}"]
    out += [f"  {len(groups[name]):>{width}}  {name}" for name in order]
    for name in order:
        out += ["", f"{name} ({len(groups[name])})", *(f"  {line}" for line in groups[name])]
    return ["", *out]


def check_routes(
    openapi: Mapping[str, Any], endpoints: Iterable[Endpoint[Any]] | None = None
) -> tuple[list[str], int]:
    """Compare a proxy's OpenAPI document with the client's declared endpoints (all of them
    unless ``endpoints`` is given).

    Returns the report lines and 0 when both list the same method+path pairs, 1 when the proxy
    serves routes the client lacks or the client declares routes the document does not list.
    LiteLLM lists a websocket route as a GET answering 101: it counts as WEBSOCKET (a declared
    websocket it does not list is not reported: OpenAPI cannot describe one). A route the
    proxy hides from its schema (``include_in_schema=False``) is not in the document, so a
    declared one shows as not listed.
    """
    paths = openapi.get("paths")
    if not isinstance(paths, Mapping):
        raise ValueError("not an OpenAPI document: no 'paths' object")
    served: dict[tuple[str, str], tuple[str, str, str]] = {}
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            continue
        for name, operation in item.items():
            if name.upper() not in HTTP_METHODS or not isinstance(operation, Mapping):
                continue  # "parameters", "summary", ... of the path item
            responses = operation.get("responses")
            upgrade = isinstance(responses, Mapping) and "101" in responses
            method = "WEBSOCKET" if upgrade and name.upper() == "GET" else name.upper()
            tags = operation.get("tags")
            tag = str(tags[0]) if isinstance(tags, list) and tags else "(no tag)"
            served.setdefault(_route_key(method, path), (method, path, tag))
    declared = list(all_endpoints() if endpoints is None else endpoints)
    known = {_route_key(ep.method, ep.path) for ep in declared}

    def rank(key: tuple[str, str]) -> tuple[str, int]:
        return key[1], METHODS.index(key[0]) if key[0] in METHODS else len(METHODS)

    missing: dict[str, list[str]] = {}
    for key in sorted((k for k in served if not _covered(k, known)), key=rank):
        method, path, tag = served[key]
        missing.setdefault(tag, []).append(f"{method:<7} {path}")
    extra: dict[str, list[str]] = {}
    for ep in declared:
        # OpenAPI has no websockets: LiteLLM lists some (as a GET answering 101), not all, so
        # one absent from the document is no sign of drift; nor are mounted sub-apps (ANY).
        if ep.method not in ("WEBSOCKET", "ANY") and _route_key(ep.method, ep.path) not in served:
            resource = ep.attr.rpartition(".")[0] or ep.attr
            extra.setdefault(resource, []).append(f"{ep.method:<7} {ep.path}  client.{ep.attr}")

    info = openapi.get("info")
    info = info if isinstance(info, Mapping) else {}
    title = " ".join(str(info.get(k, "")) for k in ("title", "version")).strip() or "the proxy"
    listed = len(declared) - sum(len(lines) for lines in extra.values())
    lines = [
        f"{title}: {len(served)} operations in its OpenAPI document; the client declares "
        f"{len(declared)} routes, {listed} of them listed there."
    ]
    lines += _section("Served by the proxy, not declared by the client (by tag)", missing)
    lines += _section(
        "Declared by the client, not in the proxy's document (gone, or hidden from its schema)",
        extra,
    )
    if not missing and not extra:
        lines.append("The client and the proxy list the same routes.")
    return lines, 1 if missing or extra else 0


async def fetch_openapi(
    url: str, api_key: str | None = None, *, timeout: float = 120.0
) -> dict[str, Any]:
    """``GET {url}/openapi.json`` from a live proxy, ``api_key`` (default: $LITELLM_API_KEY)
    sent as Bearer."""
    from ._client import LiteLLMClient

    # The proxy builds its schema on the first request: slow, hence the long timeout.
    async with LiteLLMClient(base_url=url, api_key=api_key, timeout=timeout) as client:
        document = await client.request("GET", "/openapi.json")
    if not isinstance(document, dict) or not isinstance(document.get("paths"), dict):
        raise ValueError(f"{url.rstrip('/')}/openapi.json is not an OpenAPI document")
    return document


def run_routes_check(url: str, api_key: str | None) -> int:
    """``aio-litellm routes --check URL``: print the report; exit status 0 when the routes
    agree, 1 when they differ, 2 when the proxy's document cannot be read."""
    from ._exceptions import LiteLLMError

    try:
        document = asyncio.run(fetch_openapi(url, api_key))
    except (LiteLLMError, ValueError) as exc:
        print(f"aio-litellm: cannot read {url.rstrip('/')}/openapi.json: {exc}", file=sys.stderr)
        return 2
    lines, status = check_routes(document)
    sys.stdout.write("".join(line + "\n" for line in lines))
    return status
