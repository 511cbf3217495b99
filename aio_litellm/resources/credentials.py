"""``client.credentials``: named provider credentials the proxy stores (encrypted) and models
reference by ``litellm_credential_name``; users' own provider connections."""

from __future__ import annotations

from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, SinglePageStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.credentials import (
    Credential,
    CredentialCreateParams,
    CredentialList,
    CredentialMigrateQuery,
    CredentialResult,
    CredentialUpdateParams,
    EncryptionReport,
    UserConnection,
    UserConnectionDeleted,
    UserConnectionList,
    UserConnectionPoll,
    UserConnectionStart,
)

__all__ = ["Credentials", "UserConnections"]

# A create that timed out may have been applied (a second one then fails with 409).
CREATE = Endpoint("POST", "/credentials", CredentialResult, "credentials.create", retry_safe=False)
LIST = Endpoint("GET", "/credentials", CredentialList, "credentials.list")
RETRIEVE = Endpoint(
    "GET", "/credentials/by_name/{credential_name:path}", Credential, "credentials.retrieve"
)
BY_MODEL = Endpoint("GET", "/credentials/by_model/{model_id}", Credential, "credentials.by_model")
UPDATE = Endpoint(
    "PATCH", "/credentials/{credential_name:path}", CredentialResult, "credentials.update"
)
DELETE = Endpoint(
    "DELETE", "/credentials/{credential_name:path}", CredentialResult, "credentials.delete"
)
JWKS = Endpoint(
    "GET", "/credentials/{credential_name:path}/jwks", dict[str, Any], "credentials.jwks"
)
# Idempotent and resumable (the proxy skips values already migrated): safe to repeat.
MIGRATE = Endpoint(
    "POST",
    "/credentials/migrate-encryption",
    EncryptionReport,
    "credentials.migrate_encryption",
)
CHECK = Endpoint(
    "GET", "/credentials/migrate-encryption/check", EncryptionReport, "credentials.check_encryption"
)

CONNECTIONS = Endpoint(
    "GET", "/credentials/user_connections", UserConnectionList, "credentials.user_connections.list"
)
# Starting a flow issues a new device code; a poll may complete it (GitHub hands its token out
# once): neither is sent twice.
CONNECTION_START = Endpoint(
    "POST",
    "/credentials/{credential_name:path}/user_connection/start",
    UserConnectionStart,
    "credentials.user_connections.start",
    retry_safe=False,
)
CONNECTION_POLL = Endpoint(
    "POST",
    "/credentials/{credential_name:path}/user_connection/poll",
    UserConnectionPoll,
    "credentials.user_connections.poll",
    retry_safe=False,
)
CONNECTION_DELETE = Endpoint(
    "DELETE",
    "/credentials/{credential_name:path}/user_connection",
    UserConnectionDeleted,
    "credentials.user_connections.delete",
)

_CREDENTIALS = SinglePageStyle(items="credentials")
_CONNECTIONS = SinglePageStyle(items="connections")


class UserConnections(Resource):
    """The calling user's own connections to per-user credentials (GitHub Copilot device flow):
    the user must be known to the proxy (a key with a ``user_id``)."""

    __slots__ = ()

    def list(self) -> AsyncPager[UserConnectionList, UserConnection]:
        """Every per-user credential and whether the caller is connected to it (one answer).
        ``GET /credentials/user_connections``."""
        return endpoint_pager(self._client, CONNECTIONS, {}, _CONNECTIONS)

    async def start(self, name: str) -> UserConnectionStart:
        """Begin a GitHub device flow for credential ``name``; not retried once sent.
        ``POST /credentials/{name}/user_connection/start``."""
        return await self._client._call(CONNECTION_START, path={"credential_name": name})

    async def poll(self, name: str, flow_handle: str) -> UserConnectionPoll:
        """Poll a started flow once; on ``connected`` the proxy stores the user's token.
        ``POST /credentials/{name}/user_connection/poll``."""
        require("credentials.user_connections.poll", {"flow_handle": flow_handle}, "flow_handle")
        return await self._client._call(
            CONNECTION_POLL, path={"credential_name": name}, json={"flow_handle": flow_handle}
        )

    async def delete(self, name: str) -> UserConnectionDeleted:
        """Disconnect the caller from credential ``name`` (idempotent).
        ``DELETE /credentials/{name}/user_connection``."""
        return await self._client._call(CONNECTION_DELETE, path={"credential_name": name})


class Credentials(Resource):
    """Stored provider credentials: create, read (values masked), change, delete."""

    __slots__ = ("__dict__",)

    user_connections: group[UserConnections] = group("credentials:UserConnections")

    async def create(self, **params: Unpack[CredentialCreateParams]) -> CredentialResult:
        """Store a credential (``credential_values``, or copied from a deployment's
        ``model_id``). ``POST /credentials``; not retried once sent (409 if the name exists)."""
        require("credentials.create", params, "credential_name", "credential_info")
        if not params.get("credential_values") and not params.get("model_id"):
            raise TypeError("credentials.create() needs credential_values or model_id")
        return await self._client._call(CREATE, json=params)

    def list(self) -> AsyncPager[CredentialList, Credential]:
        """Every credential, values masked (one answer). ``GET /credentials``."""
        return endpoint_pager(self._client, LIST, {}, _CREDENTIALS)

    async def retrieve(self, name: str) -> Credential:
        """One credential by name, values masked. ``GET /credentials/by_name/{name}``."""
        return await self._client._call(RETRIEVE, path={"credential_name": name})

    async def by_model(self, model_id: str) -> Credential:
        """The credential a deployment uses, values masked.
        ``GET /credentials/by_model/{model_id}``."""
        return await self._client._call(BY_MODEL, path={"model_id": model_id})

    async def update(self, name: str, **params: Unpack[CredentialUpdateParams]) -> CredentialResult:
        """Merge values and info into a stored credential (a masked value sent back keeps the
        stored one; ``credential_values_to_delete`` drops keys). ``PATCH /credentials/{name}``."""
        require("credentials.update", params, "credential_info")
        if params.get("credential_name") not in (None, name):
            raise ValueError("a credential's name cannot change: set display_name instead")
        return await self._client._call(UPDATE, path={"credential_name": name}, json=params)

    async def delete(self, name: str) -> CredentialResult:
        """Delete a stored credential. ``DELETE /credentials/{name}``."""
        return await self._client._call(DELETE, path={"credential_name": name})

    async def jwks(self, name: str) -> dict[str, Any]:
        """The public JWKS of an Anthropic ``internal_issuer`` credential (404 for any other).
        ``GET /credentials/{name}/jwks``."""
        return await self._client._call(JWKS, path={"credential_name": name})

    async def migrate_encryption(self, **query: Unpack[CredentialMigrateQuery]) -> EncryptionReport:
        """Re-encrypt every at-rest credential as AES-256-GCM (``dry_run=True``: only count).
        ``POST /credentials/migrate-encryption``; needs ``encryption_algorithm: aes-256-gcm``."""
        return await self._client._call(MIGRATE, query=query)

    async def check_encryption(self) -> EncryptionReport:
        """Count at-rest values still in the legacy format (read-only).
        ``GET /credentials/migrate-encryption/check``."""
        return await self._client._call(CHECK)
