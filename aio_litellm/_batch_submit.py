"""``run --submit``: an OpenAI Batch input file run as one provider batch through the proxy.

The file is uploaded (``client.files``), run as a batch (``client.batches``), polled until the
batch ends, and its result files are downloaded into the same output format as the live run:
every line that came back goes to the output (``id``, ``custom_id``, ``response``, ``error``),
and the failed ones also to the errors file. A rerun with the same output resumes polling the
batch it started (a sidecar ``<output>.submit.json`` names it) instead of submitting again.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _jsonutil
from ._batch_lines import validate_file
from ._jobfiles import JobFailed, UsageError, file_digest
from ._retry import Sleep
from .types.batches import Batch, BatchCreateParams, BatchRouting

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["FINAL_STATES", "SubmitSummary", "submit_batch_file"]

FINAL_STATES = frozenset({"completed", "failed", "expired", "cancelled"})


@dataclass(frozen=True)
class SubmitSummary:
    """How a submitted batch ended and what came back of it."""

    batch_id: str
    status: str
    """The batch's final state: ``completed``, ``failed``, ``expired`` or ``cancelled``."""
    total: int
    """Lines of the input."""
    succeeded: int
    """Lines answered with a 2xx response."""
    failed: int
    """Lines that came back with an error or a non-2xx response."""
    missing: int
    """Lines of the input that came back in neither file (an expired or cancelled batch)."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    input_file_id: str | None = None
    output_file_id: str | None = None
    error_file_id: str | None = None
    errors: list[str] = field(default_factory=list)
    """The batch's own errors (a file the provider refused as a whole)."""
    states: tuple[str, ...] = ()
    """The states the batch was seen in, in order (``validating``, ``in_progress`` ...)."""
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "completed" and not self.failed and not self.missing

    def describe(self) -> str:
        """One line for a terminal: how the batch went and what came back."""
        return (
            f"batch {self.batch_id} {' -> '.join(self.states) or self.status}: "
            f"{self.succeeded} ok, {self.failed} failed, {self.missing} missing of {self.total}; "
            f"{self.prompt_tokens} prompt + {self.completion_tokens} completion tokens "
            f"in {self.elapsed:.1f} s" + "".join(f"; {error}" for error in self.errors)
        )


async def submit_batch_file(
    client: LiteLLMClient,
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    errors_path: str | os.PathLike[str] | None = None,
    poll_every: float = 10.0,
    timeout: float = 25 * 3600.0,
    sleep: Sleep | None = None,
    metadata: Mapping[str, str] | None = None,
    custom_llm_provider: str | None = None,
    restart: bool = False,
    on_poll: Callable[[Batch], None] | None = None,
) -> SubmitSummary:
    """Run ``input_path`` (OpenAI Batch lines of one endpoint) as a provider batch and write
    its results to ``output_path`` (and the failed lines to ``errors_path``).

    The whole file is checked before anything is sent (``UsageError`` with the line number):
    a file mixing endpoints cannot be one batch. ``timeout`` bounds the seconds spent waiting
    between polls (every ``poll_every`` s, with ``sleep`` or the client's injected sleep);
    past it ``JobFailed`` names the batch, and a rerun with the same arguments resumes
    polling it. ``restart`` forgets a batch an earlier run started and submits anew.
    ``on_poll`` sees the batch after every read (its state and ``request_counts``).
    """
    if poll_every <= 0:
        raise ValueError("poll_every must be > 0 seconds")
    if timeout <= 0:
        raise ValueError("timeout must be > 0 seconds")
    source, out = Path(input_path), Path(output_path)
    errors_out = _errors_target(out, errors_path)
    started = time.monotonic()
    endpoint, ids = _scan(source)
    routing: BatchRouting = {}
    if custom_llm_provider:
        routing["custom_llm_provider"] = custom_llm_provider
    sidecar = _Sidecar(out, file_digest(source), restart=restart)

    if sidecar.batch_id is None:
        upload = await client.files.create(file=source, purpose="batch", **routing)
        params: BatchCreateParams = {
            "input_file_id": upload.id,
            "endpoint": endpoint,
            "completion_window": "24h",
        }
        if custom_llm_provider:
            params["custom_llm_provider"] = custom_llm_provider
        if metadata:
            params["metadata"] = dict(metadata)
        batch = await client.batches.create(**params)
        sidecar.save(batch.id, upload.id)
    else:
        batch = await client.batches.retrieve(sidecar.batch_id, **routing)

    states: list[str] = []
    batch = await _wait(
        client, batch, routing, poll_every, timeout, sleep or client._sleep, states, on_poll
    )
    counts = await _download(client, batch, routing, ids, out, errors_out)
    sidecar.clear()
    return SubmitSummary(
        batch_id=batch.id,
        status=batch.status or "",
        total=len(ids),
        missing=len(ids) - counts.succeeded - counts.failed,
        succeeded=counts.succeeded,
        failed=counts.failed,
        prompt_tokens=counts.prompt_tokens,
        completion_tokens=counts.completion_tokens,
        input_file_id=batch.input_file_id or sidecar.input_file_id,
        output_file_id=batch.output_file_id,
        error_file_id=batch.error_file_id,
        errors=[e.message or e.code or "" for e in (batch.errors.data or [])]
        if batch.errors
        else [],
        states=tuple(states),
        elapsed=time.monotonic() - started,
    )


