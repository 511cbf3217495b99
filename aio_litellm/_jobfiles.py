"""The files of the resumable CLI jobs: reading inputs, outputs written in input order that a
rerun continues, and the saved secrets of ``keys create`` (its plan)."""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import math
import os
import shutil
import sys
import time
import types
import typing
from collections import abc
from collections.abc import AsyncIterable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import _jsonutil
from ._exceptions import APIConnectionError, AuthenticationError
from .bulk import as_async_iter
from .resources.keys import new_key

__all__ = [
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "summary",
    "JobFailed",
    "KeyPlan",
    "ResumableOutput",
    "UsageError",
    "file_digest",
    "finish_npy",
    "jsonl",
    "one_line",
    "partial_dim",
    "read_keys",
    "read_lines",
    "read_specs",
    "read_texts",
    "stop_on_refusal",
]


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def summary(
    name: str, done: int, failed: int, skipped: int, started: float, extra: str = ""
) -> None:
    """The job's last line on stderr: counts, time, rate."""
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed > 0 else 0.0
    resumed = f", {skipped} already done" if skipped else ""
    print(
        f"{name}: {done} done, {failed} failed{resumed} in {elapsed:.1f} s ({rate:,.0f}/s){extra}",
        file=sys.stderr,
    )


_LINE_MAX = 400


def one_line(text: str) -> str:
    """``text`` on one line (a server's HTML page or a multi-line message included), cut."""
    line = " ".join(text.split())
    return line if len(line) <= _LINE_MAX else line[: _LINE_MAX - 1] + "…"


class UsageError(Exception):
    """Bad arguments or inputs: exit status 2 with the message."""


class JobFailed(Exception):
    """The job could not go on and changed nothing: exit status 1 with the message."""


def stop_on_refusal(error: BaseException | None) -> None:
    """Raise ``error`` when it is a refused key or a proxy that cannot be reached: it would fail
    every item alike, so the job stops there (its output a complete prefix that a rerun
    resumes) and the command reports it in one line instead of once per item."""
    if isinstance(error, AuthenticationError) or (
        isinstance(error, APIConnectionError) and not error.sent
    ):
        raise error


_BLOCK = 1 << 20  # files are read in blocks of this size, whatever their size


def file_digest(path: Path) -> str:
    """The sha256 of a file's content, read block by block."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _private(path: Path) -> IO[bytes]:
    """``path`` opened for writing from empty, readable by its owner only (secrets)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


# -- inputs --------------------------------------------------------------------------------


