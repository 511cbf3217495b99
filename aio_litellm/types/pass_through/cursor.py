"""Parameters and results of ``client.pass_through.cursor``'s typed methods: Cursor's Cloud
(Background) Agents API (``/v0/...``, camelCase on the wire; the results expose snake_case
attributes and accept either spelling), and the proxy's own OpenAI-style ``/cursor/models`` and
``/cursor/chat/completions``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Required, TypedDict

from .._camel import CamelModel, CamelResponse
from ..chat import ChatCompletion, ChatCompletionCreateParams
from ..models import ModelList

__all__ = [
    "Agent",
    "AgentFollowupParams",
    "AgentId",
    "AgentLaunchParams",
    "AgentList",
    "AgentListQuery",
    "AgentSource",
    "AgentTarget",
    "ApiKeyInfo",
    "ChatCompletion",
    "ChatCompletionCreateParams",
    "Conversation",
    "ConversationMessage",
    "ModelList",
    "PromptParam",
    "Repository",
    "RepositoryList",
]


# --- request shapes -------------------------------------------------------------------------


class PromptParam(TypedDict, total=False):
    """``{"text": "Add a README"}`` (+ ``images``: ``{"data": base64, "dimension": ...}``)."""

    text: Required[str]
    images: Sequence[Mapping[str, Any]]


class AgentLaunchParams(TypedDict, total=False):
    """Body of ``POST /v0/agents``."""

    prompt: Required[PromptParam]
    source: Required[Mapping[str, Any]]
    """``{"repository": "https://github.com/org/repo", "ref": "main"}`` (or ``prUrl``)."""
    model: str
    target: Mapping[str, Any]
    """``autoCreatePr``, ``branchName``, ``openAsCursorGithubApp``, ``skipReviewerRequest``."""
    webhook: Mapping[str, Any]
    """``{"url": ..., "secret": ...}``: status changes are posted there."""


class AgentFollowupParams(TypedDict, total=False):
    """Body of ``POST /v0/agents/{id}/followup``."""

    prompt: Required[PromptParam]


class AgentListQuery(TypedDict, total=False):
    limit: int
    cursor: str
    """``next_cursor`` of the page before."""


# --- results --------------------------------------------------------------------------------


class ApiKeyInfo(CamelResponse):
    """``GET /v0/me``: the Cursor key the proxy uses."""

    api_key_name: str | None = None
    created_at: str | None = None
    user_email: str | None = None


class Repository(CamelModel):
    owner: str | None = None
    name: str | None = None
    repository: str | None = None


class RepositoryList(CamelResponse):
    repositories: list[Repository] = []


class AgentSource(CamelModel):
    repository: str | None = None
    ref: str | None = None


class AgentTarget(CamelModel):
    branch_name: str | None = None
    url: str | None = None
    pr_url: str | None = None
    auto_create_pr: bool | None = None


class Agent(CamelResponse):
    """An agent: ``status`` is ``CREATING``, ``RUNNING``, ``FINISHED``, ``ERROR`` or
    ``EXPIRED``."""

    id: str
    name: str | None = None
    status: str | None = None
    source: AgentSource | None = None
    target: AgentTarget | None = None
    summary: str | None = None
    created_at: str | None = None


class AgentList(CamelResponse):
    agents: list[Agent] = []
    next_cursor: str | None = None


class AgentId(CamelResponse):
    """The answer of delete, followup and stop: the agent's id."""

    id: str


class ConversationMessage(CamelModel):
    id: str | None = None
    type: str | None = None
    """``user_message`` or ``assistant_message``."""
    text: str = ""


class Conversation(CamelResponse):
    id: str | None = None
    messages: list[ConversationMessage] = []
