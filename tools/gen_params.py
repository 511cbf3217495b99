"""Generate the parameter TypedDicts of the admin route groups from the proxy's OpenAPI document.

    python tools/gen_params.py            # write aio_litellm/types/params/*.py and the trimmed spec
    python tools/gen_params.py --check    # write nothing; exit 1 with a diff when out of date

For every inventory row (tests/data/litellm-endpoints.tsv) of the groups in ``GROUPS`` whose
operation the OpenAPI document describes, it writes up to two TypedDicts into
``aio_litellm/types/params/<group>.py``:

- ``<Name>Params``: the JSON body (the properties of its schema; nested objects as dicts);
- ``<Name>Query``: the query parameters (path parameters are the methods' positional arguments).

``<Name>`` is the path's literal segments in CamelCase (``POST /team/member_add`` ->
``TeamMemberAdd``), with the method appended where two operations would share a name. Routes the
document leaves out (``include_in_schema=False``) get hand-written TypedDicts beside their
resource instead.

The source is ``../shared/spec/litellm-1.110.2-openapi.json`` when present, else the trimmed copy
``tests/data/litellm-1.110.2-openapi-params.json`` (only what this tool reads), which the tool
also writes, so a clone without ``../shared`` checks the generated files too.
"""

from __future__ import annotations

import argparse
import difflib
import json
import keyword
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
INVENTORY = ROOT / "tests" / "data" / "litellm-endpoints.tsv"
FULL_SPEC = ROOT.parent / "shared" / "spec" / "litellm-1.110.2-openapi.json"
TRIMMED_SPEC = ROOT / "tests" / "data" / "litellm-1.110.2-openapi-params.json"
OUT_DIR = ROOT / "aio_litellm" / "types" / "params"

# Inventory groups whose TypedDicts are generated: the admin groups.
GROUPS = (
    "a2a",
    "accessGroups",
    "alerting",
    "audit",
    "budgets",
    "cache",
    "callbacks",
    "claudeCode",
    "compliance",
    "config",
    "cost",
    "credentials",
    "customers",
    "decisions",
    "fallbacks",
    "guardrails",
    "health",
    "jwt",
    "mcp",
    "memory",
    "models",
    "organizations",
    "other",
    "policies",
    "projects",
    "prompts",
    "public",
    "routerSettings",
    "scim",
    "skillHub",
    "spend",
    "tags",
    "teams",
    "tools",
    "traces",
    "users",
    "utils",
    "workflows",
)
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# FastAPI plumbing that leaks into some operations' query parameters: not the caller's to send.
_FRAMEWORK_PARAMS = frozenset({"response_model", "request", "user_api_key_dict"})
_PARAM = re.compile(r"\{[^}]*\}")
_WORD = re.compile(r"[A-Za-z0-9]+")


