"""Parameters and results of ``client.projects`` (projects sit between teams and keys).

The request bodies are generated from the proxy's OpenAPI document
(``aio_litellm.types.params.projects``). ``ProjectFields`` repeats the ``/project/update`` body
without its ``project_id``, which ``update`` takes as its first argument; a test keeps it equal
to the generated one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from typing_extensions import TypedDict

from .._models import Response
from .params.projects import ProjectNewParams

__all__ = ["Project", "ProjectCreateParams", "ProjectFields"]

ProjectCreateParams = ProjectNewParams
"""Body of ``POST /project/new``: ``team_id`` is required."""


class ProjectFields(TypedDict, total=False):
    """What ``POST /project/update`` changes (the project is the method's first argument)."""

    budget_id: str | None
    soft_budget: float | None
    max_budget: float | None
    max_parallel_requests: int | None
    tpm_limit: int | None
    rpm_limit: int | None
    tpd_limit: int | None
    model_max_budget: dict[str, Any] | None
    budget_duration: str | None
    allowed_models: Sequence[str] | None
    temp_budget_increase: float | None
    temp_budget_expiry: str | None
    project_alias: str | None
    description: str | None
    team_id: str | None
    metadata: dict[str, Any] | None
    tags: Sequence[str] | None
    guardrails: Sequence[str] | None
    policies: Sequence[str] | None
    models: Sequence[str] | None
    model_rpm_limit: dict[str, Any] | None
    model_tpm_limit: dict[str, Any] | None
    model_itpm_limit: dict[str, Any] | None
    model_otpm_limit: dict[str, Any] | None
    blocked: bool | None
    object_permission: dict[str, Any] | None


class Project(Response):
    """A project row; its budget is in ``litellm_budget_table``."""

    project_id: str
    project_alias: str | None = None
    description: str | None = None
    team_id: str | None = None
    budget_id: str | None = None
    metadata: dict[str, Any] | None = None
    models: list[str] = []
    spend: float = 0.0
    blocked: bool = False
    litellm_budget_table: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None
