"""The ``async with`` shape of everything that holds a connection or a client open."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from typing_extensions import Self

__all__ = ["Closing"]


class Closing:
    """``async with x:`` gives ``x`` and awaits ``x.aclose()`` on the way out, however it ends."""

    __slots__ = ()

    if TYPE_CHECKING:  # every subclass defines what closing means for it

        async def aclose(self) -> None: ...

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
