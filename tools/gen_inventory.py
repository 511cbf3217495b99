"""Regenerate the route inventory of the LiteLLM proxy from an installed LiteLLM.

    <python with litellm[proxy]> tools/gen_inventory.py [--out PATH] [--check] [--fresh]

Imports ``litellm.proxy.proxy_server``, registers its lazily loaded feature routers, walks the
FastAPI app (included routers, websocket routes, mounted sub-apps, static mounts) and writes one
TSV row per method and endpoint: ``group method path aliases source_file include_in_schema
summary``. Needs only litellm and the standard library.

Taken from the app on every run: which method+path pairs exist, each endpoint's source
(``file:line`` of its function; a bare file for a mount or an ASGI object) and
``include_in_schema``. Spellings of one endpoint for one method are one row (``aliases``).

Not in the app, so kept from the previous inventory (``--out``, or ``--previous``) for every
route it lists: the client ``group`` (the client's resource tree; LiteLLM's tags disagree with it),
the summary (about one in six is written by hand or carries a note such as ``[SSE]``,
``[binary response]``, ``[deprecated: ...]``), which spelling is the row and which are aliases,
and rows for routes a default app does not serve (a source_file without a line, e.g. ``/metrics``,
served only with the prometheus callback). A route new to the inventory gets the group of the
known row whose path shares most leading segments with one of its spellings, and its docstring's
first line (else the route name) as summary: review such rows before committing. ``--fresh``
keeps nothing, to see what the app alone gives.

``--check`` writes nothing and exits 1 with a diff when the file differs from what it would write.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import takewhile
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "litellm-endpoints.tsv"
COLUMNS = ("group", "method", "path", "aliases", "source_file", "include_in_schema", "summary")
METHOD_ORDER = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY", "WEBSOCKET")
UI_GROUP = "sso/ui"  # UI and login plumbing a client library skips: listed last
SUMMARY_MAX = 150
_HAS_LINE = re.compile(r":\d+$")


@dataclass
class Entry:
    """One method+path the app serves."""

    method: str
    path: str
    endpoint: object  # hashable identity (see _identity): its spellings become one row
    source_file: str
    include_in_schema: bool
    summary: str


@dataclass
class Row:
    """One line of the inventory; ``members`` are the entries it was built from."""

    group: str
    method: str
    path: str
    aliases: list[str]
    source_file: str
    include_in_schema: str
    summary: str
    members: list[Entry] = field(default_factory=list, repr=False)

    def cells(self) -> list[str]:
        return [
            self.group,
            self.method,
            self.path,
            ",".join(self.aliases),
            self.source_file,
            self.include_in_schema,
            self.summary,
        ]


# ------------------------------------------------------------------------- reading the app


def load_app() -> Any:
    """The proxy's FastAPI app with every lazily loaded feature router registered."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # no network at import
    os.environ.setdefault("LITELLM_TELEMETRY", "False")
    from litellm.proxy import proxy_server

    app = proxy_server.app
    try:
        from litellm.proxy._lazy_features import register_all_features
    except ImportError:  # a LiteLLM that includes every router at import
        return app
    # Lazy features join the route table on their first request; the inventory lists the table
    # a worker has after startup with LITELLM_DISABLE_LAZY_ROUTES.
    register_all_features(app)
    return app


def _flatten(routes: Sequence[Any]) -> Iterable[Any]:
    """The routes with their include_router prefix, tags and flags applied: recent FastAPI
    keeps included routers as branches, older versions copy their routes into the parent."""
    from fastapi import routing

    iter_contexts: Callable[[Sequence[Any]], Iterable[Any]] | None = getattr(
        routing, "iter_route_contexts", None
    )
    return routes if iter_contexts is None else iter_contexts(routes)


def _site_relative(path: str) -> str:
    """``litellm/proxy/x.py``: the file relative to the sys.path entry it was imported from."""
    real = os.path.realpath(path)
    roots = (os.path.realpath(entry or ".") for entry in sys.path)
    best = max((r for r in roots if real.startswith(r + os.sep)), key=len, default="")
    return real[len(best) + 1 :] if best else real


