"""``client.completions``: legacy text completions, JSON or streamed."""

from __future__ import annotations

from typing import Any, Literal, overload

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from .._streaming import Stream
from ..types.completions import Completion, CompletionCreateParams

__all__ = ["Completions"]

CREATE = Endpoint("POST", "/completions", Completion, "completions.create")


class Completions(Resource):
    __slots__ = ()

    @overload
    async def create(
        self, *, stream: Literal[False] = False, **params: Unpack[CompletionCreateParams]
    ) -> Completion: ...

    @overload
    async def create(
        self, *, stream: Literal[True], **params: Unpack[CompletionCreateParams]
    ) -> Stream[Completion]: ...

    @overload
    async def create(
        self, *, stream: bool, **params: Unpack[CompletionCreateParams]
    ) -> Completion | Stream[Completion]: ...

    async def create(
        self, *, stream: bool = False, **params: Any
    ) -> Completion | Stream[Completion]:
        """Create a text completion. ``POST /completions``; ``stream=True`` returns a ``Stream``."""
        require("completions.create", params, "model", "prompt")
        if stream:
            return await self._client._stream(
                CREATE, Completion.model_validate_json, json={**params, "stream": True}
            )
        return await self._client._call(CREATE, json=params)