def module_name(group: str) -> str:
    """``accessGroups`` -> ``access_groups``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", group).lower()


def base_name(path: str) -> str:
    literal = _PARAM.sub("", path)
    return "".join(word[:1].upper() + word[1:] for word in _WORD.findall(literal)) or "Root"


def read_inventory() -> list[tuple[str, str, str]]:
    rows = []
    lines = INVENTORY.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        group, method, path = line.split("\t")[:3]
        if group in GROUPS:
            rows.append((group, method, path))
    return rows


def _operation(spec: dict[str, Any], method: str, path: str) -> dict[str, Any] | None:
    # The document spells ``{name:path}`` as ``{name}``.
    for spelling in (path, re.sub(r"\{(\w+):path\}", r"{\1}", path)):
        op = spec["paths"].get(spelling, {}).get(method.lower())
        if op is not None:
            return dict(op)
    return None


def _body_schema(op: dict[str, Any]) -> dict[str, Any] | None:
    content = op.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    return dict(schema) if schema else None


def _query(op: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in op.get("parameters", []) if p.get("in") == "query"]


class Writer:
    def __init__(self, schemas: dict[str, Any]) -> None:
        self.schemas = schemas
        self.needs: set[str] = set()

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.schemas.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return schema

    def py_type(self, schema: dict[str, Any]) -> str:
        if "$ref" in schema:
            target = self.resolve(schema)
            return self.py_type(target) if "enum" in target else self._dict()
        for combo in ("anyOf", "oneOf"):
            if combo in schema:
                parts: list[str] = []
                for option in schema[combo]:
                    text = "None" if option.get("type") == "null" else self.py_type(option)
                    if text not in parts:
                        parts.append(text)
                none = "None" in parts
                parts = [p for p in parts if p != "None"] + (["None"] if none else [])
                return " | ".join(parts)
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.py_type(schema["allOf"][0])
        if "enum" in schema:
            self.needs.add("Literal")
            return "Literal[" + ", ".join(repr(v) for v in schema["enum"]) + "]"
        kind = schema.get("type")
        if kind == "array":
            self.needs.add("Sequence")
            return f"Sequence[{self.py_type(schema.get('items', {}))}]"
        if kind == "object":
            return self._dict()
        if kind in SCALARS:
            return SCALARS[kind]
        self.needs.add("Any")
        return "Any"

    def _dict(self) -> str:
        self.needs.add("Any")
        return "dict[str, Any]"

    def typed_dict(
        self, name: str, doc: str, fields: Iterable[tuple[str, dict[str, Any], bool]]
    ) -> str:
        items = []
        for field, schema, required in fields:
            text = self.py_type(schema)
            if required:
                self.needs.add("Required")
                text = f"Required[{text.removesuffix(' | None')}]"
            items.append((field, text))
        if not items:
            return ""
        if all(f.isidentifier() and not keyword.iskeyword(f) for f, _ in items):
            body = "".join(f"    {f}: {t}\n" for f, t in items)
            return f'class {name}(TypedDict, total=False):\n    """{doc}"""\n\n{body}'
        entries = "".join(f"        {f!r}: {t},\n" for f, t in items)
        head = f'{name} = TypedDict(\n    "{name}",\n'
        return f"{head}    {{\n{entries}    }},\n    total=False,\n)\n"


def render(spec: dict[str, Any]) -> dict[str, str]:
    """Module name -> source, for every group."""
    rows = read_inventory()
    counts: dict[str, int] = {}
    for _, _, path in rows:
        counts[base_name(path)] = counts.get(base_name(path), 0) + 1
    by_group: dict[str, list[str]] = {group: [] for group in GROUPS}
    writers: dict[str, Writer] = {group: Writer(spec["components"]["schemas"]) for group in GROUPS}
    seen: set[str] = set()
    for group, method, path in rows:
        op = _operation(spec, method, path)
        if op is None:
            continue
        writer = writers[group]
        name = base_name(path)
        if counts[name] > 1 and name in seen:
            name += method.title()
        seen.add(base_name(path))
        route = f"{method} {path}"
        body = _body_schema(op)
        if body is not None:
            target = writer.resolve(body)
            required = set(target.get("required", []))
            props = target.get("properties")
            title = body["$ref"].rsplit("/", 1)[-1] if "$ref" in body else "inline"
            if props:
                fields = [(k, v, k in required) for k, v in props.items()]
                doc = f"Body of ``{route}``\n    ({title})."
                text = writer.typed_dict(f"{name}Params", doc, fields)
                if text:
                    by_group[group].append(text)
        query = _query(op)
        if query:
            fields = [
                (p["name"], p.get("schema", {}), bool(p.get("required")))
                for p in query
                if p["name"] not in _FRAMEWORK_PARAMS
            ]
            text = writer.typed_dict(f"{name}Query", f"Query of ``{route}``.", fields)
            if text:
                by_group[group].append(text)
    out: dict[str, str] = {}
    for group, classes in by_group.items():
        if not classes:  # every route of the group is bare or hidden: nothing to write
            continue
        needs = writers[group].needs
        typing_names = sorted(needs & {"Any", "Literal"})
        # typing_extensions' TypedDict: it reads Required[...] in string annotations (3.9-3.10).
        ext = sorted({"TypedDict"} | (needs & {"Required"}))
        head = [
            f'"""Parameter TypedDicts of the ``{group}`` routes, generated by tools/gen_params.py '
            'from\nthe proxy\'s OpenAPI document: do not edit."""\n',
            "from __future__ import annotations\n",
        ]
        imports = []
        if "Sequence" in needs:
            imports.append("from collections.abc import Sequence")
        if typing_names:
            imports.append(f"from typing import {', '.join(typing_names)}")
        typing_ext = f"from typing_extensions import {', '.join(ext)}"
        imports.append(("\n" if imports else "") + typing_ext)
        names = [_defined(c) for c in classes]
        all_ = "__all__ = [" + ", ".join(f'"{n}"' for n in sorted(names)) + "]\n"
        text = "\n".join(head) + "\n" + "\n".join(imports) + "\n\n" + all_
        for cls in classes:
            text += "\n\n" + cls
        out[module_name(group)] = text
    return out


def _defined(source: str) -> str:
    match = re.match(r"(?:class )?(\w+)", source)
    assert match
    return match.group(1)


def trim(spec: dict[str, Any]) -> dict[str, Any]:
    """What ``render`` reads of the document: the operations of GROUPS (parameters, bodies) and
    the schemas they reach, without descriptions."""
    paths: dict[str, Any] = {}
    for _, method, path in read_inventory():
        op = _operation(spec, method, path)
        if op is None:
            continue
        kept = {k: op[k] for k in ("parameters", "requestBody") if k in op}
        key = re.sub(r"\{(\w+):path\}", r"{\1}", path)
        paths.setdefault(key, {})[method.lower()] = kept
    schemas = spec["components"]["schemas"]
    wanted: set[str] = set()
    todo = [json.dumps(paths)]
    while todo:
        for ref in re.findall(r'"#/components/schemas/([^"]+)"', todo.pop()):
            if ref not in wanted and ref in schemas:
                wanted.add(ref)
                todo.append(json.dumps(schemas[ref]))
    result = {"paths": paths, "components": {"schemas": {k: schemas[k] for k in sorted(wanted)}}}
    return dict(_strip(result))


def _strip(value: Any, names: bool = False) -> Any:
    """``value`` without annotations; ``names``: its keys are field names (a ``properties``
    map), all kept, whatever they are called (a field may be named ``description``)."""
    if isinstance(value, dict):
        return {
            k: _strip(v, names=not names and k == "properties")
            for k, v in value.items()
            if names or k not in ("description", "title", "examples", "example")
        }
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def outputs() -> dict[Path, str]:
    if FULL_SPEC.exists():
        spec = trim(json.loads(FULL_SPEC.read_text(encoding="utf-8")))
    else:
        spec = json.loads(TRIMMED_SPEC.read_text(encoding="utf-8"))
    files = {OUT_DIR / f"{name}.py": _format(text) for name, text in render(spec).items()}
    files[OUT_DIR / "__init__.py"] = (
        '"""Generated parameter TypedDicts, one module per route group (tools/gen_params.py)."""\n'
    )
    files[TRIMMED_SPEC] = json.dumps(spec, indent=0) + "\n"
    return files


def _format(source: str) -> str:
    """The project's formatter's layout, so the generated files pass ``ruff format --check``."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--stdin-filename", "generated.py", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = 0
    for path, text in outputs().items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            continue
        stale += 1
        if args.check:
            diff = difflib.unified_diff(
                current.splitlines(), text.splitlines(), str(path), "generated", lineterm=""
            )
            print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
