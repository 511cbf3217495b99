"""``aio-litellm spend export``: the spend logs of a range of UTC days in one file, resumable.

Each day is one unit of work: its logs are read from ``GET /spend/logs/v2`` (oldest first, in
windows the proxy counts exactly, see ``_windows``) and written atomically to
``OUT.parts/DAY.jsonl``. A rerun with the same arguments fetches only the days that have no part
yet; once every day is there, the parts are joined in day order into OUT (``.jsonl``, ``.csv`` or
``.parquet``) and removed. ``OUT.meta.json`` binds OUT and its parts to the arguments.

A day that is not over yet (or was over less than ``SETTLE`` ago: the proxy writes its logs a
little after each request) is exported but never kept as done: a rerun fetches it again.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Iterable,
    Iterator,
    Mapping,
)
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import _jsonutil
from ._jobfiles import UsageError, jsonl, one_line, stop_on_refusal
from ._spend_formats import _WRITERS, _atomic, _extra, log_columns
from .bulk import BulkRunner, Outcome
from .types.spend import SpendLog

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = [
    "BY",
    "DayTotals",
    "ExportResult",
    "export",
    "groups_of",
    "log_day",
    "parse_day",
    "parse_instant",
]

BY = ("team", "key", "user", "model", "tag")
"""What ``--by`` groups on: ``team_id``, ``api_key`` (the key's hash), ``user``, the model group
(else the model), each of ``request_tags`` (a request with two tags counts in both)."""
FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
CHART_FORMATS = (".png", ".svg", ".pdf")
SETTLE = timedelta(minutes=10)
PAGE_MAX = 1000  # the proxy refuses larger pages
BY_COLUMNS = (
    "day",
    "group",
    "label",
    "spend",
    "requests",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
)
_SECOND = timedelta(seconds=1)


def _now() -> datetime:
    return datetime.now(timezone.utc)


# -- arguments -----------------------------------------------------------------------------


def parse_day(name: str, text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise UsageError(f"{name} must be a day, YYYY-MM-DD, not {text!r}") from None


def _suffix(path: Path, allowed: Iterable[str], what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise UsageError(f"{what} must end in {', '.join(allowed)}: {path}")
    if not path.parent.is_dir():
        raise UsageError(f"no such directory: {path.parent}")
    return suffix


# -- rows ----------------------------------------------------------------------------------

_FRACTION = re.compile(r"\.(\d+)")


def parse_instant(value: Any) -> datetime | None:
    """An ISO 8601 time as the proxy writes it, in UTC (naive = UTC); None when unreadable."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1)
    if text[-1] in "Zz":
        text = text[:-1] + "+00:00"
    # Python 3.10 reads 3 or 6 fractional digits only.
    text = _FRACTION.sub(lambda m: "." + (m.group(1) + "000000")[:6], text, count=1)
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    if instant.tzinfo is None:
        return instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(timezone.utc)


def log_day(row: Mapping[str, Any]) -> str | None:
    """The UTC day (``YYYY-MM-DD``) a log row started on."""
    instant = parse_instant(row.get("startTime"))
    return instant.date().isoformat() if instant else None


def _json_field(value: Any) -> Any:
    # The proxy may hand a JSON column back as its text.
    if isinstance(value, (str, bytes)):
        try:
            return _jsonutil.loads(value)
        except _jsonutil.JSONDecodeError:
            return value
    return value


def groups_of(row: Mapping[str, Any], by: str) -> list[tuple[str | None, str | None]]:
    """The (group, label) pairs a log row counts in: one, or one per request tag."""
    meta = _json_field(row.get("metadata"))
    meta = meta if isinstance(meta, dict) else {}
    if by == "tag":
        tags = _json_field(row.get("request_tags"))
        if isinstance(tags, str):
            tags = [tags]
        names = dict.fromkeys(str(t) for t in tags or () if t not in (None, ""))
        return [(name, None) for name in names] or [(None, None)]
    if by == "team":
        return [(row.get("team_id") or None, meta.get("user_api_key_team_alias"))]
    if by == "key":
        return [(row.get("api_key") or None, meta.get("user_api_key_alias"))]
    if by == "user":
        return [(row.get("user") or None, meta.get("user_api_key_user_email"))]
    if by == "model":
        return [(row.get("model_group") or row.get("model") or None, None)]
    raise ValueError(f"by must be one of {', '.join(BY)}, not {by!r}")


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


@dataclass
class _Sum:
    label: str | None = None
    spend: float = 0.0
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


@dataclass
class DayTotals:
    """Spend, requests and tokens per (day, group)."""

    by: str
    sums: dict[tuple[str, str | None], _Sum] = field(default_factory=dict)

    def add(self, row: Mapping[str, Any]) -> None:
        """Count one log row."""
        day = log_day(row) or ""
        for group, label in groups_of(row, self.by):
            self._merge(
                day,
                group,
                label,
                _number(row.get("spend")),
                1,
                *(int(_number(row.get(n))) for n in BY_COLUMNS[5:]),
            )

    def merge(self, row: Mapping[str, Any]) -> None:
        """Count one row of totals (as ``rows`` gives them)."""
        self._merge(
            str(row.get("day") or ""),
            row.get("group"),
            row.get("label"),
            _number(row.get("spend")),
            *(int(_number(row.get(n))) for n in BY_COLUMNS[4:]),
        )

    def _merge(
        self, day: str, group: str | None, label: str | None, spend: float, *counts: int
    ) -> None:
        total = self.sums.get((day, group))
        if total is None:
            total = self.sums[(day, group)] = _Sum()
        total.label = total.label or label
        total.spend += spend
        total.requests += counts[0]
        total.prompt_tokens += counts[1]
        total.completion_tokens += counts[2]
        total.total_tokens += counts[3]

    def rows(self) -> list[dict[str, Any]]:
        """A row per (day, group): days in order, the biggest spend first within a day."""
        ordered = sorted(self.sums.items(), key=lambda kv: (kv[0][0], -kv[1].spend, kv[0][1] or ""))
        return [
            {
                "day": day,
                "group": group,
                "label": s.label,
                "spend": s.spend,
                "requests": s.requests,
                "prompt_tokens": s.prompt_tokens,
                "completion_tokens": s.completion_tokens,
                "total_tokens": s.total_tokens,
            }
            for (day, group), s in ordered
        ]


# -- fetching ------------------------------------------------------------------------------


class IncompleteWindow(Exception):
    """The proxy counted more logs in a window than its pages gave (the order of logs with the
    same start time moved between pages, or logs were removed during the walk)."""


def _stamp(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%M:%S")


async def _windows(
    client: LiteLLMClient, start: datetime, end: datetime, page_size: int
) -> AsyncIterator[list[SpendLog]]:
    """The logs with ``start <= startTime < end``, oldest first, a window at a time.

    The proxy pages by offset over logs sorted by start time only, and counts at most 10,000
    matches. A window it cannot count, or whose pages miss logs it counted (logs with the same
    start time may swap places between two pages), is read again as two halves, down to one
    second: every window is checked complete, and holds at most 10,000 logs in memory.
    """
    logs = await _read_window(client, start, end, page_size)
    if logs is not None:
        yield logs
        return
    middle = start + (end - start) // 2
    middle -= timedelta(microseconds=middle.microsecond)  # the query takes whole seconds
    for half in ((start, middle), (middle, end)):
        async for batch in _windows(client, *half, page_size):
            yield batch


async def _read_window(
    client: LiteLLMClient, start: datetime, end: datetime, page_size: int
) -> list[SpendLog] | None:
    """A window's logs, each once; None when it is to be read as two halves."""
    pager = client.spend.logs(
        start_date=_stamp(start),
        end_date=_stamp(end),
        page_size=page_size,
        sort_by="startTime",
        sort_order="asc",
    )
    splittable = end - start > _SECOND
    seen: dict[str, SpendLog] = {}
    total: int | None = None
    # Left after its first page, the walk holds nothing open: each page is read whole.
    async for page in pager.pages():
        if total is None:
            if page.total_is_capped and splittable:
                return None
            total = 0 if page.total_is_capped else page.total
        for log in page.data:
            seen.setdefault(log.request_id, log)
    if len(seen) < (total or 0):
        if splittable:
            return None
        raise IncompleteWindow(
            f"the proxy counted {total} logs from {_stamp(start)} to {_stamp(end)} but its pages "
            f"gave {len(seen)}"
        )
    # Both ends of the query are included: a log on ``end`` belongs to the next window.
    return [
        log
        for log in seen.values()
        if (instant := parse_instant(log.startTime)) is None or start <= instant < end
    ]


def _day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


# -- the job -------------------------------------------------------------------------------


@dataclass
class ExportResult:
    """What an export did: days fetched by this run, days done before, rows written to OUT
    (none when a day failed), the days that failed (and why), those not over yet."""

    fetched: int = 0
    already_done: int = 0
    rows: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    open_days: list[str] = field(default_factory=list)
    nothing_to_do: bool = False


@dataclass
class _Paths:
    out: Path
    meta: Path
    parts: Path

    @classmethod
    def of(cls, out: Path) -> _Paths:
        return cls(out, out.with_name(out.name + ".meta.json"), out.with_name(out.name + ".parts"))

    def part(self, day: str, *, settled: bool) -> Path:
        return self.parts / (f"{day}.jsonl" if settled else f"{day}.open.jsonl")


def _read_meta(paths: _Paths) -> dict[str, Any] | None:
    if not paths.meta.exists():
        return None
    try:
        meta = _jsonutil.loads(paths.meta.read_bytes())
    except (OSError, _jsonutil.JSONDecodeError):
        meta = None
    if not isinstance(meta, dict):
        raise UsageError(f"{paths.meta} is unreadable; pass --restart")
    return meta


def _bind(paths: _Paths, job: dict[str, Any], restart: bool) -> bool:
    """Check OUT, its parts and its sidecar against the arguments; True when OUT is complete."""
    if restart:
        paths.out.unlink(missing_ok=True)
        paths.meta.unlink(missing_ok=True)
        shutil.rmtree(paths.parts, ignore_errors=True)
    meta = _read_meta(paths)
    if meta is None:
        if paths.out.exists() or paths.parts.exists():
            raise UsageError(f"{paths.out} exists without {paths.meta.name}; pass --restart")
    elif meta.get("args") != job:
        raise UsageError(
            f"{paths.out} was written by an export with other arguments; "
            "run with the same ones to resume, or pass --restart"
        )
    elif meta.get("complete") and paths.out.exists():
        return True
    paths.meta.write_bytes(_jsonutil.dumps({"args": job, "complete": False}))
    paths.parts.mkdir(exist_ok=True)
    for stale in paths.parts.glob("*.tmp"):
        stale.unlink()  # a day being written when the last run was killed
    for stale in paths.parts.glob("*.open.jsonl"):
        stale.unlink()
    return False


def _read_part(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as f:
        for line in f:
            yield _jsonutil.loads(line)


async def export(
    client: LiteLLMClient,
    *,
    start: date,
    end: date,
    out: Path,
    by: str | None = None,
    chart: Path | None = None,
    top: int = 8,
    page_size: int = PAGE_MAX,
    concurrency: int = 4,
    restart: bool = False,
    progress: bool = False,
) -> ExportResult:
    """Export the spend logs of the days ``start`` to ``end`` (both included) to ``out``;
    with ``by``, a row per (day, group) instead of a row per log. Bad arguments raise
    ``UsageError`` before any request."""
    if end < start:
        raise UsageError(f"--to ({end}) is before --from ({start})")
    if by is not None and by not in BY:
        raise UsageError(f"--by must be one of {', '.join(BY)}, not {by!r}")
    if not 1 <= page_size <= PAGE_MAX:
        raise UsageError(f"--page-size must be 1 to {PAGE_MAX}")
    fmt = FORMATS[_suffix(out, FORMATS, "--out")]
    if fmt == "parquet":
        _extra("pyarrow")
    if chart is not None:
        _suffix(chart, CHART_FORMATS, "--chart")
        _extra("matplotlib")
    paths = _Paths.of(out)
    job = {"from": start.isoformat(), "to": end.isoformat(), "by": by, "base_url": client.base_url}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    result = ExportResult()
    if _bind(paths, job, restart):
        result.nothing_to_do = True
        return result

    todo = [d for d in days if not paths.part(d.isoformat(), settled=True).exists()]
    result.already_done = len(days) - len(todo)

    async def fetch(day: date) -> None:
        settled = _now() >= _day_start(day) + timedelta(days=1) + SETTLE
        totals = DayTotals(by) if by is not None else None
        with _atomic(paths.part(day.isoformat(), settled=settled)) as f:
            window = _windows(
                client, _day_start(day), _day_start(day + timedelta(days=1)), page_size
            )
            async for logs in window:
                for log in logs:
                    row = log.model_dump(mode="json")
                    if totals is None:
                        f.write(jsonl(row))
                    else:
                        totals.add(row)
            if totals is not None:
                f.writelines(jsonl(row) for row in totals.rows())

    runner = BulkRunner(concurrency=concurrency, progress=progress, progress_label="days")
    stream = cast("AsyncGenerator[Outcome[date, None], None]", runner.stream(fetch, todo))
    async with contextlib.aclosing(stream) as outcomes:  # stopped: in-flight days cancelled
        async for outcome in outcomes:
            if outcome.ok:
                result.fetched += 1
            else:
                error = outcome.error
                stop_on_refusal(error)  # a refused key, no proxy: every day would fail alike
                result.failed.append(
                    (outcome.item.isoformat(), one_line(f"{type(error).__name__}: {error}"))
                )
    if result.failed:
        for unkept in paths.parts.glob("*.open.jsonl"):
            unkept.unlink()  # fetched again by any run
        return result

    result.open_days = [
        d.isoformat() for d in days if not paths.part(d.isoformat(), settled=True).exists()
    ]
    result.rows = _join(paths, fmt, [d.isoformat() for d in days], by, chart, top, job)
    return result


def _join(
    paths: _Paths,
    fmt: str,
    days: list[str],
    by: str | None,
    chart: Path | None,
    top: int,
    job: dict[str, Any],
) -> int:
    """Write OUT (and the chart) from the parts, in day order; then drop the parts."""
    files = [
        p if (p := paths.part(day, settled=True)).exists() else paths.part(day, settled=False)
        for day in days
    ]
    totals = DayTotals(by or "model")

    def rows(count: bool) -> Iterator[dict[str, Any]]:
        for path in files:
            for row in _read_part(path):
                if count:
                    (totals.add if by is None else totals.merge)(row)
                yield row

    if by is not None:
        columns = list(BY_COLUMNS)
    elif fmt == "jsonl":
        columns = []
    else:
        columns = log_columns(rows(count=False))
    with _atomic(paths.out) as f:
        written = _WRITERS[fmt](f, columns, rows(count=True))
    if chart is not None:
        what = f"by {by}" if by else "by model"
        title = f"Spend per day {what}, {days[0]} to {days[-1]} (UTC)"
        from ._spend_chart import chart_series, draw_chart  # the plot extra's part

        draw_chart(chart, days, chart_series(totals, days, top), title)
    complete = all(paths.part(day, settled=True).exists() for day in days)
    paths.meta.write_bytes(_jsonutil.dumps({"args": job, "complete": complete}))
    shutil.rmtree(paths.parts, ignore_errors=True)
    return written
