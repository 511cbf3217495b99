"""tools/gen_params.py and the parameter TypedDicts it generates (aio_litellm/types/params)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import typing
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_params", ROOT / "tools" / "gen_params.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def test_generated_files_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    # From the project's own trimmed copy of the document: a clone has no ../shared.
    monkeypatch.setattr(tool, "FULL_SPEC", ROOT / "no-such-spec.json")
    for path, text in tool.outputs().items():
        assert path.read_text(encoding="utf-8") == text, path


@pytest.mark.skipif(
    not tool.FULL_SPEC.exists(), reason=f"the shared reference {tool.FULL_SPEC} is absent"
)
def test_trimmed_copy_is_what_the_shared_document_gives() -> None:
    full = json.loads(tool.FULL_SPEC.read_text(encoding="utf-8"))
    committed = json.loads(tool.TRIMMED_SPEC.read_text(encoding="utf-8"))
    assert tool.trim(full) == committed


def test_names_come_from_the_path_and_method() -> None:
    assert tool.base_name("/team/member_add") == "TeamMemberAdd"
    assert tool.base_name("/team/{team_id}/member/{user_id}/reset_budget") == (
        "TeamMemberResetBudget"
    )
    assert tool.base_name("/model/cost_map/source") == "ModelCostMapSource"
    assert tool.base_name("/tag/user-agent/per-user-analytics") == "TagUserAgentPerUserAnalytics"
    assert tool.module_name("accessGroups") == "access_groups"


def test_schema_types() -> None:
    writer = tool.Writer({"Role": {"enum": ["admin", "user"]}, "Obj": {"type": "object"}})
    assert writer.py_type({"anyOf": [{"type": "null"}, {"type": "string"}]}) == "str | None"
    assert writer.py_type({"$ref": "#/components/schemas/Role"}) == "Literal['admin', 'user']"
    assert writer.py_type({"$ref": "#/components/schemas/Obj"}) == "dict[str, Any]"
    assert writer.py_type({"type": "array", "items": {"type": "integer"}}) == "Sequence[int]"
    text = writer.typed_dict("X", "doc", [("from", {"type": "string"}, True)])
    assert text.startswith('X = TypedDict(\n    "X",') and "'from': Required[str]" in text


def test_a_body_typeddict_has_the_schema_fields_and_required_ones() -> None:
    module = importlib.import_module("aio_litellm.types.params.customers")
    hints = typing.get_type_hints(module.CustomerNewParams)
    assert "user_id" in hints and "max_budget" in hints
    # String annotations (PEP 563): what mypy reads.
    annotations = {
        k: getattr(v, "__forward_arg__", v)
        for k, v in module.CustomerNewParams.__annotations__.items()
    }
    assert annotations["user_id"] == "Required[str]"
    assert annotations["max_budget"] == "float | None"


def test_a_query_typeddict_excludes_path_parameters() -> None:
    module = importlib.import_module("aio_litellm.types.params.spend")
    hints = typing.get_type_hints(module.SpendLogsV2Query)
    assert {"start_date", "end_date", "page", "page_size"} <= set(hints)
