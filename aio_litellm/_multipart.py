"""multipart/form-data bodies, rebuilt for every attempt so a retry sends the file again.

Inputs are checked when the call is made (before any I/O). File contents are streamed as the
request is written, a chunk at a time, and never held whole in memory:

- ``bytes``: already in memory; sent as they are.
- a path: opened when its part is written (once per attempt), read in a worker thread and closed
  at the end of the attempt however it ends; an attempt that fails before sending never opens it.
- a seekable binary file: read from the position it had when the call was made, on every
  attempt. It is left open (it is the caller's).
- an unseekable binary file (a pipe) or an async iterable of bytes: can be read once only, so
  the form says it is not ``resendable`` and the pipeline never sends such a request twice.
"""

from __future__ import annotations

import asyncio
import io
import mimetypes
import os
import threading
from collections.abc import AsyncGenerator, AsyncIterable, Callable, Mapping
from contextlib import aclosing
from pathlib import Path
from typing import IO, Any, Union

import aiohttp
from aiohttp.abc import AbstractStreamWriter
from aiohttp.payload import Payload

__all__ = ["FileContent", "FileTypes", "FormFactory", "build_form_factory"]

FileContent = Union[bytes, "os.PathLike[str]", IO[bytes], AsyncIterable[bytes]]
# bytes | path | binary file object | async iterable of bytes, or
# (filename, content[, content_type]).
FileTypes = FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str]

Chunks = AsyncGenerator[bytes, None]
CHUNK_SIZE = 256 * 1024  # per read of a file: few worker-thread hops, little memory


class _Seekable:
    """A caller's seekable file, read at offsets of our own: a late read of an abandoned
    attempt (still running in its worker thread) cannot move a newer attempt's position."""

    __slots__ = ("file", "lock", "start")

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file
        self.start = file.tell()
        self.lock = threading.Lock()

    def size(self) -> int:
        with self.lock:
            here = self.file.tell()
            end = self.file.seek(0, io.SEEK_END)
            self.file.seek(here)
        return max(end - self.start, 0)

    def read_at(self, offset: int, n: int) -> bytes:
        with self.lock:
            self.file.seek(offset)
            return self.file.read(n)


class _Upload(Payload):
    """One file part, produced chunk by chunk while aiohttp writes the request."""

    _autoclose = True  # holds nothing open between writes: each write closes what it opened

    def __init__(
        self,
        chunks: Callable[[], Chunks],
        size: int | None,
        *,
        filename: str,
        content_type: str,
    ) -> None:
        super().__init__(chunks, filename=filename, content_type=content_type)
        self._chunks = chunks
        self._size = size

    async def write(self, writer: AbstractStreamWriter) -> None:
        async with aclosing(self._chunks()) as chunks:
            async for chunk in chunks:
                await writer.write(chunk)

    def decode(self, encoding: str = "utf-8", errors: str = "strict") -> str:
        raise TypeError("a streamed upload cannot be decoded")


async def _sized(read: Callable[[int, int], bytes], size: int, what: str) -> Chunks:
    """``size`` bytes from ``read(offset, n)``, read in a worker thread."""
    loop = asyncio.get_running_loop()
    offset = 0
    while offset < size:
        chunk = await loop.run_in_executor(None, read, offset, min(CHUNK_SIZE, size - offset))
        if not chunk:
            # The size went out in the headers already: a short body would leave the server
            # waiting, so the attempt fails instead.
            raise RuntimeError(f"{what} shrank while it was being sent")
        offset += len(chunk)
        yield chunk


async def _path_chunks(path: Path, size: int) -> Chunks:
    file = path.open("rb")  # no await between open and try: the file is always closed
    try:

        def read(offset: int, n: int) -> bytes:
            return file.read(n)

        async with aclosing(_sized(read, size, str(path))) as chunks:
            async for chunk in chunks:
                yield chunk
    finally:
        file.close()


async def _unsized_file_chunks(file: IO[bytes]) -> Chunks:
    loop = asyncio.get_running_loop()
    while chunk := await loop.run_in_executor(None, file.read, CHUNK_SIZE):
        yield chunk


async def _iterable_chunks(source: AsyncIterable[bytes], name: str) -> Chunks:
    async for chunk in source:
        if not isinstance(chunk, (bytes, bytearray, memoryview)):
            raise TypeError(
                f"file {name!r}: the async iterable yielded {type(chunk).__name__}, not bytes"
            )
        if chunk:
            yield bytes(chunk)


