"""Parameters and results of ``client.customers`` (end users of the proxy: ``/customer/*``)."""

from __future__ import annotations

from typing import Any

from .._models import Response
from .budgets import BudgetTable
from .params.customers import CustomerListQuery, CustomerNewParams, CustomerUpdateParams

__all__ = [
    "Customer",
    "CustomerBlockResponse",
    "CustomerCreateParams",
    "CustomerDeleteResponse",
    "CustomerListQuery",
    "CustomerUnblockResponse",
    "CustomerUpdateParams",
]

CustomerCreateParams = CustomerNewParams
"""Body of ``POST /customer/new``. The budget fields (``max_budget``, ``tpm_limit`` ...) make a
budget of the customer's own unless ``budget_id`` names an existing one."""


class Customer(Response):
    """A customer (end user): the ``user`` a request names, with its budget and model limits."""

    user_id: str
    blocked: bool = False
    alias: str | None = None
    spend: float | None = 0.0
    allowed_model_region: str | None = None
    default_model: str | None = None
    models: list[str] = []
    budget_id: str | None = None
    litellm_budget_table: BudgetTable | None = None
    object_permission_id: str | None = None
    object_permission: dict[str, Any] | None = None


class CustomerBlockResponse(Response):
    """``POST /customer/block``: the customers now blocked (created if they did not exist)."""

    blocked_users: list[Customer] = []


class CustomerUnblockResponse(Response):
    """``POST /customer/unblock``: the ids that stay blocked."""

    blocked_users: list[str] = []


class CustomerDeleteResponse(Response):
    deleted_customers: int = 0
    message: str | None = None
