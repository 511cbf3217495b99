"""Typed shapes of ``client.pass_through.milvus`` (Milvus REST API v2, ``v2/vectordb/...``).

Milvus answers ``{"code": 0, "data": ...}``; a failure is a non-zero ``code`` with a
``message``, often with HTTP 200: check ``ok``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from typing_extensions import Required, TypedDict

from ..._models import Response

__all__ = [
    "MilvusCollectionCreateParams",
    "MilvusDeleteParams",
    "MilvusIndexCreateParams",
    "MilvusInsertParams",
    "MilvusNamesResponse",
    "MilvusQueryParams",
    "MilvusResponse",
    "MilvusRowsResponse",
    "MilvusSearchParams",
]


class MilvusResponse(Response):
    """Milvus's answer: ``code`` 0 on success, else ``message`` says why."""

    code: int = 0
    message: str | None = None
    data: Any = None
    cost: int | None = None

    @property
    def ok(self) -> bool:
        return self.code == 0


class MilvusNamesResponse(MilvusResponse):
    """A ``list`` action's answer: names (collections, partitions, indexes)."""

    data: list[str] = []


class MilvusRowsResponse(MilvusResponse):
    """Entities: ``query``, ``get`` and ``search`` answers (search: one row a hit, with
    ``distance``)."""

    data: list[dict[str, Any]] = []
    topks: list[int] | None = None


class MilvusCollectionCreateParams(TypedDict, total=False):
    """``collections/create``: a quick setup (``dimension``) or a full ``schema``."""

    dbName: str
    dimension: int
    metricType: str
    idType: str
    autoID: bool
    primaryFieldName: str
    vectorFieldName: str
    schema: Mapping[str, Any]
    indexParams: Sequence[Mapping[str, Any]]
    params: Mapping[str, Any]


class MilvusInsertParams(TypedDict, total=False):
    data: Required[Sequence[Mapping[str, Any]]]
    dbName: str
    partitionName: str


class MilvusDeleteParams(TypedDict, total=False):
    filter: Required[str]
    dbName: str
    partitionName: str


class MilvusQueryParams(TypedDict, total=False):
    filter: str
    dbName: str
    outputFields: Sequence[str]
    partitionNames: Sequence[str]
    limit: int
    offset: int


class MilvusSearchParams(TypedDict, total=False):
    data: Required[Sequence[Sequence[float]]]
    annsField: str
    dbName: str
    filter: str
    limit: int
    offset: int
    outputFields: Sequence[str]
    partitionNames: Sequence[str]
    searchParams: Mapping[str, Any]
    groupingField: str


class MilvusIndexCreateParams(TypedDict, total=False):
    indexParams: Required[Sequence[Mapping[str, Any]]]
    dbName: str
