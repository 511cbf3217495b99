"""``client.batches``: run a file of requests asynchronously (OpenAI's Batch API)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, endpoint_pager
from .._resource import Resource, require
from ..types.batches import Batch, BatchCreateParams, BatchList, BatchListParams, BatchRouting

__all__ = ["Batches"]

# A create that timed out may have started a batch (billed work): not sent again then.
CREATE = Endpoint("POST", "/batches", Batch, "batches.create", retry_safe=False)
LIST = Endpoint("GET", "/batches", BatchList, "batches.list")
RETRIEVE = Endpoint("GET", "/batches/{batch_id:path}", Batch, "batches.retrieve")
# Cancelling twice leaves the batch cancelling/cancelled either way.
CANCEL = Endpoint("POST", "/batches/{batch_id:path}/cancel", Batch, "batches.cancel")


class Batches(Resource):
    """Batches: create from an uploaded file, follow, list and cancel them."""

    __slots__ = ()

    async def create(self, **params: Unpack[BatchCreateParams]) -> Batch:
        """Start a batch over an uploaded JSONL file (``purpose="batch"``). ``POST /batches``.

        Not retried once it may have reached the proxy (timeouts, dropped connections, 5xx).
        """
        require("batches.create", params, "input_file_id", "endpoint", "completion_window")
        return await self._client._call(CREATE, json=params)

    async def retrieve(self, batch_id: str, **params: Unpack[BatchRouting]) -> Batch:
        """A batch's status and result files. ``GET /batches/{batch_id}``."""
        require("batches.retrieve", {"batch_id": batch_id}, "batch_id")
        return await self._client._call(RETRIEVE, path={"batch_id": batch_id}, query=params)

    def list(self, **params: Unpack[BatchListParams]) -> AsyncPager[BatchList, Batch]:
        """Batches, page by page (cursor ``after``). ``GET /batches``.

        ``await client.batches.list(limit=20)`` is one page; ``async for b in
        client.batches.list()`` walks them all.
        """
        return endpoint_pager(self._client, LIST, dict(params))

    async def cancel(self, batch_id: str, **params: Unpack[BatchRouting]) -> Batch:
        """Cancel a batch (it goes ``cancelling``, then ``cancelled``).
        ``POST /batches/{batch_id}/cancel``."""
        require("batches.cancel", {"batch_id": batch_id}, "batch_id")
        return await self._client._call(CANCEL, path={"batch_id": batch_id}, query=params)