def _source(endpoint: object, *, with_line: bool = True) -> str:
    target: Any = inspect.unwrap(endpoint) if callable(endpoint) else endpoint
    if not (inspect.isfunction(target) or inspect.ismethod(target)):
        target, with_line = type(target), False  # an ASGI object: its class's module
    file = inspect.getsourcefile(target)
    if file is None:
        return ""
    if not with_line:
        return _site_relative(file)
    return f"{_site_relative(file)}:{inspect.getsourcelines(target)[1]}"


def _summary(route: Any, endpoint: object) -> str:
    text = getattr(route, "summary", None)
    if not text:
        doc = inspect.getdoc(inspect.unwrap(endpoint)) if callable(endpoint) else None
        lines = [line for line in (doc or "").splitlines() if line.strip()]
        text = lines[0] if lines else getattr(route, "name", None) or ""
    text = " ".join(str(text).split())
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 3] + "..."


def _identity(endpoint: object) -> object:
    """Functions are themselves; an ASGI object (one instance per route) is its class, and a
    static mount its class and directory."""
    if inspect.isfunction(endpoint) or inspect.ismethod(endpoint):
        return inspect.unwrap(endpoint)
    directory = getattr(endpoint, "directory", None)
    return type(endpoint) if directory is None else (type(endpoint), str(directory))


def _owner_file(app: object, default: str) -> str:
    """The module holding ``app`` as a global: where the app's static mounts are declared."""
    for module in list(sys.modules.values()):
        if any(value is app for value in list(getattr(module, "__dict__", {}).values())):
            file = getattr(module, "__file__", None)
            if file:
                return _site_relative(file)
    return default


def walk(routes: Sequence[Any], prefix: str, owner: str) -> Iterator[Entry]:
    """Every method+path of ``routes``; mounted apps are walked under their prefix."""
    from starlette.routing import Mount, Route, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    for route in _flatten(routes):
        kind = type(getattr(route, "original_route", route))
        path = prefix + (route.path or "/")  # a mount at "" in a mounted app serves "<prefix>/"
        if issubclass(kind, Mount):
            sub_routes = getattr(route.app, "routes", None)
            if sub_routes is not None:
                yield from walk(sub_routes, path, _owner_file(route.app, owner))
                continue
            static = isinstance(route.app, StaticFiles)
            yield Entry(
                method="GET" if static else "ANY",
                path=path,
                endpoint=_identity(route.app),
                source_file=owner if static else _source(route.app, with_line=False),
                include_in_schema=False,
                summary=f"{'StaticFiles' if static else 'ASGI'} mount: {route.name or path}",
            )
            continue
        found = Entry(
            method="",
            path=path,
            endpoint=_identity(route.endpoint),
            source_file=_source(route.endpoint),
            include_in_schema=bool(getattr(route, "include_in_schema", True)),
            summary=_summary(route, route.endpoint),
        )
        methods = set(getattr(route, "methods", None) or ())
        if issubclass(kind, WebSocketRoute) or not methods:
            yield replace(found, method="WEBSOCKET")
            continue
        # Starlette adds HEAD to a plain Route's GET; FastAPI routes list what they declare.
        plain_route = issubclass(kind, Route) and not hasattr(route, "response_model")
        if plain_route and "GET" in methods:
            methods.discard("HEAD")
        for method in methods:
            yield replace(found, method=method)


def collect(app: Any) -> list[Entry]:
    """Every method+path the app serves, by the route Starlette matches first."""
    entries: dict[tuple[str, str], Entry] = {}
    for entry in walk(app.routes, "", _owner_file(app, "")):
        entries.setdefault((entry.method, entry.path), entry)
    return list(entries.values())


# ------------------------------------------------------------------------ building the rows


def _method_rank(method: str) -> int:
    return METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER)


