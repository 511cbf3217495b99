"""``client.models``: which models the caller may use, and how they are deployed."""

from __future__ import annotations

from .._endpoint import Endpoint
from .._resource import Resource
from ..types.models import Model, ModelInfoResponse, ModelList

__all__ = ["Models"]

LIST = Endpoint("GET", "/models", ModelList, "models.list")
RETRIEVE = Endpoint("GET", "/models/{model_id}", Model, "models.retrieve")
INFO = Endpoint("GET", "/model/info", ModelInfoResponse, "models.info")


class Models(Resource):
    __slots__ = ()

    async def list(
        self, *, team_id: str | None = None, include_metadata: bool | None = None
    ) -> ModelList:
        """Models the calling key may use. ``GET /models``."""
        return await self._client._call(
            LIST, query={"team_id": team_id, "include_metadata": include_metadata}
        )

    async def retrieve(self, model_id: str) -> Model:
        """One model by name. ``GET /models/{model_id}``."""
        return await self._client._call(RETRIEVE, path={"model_id": model_id})

    async def info(self, litellm_model_id: str | None = None) -> ModelInfoResponse:
        """Deployment details of every model, or of one deployment id. ``GET /model/info``."""
        return await self._client._call(INFO, query={"litellm_model_id": litellm_model_id})
