"""Run an OpenAI Batch input file live through the proxy, within limits, resumable.

>>> summary = await run_batch_file(client, "requests.jsonl", "answers.jsonl", rpm=600, tpm=200_000)
>>> print(summary.report())

The whole input is validated before the first request. Each answer is appended to the output as
an OpenAI Batch output line as soon as it comes; failed lines also go to an errors file. Killed
at any point (``kill -9`` included) and run again, the job sends only the lines with no answer
yet, a failed answer, or an answer to another version of the line (body or model changed), and
every ``custom_id`` ends in the output exactly once. ``ordered=True`` rewrites the output in
input order at the end.

Limits: ``rpm`` requests and ``tpm`` tokens per minute (tokens estimated from each body, the
budget corrected by the ``usage`` that comes back), ``concurrency`` requests in flight, cut by
half (AIMD, ``BulkRunner``) on a 429/503 or when the proxy's ``x-ratelimit-remaining-requests``
/ ``-tokens`` headers run low; at zero, new requests wait for the window to reset.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _jsonutil
from ._batch_lines import (
    BatchFileError,
    BatchLine,
    completion_allowance,
    estimate_tokens,
    failed,
    output_line,
    prompt_text,
    read_output,
    validate_file,
)
from ._endpoint import REGISTRY
from ._exceptions import APIError, APIStatusError
from .bulk import BulkRunner

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["BatchFileError", "BatchLine", "RunSummary", "run_batch_file", "validate_file"]

_BLOCK = 1 << 20
_MAX_PAUSE = 60.0  # longest wait for a rate-limit window, whatever the proxy says


@dataclass
class RunSummary:
    """What a run did (or, ``dry_run``, would do)."""

    total: int = 0
    """Lines in the input."""
    already_done: int = 0
    """Lines answered by an earlier run and kept."""
    sent: int = 0
    succeeded: int = 0
    failed: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    """Answers of this run by HTTP status ("200", "429"...), "no response" without one."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_tokens: int = 0
    """The estimate of the lines sent (``dry_run``: of every line)."""
    exact_tokens: bool = False
    cost: float = 0.0
    """Sum of the proxy's ``x-litellm-response-cost`` headers."""
    latencies: list[float] = field(default_factory=list, repr=False)
    elapsed: float = 0.0
    slowdowns: int = 0
    """Times the proxy's remaining-requests/tokens headers made the job slow down."""
    dry_run: bool = False
    output: Path | None = None
    errors: Path | None = None

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def percentile(self, p: float) -> float:
        """Latency (seconds) of this run's requests at percentile ``p`` (0-100); 0 if none."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def report(self) -> str:
        """The summary as a few lines of text."""
        if self.dry_run:
            kind = "counted by the proxy" if self.exact_tokens else "estimated"
            return (
                f"run --dry-run: {self.total} lines valid, {self.total - self.already_done} to "
                f"send ({self.already_done} already done), {self.estimated_tokens:,} tokens "
                f"({kind}); nothing sent"
            )
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(self.statuses.items())) or "none"
        rate = self.sent / self.elapsed if self.elapsed > 0 else 0.0
        lines = [
            f"run: {self.succeeded} succeeded, {self.failed} failed, {self.already_done} already "
            f"done, of {self.total} lines in {self.elapsed:.1f} s ({rate:,.1f} requests/s)",
            f"  statuses: {statuses}",
            f"  tokens: {self.prompt_tokens:,} prompt, {self.completion_tokens:,} completion; "
            f"cost ${self.cost:.6f}",
            f"  latency: p50 {self.percentile(50) * 1000:.0f} ms, "
            f"p99 {self.percentile(99) * 1000:.0f} ms",
        ]
        if self.output is not None:
            errors = f"; failed lines -> {self.errors}" if self.failed else ""
            lines.append(f"  output -> {self.output}{errors}")
        return "\n".join(lines)


def errors_path(output: Path) -> Path:
    """The default errors file of an output: ``out.jsonl`` -> ``out.errors.jsonl``."""
    return output.with_name(f"{output.stem}.errors{output.suffix or '.jsonl'}")


async def run_batch_file(
    client: LiteLLMClient,
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    rpm: float | None = None,
    tpm: float | None = None,
    concurrency: int = 32,
    ordered: bool = False,
    errors: str | os.PathLike[str] | None = None,
    dry_run: bool = False,
    exact_tokens: bool = False,
    restart: bool = False,
    progress: bool = False,
    sleep: Callable[[float], Any] = asyncio.sleep,
) -> RunSummary:
    """Send every line of ``input`` not answered in ``output`` yet; the summary.

    ``errors`` (default ``<output stem>.errors.jsonl``) gets the failed lines of the output.
    ``dry_run`` validates and estimates tokens (``exact_tokens``: counted by the proxy's token
    counter) and sends nothing. ``restart`` discards the output first. Raises
    ``BatchFileError`` for a bad input line, before anything is sent.
    """
    for name, value in (("rpm", rpm), ("tpm", tpm)):
        if value is not None and not value > 0:
            raise ValueError(f"{name} must be > 0")
    if concurrency < 1:
        raise ValueError("concurrency must be >= 1")
    lines = validate_file(input)
    out, err = _paths(Path(input), Path(output), errors)
    summary = RunSummary(total=len(lines), dry_run=dry_run, exact_tokens=exact_tokens)
    counter = _Counter(client) if exact_tokens else None
    if dry_run:
        summary.already_done = 0 if restart else len(_answered(out, lines))
        for line in lines:
            summary.estimated_tokens += await _estimate(line, counter)
        return summary

    done = _resume(out, lines, restart=restart)
    summary.already_done = len(done)
    summary.output, summary.errors = out, err
    todo = [line for line in lines if line.custom_id not in done]
    job = _Job(client, summary, counter, rpm=rpm, tpm=tpm, sleep=sleep)
    job.runner = runner = BulkRunner(
        concurrency=concurrency,
        rate=(rpm, 60.0) if rpm else None,
        progress=progress,
        progress_label="requests",
    )
    started = time.monotonic()
    job.sinks = _Sinks(out, err)
    try:
        async for outcome in runner.stream(job.send, todo):
            if outcome.error is not None and not isinstance(outcome.error, asyncio.CancelledError):
                job.unexpected(outcome.item, outcome.error)
    finally:
        job.sinks.close()
        summary.elapsed = time.monotonic() - started
    _finish(out, err, lines if ordered else None)
    return summary


def _paths(input: Path, output: Path, errors: str | os.PathLike[str] | None) -> tuple[Path, Path]:
    err = Path(errors) if errors is not None else errors_path(output)
    if output.resolve() in (input.resolve(), err.resolve()):
        raise BatchFileError(f"{output}: the output must be neither the input nor the errors file")
    return output, err


class _Sinks:
    """The output (appended to) and the errors file (this run's failures) while sending."""

    def __init__(self, out: Path, err: Path) -> None:
        self.out = out.open("ab")
        self.err = err.open("wb")

    def write(self, line: bytes, *, failure: bool) -> None:
        # One write of a whole line: a kill can tear only the last line, which resume cuts.
        for f in (self.out, self.err) if failure else (self.out,):
            f.write(line)
            f.flush()

    def close(self) -> None:
        self.out.close()
        self.err.close()


def _finish(out: Path, err: Path, order: list[BatchLine] | None) -> None:
    """After a complete run: the output in input order if asked, the errors file rewritten from
    the output (every failure of it, in its order)."""
    if order is not None:
        where = {rec["custom_id"]: (offset, len(raw)) for offset, raw, rec in read_output(out)}
        _rewrite(out, [where[line.custom_id] for line in order if line.custom_id in where])
    tmp = err.with_name(err.name + ".tmp")
    with tmp.open("wb") as f:
        for _, raw, record in read_output(out):
            if failed(record):
                f.write(raw)
    os.replace(tmp, err)


# -- resume --------------------------------------------------------------------------------


def _trim(path: Path) -> None:
    """Cut a torn last line (a kill in the middle of a write) off ``path``."""
    size = path.stat().st_size
    keep = offset = 0
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            if (last := block.rfind(b"\n")) >= 0:
                keep = offset + last + 1
            offset += len(block)
    if keep != size:
        with path.open("r+b") as f:
            f.truncate(keep)


def _answered(out: Path, lines: list[BatchLine]) -> set[str]:
    """custom_ids whose answer in ``out`` is a success for the current version of the line."""
    if not out.exists():
        return set()
    wanted = {line.custom_id: line.output_id for line in lines}
    return {
        record["custom_id"]
        for _, _, record in read_output(out)
        if wanted.get(record["custom_id"]) == record.get("id") and not failed(record)
    }


def _resume(out: Path, lines: list[BatchLine], *, restart: bool) -> set[str]:
    """The custom_ids already answered; ``out`` rewritten without the lines to send again.

    Dropped: failures, answers to another version of a line, duplicates. An output holding
    custom_ids the input does not have was made from another input: refused, not pruned.
    """
    if restart:
        out.unlink(missing_ok=True)
    if not out.exists():
        return set()
    _trim(out)
    wanted = {line.custom_id: line.output_id for line in lines}
    keep: list[tuple[int, int]] = []  # (offset, length) of the records kept
    done: set[str] = set()
    dropped = 0
    for offset, raw, record in read_output(out):
        custom_id = record["custom_id"]
        if custom_id not in wanted:
            raise BatchFileError(
                f"{out} holds custom_id {custom_id!r}, which the input does not have: it was "
                "written from another input; use another output, or --restart (restart=True)"
            )
        if custom_id in done or record.get("id") != wanted[custom_id] or failed(record):
            dropped += 1
            continue
        done.add(custom_id)
        keep.append((offset, len(raw)))
    if dropped:
        _rewrite(out, keep)
    return done


def _rewrite(out: Path, spans: list[tuple[int, int]]) -> None:
    """Replace ``out`` by the given spans of itself, atomically (killed before the swap, the
    old file stays)."""
    tmp = out.with_name(out.name + ".tmp")
    try:
        with out.open("rb") as old, tmp.open("wb") as new:
            for offset, length in spans:
                old.seek(offset)
                new.write(old.read(length))
            new.flush()
            os.fsync(new.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


# -- sending -------------------------------------------------------------------------------


def _retry_safe(route: str) -> bool:
    """The client's retry rule for ``route`` (its declared endpoint's)."""
    from .resources import anthropic, chat, completions, embeddings, media, responses  # noqa: F401

    for endpoint in REGISTRY:
        if endpoint.method == "POST" and endpoint.path == route:
            return endpoint.retry_safe
    return False  # pragma: no cover - every URLS route is declared


class _Counter:
    """The proxy's token counts, one ``TokenCounter`` per model."""

    def __init__(self, client: LiteLLMClient) -> None:
        self._client = client
        self._counters: dict[str, Any] = {}

    async def count(self, model: str, text: str) -> int:
        from ._tokens import TokenCounter

        if model not in self._counters:
            self._counters[model] = TokenCounter(self._client, model)
        return int(await self._counters[model].count(text))


async def _estimate(line: BatchLine, counter: _Counter | None) -> int:
    model = line.body.get("model")
    if counter is None or not isinstance(model, str) or not model:
        return estimate_tokens(line.body)
    # The proxy counts the prompt; the completion allowance is the body's own.
    return await counter.count(model, prompt_text(line.body)) + completion_allowance(line.body)


class _TokenBudget:
    """Tokens per minute: a bucket refilled continuously, debited by the estimate before a
    request and corrected by the usage after it."""

    def __init__(self, per_minute: float, sleep: Callable[[float], Any]) -> None:
        self.capacity = per_minute
        self.level = per_minute
        self.rate = per_minute / 60.0
        self._sleep = sleep
        self._stamp = time.monotonic()
        self._lock = asyncio.Lock()

    def _refill(self) -> None:
        now = time.monotonic()
        self.level = min(self.capacity, self.level + (now - self._stamp) * self.rate)
        self._stamp = now

    async def take(self, amount: float) -> None:
        amount = min(amount, self.capacity)
        async with self._lock:  # first come, first served
            self._refill()
            while self.level < amount:
                await self._sleep((amount - self.level) / self.rate)
                self._refill()
            self.level -= amount

    def correct(self, delta: float) -> None:
        """``delta`` more tokens were used than taken (negative: fewer, given back)."""
        self._refill()
        self.level = min(self.capacity, self.level - delta)


def _header_number(headers: Mapping[str, str], name: str) -> float | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        return float(value.removesuffix("s"))
    except ValueError:
        return None


def _no_response(line: BatchLine, error: BaseException) -> dict[str, Any]:
    message = {"code": type(error).__name__, "message": str(error)}
    return output_line(line, status_code=None, request_id=None, body=None, error=message)


class _Job:
    """One run's sending: limits, feedback, accounting and the writing of each answer."""

    def __init__(
        self,
        client: LiteLLMClient,
        summary: RunSummary,
        counter: _Counter | None,
        *,
        rpm: float | None,
        tpm: float | None,
        sleep: Callable[[float], Any],
        emit: Callable[[dict[str, Any], bool], None] | None = None,
    ) -> None:
        self.client = client
        self.summary = summary
        # Where each output line goes (its record, whether it failed): the output files by
        # default, or a caller's collector (aio_litellm.ray_data keeps them in memory).
        self.emit = emit or self._to_sinks
        self.counter = counter
        self.budget = _TokenBudget(tpm, sleep) if tpm else None
        self.sleep = sleep
        self.pause_until = 0.0
        self.runner: BulkRunner | None = None
        self.sinks: _Sinks | None = None
        self.retry_safe: dict[str, bool] = {}

    async def send(self, line: BatchLine) -> None:
        if (wait := self.pause_until - time.monotonic()) > 0:
            await self.sleep(wait)
        estimate = await _estimate(line, self.counter)
        if self.budget is not None:
            await self.budget.take(estimate)
        route = line.route
        if route not in self.retry_safe:
            self.retry_safe[route] = _retry_safe(route)
        summary = self.summary
        summary.sent += 1
        summary.estimated_tokens += estimate
        began = time.monotonic()
        try:
            answer = await self.client.request_raw(
                "POST", route, json=line.body, retry_safe=self.retry_safe[route]
            )
        except APIStatusError as exc:
            self._feedback(exc.headers, estimate)
            code = exc.error_code or exc.error_type or str(exc.status_code)
            record = output_line(
                line,
                status_code=exc.status_code,
                request_id=exc.request_id,
                body=exc.body,
                error={"code": code, "message": exc.message},
            )
            status = str(exc.status_code)
        except APIError as exc:
            record = _no_response(line, exc)
            status = "no response"
        else:
            try:
                body = answer.json()
            except _jsonutil.JSONDecodeError:
                body = (answer.content or b"").decode("utf-8", "replace")
            record = output_line(
                line, status_code=answer.status_code, request_id=answer.request_id, body=body
            )
            status = str(answer.status_code)
            used = self._account(body, answer.headers)
            if self.budget is not None and used is not None:
                self.budget.correct(used - estimate)
            self._feedback(answer.headers, estimate)
        summary.latencies.append(time.monotonic() - began)
        self._write(record, status)

    def unexpected(self, line: BatchLine, error: BaseException) -> None:
        """A line whose sending raised something other than an API error still gets its
        output line (a failure, sent again by the next run)."""
        self._write(_no_response(line, error), "no response")

    def _write(self, record: dict[str, Any], status: str) -> None:
        self.summary.statuses[status] += 1
        is_failure = failed(record)
        self.summary.failed += is_failure
        self.summary.succeeded += not is_failure
        self.emit(record, is_failure)

    def _to_sinks(self, record: dict[str, Any], failure: bool) -> None:
        assert self.sinks is not None
        self.sinks.write(_jsonutil.dumps(record) + b"\n", failure=failure)

    def _account(self, body: Any, headers: Mapping[str, str]) -> int | None:
        """Add the answer's usage and cost to the summary; its total tokens if it says."""
        cost = _header_number(headers, "x-litellm-response-cost")
        if cost is not None:
            self.summary.cost += cost
        usage = body.get("usage") if isinstance(body, dict) else None
        if not isinstance(usage, dict):
            return None
        prompt = usage.get("prompt_tokens", usage.get("input_tokens")) or 0
        completion = usage.get("completion_tokens", usage.get("output_tokens")) or 0
        if not isinstance(prompt, int) or not isinstance(completion, int):
            return None
        self.summary.prompt_tokens += prompt
        self.summary.completion_tokens += completion
        total = usage.get("total_tokens")
        return total if isinstance(total, int) else prompt + completion

    def _feedback(self, headers: Mapping[str, str], estimate: int) -> None:
        """Slow down when the proxy says its limits are nearly used: fewer requests in flight
        (AIMD cut) when what remains would not cover one more round, a pause at zero."""
        requests = _header_number(headers, "x-ratelimit-remaining-requests")
        tokens = _header_number(headers, "x-ratelimit-remaining-tokens")
        if requests is None and tokens is None:
            return
        assert self.runner is not None
        limit = self.runner.limit
        low = (requests is not None and requests < limit.limit) or (
            tokens is not None and tokens < estimate * limit.limit
        )
        if not low:
            return
        self.summary.slowdowns += 1
        limit.on_throttle(limit.generation)
        if (requests is not None and requests <= 0) or (tokens is not None and tokens <= 0):
            reset = (
                _header_number(headers, "x-ratelimit-reset-requests")
                if requests is not None and requests <= 0
                else _header_number(headers, "x-ratelimit-reset-tokens")
            )
            wait = min(reset if reset is not None and reset > 0 else 1.0, _MAX_PAUSE)
            self.pause_until = max(self.pause_until, time.monotonic() + wait)