def read_lines(path: Path) -> Iterator[str]:
    """The non-empty lines of a text file, streamed."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for line in f:
                if text := line.rstrip("\r\n"):
                    yield text
    except UnicodeDecodeError as exc:
        raise UsageError(_not_utf8(path, exc)) from None


def _not_utf8(path: Path, exc: UnicodeDecodeError) -> str:
    return f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"


# -- inputs checked before anything is sent -------------------------------------------------


def read_texts(path: Path, field: str | None) -> Iterator[str]:
    """The texts of a .txt (each non-empty line), .jsonl (a string, or the ``field`` of an
    object: ``text`` by default) or .csv file (the ``field`` column: ``text`` by default).

    Anything else (a line that is not JSON, an object without the field, a value that is not a
    string) is a ``UsageError`` naming the file, the line and the field.
    """
    name = field or "text"
    if path.suffix.lower() not in _TABLES:
        yield from read_lines(path)
        return
    hint = "" if field else " (--field names another)"
    for number, value in _numbered(path):
        if path.suffix.lower() == ".csv":
            if name not in value:
                raise UsageError(f"{path}: no column {name!r}{hint}")
            value = value[name] or ""
            what = f"column {name!r}"
        elif isinstance(value, dict):
            if name not in value:
                raise UsageError(f"{path}:{number}: no field {name!r}{hint}")
            value = value[name]
            what = f"field {name!r}"
        else:
            what = "the line"
        if not isinstance(value, str):
            raise UsageError(f"{path}:{number}: {what} is {_kind(value)}, not a string")
        yield value


def read_specs(
    path: Path, params: type, *, required: tuple[str, ...] = (), also: tuple[str, ...] = ()
) -> Iterator[dict[str, Any]]:
    """The objects of a .jsonl or .csv file, as ``params`` (a TypedDict) types them.

    A CSV cell is converted to its field's type: a list from a JSON array or ``;``-separated
    values, a number, a boolean (true/false, yes/no, 1/0), a JSON object; an empty cell is
    left out. A JSONL value is checked against the type. ``also`` names string fields outside
    ``params``; ``required`` the fields each object must have. A field ``params`` does not
    have, or a value that does not fit, is a ``UsageError`` naming the file, line and field.
    """
    fields = _fields(params)
    csv_input = path.suffix.lower() == ".csv"
    if path.suffix.lower() not in _TABLES:
        raise UsageError(f"{path}: expected a .jsonl or .csv file of objects")
    what = "column" if csv_input else "field"
    for number, record in _numbered(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict):
            raise UsageError(f"{where}: {_kind(record)}, not an object")
        spec: dict[str, Any] = {}
        for name, value in record.items():
            if csv_input and value in (None, ""):
                continue
            if name in also:
                shape: _Shape | None = _Shape(frozenset({"str"}))
            else:
                shape = fields.get(name)
            if shape is None:
                raise UsageError(
                    f"{where}: unknown {what} {name!r} (not a parameter of {params.__name__})"
                )
            try:
                spec[name] = shape.convert(value) if csv_input else shape.check(value)
            except ValueError as exc:
                raise UsageError(f"{where}: {what} {name!r}: {exc}") from None
        for name in required:
            if name not in spec:
                raise UsageError(f"{where}: no {what} {name!r}")
        yield spec


def read_keys(path: Path) -> Iterator[Any]:
    """The records of a file of keys to delete: a key or hash (a line of a .txt file, a JSON
    string), or an object with ``key`` or ``token`` (a ``keys create`` outcome, failed ones
    included: those fail as items). Anything else is a ``UsageError`` naming the line."""
    if path.suffix.lower() not in _TABLES:
        yield from read_lines(path)
        return
    for number, record in _numbered(path):
        if isinstance(record, dict) and (
            record.get("ok") is False or any(_text(record.get(n)) for n in _KEY_FIELDS)
        ):
            yield {k: v for k, v in record.items() if v not in (None, "")}
        elif isinstance(record, str) and record:
            yield record
        else:
            raise UsageError(
                f"{path}:{number}: expected a key, or an object with 'key' or 'token'; "
                f"got {_kind(record)}"
            )


_KEY_FIELDS = ("key", "token")


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


_TABLES = (".csv", ".jsonl", ".ndjson")


def _numbered(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, record) of a .csv file (a dict of every column per row) or .jsonl file."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    try:
        with path.open(encoding="utf-8", newline="") as f:
            if path.suffix.lower() == ".csv":
                reader = csv.DictReader(f)
                for row in reader:
                    if None in row:
                        raise UsageError(
                            f"{path}:{reader.line_num}: more cells than the header has columns"
                        )
                    yield reader.line_num, row
                return
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    value = _jsonutil.loads(line)
                except _jsonutil.JSONDecodeError as exc:
                    raise UsageError(f"{path}:{number}: not JSON ({exc})") from None
                yield number, value
    except UnicodeDecodeError as exc:
        raise UsageError(_not_utf8(path, exc)) from None
    except csv.Error as exc:
        raise UsageError(f"{path}: not CSV ({exc})") from None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    names = {dict: "an object", list: "an array", str: "a string", type(None): "null"}
    return names.get(type(value), f"a {type(value).__name__}")


_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
_EXPECTED = {
    "literal": "",
    "bool": "true or false",
    "int": "a whole number",
    "float": "a number",
    "list": "a list (a JSON array or values separated by ';')",
    "dict": "a JSON object",
    "str": "a string",
}


class _Shape:
    """What a parameter's annotation accepts: kinds (str, int, float, bool, list, dict, null,
    any, literal), the literal values, and the shape of a list's items."""

    def __init__(
        self, kinds: frozenset[str], values: tuple[Any, ...] = (), item: _Shape | None = None
    ) -> None:
        self.kinds, self.values, self.item = kinds, values, item

    @classmethod
    def of(cls, annotation: Any) -> _Shape:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            parts = [cls.of(arg) for arg in typing.get_args(annotation)]
            items = [p.item for p in parts if p.item is not None]
            return cls(
                frozenset().union(*(p.kinds for p in parts)),
                tuple(v for p in parts for v in p.values),
                items[0] if items else None,
            )
        if origin is typing.Literal:
            return cls(frozenset({"literal"}), typing.get_args(annotation))
        simple = {type(None): "null", bool: "bool", int: "int", float: "float", str: "str"}
        if annotation in simple:
            return cls(frozenset({simple[annotation]}))
        base = origin or annotation
        if isinstance(base, type) and issubclass(base, (dict, abc.Mapping)):
            return cls(frozenset({"dict"}))
        if isinstance(base, type) and issubclass(base, (list, tuple, set, abc.Sequence)):
            args = typing.get_args(annotation)
            return cls(frozenset({"list"}), item=cls.of(args[0]) if args else None)
        return cls(frozenset({"any"}))

    def _expected(self) -> str:
        names = [_EXPECTED[k] for k in _EXPECTED if k in self.kinds and _EXPECTED[k]]
        if self.values:
            names.insert(0, "one of " + ", ".join(repr(v) for v in self.values))
        return " or ".join(names) or "a value"

    def check(self, value: Any) -> Any:
        """``value`` (from JSON) if it fits, else ``ValueError``."""
        kinds = self.kinds
        if "any" in kinds:
            return value
        fits = {
            type(None): "null" in kinds,
            bool: "bool" in kinds,
            int: bool(kinds & {"int", "float"}),
            float: "float" in kinds,
            str: "str" in kinds or value in self.values,
            list: "list" in kinds,
            dict: "dict" in kinds,
        }.get(type(value), False)
        if not fits:
            raise ValueError(f"expected {self._expected()}, got {_kind(value)}")
        if isinstance(value, list) and self.item is not None:
            for n, item in enumerate(value):
                try:
                    self.item.check(item)
                except ValueError as exc:
                    raise ValueError(f"item {n}: {exc}") from None
        return value

    def convert(self, cell: str) -> Any:
        """The value a CSV cell stands for, else ``ValueError``."""
        kinds, text = self.kinds, cell.strip()
        if cell in self.values or kinds & {"any", "str"} == kinds:
            return cell
        if "bool" in kinds and text.lower() in _TRUE | _FALSE:
            return text.lower() in _TRUE
        if "int" in kinds:
            with contextlib.suppress(ValueError):
                return int(text)
        if "float" in kinds:
            with contextlib.suppress(ValueError):
                number = float(text)
                if math.isfinite(number):
                    return number
        if kinds & {"list", "dict"} and text[:1] in ("[", "{"):
            try:
                value = _jsonutil.loads(text)
            except _jsonutil.JSONDecodeError as exc:
                raise ValueError(f"{cell!r} is not JSON ({exc})") from None
            return self.check(value)
        if "list" in kinds and (self.item is None or self.item.kinds & {"str", "any"}):
            return [part.strip() for part in cell.split(";") if part.strip()]
        if kinds & {"str", "any"}:
            return cell
        raise ValueError(f"{cell!r} is not {self._expected()}")


