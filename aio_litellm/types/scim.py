"""Parameters and results of ``client.scim`` (SCIM v2 provisioning: users, groups, discovery).

SCIM names its fields in camelCase (``userName``, ``displayName``, ``totalResults`` ...): the
models keep the wire names. Answers come as ``application/scim+json``.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import pydantic

from .._models import BaseModel, Response
from .params.scim import (
    ScimV2GroupsPatchParams,
    ScimV2GroupsPostParams,
    ScimV2GroupsPutParams,
    ScimV2GroupsQuery,
    ScimV2UsersPatchParams,
    ScimV2UsersPostParams,
    ScimV2UsersPutParams,
    ScimV2UsersQuery,
)

__all__ = [
    "ENTERPRISE_USER_SCHEMA",
    "GROUP_SCHEMA",
    "PATCH_OP_SCHEMA",
    "USER_SCHEMA",
    "ScimFeature",
    "ScimGroup",
    "ScimGroupCreateParams",
    "ScimGroupList",
    "ScimGroupListParams",
    "ScimGroupPatchParams",
    "ScimGroupReplaceParams",
    "ScimListResponse",
    "ScimMember",
    "ScimMultiValued",
    "ScimPlaceholder",
    "ScimPlaceholderMerge",
    "ScimResourceType",
    "ScimResourceTypeList",
    "ScimSchema",
    "ScimSchemaAttribute",
    "ScimSchemaExtension",
    "ScimSchemaList",
    "ScimServiceProviderConfig",
    "ScimUser",
    "ScimUserCreateParams",
    "ScimUserList",
    "ScimUserListParams",
    "ScimUserName",
    "ScimUserPatchParams",
    "ScimUserReplaceParams",
]

T = TypeVar("T")

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

# The generated bodies and queries, under the names of the methods that take them.
ScimUserListParams = ScimV2UsersQuery
ScimUserCreateParams = ScimV2UsersPostParams
ScimUserReplaceParams = ScimV2UsersPutParams
ScimUserPatchParams = ScimV2UsersPatchParams
ScimGroupListParams = ScimV2GroupsQuery
ScimGroupCreateParams = ScimV2GroupsPostParams
ScimGroupReplaceParams = ScimV2GroupsPutParams
ScimGroupPatchParams = ScimV2GroupsPatchParams


class ScimListResponse(Response, Generic[T]):
    """A SCIM ``ListResponse``: ``Resources`` from ``startIndex`` (1-based), ``itemsPerPage`` of
    them, ``totalResults`` in all."""

    schemas: list[str] = []
    totalResults: int | None = None
    startIndex: int | None = None
    itemsPerPage: int | None = None
    Resources: list[T] = []


class ScimUserName(BaseModel):
    givenName: str | None = None
    familyName: str | None = None
    formatted: str | None = None
    middleName: str | None = None


class ScimMultiValued(BaseModel):
    """An entry of ``emails``, ``groups``, ``roles``, ``entitlements``."""

    value: str | None = None
    display: str | None = None
    type: str | None = None
    primary: bool | None = None


class ScimUser(Response):
    """A SCIM user (a proxy user: ``id`` is its ``user_id``)."""

    schemas: list[str] = []
    id: str | None = None
    externalId: str | None = None
    userName: str | None = None
    displayName: str | None = None
    name: ScimUserName | None = None
    active: bool | None = None
    emails: list[ScimMultiValued] | None = None
    groups: list[ScimMultiValued] | None = None
    roles: list[ScimMultiValued] | None = None
    entitlements: list[ScimMultiValued] | None = None
    enterprise: dict[str, Any] | None = pydantic.Field(default=None, alias=ENTERPRISE_USER_SCHEMA)
    meta: dict[str, Any] | None = None


class ScimMember(BaseModel):
    value: str | None = None
    display: str | None = None
    type: str | None = None


class ScimGroup(Response):
    """A SCIM group (a proxy team: ``id`` is its ``team_id``, ``displayName`` its alias)."""

    schemas: list[str] = []
    id: str | None = None
    externalId: str | None = None
    displayName: str | None = None
    members: list[ScimMember] | None = None
    meta: dict[str, Any] | None = None


class ScimUserList(ScimListResponse[ScimUser]):
    """A page of ``GET /scim/v2/Users``."""


class ScimGroupList(ScimListResponse[ScimGroup]):
    """A page of ``GET /scim/v2/Groups``."""


class ScimFeature(BaseModel):
    supported: bool = False
    maxOperations: int | None = None
    maxPayloadSize: int | None = None
    maxResults: int | None = None


class ScimServiceProviderConfig(Response):
    """What the service provider supports (RFC 7643 section 5)."""

    schemas: list[str] = []
    patch: ScimFeature | None = None
    bulk: ScimFeature | None = None
    filter: ScimFeature | None = None
    changePassword: ScimFeature | None = None
    sort: ScimFeature | None = None
    etag: ScimFeature | None = None
    authenticationSchemes: list[dict[str, Any]] | None = None
    meta: dict[str, Any] | None = None


class ScimSchemaExtension(BaseModel):
    schema_: str | None = pydantic.Field(default=None, alias="schema")
    required: bool | None = None


class ScimResourceType(Response):
    """A resource type (RFC 7643 section 6): ``User`` or ``Group`` here."""

    schemas: list[str] = []
    id: str | None = None
    name: str | None = None
    description: str | None = None
    endpoint: str | None = None
    schema_: str | None = pydantic.Field(default=None, alias="schema")
    schemaExtensions: list[ScimSchemaExtension] | None = None
    meta: dict[str, Any] | None = None


class ScimResourceTypeList(ScimListResponse[ScimResourceType]):
    """``GET /scim/v2`` and ``GET /scim/v2/ResourceTypes``: every resource type at once."""


class ScimSchemaAttribute(BaseModel):
    name: str | None = None
    type: str | None = None
    multiValued: bool | None = None
    description: str | None = None
    required: bool | None = None
    mutability: str | None = None
    returned: str | None = None
    uniqueness: str | None = None
    subAttributes: list[ScimSchemaAttribute] | None = None


class ScimSchema(Response):
    """A schema (RFC 7643 section 7); its ``id`` is its URN."""

    schemas: list[str] = []
    id: str | None = None
    name: str | None = None
    description: str | None = None
    attributes: list[ScimSchemaAttribute] = []
    meta: dict[str, Any] | None = None


class ScimSchemaList(ScimListResponse[ScimSchema]):
    """``GET /scim/v2/Schemas``: every schema at once."""


class ScimPlaceholder(BaseModel):
    """A user row whose id is another account's SSO identity or email."""

    placeholder_user_id: str | None = None
    resolved_user_ids: list[str] = []
    team_ids: list[str] = []


class ScimPlaceholderMerge(Response):
    """The answer of a merge: which row went into which account, with its teams."""

    placeholder_user_id: str | None = None
    merged_into_user_id: str | None = None
    team_ids: list[str] = []