def _spelling_rank(entry: Entry) -> tuple[bool, int, int, str]:
    """Which spelling of a new endpoint is its row: documented first, then the shortest."""
    return (not entry.include_in_schema, entry.path.count("/"), len(entry.path), entry.path)


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def guess_group(paths: Sequence[str], previous: Sequence[Row]) -> str:
    """The group of the known row with a spelling that shares most leading segments with one
    of ``paths``; with none, the first segment of ``paths[0]`` not a version or a parameter."""
    best, best_shared = "", 0
    for segments in map(_segments, paths):
        for row in previous:
            for known in (row.path, *row.aliases):
                pairs = zip(segments, _segments(known), strict=False)
                shared = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], pairs))
                if shared > best_shared:
                    best, best_shared = row.group, shared
    if best:
        return best
    words = [s for s in _segments(paths[0]) if not s.startswith("{")]
    words = [s for s in words if not re.fullmatch(r"v\d+\w*", s)]
    return words[0] if words else "other"


def _row(group: str, members: list[Entry], summary: str | None = None) -> Row:
    primary = members[0]
    return Row(
        group=group,
        method=primary.method,
        path=primary.path,
        aliases=[m.path for m in members[1:]],
        source_file=primary.source_file,
        include_in_schema="true" if primary.include_in_schema else "false",
        summary=primary.summary if summary is None else summary,
        members=members,
    )


def build_rows(entries: Sequence[Entry], previous: Sequence[Row]) -> list[Row]:
    """The inventory rows of ``entries``, keeping what ``previous`` knows and the app does not."""
    by_pair = {(e.method, e.path): e for e in entries}
    placed: set[tuple[str, str]] = set()
    rows: list[Row] = []
    for old in previous:
        spellings = [
            by_pair[(old.method, path)]
            for path in (old.path, *old.aliases)
            if (old.method, path) in by_pair and (old.method, path) not in placed
        ]
        if not spellings:
            if not _HAS_LINE.search(old.source_file):
                rows.append(old)  # documented by hand: a route a default app does not serve
            continue
        # A spelling that now reaches another endpoint is left for a row of its own.
        members = [s for s in spellings if s.endpoint == spellings[0].endpoint]
        placed.update((m.method, m.path) for m in members)
        rows.append(_row(old.group, members, old.summary))
    homes: dict[tuple[str, object], Row] = {}
    for row in rows:
        if row.members:
            homes.setdefault((row.method, row.members[0].endpoint), row)
    new_rows: dict[tuple[str, object], list[Entry]] = {}
    for entry in sorted(entries, key=_spelling_rank):
        if (entry.method, entry.path) in placed:
            continue
        home = homes.get((entry.method, entry.endpoint))
        if home is not None:  # a new spelling of a known endpoint
            home.members.append(entry)
            home.aliases.append(entry.path)
        else:
            new_rows.setdefault((entry.method, entry.endpoint), []).append(entry)
    rows.extend(_row(guess_group([m.path for m in ms], previous), ms) for ms in new_rows.values())
    return sorted(
        rows, key=lambda r: (r.group == UI_GROUP, r.group, r.path, _method_rank(r.method))
    )


# ------------------------------------------------------------------------------------ files


def read_rows(path: Path) -> list[Row]:
    """The rows of an inventory file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise SystemExit(f"{path}: not a route inventory (its header is not {COLUMNS})")
    rows = []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise SystemExit(f"{path}:{number}: {len(cells)} cells, not {len(COLUMNS)}")
        group, method, route, aliases, source_file, in_schema, summary = cells
        aliases_list = [a for a in aliases.split(",") if a]
        rows.append(Row(group, method, route, aliases_list, source_file, in_schema, summary))
    return rows


def render(rows: Iterable[Row]) -> str:
    lines = [COLUMNS, *(row.cells() for row in rows)]
    return "".join("\t".join(cells) + "\n" for cells in lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="inventory to write")
    parser.add_argument("--previous", type=Path, help="inventory to keep notes from (--out)")
    parser.add_argument("--fresh", action="store_true", help="keep nothing from a previous one")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out would change")
    args = parser.parse_args(argv)
    source = args.previous or args.out
    previous = [] if args.fresh or not source.exists() else read_rows(source)
    text = render(build_rows(collect(load_app()), previous))
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if args.check:
        if current == text:
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            str(args.out),
            "regenerated",
        )
        sys.stdout.writelines(diff)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {text.count(chr(10)) - 1} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
