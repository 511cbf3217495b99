"""The route inventory of the pinned LiteLLM (tests/data) and tools/gen_inventory.py, its maker."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
INVENTORY = DATA / "litellm-endpoints.tsv"
OPENAPI_PATHS = DATA / "litellm-1.110.2-openapi-paths.json"
SHARED_SPEC = ROOT.parent / "shared" / "spec"
REFERENCE = SHARED_SPEC / "litellm-endpoints.tsv"
REFERENCE_OPENAPI = SHARED_SPEC / "litellm-1.110.2-openapi.json"
PINNED = re.search(
    r"^litellm(?:\[[^\]]*\])?==(\S+)$",
    (ROOT / "e2e" / "requirements-proxy.txt").read_text(),
    re.MULTILINE,
)


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_inventory", ROOT / "tools" / "gen_inventory.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


# ------------------------------------------------------------------- the committed inventory


@pytest.mark.skipif(not REFERENCE.exists(), reason=f"the shared reference {REFERENCE} is absent")
def test_committed_inventory_equals_the_shared_reference() -> None:
    assert INVENTORY.read_bytes() == REFERENCE.read_bytes()


def test_committed_inventory_is_what_the_tool_writes() -> None:
    text = INVENTORY.read_text(encoding="utf-8")
    rows = tool.read_rows(INVENTORY)
    # Read and written back unchanged, in the tool's order: a hand edit keeps the format.
    assert tool.render(rows) == text
    rank = tool.METHOD_ORDER.index
    order = sorted(rows, key=lambda r: (r.group == tool.UI_GROUP, r.group, r.path, rank(r.method)))
    assert [(r.method, r.path) for r in rows] == [(r.method, r.path) for r in order]
    assert rows[-1].group == tool.UI_GROUP
    pairs = [(r.method, p) for r in rows for p in (r.path, *r.aliases)]
    assert len(pairs) == len(set(pairs)), "a method+path is listed twice"
    for row in rows:
        assert row.method in tool.METHOD_ORDER, row
        assert row.include_in_schema in ("true", "false"), row
        assert re.fullmatch(r"[\w./-]+\.py(:\d+)?", row.source_file), row
        assert row.summary and row.group, row


def test_pinned_version_is_the_inventory_version() -> None:
    # The committed copy and the trimmed OpenAPI fixture are for the version e2e runs.
    assert PINNED is not None, "no litellm pin in e2e/requirements-proxy.txt"
    document = json.loads(OPENAPI_PATHS.read_text(encoding="utf-8"))
    assert document["info"]["version"] == PINNED.group(1)
    assert PINNED.group(1) in OPENAPI_PATHS.name


def trimmed_openapi(document: dict[str, Any]) -> str:
    """What tests/data keeps of the proxy's OpenAPI document: each operation's tags and
    response codes (101 marks a websocket), one path a line."""
    methods = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

    def operation(op: dict[str, Any]) -> dict[str, Any]:
        kept = {"tags": op["tags"]} if "tags" in op else {}
        return {**kept, "responses": {code: {} for code in op.get("responses", {})}}

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    paths = [
        f"{dumps(path)}: {dumps({m: operation(op) for m, op in item.items() if m in methods})}"
        for path, item in document["paths"].items()
    ]
    info = {k: document["info"][k] for k in ("title", "version")}
    head = f'{{\n "openapi": {dumps(document["openapi"])},\n "info": {dumps(info)},\n'
    return head + ' "paths": {\n  ' + ",\n  ".join(paths) + "\n }\n}\n"


@pytest.mark.skipif(
    not REFERENCE_OPENAPI.exists(), reason=f"the shared {REFERENCE_OPENAPI.name} is absent"
)
def test_openapi_fixture_is_the_reference_trimmed() -> None:
    full = json.loads(REFERENCE_OPENAPI.read_text(encoding="utf-8"))
    assert OPENAPI_PATHS.read_text(encoding="utf-8") == trimmed_openapi(full)


# ------------------------------------------------------ regenerated from the pinned LiteLLM


def _proxy_pythons() -> list[Path]:
    """Pythons that may have the pinned litellm: the one named, the e2e proxy's venv (see
    e2e/launcher.py) and the DB stack's venv (../shared/litellm-db/start.sh)."""
    named = os.environ.get("AIO_LITELLM_PROXY_PYTHON")
    if named:
        return [Path(named)]
    venvs = [
        Path(os.environ.get("AIO_LITELLM_PROXY_VENV", ROOT / ".e2e" / "proxy-venv")),
        Path(os.environ.get("DBSHIM_DIR", "/tmp/dbshim/stack")) / "venv",
    ]
    return [venv / "bin" / "python" for venv in venvs]