@functools.cache
def _fields(params: type) -> dict[str, _Shape]:
    return {name: _Shape.of(tp) for name, tp in typing.get_type_hints(params).items()}


# -- resumable ordered output --------------------------------------------------------------


class ResumableOutput:
    """An output written in input order, with a sidecar naming the arguments that produced it.

    On open, complete records already there are counted (``done``) and a torn last record is
    cut off, so the job resumes exactly after the last complete one. Both read the file in
    blocks: memory does not grow with the output.
    """

    def __init__(
        self, path: Path, args: dict[str, Any], *, restart: bool, record_size: int | None = None
    ) -> None:
        self.path = path
        self.meta_path = path.with_name(path.name + ".meta.json")
        self.record_size = record_size
        if restart:
            for stale in (path, self.meta_path):
                stale.unlink(missing_ok=True)
        if path.exists():
            meta = self._read_meta()
            if meta.get("args") != args:
                raise UsageError(self._mismatch(meta.get("args"), args))
        else:
            self._write_meta({"args": args})
        self.done = self._count_and_trim()
        self._file = self._open()
        os.chmod(path, 0o600)  # outputs may hold secrets (created keys)

    def _open(self) -> IO[bytes]:
        return open(self.path, "ab")  # kept open for the job

    def _read_meta(self) -> dict[str, Any]:
        try:
            meta: dict[str, Any] = _jsonutil.loads(self.meta_path.read_bytes())
        except (OSError, _jsonutil.JSONDecodeError):
            raise UsageError(
                f"{self.path} exists without {self.meta_path.name}; use --restart"
            ) from None
        return meta

    def _mismatch(self, old: Any, new: dict[str, Any]) -> str:
        changed = (
            {k for k in {*old, *new} if old.get(k) != new.get(k)}
            if isinstance(old, dict)
            else set()
        )
        if changed == {"input_sha256"}:
            return (
                f"{self.path} was written from another input: the content of the input file "
                "is not what it was; use another output, or pass --restart to start over"
            )
        return (
            f"{self.path} was written by a job with other arguments; "
            "run with the same ones to resume, or pass --restart"
        )

    def _write_meta(self, meta: dict[str, Any]) -> None:
        self.meta_path.write_bytes(_jsonutil.dumps(meta))

    def _count_and_trim(self) -> int:
        if not self.path.exists():
            return 0
        size = self.path.stat().st_size
        if self.record_size is not None:
            keep = size - size % self.record_size
            count = keep // self.record_size
        else:
            count = keep = offset = 0
            with self.path.open("rb") as f:
                while block := f.read(_BLOCK):
                    if (last := block.rfind(b"\n")) >= 0:
                        count += block.count(b"\n")
                        keep = offset + last + 1
                    offset += len(block)
        if keep != size:
            with self.path.open("r+b") as f:
                f.truncate(keep)
        return count

    def failed(self) -> Iterator[bool]:
        """For each line of a jsonl outcome file: whether it records a failure."""
        with self.path.open("rb") as f:
            for line in f:
                yield b'"ok":false' in line and _jsonutil.loads(line).get("ok") is False

    async def replace(self, lines: AsyncIterable[tuple[int, bytes]]) -> None:
        """Put ``lines`` (line number, new line; numbers ascending) in place of the old ones.

        The new file is written beside the old one and swapped in once complete: killed before
        that, the output is what it was.
        """
        tmp = self.path.with_name(self.path.name + ".tmp")
        self._file.close()
        try:
            with self.path.open("rb") as old, _private(tmp) as new:
                number = 0
                async for index, line in lines:
                    for _ in range(index - number):
                        new.write(old.readline())
                    old.readline()
                    new.write(line)
                    number = index + 1
                shutil.copyfileobj(old, new, _BLOCK)
                new.flush()
                os.fsync(new.fileno())
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
            self._file = self._open()

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def jsonl(record: Any) -> bytes:
    return _jsonutil.dumps(record) + b"\n"


