"""Parameters and results of ``client.audit`` (the proxy's audit log of admin changes)."""

from __future__ import annotations

from typing import Any

from .._models import Response
from .params.audit import AuditQuery

__all__ = ["AuditLog", "AuditLogListParams", "AuditLogPage"]

AuditLogListParams = AuditQuery


class AuditLog(Response):
    """One change: who (``changed_by``, ``changed_by_api_key``) did what (``action``: create,
    update, delete ...) to which row (``table_name``, ``object_id``), with the values before
    and the ones changed."""

    id: str
    updated_at: str | None = None
    changed_by: str | None = None
    changed_by_api_key: str | None = None
    action: str | None = None
    table_name: str | None = None
    object_id: str | None = None
    before_value: dict[str, Any] | None = None
    updated_values: dict[str, Any] | None = None


class AuditLogPage(Response):
    """A page of ``GET /audit``."""

    audit_logs: list[AuditLog] = []
    total: int | None = None
    page: int | None = None
    page_size: int | None = None
    total_pages: int | None = None
