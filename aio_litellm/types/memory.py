"""Results of ``client.memory`` (user/team-scoped memory entries, ``/v1/memory``)."""

from __future__ import annotations

from typing import Any

from .._models import Response
from .params.memory import V1MemoryPostParams, V1MemoryPutParams, V1MemoryQuery

__all__ = [
    "MemoryCreateParams",
    "MemoryDeleted",
    "MemoryEntry",
    "MemoryList",
    "MemoryListParams",
    "MemoryUpsertParams",
]

MemoryCreateParams = V1MemoryPostParams
MemoryUpsertParams = V1MemoryPutParams
MemoryListParams = V1MemoryQuery


class MemoryEntry(Response):
    """One memory entry. ``metadata`` is the JSON value stored with it (any JSON type)."""

    memory_id: str | None = None
    key: str | None = None
    value: str | None = None
    metadata: Any = None
    user_id: str | None = None
    team_id: str | None = None
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None


class MemoryList(Response):
    """One page of ``GET /v1/memory``: ``memories`` (newest update first) and the ``total``
    matching the filter."""

    memories: list[MemoryEntry] = []
    total: int | None = None


class MemoryDeleted(Response):
    key: str | None = None
    deleted: bool | None = None
