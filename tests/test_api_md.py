"""api.md is generated from the endpoint declarations and must be current."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_api_md", ROOT / "tools" / "gen_api_md.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_md_is_current() -> None:
    tool = load_tool()
    assert (ROOT / "api.md").read_text() == tool.render(), "run: python tools/gen_api_md.py"


def test_every_declared_route_has_its_line() -> None:
    from aio_litellm._routes import all_endpoints

    text = (ROOT / "api.md").read_text()
    for ep in all_endpoints():
        assert f"`{ep.method} {ep.path}` |" in text, ep.attr
    # Overloads show the general form, TypedDict keywords by name.
    assert "`create(stream: bool, **ChatCompletionCreateParams)`" in text
