"""``client.audit``: the audit log of changes made through the admin routes (``/audit``).

The proxy records changes only with an enterprise licence (and ``store_audit_logs``): without
one the routes answer, but the log stays empty.
"""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, PageNumberStyle, endpoint_pager
from .._resource import Resource
from ..types.audit import AuditLog, AuditLogListParams, AuditLogPage

__all__ = ["Audit"]

LIST = Endpoint("GET", "/audit", AuditLogPage, "audit.list")
RETRIEVE = Endpoint("GET", "/audit/{id}", AuditLog, "audit.retrieve")

_PAGES = PageNumberStyle(items="audit_logs", size_param="page_size")


class Audit(Resource):
    """Read the audit log."""

    __slots__ = ()

    def list(self, **params: Unpack[AuditLogListParams]) -> AsyncPager[AuditLogPage, AuditLog]:
        """Entries matching the filters, newest first (``sort_by``, ``sort_order``), by ``page``
        and ``page_size`` (at most 100). ``GET /audit``."""
        return endpoint_pager(self._client, LIST, dict(params), _PAGES)

    async def retrieve(self, audit_log_id: str) -> AuditLog:
        """One entry. ``GET /audit/{id}``."""
        return await self._client._call(RETRIEVE, path={"id": audit_log_id})
