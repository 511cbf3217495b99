"""multipart/form-data bodies, rebuilt for every attempt so a retry sends the file again.

Inputs are checked when the call is made (before any I/O). File contents are held in memory
while a part is sent; uploads through the proxy (audio, batch files) are bounded by it anyway.
"""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any, Union

import aiohttp

__all__ = ["FileContent", "FileTypes", "build_form_factory"]

FileContent = Union[bytes, "os.PathLike[str]", IO[bytes]]
# bytes | path | binary file object, or (filename, content[, content_type]).
FileTypes = FileContent | tuple[str | None, FileContent] | tuple[str | None, FileContent, str]


class _Part:
    __slots__ = ("content_type", "filename", "name", "path", "payload", "position", "stream")

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
        self.stream: IO[bytes] | None = None
        self.position = 0
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
        elif hasattr(content, "read"):
            if content.seekable():
                self.stream = content
                self.position = content.tell()
            else:
                # A pipe or socket can be read once: keep the bytes so a retry can resend them.
                self.payload = content.read()
            filename = filename or os.path.basename(str(getattr(content, "name", ""))) or None
        else:
            raise TypeError(
                f"file {name!r}: expected bytes, a path or a binary file, "
                f"not {type(content).__name__}"
            )
        self.filename = filename or name
        self.content_type = (
            content_type or mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        )

    def add_to(self, form: aiohttp.FormData) -> None:
        value: Any
        if self.payload is not None:
            value = self.payload
        elif self.path is not None:
            # Read per attempt: a retry resends the file as it is on disk, and no handle can leak.
            value = self.path.read_bytes()
        else:
            assert self.stream is not None
            self.stream.seek(self.position)
            value = self.stream.read()
        form.add_field(self.name, value, filename=self.filename, content_type=self.content_type)


def build_form_factory(
    fields: Mapping[str, Any] | None, files: Mapping[str, FileTypes] | None
) -> Callable[[], aiohttp.FormData]:
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

    def build() -> aiohttp.FormData:
        form = aiohttp.FormData(quote_fields=False)
        for key, text in plain:
            form.add_field(key, text)
        for part in parts:
            part.add_to(form)
        return form

    return build
