"""Parameters and results of ``client.credentials``: named provider credentials stored by the
proxy (``/credentials*``) and users' own provider connections.

Values come back masked (``sk-a****xyz1``): the proxy never returns a stored secret.
"""

from __future__ import annotations

from typing import Any

from .._models import BaseModel, Response
from .params.credentials import (
    CredentialsMigrateEncryptionQuery,
    CredentialsPatchParams,
    CredentialsPostParams,
)

__all__ = [
    "Credential",
    "CredentialCreateParams",
    "CredentialList",
    "CredentialMigrateQuery",
    "CredentialResult",
    "CredentialUpdateParams",
    "EncryptionReport",
    "EncryptionScan",
    "UserConnection",
    "UserConnectionDeleted",
    "UserConnectionList",
    "UserConnectionPoll",
    "UserConnectionStart",
]

CredentialCreateParams = CredentialsPostParams
CredentialUpdateParams = CredentialsPatchParams
CredentialMigrateQuery = CredentialsMigrateEncryptionQuery


class Credential(Response):
    """A stored credential: ``credential_values`` masked, ``credential_info`` as given (e.g.
    ``{"custom_llm_provider": "openai"}``); ``source`` is ``db`` or ``config``."""

    credential_name: str
    display_name: str | None = None
    credential_info: dict[str, Any] = {}
    credential_values: dict[str, Any] = {}
    source: str | None = None


class CredentialList(Response):
    """``GET /credentials``: every credential, in one answer."""

    success: bool | None = None
    credentials: list[Credential] = []


class CredentialResult(Response):
    """What a create, update or delete answers: ``{"success": true, "message": ...}``."""

    success: bool = False
    message: str | None = None


class EncryptionScan(BaseModel):
    """Counts of at-rest values over every location scanned (``locations`` per table/column:
    ``scanned``, ``migrated``, ``already_v2``, ``plaintext``, ``undecryptable``, ``legacy``)."""

    residual_legacy: int = 0
    total_undecryptable: int = 0
    locations: dict[str, dict[str, int]] = {}


class EncryptionReport(Response):
    """``/credentials/migrate-encryption`` (and ``/check``): ``report.residual_legacy == 0``
    attests that no legacy ciphertext remains."""

    status: str | None = None
    dry_run: bool | None = None
    report: EncryptionScan = EncryptionScan()


class UserConnection(BaseModel):
    """The calling user's connection to one per-user credential (GitHub Copilot)."""

    credential_name: str
    provider: str | None = None
    connected: bool = False
    github_login: str | None = None
    connected_at: str | None = None


class UserConnectionList(Response):
    """``GET /credentials/user_connections``."""

    connections: list[UserConnection] = []


class UserConnectionStart(Response):
    """A started GitHub device flow: show ``user_code`` and ``verification_uri`` to the user,
    then poll with ``flow_handle`` every ``interval`` seconds until ``expires_in``."""

    user_code: str
    verification_uri: str
    expires_in: int | None = None
    interval: int | None = None
    flow_handle: str


class UserConnectionPoll(Response):
    """One poll of a device flow: ``status`` is ``pending``, ``slow_down`` (wait ``interval``),
    ``expired``, ``denied``, ``connected`` (``github_login`` set) or ``no_copilot_seat``."""

    status: str
    interval: int | None = None
    github_login: str | None = None


class UserConnectionDeleted(Response):
    """``DELETE /credentials/{name}/user_connection``: ``{"status": "disconnected"}``."""

    status: str | None = None
