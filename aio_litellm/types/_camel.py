"""Result bases for providers whose JSON keys are camelCase (AWS, Google, Cursor)."""

from __future__ import annotations

import pydantic
from pydantic.alias_generators import to_camel

from .._models import BaseModel, Response

__all__ = ["CamelModel", "CamelResponse"]

_CAMEL = pydantic.ConfigDict(
    **BaseModel.model_config,
    alias_generator=pydantic.AliasGenerator(validation_alias=to_camel),
)


class CamelModel(BaseModel):
    """A provider object with camelCase keys (AWS, Google, Cursor) read into snake_case fields
    (``stopReason`` -> ``stop_reason``); the snake_case spelling is accepted too."""

    model_config = _CAMEL


class CamelResponse(Response):
    """A top-level ``CamelModel``."""

    model_config = _CAMEL