# -- the input -----------------------------------------------------------------------------


def _scan(path: Path) -> tuple[str, set[str]]:
    """The one endpoint of the file's lines and their custom_ids: the lines checked as a live
    run checks them (``validate_file``), and all of one url (a provider batch runs one)."""
    lines = validate_file(path)  # an empty file is refused there
    first = lines[0]
    for line in lines[1:]:
        if line.url != first.url:
            raise UsageError(
                f"{path}:{line.line}: url {line.url} differs from line {first.line}'s "
                f"{first.url}: a provider batch runs one endpoint; split the file by url or run "
                "it live"
            )
    return first.url, {line.custom_id for line in lines}


def _errors_target(out: Path, errors_path: str | os.PathLike[str] | None) -> Path | None:
    errors_out = Path(errors_path) if errors_path is not None else None
    if errors_out is not None and errors_out.resolve() == out.resolve():
        raise UsageError(f"{out}: the output and the errors file must differ")
    return errors_out


class _Sidecar:
    """``<output>.submit.json``: the batch a run started for an input, so that a rerun polls
    it instead of paying for a second one."""

    def __init__(self, out: Path, digest: str, *, restart: bool) -> None:
        self.path = out.with_name(out.name + ".submit.json")
        self.digest = digest
        self.batch_id: str | None = None
        self.input_file_id: str | None = None
        if restart or not self.path.exists():
            return
        try:
            saved = _jsonutil.loads(self.path.read_bytes())
        except _jsonutil.JSONDecodeError:
            saved = None
        if not isinstance(saved, dict) or not isinstance(saved.get("batch_id"), str):
            raise UsageError(f"{self.path} is not a batch record; pass --restart")
        if saved.get("input_sha256") != digest:
            raise UsageError(
                f"{self.path} names batch {saved['batch_id']} of another input (the file "
                "changed since); pass --restart to submit this one"
            )
        self.batch_id, self.input_file_id = saved["batch_id"], saved.get("input_file_id")

    def save(self, batch_id: str, input_file_id: str) -> None:
        record = {"input_sha256": self.digest, "batch_id": batch_id, "input_file_id": input_file_id}
        self.path.write_bytes(_jsonutil.dumps(record))
        self.batch_id, self.input_file_id = batch_id, input_file_id

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


# -- waiting and downloading ---------------------------------------------------------------


