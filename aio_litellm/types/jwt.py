"""Parameters and results of ``client.jwt`` (JWT claim -> virtual key mappings)."""

from __future__ import annotations

from typing_extensions import TypedDict

from .._models import Response
from .params.jwt import JwtKeyMappingListQuery, JwtKeyMappingNewParams

__all__ = [
    "JwtKeyMapping",
    "JwtKeyMappingCreateParams",
    "JwtKeyMappingList",
    "JwtKeyMappingListParams",
    "JwtKeyMappingUpdateFields",
]

JwtKeyMappingCreateParams = JwtKeyMappingNewParams
JwtKeyMappingListParams = JwtKeyMappingListQuery


class JwtKeyMappingUpdateFields(TypedDict, total=False):
    """``client.jwt.key_mappings.update(mapping_id, ...)``: the body of
    ``POST /jwt/key/mapping/update`` but its ``id``. Give at most one of ``key`` / ``token``."""

    key: str | None
    """The virtual key (plaintext) to map the claim to instead."""
    token: str | None
    """That key's SHA-256 hash (64 lowercase hex characters), instead of ``key``."""
    jwt_issuer: str | None
    description: str | None
    is_active: bool | None


class JwtKeyMapping(Response):
    """A mapping: a JWT whose ``jwt_claim_name`` claim is ``jwt_claim_value`` (from
    ``jwt_issuer``, or any issuer when ``None``) authenticates as the mapped virtual key. The
    key itself is never returned."""

    id: str
    jwt_claim_name: str | None = None
    jwt_claim_value: str | None = None
    jwt_issuer: str | None = None
    description: str | None = None
    is_active: bool | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    updated_by: str | None = None


class JwtKeyMappingList(Response):
    """A page of ``GET /jwt/key/mapping/list``, newest first."""

    mappings: list[JwtKeyMapping] = []
    total_count: int | None = None
    current_page: int | None = None
    total_pages: int | None = None
