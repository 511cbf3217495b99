"""Parameters and results of ``client.gemini``: Google's native Gemini surface through the proxy
(``models/{model}:generateContent`` and friends, Interactions, managed agents).

Gemini's wire format is camelCase (``usageMetadata``, ``finishReason``); the models expose
snake_case attributes and accept either spelling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pydantic
from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response

__all__ = [
    "GeminiAgent",
    "GeminiAgentCreateParams",
    "GeminiAgentList",
    "GeminiAgentVersionList",
    "GeminiCandidate",
    "GeminiContent",
    "GeminiContentParam",
    "GeminiCountTokensParams",
    "GeminiCountTokensResponse",
    "GeminiGenerateContentParams",
    "GeminiPart",
    "GeminiUsageMetadata",
    "GenerateContentResponse",
    "Interaction",
    "InteractionCreateParams",
    "ModalityTokenCount",
]


def _camel(name: str) -> Any:
    # One field, two spellings: Gemini's camelCase on the wire, snake_case from LiteLLM's own types.
    head, *rest = name.split("_")
    camel = head + "".join(word.title() for word in rest)
    return pydantic.Field(default=None, validation_alias=pydantic.AliasChoices(camel, name))


# --- request shapes -------------------------------------------------------------------------


class GeminiContentParam(TypedDict, total=False):
    """One turn: ``{"role": "user", "parts": [{"text": "Hi"}]}``."""

    role: str
    parts: Required[Sequence[Mapping[str, Any]]]


class GeminiGenerateContentParams(TypedDict, total=False):
    """Body of ``POST /models/{model}:generateContent`` (and ``:streamGenerateContent``).
    ``contents`` is a list of Content objects: LiteLLM 1.110.2 drops a bare string silently."""

    contents: Required[Sequence[GeminiContentParam]]
    systemInstruction: GeminiContentParam
    generationConfig: Mapping[str, Any]
    """``temperature``, ``maxOutputTokens``, ``topP``, ``stopSequences``, ``responseMimeType``..."""
    config: Mapping[str, Any]
    """The google-genai SDK's spelling of ``generationConfig`` (LiteLLM reads either)."""
    safetySettings: Sequence[Mapping[str, Any]]
    tools: Sequence[Mapping[str, Any]]
    toolConfig: Mapping[str, Any]
    cachedContent: str
    labels: Mapping[str, str]
    metadata: Mapping[str, Any]
    """LiteLLM's request metadata (tags, trace ids), not sent upstream."""


class GeminiCountTokensParams(TypedDict, total=False):
    """Body of ``POST /models/{model}:countTokens``. The proxy counts ``contents``,
    ``systemInstruction`` (its text parts) and the ``functionDeclarations`` of ``tools``; it
    refuses a bare string as ``contents`` (400) and ignores ``generateContentRequest``."""

    contents: Required[Sequence[GeminiContentParam] | GeminiContentParam]
    systemInstruction: GeminiContentParam
    tools: Sequence[Mapping[str, Any]]


class InteractionCreateParams(TypedDict, total=False):
    """Body of ``POST /interactions``: a ``model`` or an ``agent``, and the ``input``."""

    model: str
    agent: str
    input: str | Sequence[Mapping[str, Any]] | Mapping[str, Any]
    system_instruction: str
    tools: Sequence[Mapping[str, Any]]
    generation_config: Mapping[str, Any]
    agent_config: Mapping[str, Any]
    response_modalities: Sequence[str]
    response_format: Any
    response_mime_type: str
    previous_interaction_id: str
    background: bool
    store: bool
    custom_llm_provider: str
    """Defaults to ``gemini`` on the proxy."""


class GeminiAgentCreateParams(TypedDict, total=False):
    """Body of ``POST /v1beta/agents``."""

    id: Required[str]
    base_agent: str
    system_instruction: str
    agent_config: Mapping[str, Any]
    base_environment: Mapping[str, Any]
    litellm_params_template: Mapping[str, Any]
    """Per-request provider settings (``api_key``): needed for callers that are not admins."""


# --- results --------------------------------------------------------------------------------


class GeminiPart(BaseModel):
    """One part of a content: ``text``, or ``inlineData`` / ``functionCall`` ... (kept as is)."""

    text: str | None = None
    thought: bool | None = None
    function_call: dict[str, Any] | None = _camel("function_call")
    function_response: dict[str, Any] | None = _camel("function_response")
    inline_data: dict[str, Any] | None = _camel("inline_data")


class GeminiContent(BaseModel):
    role: str | None = None
    parts: list[GeminiPart] = []


class GeminiCandidate(BaseModel):
    content: GeminiContent | None = None
    finish_reason: str | None = _camel("finish_reason")
    index: int | None = None
    safety_ratings: list[dict[str, Any]] | None = _camel("safety_ratings")

    @property
    def text(self) -> str:
        """The text parts of this candidate, joined (thoughts left out)."""
        if self.content is None:
            return ""
        return "".join(p.text for p in self.content.parts if p.text and not p.thought)


class ModalityTokenCount(BaseModel):
    modality: str | None = None
    token_count: int | None = _camel("token_count")


class GeminiUsageMetadata(BaseModel):
    prompt_token_count: int | None = _camel("prompt_token_count")
    candidates_token_count: int | None = _camel("candidates_token_count")
    total_token_count: int | None = _camel("total_token_count")
    thoughts_token_count: int | None = _camel("thoughts_token_count")
    cached_content_token_count: int | None = _camel("cached_content_token_count")


class GenerateContentResponse(Response):
    """Answer of ``generateContent``, and each event of ``streamGenerateContent``."""

    candidates: list[GeminiCandidate] = []
    usage_metadata: GeminiUsageMetadata | None = _camel("usage_metadata")
    model_version: str | None = _camel("model_version")
    response_id: str | None = _camel("response_id")
    prompt_feedback: dict[str, Any] | None = _camel("prompt_feedback")

    @property
    def text(self) -> str:
        """The first candidate's text ("" when there is none, e.g. a blocked prompt)."""
        return self.candidates[0].text if self.candidates else ""


class GeminiCountTokensResponse(Response):
    total_tokens: int = pydantic.Field(
        default=0, validation_alias=pydantic.AliasChoices("totalTokens", "total_tokens")
    )
    prompt_tokens_details: list[ModalityTokenCount] = pydantic.Field(
        default=[],
        validation_alias=pydantic.AliasChoices("promptTokensDetails", "prompt_tokens_details"),
    )


class Interaction(Response):
    """An interaction of Google's Interactions API (as LiteLLM returns it)."""

    id: str | None = None
    object: str | None = None
    status: str | None = None
    model: str | None = None
    agent: str | None = None
    created: str | None = None
    updated: str | None = None
    outputs: list[dict[str, Any]] | None = None
    usage: dict[str, Any] | None = None
    previous_interaction_id: str | None = None


class GeminiAgent(Response):
    """A managed agent on the Gemini side."""

    name: str | None = None
    id: str | None = None
    base_agent: str | None = None
    system_instruction: str | None = None
    agent_config: dict[str, Any] | None = None
    create_time: str | None = _camel("create_time")
    update_time: str | None = _camel("update_time")


class GeminiAgentList(Response):
    agents: list[GeminiAgent] = []
    next_page_token: str | None = _camel("next_page_token")


class GeminiAgentVersionList(Response):
    versions: list[dict[str, Any]] = []
    next_page_token: str | None = _camel("next_page_token")