async def _wait(
    client: LiteLLMClient,
    batch: Batch,
    routing: BatchRouting,
    poll_every: float,
    timeout: float,
    sleep: Sleep,
    states: list[str],
    on_poll: Callable[[Batch], None] | None,
) -> Batch:
    """Poll until a final state, noting each change of state in ``states``."""
    waited = 0.0
    while True:
        if on_poll is not None:
            on_poll(batch)
        if not states or states[-1] != (batch.status or ""):
            states.append(batch.status or "")
        if batch.status in FINAL_STATES:
            return batch
        if waited >= timeout:
            raise JobFailed(
                f"batch {batch.id} is still {batch.status} after {timeout:g} s of polling; "
                "run again with the same arguments to go on waiting for it"
            )
        await sleep(poll_every)
        waited += poll_every
        batch = await client.batches.retrieve(batch.id, **routing)


@dataclass
class _Counts:
    succeeded: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


def _is_failure(row: dict[str, Any]) -> bool:
    response = row.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    return row.get("error") is not None or not isinstance(status, int) or not 200 <= status < 300


async def _download(
    client: LiteLLMClient,
    batch: Batch,
    routing: BatchRouting,
    ids: set[str],
    out: Path,
    errors_out: Path | None,
) -> _Counts:
    """Both result files into the output (and the failures into the errors file), each line
    checked; written beside the targets and moved in place once whole."""
    counts, seen = _Counts(), set[str]()
    targets = [out] + ([errors_out] if errors_out is not None else [])
    temps = [t.with_name(t.name + ".tmp") for t in targets]
    try:
        with contextlib.ExitStack() as files:
            main = files.enter_context(temps[0].open("wb"))
            failures = files.enter_context(temps[1].open("wb")) if errors_out else None
            for file_id in (batch.output_file_id, batch.error_file_id):
                if not file_id:
                    continue
                async for number, raw in _lines(client, file_id, routing):
                    row = _check(raw, file_id, number, ids)
                    if row["custom_id"] in seen:
                        continue  # a provider's repeat: every custom_id once
                    seen.add(row["custom_id"])
                    line = raw.rstrip(b"\r\n") + b"\n"
                    main.write(line)
                    if _is_failure(row):
                        counts.failed += 1
                        if failures is not None:
                            failures.write(line)
                    else:
                        counts.succeeded += 1
                        _add_usage(counts, row["response"].get("body"))
        for temp, target in zip(temps, targets, strict=True):
            os.replace(temp, target)
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return counts


def _add_usage(counts: _Counts, body: Any) -> None:
    usage = body.get("usage") if isinstance(body, dict) else None
    if isinstance(usage, dict):
        counts.prompt_tokens += _int(usage.get("prompt_tokens"))
        counts.completion_tokens += _int(usage.get("completion_tokens"))


def _int(value: Any) -> int:
    return value if isinstance(value, int) else 0


async def _lines(
    client: LiteLLMClient, file_id: str, routing: BatchRouting
) -> AsyncIterator[tuple[int, bytes]]:
    """The non-blank lines of a file's content (numbered from 1), read as it arrives."""
    number, rest = 0, b""
    async with client.files.content_stream(file_id, **routing) as body:
        async for chunk in body:
            *complete, rest = (rest + chunk).split(b"\n")
            for raw in complete:
                number += 1
                if raw.strip():
                    yield number, raw
    if rest.strip():
        yield number + 1, rest


def _check(raw: bytes, file_id: str, number: int, ids: set[str]) -> dict[str, Any]:
    where = f"line {number} of the batch's file {file_id}"
    try:
        row = _jsonutil.loads(raw)
    except _jsonutil.JSONDecodeError:
        raise JobFailed(f"{where} is not JSON") from None
    if not isinstance(row, dict) or not ("response" in row or "error" in row):
        raise JobFailed(f"{where} is not a batch output line (no response or error)")
    if row.get("custom_id") not in ids:
        raise JobFailed(f"{where}: custom_id {row.get('custom_id')!r} is not in the input")
    if row.get("response") is not None and not isinstance(row["response"], dict):
        raise JobFailed(f"{where}: response is not an object")
    return row