def _litellm_version(python: Path) -> str | None:
    if not python.exists():
        return None
    probe = "import importlib.metadata as m; print(m.version('litellm'))"
    done = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def test_inventory_regenerates_from_the_pinned_litellm(tmp_path: Path) -> None:
    assert PINNED is not None
    found = {python: _litellm_version(python) for python in _proxy_pythons()}
    python = next((p for p, version in found.items() if version == PINNED.group(1)), None)
    if python is None:
        seen = ", ".join(f"{p} ({v or 'no litellm'})" for p, v in found.items())
        pytest.skip(
            f"no python with litellm {PINNED.group(1)} (set AIO_LITELLM_PROXY_PYTHON; "
            f"looked at {seen})"
        )
    done = subprocess.run(
        [python, ROOT / "tools" / "gen_inventory.py", "--out", INVENTORY, "--check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"tests/data differs from what {python} derives:\n" + (
        done.stdout[-4000:] or done.stderr[-4000:]
    )


# ----------------------------------------------------------- the tool's rules, without litellm


def entry(method: str, path: str, endpoint: object, line: int = 1, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "source_file": f"litellm/proxy/x.py:{line}",
        "include_in_schema": True,
        "summary": f"doc of {endpoint}",
    }
    values.update(kw)
    return tool.Entry(method=method, path=path, endpoint=endpoint, **values)


def row(group: str, method: str, path: str, *aliases: str, **kw: Any) -> Any:
    values = {"source_file": "litellm/proxy/x.py:1", "include_in_schema": "true", "summary": "s"}
    values.update(kw)
    return tool.Row(group, method, path, list(aliases), **values)


def cells(rows: list[Any]) -> list[list[str]]:
    return [r.cells() for r in rows]


def test_kept_from_the_previous_inventory_and_taken_from_the_app() -> None:
    previous = [
        row("keys", "POST", "/key/generate", "/v1/key/generate", summary="Create a key [SSE]"),
        row("keys", "GET", "/key/info", include_in_schema="false", source_file="k.py:9"),
    ]
    entries = [
        entry("POST", "/v1/key/generate", "gen", line=40),  # the row's spellings, any order
        entry("POST", "/key/generate", "gen", line=40),
        entry("GET", "/key/info", "info", line=77, include_in_schema=True, summary="new doc"),
    ]
    rows = tool.build_rows(entries, previous)
    # group, summary and which spelling leads come from the previous file; the rest is now.
    assert cells(rows) == [
        [
            "keys",
            "POST",
            "/key/generate",
            "/v1/key/generate",
            "litellm/proxy/x.py:40",
            "true",
            "Create a key [SSE]",
        ],
        ["keys", "GET", "/key/info", "", "litellm/proxy/x.py:77", "true", "s"],
    ]


def test_gone_routes_leave_and_hand_written_rows_stay() -> None:
    previous = [
        row("keys", "GET", "/key/old"),
        row("health", "GET", "/metrics", source_file="litellm/integrations/prometheus.py"),
        row("keys", "GET", "/key/info", "/key/info/legacy"),
    ]
    rows = tool.build_rows([entry("GET", "/key/info", "info")], previous)
    assert [(r.path, r.aliases) for r in rows] == [("/metrics", []), ("/key/info", [])]


def test_new_routes_get_a_guessed_group_and_their_docstring() -> None:
    previous = [row("vectorStores", "GET", "/v1/vector_stores"), row("keys", "GET", "/key/list")]
    entries = [
        entry("GET", "/v1/vector_stores", "vs"),
        entry("GET", "/key/list", "kl"),
        entry("GET", "/vector_stores", "vs"),  # another spelling of a known endpoint
        entry("POST", "/v1/vector_stores/{vector_store_id}/search", "search"),
        entry("POST", "/vector_stores/{vector_store_id}/search", "search"),
        entry("POST", "/hidden/vector_stores/{id}/search", "search", include_in_schema=False),
        entry("GET", "/widgets", "w"),
    ]
    rows = {(r.method, r.path): r for r in tool.build_rows(entries, previous)}
    assert rows[("GET", "/v1/vector_stores")].aliases == ["/vector_stores"]
    new = rows[("POST", "/vector_stores/{vector_store_id}/search")]
    # Documented spellings first, the shortest leading; the group of the nearest known path.
    assert new.aliases == [
        "/v1/vector_stores/{vector_store_id}/search",
        "/hidden/vector_stores/{id}/search",
    ]
    assert (new.group, new.summary) == ("vectorStores", "doc of search")
    assert rows[("GET", "/widgets")].group == "widgets"  # nothing near: its first word


def test_a_spelling_moved_to_another_endpoint_is_split_out() -> None:
    previous = [row("customers", "GET", "/customer/info", "/end_user/info", summary="Info")]
    entries = [entry("GET", "/customer/info", "c"), entry("GET", "/end_user/info", "e")]
    rows = tool.build_rows(entries, previous)
    assert [(r.path, r.aliases, r.group, r.summary) for r in rows] == [
        ("/customer/info", [], "customers", "Info"),
        ("/end_user/info", [], "customers", "doc of e"),
    ]


def test_rows_are_ordered_by_group_path_and_method_with_ui_last() -> None:
    entries = [
        entry(m, p, (m, p))
        for m, p in [
            ("DELETE", "/b"),
            ("GET", "/b"),
            ("WEBSOCKET", "/b"),
            ("POST", "/a"),
            ("GET", "/sso/x"),
            ("PATCH", "/b"),
        ]
    ]
    previous = [
        row("zeta", "GET", "/b"),
        row("sso/ui", "GET", "/sso/x"),
        row("alpha", "POST", "/a"),
    ]
    rows = tool.build_rows(entries, previous)
    assert [(r.group, r.method) for r in rows] == [
        ("alpha", "POST"),
        ("zeta", "GET"),
        ("zeta", "PATCH"),
        ("zeta", "DELETE"),
        ("zeta", "WEBSOCKET"),
        ("sso/ui", "GET"),
    ]


def test_check_reports_a_difference_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    served = [entry("GET", "/key/list", "kl", line=5), entry("POST", "/key/new", "kn")]
    monkeypatch.setattr(tool, "load_app", object)
    monkeypatch.setattr(tool, "collect", lambda app: served)
    out = tmp_path / "inventory.tsv"
    assert tool.main(["--out", str(out)]) == 0
    written = out.read_text()
    assert written.splitlines()[0].split("\t") == list(tool.COLUMNS)
    assert tool.main(["--out", str(out), "--check"]) == 0

    served[0] = entry("GET", "/key/list", "kl", line=6)  # the endpoint moved in its file
    assert tool.main(["--out", str(out), "--check"]) == 1
    assert out.read_text() == written
    diff = capsys.readouterr().out.splitlines()
    assert "-key\tGET\t/key/list\t\tlitellm/proxy/x.py:5\ttrue\tdoc of kl" in diff
    assert "+key\tGET\t/key/list\t\tlitellm/proxy/x.py:6\ttrue\tdoc of kl" in diff


def test_a_file_that_is_no_inventory_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.tsv"
    bad.write_text("a\tb\n")
    with pytest.raises(SystemExit, match="not a route inventory"):
        tool.read_rows(bad)
    bad.write_text("\t".join(tool.COLUMNS) + "\nkeys\tGET\t/x\n")
    with pytest.raises(SystemExit, match=r"x.tsv:2: 3 cells"):
        tool.read_rows(bad)
