"""The files of the resumable CLI jobs: reading inputs, outputs written in input order that a
rerun continues, and the saved secrets of ``keys create`` (its plan)."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import sys
import time
from collections.abc import AsyncIterable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import _jsonutil
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
    "partial_dim",
    "read_records",
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


class UsageError(Exception):
    """Bad arguments or inputs: exit status 2 with the message."""


class JobFailed(Exception):
    """The job could not go on and changed nothing: exit status 1 with the message."""


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


def read_records(path: Path, field: str | None) -> Iterator[Any]:
    """Records of a .jsonl, .csv or .txt file, streamed: a jsonl line (``field`` of an object),
    a csv row (``field`` column, or the row as a dict when ``field`` is None), a txt line."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    with path.open(encoding="utf-8", newline="") as f:
        if suffix == ".csv":
            for row in csv.DictReader(f):
                if field is None:
                    yield {k: v for k, v in row.items() if v not in (None, "")}
                elif field not in row:
                    raise UsageError(f"{path}: no column {field!r}")
                else:
                    yield row[field]
        elif suffix in (".jsonl", ".ndjson"):
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    value = _jsonutil.loads(line)
                except _jsonutil.JSONDecodeError as exc:
                    raise UsageError(f"{path}:{number}: not JSON: {exc}") from None
                if field is not None and isinstance(value, dict):
                    if field not in value:
                        raise UsageError(f"{path}:{number}: no field {field!r}")
                    value = value[field]
                yield value
        else:
            for line in f:
                text = line.rstrip("\r\n")
                if text:
                    yield text


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
