"""Results of ``client.models``."""

from __future__ import annotations

from typing import Any

from .._models import Response

__all__ = ["Model", "ModelInfoResponse", "ModelList"]


class Model(Response):
    """A model name the caller may use (OpenAI's model object)."""

    id: str
    object: str = "model"
    created: int | None = None
    owned_by: str | None = None


class ModelList(Response):
    """``GET /models``."""

    data: list[Model]
    object: str = "list"


class ModelInfoResponse(Response):
    """``GET /model/info``: deployments with their ``litellm_params`` (no secrets) and
    ``model_info`` (pricing, limits)."""

    data: list[dict[str, Any]]
