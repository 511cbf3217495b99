"""Print a TypedDict for a request schema of the proxy's OpenAPI document.

    python tools/gen_typeddict.py GenerateKeyRequest KeyGenerateParams [--required a,b]

Used to write the parameter TypedDicts in aio_litellm/types/ from
../shared/spec/litellm-1.110.2-openapi.json; the output is reviewed and committed by hand.
"""

from __future__ import annotations

import argparse
import json
import pathlib
from typing import Any

SPEC = pathlib.Path(__file__).resolve().parents[2] / "shared/spec/litellm-1.110.2-openapi.json"
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


SCHEMAS: dict[str, Any] = {}


def py_type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        target = SCHEMAS.get(schema["$ref"].rsplit("/", 1)[-1], {})
        return py_type(target) if "enum" in target else "dict[str, Any]"
    if "anyOf" in schema:
        parts: list[str] = []
        for option in schema["anyOf"]:
            text = "None" if option.get("type") == "null" else py_type(option)
            if text not in parts:
                parts.append(text)
        return " | ".join(parts)
    if "enum" in schema:
        return "Literal[" + ", ".join(repr(v) for v in schema["enum"]) + "]"
    kind = schema.get("type")
    if kind == "array":
        return f"Sequence[{py_type(schema.get('items', {}))}]"
    if kind == "object":
        return "dict[str, Any]"
    return SCALARS.get(str(kind), "Any")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("schema")
    parser.add_argument("name")
    parser.add_argument("--required", default="")
    parser.add_argument("--skip", default="")
    parser.add_argument("--base", default="TypedDict, total=False")
    args = parser.parse_args()
    spec = json.loads(SPEC.read_text())
    SCHEMAS.update(spec["components"]["schemas"])
    schema = spec["components"]["schemas"][args.schema]
    required = set(schema.get("required", [])) | set(filter(None, args.required.split(",")))
    skip = set(filter(None, args.skip.split(",")))
    print(f"class {args.name}({args.base}):")
    print(f'    """Body of the proxy\'s ``{args.schema}``."""\n')
    for field, sub in schema.get("properties", {}).items():
        if field in skip:
            continue
        text = py_type(sub)
        if field in required:
            text = f"Required[{text.replace(' | None', '')}]"
        print(f"    {field}: {text}")


if __name__ == "__main__":
    main()
