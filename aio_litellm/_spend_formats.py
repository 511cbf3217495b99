"""``aio-litellm spend export``'s output: rows as JSONL, CSV or Parquet, written atomically; the
optional dependencies (extras) those need."""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import itertools
import os
from collections.abc import (
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from pathlib import Path
from typing import IO, Any

from . import _jsonutil
from ._jobfiles import UsageError, _private, jsonl
from .types.spend import SpendLog

_FLOAT_COLUMNS = frozenset({"spend"})
_INT_COLUMNS = frozenset(
    {"requests", "prompt_tokens", "completion_tokens", "total_tokens", "request_duration_ms"}
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 10_000  # rows per parquet row group
EXTRAS = {"pyarrow": "parquet", "matplotlib": "plot"}


def _extra(module: str) -> Any:
    """An optional dependency, or a UsageError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra = EXTRAS[module]
        raise UsageError(f"this needs {module}: pip install 'aio-litellm[{extra}]'") from None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return _jsonutil.dumps(value).decode()


def _cell(column: str, value: Any) -> Any:
    """A value as its column holds it: a number, or text (JSON text for nested values)."""
    if column in _FLOAT_COLUMNS or column in _INT_COLUMNS:
        return value  # numbers already: the log model and the totals made them so
    return _text(value)


def log_columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every column of the rows: a log's declared fields first, then the others as met."""
    seen: dict[str, None] = dict.fromkeys(SpendLog.model_fields)
    for row in rows:
        for name in row:
            seen.setdefault(name)
    return list(seen)


def _write_jsonl(f: IO[bytes], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    count = 0
    for row in rows:
        f.write(jsonl(row))
        count += 1
    return count


def _csv_cell(column: str, value: Any) -> Any:
    value = _cell(column, value)
    if value is None:
        return ""
    # Request tags, user ids and metadata come from callers: text a spreadsheet would run as a
    # formula is written as text.
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _write_csv(f: IO[bytes], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    text = io.TextIOWrapper(f, encoding="utf-8", newline="")
    writer = csv.writer(text)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(c, row.get(c)) for c in columns])
        count += 1
    text.flush()
    text.detach()
    return count


def _write_parquet(f: IO[bytes], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    pa = _extra("pyarrow")
    pq = importlib.import_module("pyarrow.parquet")

    def kind(column: str) -> Any:
        if column in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.int64() if column in _INT_COLUMNS else pa.string()

    schema = pa.schema([(c, kind(c)) for c in columns])
    count = 0
    with pq.ParquetWriter(f, schema) as writer:
        rows = iter(rows)
        while batch := list(itertools.islice(rows, _BATCH)):
            data = {c: [_cell(c, r.get(c)) for r in batch] for c in columns}
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            count += len(batch)
    return count


_WRITERS: dict[str, Callable[[IO[bytes], Sequence[str], Iterable[Mapping[str, Any]]], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[IO[bytes]]:
    """``path`` written through a file beside it, swapped in once complete (owner-only): an
    error or a kill before the end leaves no ``path``."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with _private(tmp) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