class _Part:
    __slots__ = ("content_type", "filename", "name", "once", "path", "payload", "sent", "source")

    def __init__(self, name: str, spec: FileTypes) -> None:
        self.name = name
        filename: str | None = None
        content_type: str | None = None
        content: Any = spec
        if isinstance(spec, tuple):
            if len(spec) not in (2, 3):
                raise TypeError(f"file {name!r}: expected (filename, content[, content_type])")
            filename, content = spec[0], spec[1]
            content_type = spec[2] if len(spec) == 3 else None
        self.payload: bytes | None = None
        self.path: Path | None = None
        self.source: _Seekable | IO[bytes] | AsyncIterable[bytes] | None = None
        self.once = False  # readable once only: the request must not be sent again
        self.sent = False
        if isinstance(content, (bytes, bytearray, memoryview)):
            self.payload = bytes(content)
        elif isinstance(content, (str, os.PathLike)):
            if isinstance(content, str):
                raise TypeError(
                    f"file {name!r}: a str is ambiguous; pass pathlib.Path(...) or bytes"
                )
            self.path = Path(content)
            if not self.path.is_file():
                raise FileNotFoundError(f"file {name!r}: no such file: {self.path}")
            filename = filename or self.path.name
        elif isinstance(content, AsyncIterable):
            # Checked before ``read``: an async file object (aiofiles) is iterable but its
            # read() is a coroutine.
            self.source = content
            self.once = True
        elif hasattr(content, "read"):
            if isinstance(content, io.TextIOBase):
                raise TypeError(f"file {name!r}: open the file in binary mode ('rb')")
            if content.seekable():
                self.source = _Seekable(content)
            else:
                self.source = content
                self.once = True
            filename = filename or os.path.basename(str(getattr(content, "name", ""))) or None
        else:
            raise TypeError(
                f"file {name!r}: expected bytes, a path, a binary file or an async iterable "
                f"of bytes, not {type(content).__name__}"
            )
        self.filename = filename or name
        self.content_type = (
            content_type or mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        )

    def add_to(self, form: aiohttp.FormData) -> None:
        value: bytes | _Upload
        if self.payload is not None:
            value = self.payload
        elif self.path is not None:
            path = self.path
            # The size as the file is now: a retry sends the file as it is on disk then.
            size = path.stat().st_size
            value = self._upload(lambda: _path_chunks(path, size), size)
        elif isinstance(self.source, _Seekable):
            seekable = self.source
            size = seekable.size()

            def chunks() -> Chunks:
                return _sized(
                    lambda offset, n: seekable.read_at(seekable.start + offset, n),
                    size,
                    f"file {self.name!r}",
                )

            value = self._upload(chunks, size)
        else:
            if self.sent:
                raise RuntimeError(
                    f"file {self.name!r} can be read once only and was already sent; "
                    "pass bytes, a path or a seekable file to send it again"
                )
            self.sent = True
            source = self.source
            if isinstance(source, AsyncIterable):
                value = self._upload(lambda: _iterable_chunks(source, self.name), None)
            else:
                assert source is not None
                value = self._upload(lambda: _unsized_file_chunks(source), None)
        form.add_field(self.name, value, filename=self.filename, content_type=self.content_type)

    def _upload(self, chunks: Callable[[], Chunks], size: int | None) -> _Upload:
        return _Upload(chunks, size, filename=self.filename, content_type=self.content_type)


class FormFactory:
    """Builds a fresh form per attempt. ``resendable`` is False when a part can be read once
    only (an async iterable, a pipe): such a request must never be sent a second time."""

    __slots__ = ("_parts", "_plain", "resendable")

    def __init__(self, plain: list[tuple[str, str]], parts: list[_Part]) -> None:
        self._plain = plain
        self._parts = parts
        self.resendable = not any(part.once for part in parts)

    def __call__(self) -> aiohttp.FormData:
        form = aiohttp.FormData(quote_fields=False)
        for key, text in self._plain:
            form.add_field(key, text)
        for part in self._parts:
            part.add_to(form)
        return form


def build_form_factory(
    fields: Mapping[str, Any] | None, files: Mapping[str, FileTypes] | None
) -> FormFactory:
    """Check the inputs now (before any I/O) and return a function that builds a fresh form."""
    parts = [_Part(name, spec) for name, spec in (files or {}).items()]
    plain: list[tuple[str, str]] = []
    for key, value in (fields or {}).items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, bool):
                plain.append((key, "true" if item else "false"))
            elif isinstance(item, (str, int, float)):
                plain.append((key, str(item)))
            else:
                from . import _jsonutil

                plain.append((key, _jsonutil.dumps(item).decode()))
    return FormFactory(plain, parts)
