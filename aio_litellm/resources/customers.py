"""``client.customers``: the proxy's end users (``/customer/*``, also served as
``/end_user/*``), with their budgets, blocks and spend analytics."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

from typing_extensions import Unpack

from .._activity import DailyActivity, activity_routes
from .._bulk_admin import create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import LiteLLMError, NotFoundError
from .._pagination import AsyncPager, PageNumberStyle
from .._resource import Resource, group, id_list, require
from ..bulk import BulkResult, BulkRunner, Outcome
from ..types.customers import (
    Customer,
    CustomerBlockResponse,
    CustomerCreateParams,
    CustomerDeleteResponse,
    CustomerListQuery,
    CustomerUnblockResponse,
    CustomerUpdateParams,
)

__all__ = ["CustomerActivity", "CustomerNotBlocked", "Customers", "EndUserActivity"]

CREATE = Endpoint("POST", "/customer/new", Customer, "customers.create", retry_safe=False)
INFO = Endpoint("GET", "/customer/info", Customer, "customers.info")
LIST = Endpoint("GET", "/customer/list", list[Customer], "customers.list")
UPDATE = Endpoint("POST", "/customer/update", Customer, "customers.update")
DELETE = Endpoint("POST", "/customer/delete", CustomerDeleteResponse, "customers.delete")
# A block is an upsert of blocked=True: sent twice, the same state. An unblock of an id that is
# no longer on the list fails: resent after a lost answer, it would fail though it was applied.
BLOCK = Endpoint("POST", "/customer/block", CustomerBlockResponse, "customers.block")
UNBLOCK = Endpoint(
    "POST", "/customer/unblock", CustomerUnblockResponse, "customers.unblock", retry_safe=False
)

ACTIVITY = activity_routes("/customer", "customers.daily_activity")
# The /end_user aliases of the factory routes are separate routes of the proxy (hidden from its
# OpenAPI document); /end_user/daily/activity itself is an alias of /customer's.
END_USER_ACTIVITY = activity_routes("/end_user", "customers.end_user_activity", days=False)

# Pages of ``page_size`` (default 50, at most 100), each a bare array without a page count:
# the walk ends on a short or empty page.
_PAGES = PageNumberStyle(items="", size_param="page_size", total_pages="")
# Not compared when a create meets an existing customer: what use changes and what the proxy
# computes.
_NOT_COMPARED = frozenset({"spend", "budget_reset_at"})


class CustomerNotBlocked(LiteLLMError):
    """A customer id is not among the blocked customers the proxy answered."""


class CustomerActivity(DailyActivity):
    """Customers' spend by day (filter with ``end_user_ids``)."""

    __slots__ = ()
    routes = ACTIVITY


class EndUserActivity(DailyActivity):
    """The same analytics under ``/end_user/daily/activity/*`` (no ``list``: that route is
    ``customers.daily_activity.list``)."""

    __slots__ = ()
    routes = END_USER_ACTIVITY