class KeyPlan:
    """The secret chosen for each spec of one input, before any create (mode 0600).

    A jsonl file: a header naming the input (its sha256) and the number of specs, then one
    fixed-width line per spec, read by offset so that a plan is never held in memory.
    """

    LINE = len(jsonl(new_key()))  # every secret of a plan is a new_key(): one length

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest: str | None = None  # of the input the plan was made for
        self.count = 0
        self._start = 0
        self._file: IO[bytes] | None = None
        if not path.exists():
            return
        with path.open("rb") as f:
            head = f.readline()
        try:
            header = _jsonutil.loads(head)
        except _jsonutil.JSONDecodeError:
            return
        # A plan of another shape (an older version's) is bound to no input.
        count = header.get("count") if isinstance(header, dict) else None
        if isinstance(count, int) and path.stat().st_size == len(head) + count * self.LINE:
            self.digest, self.count, self._start = header.get("input_sha256"), count, len(head)

    def __enter__(self) -> KeyPlan:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __getitem__(self, index: int) -> str:
        if self._file is None:
            self._file = self.path.open("rb")
        self._file.seek(self._start + index * self.LINE)
        return str(_jsonutil.loads(self._file.read(self.LINE)))

    async def write(
        self, digest: str, count: int, secrets: Iterable[str] | AsyncIterable[str]
    ) -> None:
        """Replace the plan (atomically: killed before the end, the old one stays)."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            with _private(tmp) as f:
                head = jsonl({"input_sha256": digest, "count": count})
                f.write(head)
                async for secret in as_async_iter(secrets):
                    f.write(jsonl(secret))
                f.flush()
                os.fsync(f.fileno())
            self.close()
            os.replace(tmp, self.path)
        finally:
            tmp.unlink(missing_ok=True)
        self.digest, self.count, self._start = digest, count, len(head)


def partial_dim(store: Path) -> int | None:
    """The vector width an interrupted embed job recorded beside its raw store, if any."""
    meta = store.with_name(store.name + ".meta.json")
    if not meta.exists():
        return None
    try:
        dim = _jsonutil.loads(meta.read_bytes()).get("dim")
    except _jsonutil.JSONDecodeError:
        return None
    return int(dim) if dim else None


def finish_npy(store: Path, out_path: Path, dim: int) -> None:
    """Turn the raw float32 rows into a .npy file (header written once the count is known)."""
    import numpy as np

    rows = store.stat().st_size // (4 * dim) if dim and store.exists() else 0
    tmp = out_path.with_name(out_path.name + ".tmp")
    array = np.lib.format.open_memmap(tmp, mode="w+", dtype="<f4", shape=(rows, dim))
    if rows:
        array[:] = np.memmap(store, dtype="<f4", mode="r", shape=(rows, dim))
    array.flush()
    del array
    os.replace(tmp, out_path)
    store.unlink(missing_ok=True)
