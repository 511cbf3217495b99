"""The ``async with`` shape of everything that holds a connection or a client open."""

from __future__ import annotations

from types import TracebackType

from typing_extensions import Self

__all__ = ["Closing"]


class Closing:
    """``async with x:`` gives ``x`` and awaits ``x.aclose()`` on the way out, however it ends."""

    __slots__ = ()

    async def aclose(self) -> None:
        raise NotImplementedError  # pragma: no cover - every subclass closes something

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