class Customers(Resource):
    """Customers (end users): create (one or many), inspect, list, change, block, delete."""

    __slots__ = ("__dict__",)

    daily_activity: group[CustomerActivity] = group("customers:CustomerActivity")
    end_user_activity: group[EndUserActivity] = group("customers:EndUserActivity")

    async def create(self, **params: Unpack[CustomerCreateParams]) -> Customer:
        """Create a customer (``user_id`` names it). ``POST /customer/new``; not retried once
        sent."""
        require("customers.create", params, "user_id")
        return await self._client._call(CREATE, json=params)

    async def info(self, user_id: str) -> Customer:
        """A customer with its budget. ``GET /customer/info``."""
        query = {"end_user_id": user_id}
        require("customers.info", query, "end_user_id")
        return await self._client._call(INFO, query=query)

    def list(
        self, **query: Unpack[CustomerListQuery]
    ) -> AsyncPager[builtins.list[Customer], Customer]:
        """Customers by ``user_id``, a page (``page_size``, at most 100) at a time; ``search``
        matches id or alias. ``GET /customer/list`` (proxy admins)."""
        return AsyncPager(self._list_page, dict(query), _PAGES)

    async def _list_page(self, query: dict[str, Any]) -> builtins.list[Customer]:
        return await self._client._call(LIST, query=query)

    async def update(self, **params: Unpack[CustomerUpdateParams]) -> Customer:
        """Change a customer (``user_id`` names it); budget fields change its budget.
        ``POST /customer/update``."""
        require("customers.update", params, "user_id")
        return await self._client._call(UPDATE, json=params)

    async def delete(self, user_ids: Sequence[str]) -> CustomerDeleteResponse:
        """Delete customers; none is deleted if one does not exist (404).
        ``POST /customer/delete``."""
        body = {"user_ids": id_list("customers.delete", "user_ids", user_ids)}
        return await self._client._call(DELETE, json=body)

    async def block(self, user_ids: Sequence[str]) -> CustomerBlockResponse:
        """Mark customers blocked (unknown ids are created blocked). ``POST /customer/block``.
        The proxy refuses their requests only with its enterprise blocked-user check."""
        body = {"user_ids": id_list("customers.block", "user_ids", user_ids)}
        return await self._client._call(BLOCK, json=body)

    async def unblock(self, user_ids: Sequence[str]) -> CustomerUnblockResponse:
        """Take customers off the enterprise blocked-user list. ``POST /customer/unblock``
        (400 when that list is not configured). To let a customer blocked with ``block`` make
        requests again, ``update(user_id=..., blocked=False)``."""
        body = {"user_ids": id_list("customers.unblock", "user_ids", user_ids)}
        return await self._client._call(UNBLOCK, json=body)

    async def create_many(
        self,
        specs: Iterable[CustomerCreateParams] | AsyncIterable[CustomerCreateParams],
        *,
        concurrency: int = 16,
        runner: BulkRunner | None = None,
    ) -> BulkResult[CustomerCreateParams, Customer]:
        """Create many customers; ``user_id`` is each one's retry-safe identity: an "already
        exists" for a customer with the spec's values (budget fields compared with its budget,
        as read back) is success, one with other values ``CreateConflict``. Outcomes in
        order."""
        return await (runner or BulkRunner(concurrency=concurrency)).run(self._create_one, specs)

    async def _create_one(self, spec: CustomerCreateParams) -> Customer:
        user_id = spec.get("user_id")
        if not user_id:
            raise ValueError("create_many() needs user_id in every spec (retry-safe identity)")

        async def find() -> Customer | None:
            try:
                found = await self.info(user_id)
            except NotFoundError:
                return None
            row = found.model_dump()
            # The budget fields of a create are kept on the customer's budget.
            budget = row.pop("litellm_budget_table") or {}
            verify(f"customer {user_id!r}", spec, {**budget, **row}, _NOT_COMPARED)
            return found

        return await create_verified(lambda: self.create(**spec), find, sleep=self._client._sleep)

    async def block_many(
        self,
        user_ids: Iterable[str],
        *,
        batch_size: int = 100,
        concurrency: int = 4,
        runner: BulkRunner | None = None,
    ) -> BulkResult[str, Customer]:
        """Block many customers, ``batch_size`` ids per request, with one outcome per id in
        order: the customer as the proxy answered it, or why it is not blocked (its batch's
        error, or ``CustomerNotBlocked``). Blocking is an upsert: safe to repeat."""
        if isinstance(user_ids, str):
            raise TypeError("block_many() needs a list of ids, not a str")
        ids = builtins.list(user_ids)
        if any(not isinstance(i, str) or not i for i in ids):
            raise TypeError("block_many() needs non-empty string ids")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        batches = [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]
        runner = runner or BulkRunner(concurrency=concurrency)
        done = await runner.run(self.block, batches)
        result: BulkResult[str, Customer] = BulkResult(
            elapsed=done.elapsed, throttled=done.throttled
        )
        for batch in done.outcomes:
            blocked = (
                {} if batch.value is None else {c.user_id: c for c in batch.value.blocked_users}
            )
            for offset, user_id in enumerate(batch.item):
                index = batch.index * batch_size + offset
                customer = blocked.get(user_id)
                if customer is not None and customer.blocked:
                    outcome = Outcome(index, user_id, customer)
                else:
                    error = batch.error or CustomerNotBlocked(
                        f"customer {user_id!r} is not blocked"
                    )
                    outcome = Outcome(index, user_id, None, error)
                result._record(outcome, keep=True)
        return result
