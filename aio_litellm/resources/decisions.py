"""``client.decisions``: calibrated answers to questions about an input (Decisions, System One)
and typed field extraction, through a decision model of the proxy."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from ..types.decisions import (
    DecisionsCreateParams,
    DecisionsResult,
    ExtractionCreateParams,
    ExtractionResult,
    SystemOneParams,
    SystemOneResult,
)

__all__ = ["Decisions"]

# Each is a paid model call: one that timed out is not sent again.
CREATE = Endpoint("POST", "/decisions", DecisionsResult, "decisions.create", retry_safe=False)
EXTRACT = Endpoint("POST", "/extraction", ExtractionResult, "decisions.extract", retry_safe=False)
SYSTEMONE = Endpoint("POST", "/systemone", SystemOneResult, "decisions.systemone", retry_safe=False)


class Decisions(Resource):
    __slots__ = ()

    async def create(self, **params: Unpack[DecisionsCreateParams]) -> DecisionsResult:
        """Ask ``model`` 1 to 128 ``questions`` about ``input``; answers come back in order.
        ``POST /decisions``."""
        require("create", params, "model", "input", "questions")
        return await self._client._call(CREATE, json=dict(params))

    async def extract(self, **params: Unpack[ExtractionCreateParams]) -> ExtractionResult:
        """Extract the typed ``fields`` from ``state``. ``POST /extraction``."""
        require("extract", params, "model", "fields")
        return await self._client._call(EXTRACT, json=dict(params))

    async def systemone(self, **params: Unpack[SystemOneParams]) -> SystemOneResult:
        """Ask named ``questions`` about ``state`` (System One format); answers are keyed by
        name. ``POST /systemone``."""
        require("systemone", params, "model", "state", "questions")
        return await self._client._call(SYSTEMONE, json=dict(params))
