"""Models shared by several resource groups."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from .._models import BaseModel, Response

__all__ = ["CompletionUsage", "CursorPage"]

T = TypeVar("T")


class CompletionUsage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    prompt_tokens_details: Any = None
    completion_tokens_details: Any = None


class CursorPage(Response, Generic[T]):
    """One page of an OpenAI cursor-paged list (``?after=<id>&limit=N``): the items in
    ``data``, the ids of the first and last, and whether more follow. The pagers walk it by
    ``has_more`` and ``last_id`` (or the last item's ``id``).

    A list model derives from ``CursorPage[Item]``; ``data`` may be left out of an answer (an
    empty page) unless the model declares it again without a default."""

    object: str = "list"
    data: list[T] = []
    first_id: str | None = None
    last_id: str | None = None
    has_more: bool = False
