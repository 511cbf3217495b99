"""Parameters and results of ``client.prompts`` (prompt management: ``/prompts*``)."""

from __future__ import annotations

from typing import Any

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .params.prompts import (
    PromptsDeleteQuery,
    PromptsGetQuery,
    PromptsListQuery,
    PromptsParams,
    PromptsPatchParams,
    PromptsPatchQuery,
    PromptsTestParams,
    PromptsVersionsQuery,
)

__all__ = [
    "DotpromptConversion",
    "Prompt",
    "PromptCreateParams",
    "PromptDeleteQuery",
    "PromptDeleted",
    "PromptDetail",
    "PromptInfo",
    "PromptList",
    "PromptListQuery",
    "PromptLiteLLMParams",
    "PromptPatchParams",
    "PromptPatchQuery",
    "PromptRetrieveQuery",
    "PromptTemplate",
    "PromptTestParams",
    "PromptUpdateParams",
    "PromptVersionsQuery",
]

PromptCreateParams = PromptsParams
PromptPatchParams = PromptsPatchParams
PromptPatchQuery = PromptsPatchQuery
PromptTestParams = PromptsTestParams
PromptListQuery = PromptsListQuery
PromptRetrieveQuery = PromptsGetQuery
PromptDeleteQuery = PromptsDeleteQuery
PromptVersionsQuery = PromptsVersionsQuery


class PromptLiteLLMParams(BaseModel):
    """How the prompt is served: its integration (``dotprompt``, ``langfuse`` ...) and the
    integration's fields (``prompt_data``, ``dotprompt_content`` ...; kept as extra fields)."""

    prompt_id: str | None = None
    prompt_integration: str | None = None
    api_base: str | None = None
    dotprompt_content: str | None = None
    ignore_prompt_manager_model: bool | None = None
    ignore_prompt_manager_optional_params: bool | None = None


class PromptInfo(BaseModel):
    """``prompt_type`` (``db`` or ``config``) and the environment it is deployed to."""

    prompt_type: str | None = None
    environment: str | None = None


class Prompt(Response):
    """A prompt (one version). ``prompts.create``/``update``/``patch`` answer the versioned id
    (``my_prompt.v2``); list, retrieve and versions answer the base id and a ``version``."""

    prompt_id: str
    litellm_params: PromptLiteLLMParams = PromptLiteLLMParams()
    prompt_info: PromptInfo = PromptInfo()
    created_at: str | None = None
    updated_at: str | None = None
    version: int | None = None
    environment: str | None = None
    created_by: str | None = None


class PromptList(Response):
    """``prompts``: the latest version of each prompt, or every version of one prompt."""

    prompts: list[Prompt] = []


class PromptTemplate(BaseModel):
    """A prompt's raw template: its content and front-matter metadata (model, parameters)."""

    litellm_prompt_id: str | None = None
    content: str | None = None
    metadata: dict[str, Any] | None = None


class PromptDetail(Response):
    """``GET /prompts/{prompt_id}``: the prompt, its raw template when the proxy can read it,
    and every environment it is deployed to."""

    prompt_spec: Prompt
    raw_prompt_template: PromptTemplate | None = None
    environments: list[str] | None = None


class PromptDeleted(Response):
    """``DELETE /prompts/{prompt_id}``."""

    message: str | None = None


class DotpromptConversion(Response):
    """A ``.prompt`` file as JSON: ``prompt_id`` (the file's stem) and ``json_data``
    (``content`` and ``metadata``), ready for ``prompts.create(litellm_params={"prompt_data":
    ...})``."""

    prompt_id: str | None = None
    json_data: dict[str, Any] = {}


class PromptUpdateParams(TypedDict, total=False):
    """``client.prompts.update(prompt_id, ...)``: the new version's content (the body's
    ``prompt_id`` is the path's)."""

    litellm_params: Required[dict[str, Any]]
    prompt_info: dict[str, Any] | None
