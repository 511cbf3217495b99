"""Parameters and results of ``client.keys`` (virtual keys).

Parameter TypedDicts follow the proxy's request schemas (``tools/gen_typeddict.py``); every
field is optional unless marked ``Required``. Results keep unknown fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import _MISSING, BaseModel, Response, ResponseView, ShapeError

__all__ = [
    "BulkUpdateKeyResponse",
    "FailedKeyUpdate",
    "GenerateKeyResponse",
    "KeyAliasesResponse",
    "KeyBulkUpdateItem",
    "KeyDeleteResponse",
    "KeyGenerateParams",
    "KeyHealthResponse",
    "KeyInfoManyResponse",
    "KeyInfoResponse",
    "KeyListParams",
    "KeyListResponse",
    "KeyRegenerateParams",
    "KeySettings",
    "KeyUpdateParams",
    "KeyUpdateResponse",
    "SuccessfulKeyUpdate",
    "TeamKeyUpdateFields",
    "VerificationToken",
]


class KeySettings(TypedDict, total=False):
    """Settings of a key, also taken by ``/user/new`` for the key it creates with a user."""

    key_alias: str | None
    duration: str | None
    models: Sequence[Any] | None
    spend: float | None
    max_budget: float | None
    user_id: str | None
    team_id: str | None
    agent_id: str | None
    max_parallel_requests: int | None
    metadata: dict[str, Any] | None
    tpm_limit: int | None
    rpm_limit: int | None
    budget_duration: str | None
    budget_limits: Sequence[dict[str, Any]] | None
    allowed_cache_controls: Sequence[Any] | None
    config: dict[str, Any] | None
    permissions: dict[str, Any] | None
    model_max_budget: dict[str, Any] | None
    budget_fallbacks: dict[str, Any] | None
    model_rpm_limit: dict[str, Any] | None
    model_tpm_limit: dict[str, Any] | None
    mcp_rpm_limit: dict[str, Any] | None
    tag_rpm_limit: dict[str, Any] | None
    guardrails: Sequence[str] | None
    policies: Sequence[str] | None
    prompts: Sequence[str] | None
    blocked: bool | None
    aliases: dict[str, Any] | None
    object_permission: dict[str, Any] | None


class _KeyFields(KeySettings, total=False):
    """Fields shared by key generate, update and regenerate."""

    tpd_limit: int | None
    default_estimated_output_tokens: int | None
    default_estimated_output_tokens_per_model: dict[str, Any] | None
    budget_id: str | None
    end_user_budget_id: str | None
    tags: Sequence[str] | None
    disable_global_guardrails: bool | None
    enable_prompt_caching: bool | None
    throttle_on_budget_exceeded: bool | None
    enforced_params: Sequence[str] | None
    allowed_routes: Sequence[Any] | None
    allowed_passthrough_routes: Sequence[Any] | None
    denied_passthrough_routes: Sequence[str] | None
    allowed_vector_store_indexes: Sequence[dict[str, Any]] | None
    rpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput", "dynamic"] | None
    tpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput", "dynamic"] | None
    router_settings: dict[str, Any] | None
    access_group_ids: Sequence[str] | None
    soft_budget: float | None
    auto_rotate: bool | None
    rotation_interval: str | None
    organization_id: str | None
    project_id: str | None


class KeyGenerateParams(_KeyFields, total=False):
    """Body of ``POST /key/generate`` (the proxy's ``GenerateKeyRequest``).

    ``key`` lets the caller choose the secret (``sk-...``), which makes a create safe to retry.
    """

    key: str | None
    send_invite_email: bool | None
    key_type: Literal["llm_api", "management", "read_only", "default"] | None


class KeyUpdateParams(_KeyFields, total=False):
    """Body of ``POST /key/update``; the ``key`` argument (secret or hash) names the key."""

    temp_budget_increase: float | None
    temp_budget_expiry: str | None


class KeyRegenerateParams(_KeyFields, total=False):
    """Body of ``POST /key/regenerate``; the ``key`` argument names the key to regenerate."""

    send_invite_email: bool | None
    key_type: Literal["llm_api", "management", "read_only", "default"] | None
    new_key: str | None
    new_master_key: str | None
    grace_period: str | None


class KeyListParams(TypedDict, total=False):
    """Query of ``GET /key/list``."""

    page: int
    size: int
    user_id: str
    team_id: str
    organization_id: str
    key_hash: str
    key_alias: str
    search: str
    return_full_object: bool
    include_team_keys: bool
    include_created_by_keys: bool
    sort_by: str
    sort_order: Literal["asc", "desc"]
    expand: Sequence[str]
    status: Literal["active", "expired", "revoked", "deleted"]
    project_id: str
    access_group_id: str
    agent_id: str
    substring_matching: bool
    expires: Literal["expired", "active"]


class KeyBulkUpdateItem(TypedDict, total=False):
    """Body of the proxy's ``BulkUpdateKeyRequestItem``."""

    key: Required[str]
    budget_id: str | None
    max_budget: float | None
    team_id: str | None
    tags: Sequence[str] | None
    object_permission: dict[str, Any] | None


class TeamKeyUpdateFields(TypedDict, total=False):
    """What ``POST /team/key/bulk_update`` applies to every selected key."""

    max_budget: float | None
    budget_id: str | None
    budget_duration: str | None
    budget_limits: Sequence[Any] | None
    model_max_budget: dict[str, Any] | None
    tpm_limit: int | None
    rpm_limit: int | None
    model_tpm_limit: dict[str, Any] | None
    model_rpm_limit: dict[str, Any] | None
    max_parallel_requests: int | None
    rpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput", "dynamic"] | None
    tpm_limit_type: Literal["guaranteed_throughput", "best_effort_throughput", "dynamic"] | None
    temp_budget_increase: float | None
    temp_budget_expiry: str | None
    duration: str | None
    tags: Sequence[str] | None
    metadata: dict[str, Any] | None


class GenerateKeyResponse(Response):
    """A created (or regenerated) key. ``key`` is the secret: shown once, store it."""

    key: str
    token: str | None = None
    token_id: str | None = None
    key_name: str | None = None
    key_alias: str | None = None
    expires: str | None = None
    user_id: str | None = None
    team_id: str | None = None
    models: list[Any] | None = None
    max_budget: float | None = None
    spend: float | None = None
    metadata: dict[str, Any] | None = None
    tags: list[str] | None = None
    created_at: str | None = None


class KeyInfoResponse(Response):
    """``GET /key/info``: ``key`` as asked, ``info`` as the proxy stores it."""

    key: str | None = None
    info: dict[str, Any]


class KeyInfoManyResponse(Response):
    """``POST /v2/key/info``: one ``info`` entry per key asked for."""

    key: list[str] | str | None = None
    info: list[dict[str, Any]]


class KeyListResponse(ResponseView):
    """One page of ``GET /key/list``: key hashes, or objects with ``return_full_object``.

    A typed view over the parsed page (see ``View``): ``keys`` is checked when the page is
    parsed, the counts when read by ``validate_all()``."""

    keys: list[str | dict[str, Any]]
    total_count: int | None = None
    current_page: int | None = None
    total_pages: int | None = None

    @classmethod
    def _check(cls, data: dict[str, Any]) -> None:
        keys = data.get("keys", _MISSING)
        if type(keys) is not list:
            raise ShapeError(
                "KeyListResponse.keys: expected a list, got "
                + ("nothing" if keys is _MISSING else f"a {type(keys).__name__}")
            )
        for item in keys:
            if type(item) is not str and type(item) is not dict:
                raise ShapeError(
                    f"KeyListResponse.keys[]: expected a string or an object, got a "
                    f"{type(item).__name__}"
                )


class KeyAliasesResponse(Response):
    """One page of ``GET /key/aliases``."""

    aliases: list[Any] = []
    total_count: int | None = None
    current_page: int | None = None
    total_pages: int | None = None


class KeyUpdateResponse(Response):
    """``POST /key/update``: the fields as now stored."""

    key: str | None = None


class KeyDeleteResponse(Response):
    """``POST /key/delete``."""

    deleted_keys: list[str] = []


class VerificationToken(Response):
    """A key row as the proxy stores it (``POST /key/block`` / ``unblock``)."""

    token: str | None = None
    key_alias: str | None = None
    blocked: bool | None = None
    spend: float | None = None
    max_budget: float | None = None
    team_id: str | None = None
    user_id: str | None = None


class KeyHealthResponse(Response):
    """``POST /key/health`` for the calling key."""

    key: Literal["healthy", "unhealthy"]
    logging_callbacks: dict[str, Any] | None = None


class SuccessfulKeyUpdate(BaseModel):
    key: str
    key_info: dict[str, Any]


class FailedKeyUpdate(BaseModel):
    key: str
    key_info: dict[str, Any] | None = None
    failed_reason: str


class BulkUpdateKeyResponse(Response):
    """``POST /key/bulk_update`` and ``/team/key/bulk_update``: per-key outcomes."""

    total_requested: int
    successful_updates: list[SuccessfulKeyUpdate]
    failed_updates: list[FailedKeyUpdate]
