"""``client.jwt``: mappings from a JWT claim to a virtual key (``/jwt/key/mapping/*``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.jwt import (
    JwtKeyMapping,
    JwtKeyMappingCreateParams,
    JwtKeyMappingList,
    JwtKeyMappingListParams,
    JwtKeyMappingUpdateFields,
)

__all__ = ["Jwt", "JwtKeyMappings"]

CREATE = Endpoint(
    "POST", "/jwt/key/mapping/new", JwtKeyMapping, "jwt.key_mappings.create", retry_safe=False
)
INFO = Endpoint("GET", "/jwt/key/mapping/info", JwtKeyMapping, "jwt.key_mappings.info")
LIST = Endpoint("GET", "/jwt/key/mapping/list", JwtKeyMappingList, "jwt.key_mappings.list")
UPDATE = Endpoint("POST", "/jwt/key/mapping/update", JwtKeyMapping, "jwt.key_mappings.update")
DELETE = Endpoint("POST", "/jwt/key/mapping/delete", dict[str, Any], "jwt.key_mappings.delete")

_PAGES = PageNumberStyle(items="mappings")
_TOKEN = re.compile(r"[0-9a-f]{64}")


def _check_key_ref(method: str, params: Mapping[str, Any], *, required: bool) -> None:
    """The proxy takes the key as plaintext (``key``) or as its hash (``token``), never both;
    a ``token`` that is not a hash would be stored as one and never match."""
    key, token = params.get("key"), params.get("token")
    if key is not None and token is not None:
        raise ValueError(f"{method}() takes key or token, not both")
    if required and key is None and token is None:
        raise TypeError(f"{method}() needs key (the virtual key) or token (its SHA-256 hash)")
    if token is not None and not (isinstance(token, str) and _TOKEN.fullmatch(token)):
        raise ValueError(
            f"{method}(): token must be a key's SHA-256 hash (64 lowercase hex characters); "
            "pass the key itself as key"
        )


class JwtKeyMappings(Resource):
    """Which virtual key a JWT authenticates as, by one of its claims (proxy admins only)."""

    __slots__ = ()

    async def create(self, **params: Unpack[JwtKeyMappingCreateParams]) -> JwtKeyMapping:
        """Map a claim value to an existing virtual key (``key`` or its hash ``token``).
        ``POST /jwt/key/mapping/new``; not retried once sent (409 when the claim is mapped)."""
        require("jwt.key_mappings.create", params, "jwt_claim_name", "jwt_claim_value")
        _check_key_ref("jwt.key_mappings.create", params, required=True)
        return await self._client._call(CREATE, json=params)

    async def info(self, mapping_id: str) -> JwtKeyMapping:
        """One mapping. ``GET /jwt/key/mapping/info``."""
        require("jwt.key_mappings.info", {"mapping_id": mapping_id}, "mapping_id")
        return await self._client._call(INFO, query={"id": mapping_id})

    def list(
        self, **params: Unpack[JwtKeyMappingListParams]
    ) -> AsyncPager[JwtKeyMappingList, JwtKeyMapping]:
        """Mappings, newest first, by ``page`` and ``size`` (at most 100).
        ``GET /jwt/key/mapping/list``."""
        return endpoint_pager(self._client, LIST, dict(params), _PAGES)

    async def update(
        self, mapping_id: str, **params: Unpack[JwtKeyMappingUpdateFields]
    ) -> JwtKeyMapping:
        """Change a mapping's key, issuer, description or ``is_active``.
        ``POST /jwt/key/mapping/update``."""
        require("jwt.key_mappings.update", {"mapping_id": mapping_id}, "mapping_id")
        _check_key_ref("jwt.key_mappings.update", params, required=False)
        return await self._client._call(UPDATE, json={**params, "id": mapping_id})

    async def delete(self, mapping_id: str) -> dict[str, Any]:
        """Delete a mapping (``{"status": "success"}``). ``POST /jwt/key/mapping/delete``."""
        require("jwt.key_mappings.delete", {"mapping_id": mapping_id}, "mapping_id")
        return await self._client._call(DELETE, json={"id": mapping_id})


class Jwt(Resource):
    """JWT authentication settings kept in the proxy's database."""

    __slots__ = ("__dict__",)

    key_mappings: group[JwtKeyMappings] = group("jwt:JwtKeyMappings")
