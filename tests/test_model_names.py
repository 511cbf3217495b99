"""Model-name unions: generated from the model list inside the pinned litellm, and current."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest

from aio_litellm.types import model_names

ROOT = Path(__file__).resolve().parents[1]


def load_tool() -> ModuleType:
    path = ROOT / "tools" / "gen_model_names.py"
    spec = importlib.util.spec_from_file_location("gen_model_names", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def literals(alias: object) -> set[str]:
    """Every string a Literal union admits, through nested unions."""
    found: set[str] = set()
    for arg in get_args(alias):
        found |= {arg} if isinstance(arg, str) else literals(arg)
    return found


def test_the_file_is_what_the_tool_writes_from_the_pinned_litellm() -> None:
    tool = load_tool()
    prices = tool.find_prices()
    if prices is None:
        pytest.skip("no litellm model list here (the e2e proxy's venv is not installed)")
    if tool.version_of(prices) != "1.110.2":
        pytest.skip(f"the litellm found is {tool.version_of(prices)}, not the pinned 1.110.2")
    expected = tool.render(json.loads(prices.read_text()), "1.110.2")
    assert (ROOT / "aio_litellm/types/model_names.py").read_text() == expected


def test_unions_by_kind_and_provider() -> None:
    chat = literals(model_names.ChatModel)
    assert "gpt-4o" in literals(model_names.OpenAIChatModel) <= chat
    assert any(name.startswith("anthropic") or "claude" in name for name in chat)
    assert "text-embedding-3-small" in literals(model_names.EmbeddingModel)
    assert "text-embedding-3-small" not in chat  # kinds do not mix
    assert "whisper-1" in literals(model_names.AudioModel)
    assert any("dall-e-3" in name for name in literals(model_names.ImageModel))
    # The ...Name aliases guide, never restrict: any str is accepted.
    for kind in ("Chat", "Embedding", "Image", "Audio"):
        assert str in get_args(getattr(model_names, f"{kind}ModelName"))


def test_the_tool_groups_by_provider_and_mode() -> None:
    tool = load_tool()
    prices = {
        "sample_spec": {"mode": "chat"},
        "m-1": {"mode": "chat", "litellm_provider": "openai"},
        "acme/x": {"mode": "responses", "litellm_provider": "acme-ai"},
        "e": {"mode": "embedding", "litellm_provider": "openai"},
        "r": {"mode": "rerank", "litellm_provider": "openai"},
    }
    text = tool.render(prices, "9.9")
    namespace: dict[str, object] = {}
    exec(compile(text, "model_names", "exec"), namespace)  # the output is valid Python
    assert literals(namespace["OpenAIChatModel"]) == {"m-1"}
    assert literals(namespace["AcmeAiChatModel"]) == {"acme/x"}
    assert literals(namespace["ChatModel"]) == {"m-1", "acme/x"}
    assert literals(namespace["EmbeddingModel"]) == {"e"}
    assert '"r"' not in text and "sample_spec" not in text
    assert namespace["ImageModelName"] is str  # a kind litellm lists nothing of
