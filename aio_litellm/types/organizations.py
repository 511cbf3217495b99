"""Parameters and results of ``client.organizations`` (``/organization/*``, an enterprise
feature)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import Response
from .budgets import BudgetTable
from .params.organizations import (
    OrganizationListQuery,
    OrganizationNewParams,
    V2OrganizationParams,
)

__all__ = [
    "Organization",
    "OrganizationCreateParams",
    "OrganizationListQuery",
    "OrganizationMember",
    "OrganizationMemberAddResponse",
    "OrganizationMembership",
    "OrganizationPatchParams",
    "OrganizationRole",
    "OrganizationUpdateParams",
]

OrganizationCreateParams = OrganizationNewParams
"""Body of ``POST /organization/new``; choose ``organization_id`` yourself to make a create
safe to retry. Without ``budget_id`` the budget fields make the organization a budget."""

OrganizationPatchParams = V2OrganizationParams
"""Body of ``PATCH /v2/organization/{organization_id}`` (merge-patch: a field sent as ``None``
is cleared, one left out is kept)."""


OrganizationRole = Literal["org_admin", "internal_user", "internal_user_viewer"]
"""A member's role in an organization."""


class OrganizationMember(TypedDict, total=False):
    """A member to add: ``user_id`` or ``user_email`` (a user that does not exist is
    created), and a role."""

    user_id: str | None
    user_email: str | None
    role: Required[OrganizationRole]


class OrganizationUpdateParams(TypedDict, total=False):
    """Body of ``PATCH /organization/update`` (the proxy reads the raw body: not in its OpenAPI
    document). Budget fields change the organization's budget; ``metadata`` is merged into the
    stored one."""

    organization_alias: str | None
    budget_id: str | None
    spend: float | None
    metadata: dict[str, Any] | None
    models: Sequence[str] | None
    object_permission: dict[str, Any] | None
    model_tpm_limit: dict[str, int] | None
    model_rpm_limit: dict[str, int] | None
    max_budget: float | None
    soft_budget: float | None
    max_parallel_requests: int | None
    tpm_limit: int | None
    rpm_limit: int | None
    tpd_limit: int | None
    model_max_budget: dict[str, Any] | None
    budget_duration: str | None
    allowed_models: Sequence[str] | None
    temp_budget_increase: float | None
    temp_budget_expiry: str | None


class OrganizationMembership(Response):
    """A user's membership of an organization: role, spend and budget there."""

    user_id: str | None = None
    organization_id: str | None = None
    user_role: str | None = None
    user_email: str | None = None
    spend: float | None = 0.0
    budget_id: str | None = None
    litellm_budget_table: BudgetTable | None = None
    created_at: str | None = None
    updated_at: str | None = None


class Organization(Response):
    """An organization; ``members`` and ``teams`` where the route includes them (info, list)."""

    organization_id: str | None = None
    organization_alias: str | None = None
    budget_id: str | None = None
    spend: float | None = 0.0
    metadata: dict[str, Any] | None = None
    models: list[str] = []
    model_spend: dict[str, Any] | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    litellm_budget_table: BudgetTable | None = None
    members: list[OrganizationMembership] = []
    teams: list[dict[str, Any]] = []
    object_permission_id: str | None = None
    object_permission: dict[str, Any] | None = None


class OrganizationMemberAddResponse(Response):
    """``POST /organization/member_add``: the users added (or created) and their
    memberships."""

    organization_id: str
    updated_users: list[dict[str, Any]] = []
    updated_organization_memberships: list[OrganizationMembership] = []
