"""``aio-litellm keys create|delete|update|list``: virtual keys in bulk, one outcome line per
input in input order, resumable (failed inputs retried on a rerun)."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from ._client import LiteLLMClient
from ._exceptions import (
    NotFoundError,
)
from ._jobfiles import (
    EXIT_FAILED,
    EXIT_OK,
    JobFailed,
    KeyPlan,
    ResumableOutput,
    UsageError,
    file_digest,
    jsonl,
    one_line,
    read_keys,
    read_specs,
    stop_on_refusal,
    summary,
)
from .bulk import BulkRunner, Outcome
from .resources.keys import hash_key, new_key
from .types.keys import KeyGenerateParams, KeyUpdateParams

__all__ = ["cmd_keys_create", "cmd_keys_delete", "cmd_keys_list", "cmd_keys_update"]


async def _keys_job(
    args: argparse.Namespace,
    command: str,
    out: Path,
    digest: str,
    records: Callable[[], Iterator[Any]],
    fn: Callable[[int, Any], Awaitable[Any]],
    ok_fields: Callable[[Any], dict[str, Any]],
) -> int:
    """Run ``fn(index, record)`` over the records, one outcome line per record in ``out``, in
    input order.

    Records whose outcome in ``out`` is a failure are run again first, and ``out`` is rewritten
    with their new outcomes in place (atomically); then the records not in ``out`` yet follow.
    ``out`` is bound to the input's content (``digest``) as well as to the arguments.
    """
    source = Path(args.source).resolve()
    job = {"from": str(source), "command": command, "input_sha256": digest}
    output = ResumableOutput(out, job, restart=args.restart)
    runner = BulkRunner(
        concurrency=args.concurrency, rate=args.rate, progress=not args.quiet, progress_label="keys"
    )
    started = time.monotonic()
    counts = {"done": 0, "failed": 0}

    first_failure: list[str] = []

    async def lines(items: Iterable[tuple[int, Any]]) -> AsyncIterator[tuple[int, bytes]]:
        stream = cast(
            "AsyncGenerator[Outcome[tuple[int, Any], Any], None]",
            runner.stream(lambda pair: fn(*pair), items),
        )
        async with contextlib.aclosing(stream) as outcomes:  # stopped: in-flight ones cancelled
            async for outcome in outcomes:
                index = outcome.item[0]
                if outcome.ok:
                    record = {"index": index, "ok": True, **ok_fields(outcome.value)}
                else:
                    stop_on_refusal(outcome.error)
                    record = {"index": index, "ok": False, "error": _error(outcome)}
                    if not first_failure:
                        first_failure.append(f"{command}: item {index} failed: {_error(outcome)}")
                counts["done"] += 1
                counts["failed"] += not outcome.ok
                yield index, jsonl(record)

    def failed_before() -> Iterator[tuple[int, Any]]:
        # The input goes on past the outcomes written so far: those are for later.
        for (index, record), failed in zip(enumerate(records()), output.failed(), strict=False):
            if failed:
                yield index, record

    retried = 0
    try:
        if any(output.failed()):
            await output.replace(lines(failed_before()))
            retried = counts["done"]
        async for _, line in lines(itertools.islice(enumerate(records()), output.done, None)):
            output.write(line)
    finally:
        output.close()
    if first_failure:
        print(one_line(first_failure[0]), file=sys.stderr)
    again = f", {retried} failed before and retried" if retried else ""
    summary(
        command,
        counts["done"],
        counts["failed"],
        output.done - retried,
        started,
        f"{again}, outcomes -> {out}",
    )
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _error(outcome: Outcome[Any, Any]) -> str:
    return f"{type(outcome.error).__name__}: {outcome.error}"


async def cmd_keys_create(args: argparse.Namespace, client: LiteLLMClient) -> int:
    source, out = Path(args.source), Path(args.out)
    digest = file_digest(source)
    count = sum(1 for _ in _key_specs(source))  # a bad spec fails here, before any request
    with KeyPlan(out.with_name(out.name + ".plan.jsonl")) as plan:
        fresh = await _prepare_plan(plan, out, source, digest, count, args, client)

        async def create(index: int, spec: Any) -> Any:
            # The secret was chosen (and saved) before any create: a rerun sends the same one,
            # so a key created just before an interruption is found again, not made twice.
            own = spec.get("key")
            return await client.keys.create_safely(
                **{**spec, "key": own or plan[index]}, new_secret=fresh and not own
            )

        def created(value: Any) -> dict[str, Any]:
            return {"key": value.key, "token": value.token, "key_alias": value.key_alias}

        return await _keys_job(
            args, "keys create", out, digest, lambda: _key_specs(source), create, created
        )


def _key_specs(source: Path) -> Iterator[dict[str, Any]]:
    return read_specs(source, KeyGenerateParams)


def _key_updates(source: Path) -> Iterator[dict[str, Any]]:
    return read_specs(source, KeyUpdateParams, required=("key",), also=("key",))


async def _prepare_plan(
    plan: KeyPlan,
    out: Path,
    source: Path,
    digest: str,
    count: int,
    args: argparse.Namespace,
    client: LiteLLMClient,
) -> bool:
    """Make sure ``plan`` holds a secret for each spec of this input; True when they are new
    (chosen by this run, so never sent before)."""
    if plan.digest == digest and plan.count == count:
        if args.restart:
            await plan.write(digest, count, _kept_secrets(plan, count, args, client))
        return False
    if plan.path.exists() and not args.restart:
        raise UsageError(
            f"{plan.path} holds the secrets chosen for another input (the content of {source} "
            "changed, or it is another file); use another --out, or pass --restart (keys "
            "created from the other input stay as they are)"
        )
    if out.exists() and not args.restart:
        raise UsageError(f"{out} exists without its {plan.path.name}; pass --restart")
    await plan.write(digest, count, (new_key() for _ in range(count)))
    return True


async def _kept_secrets(
    plan: KeyPlan, count: int, args: argparse.Namespace, client: LiteLLMClient
) -> AsyncIterator[str]:
    """For ``--restart``: each planned secret whose key exists (then found and verified by the
    job instead of created twice); a new secret where there is no such key (never created, or
    deleted since: a deleted key is not brought back to life)."""

    async def exists(index: int) -> bool:
        try:
            info = await client.keys.info(hash_key(plan[index]))
        except NotFoundError:
            return False
        return not (info.info.get("deleted_at") or info.info.get("status") == "deleted")

    runner = BulkRunner(
        concurrency=args.concurrency,
        rate=args.rate,
        progress=not args.quiet,
        progress_label="planned keys checked",
    )
    async for outcome in runner.stream(exists, range(count)):
        if not outcome.ok:
            raise JobFailed(
                f"keys create --restart: could not check whether the key of spec "
                f"{outcome.index} exists ({_error(outcome)}); nothing was changed"
            )
        yield plan[outcome.index] if outcome.value else new_key()


def _key_of(record: Any) -> str:
    """The key of a record ``read_keys`` passed: a string, or an object with a key or token."""
    if isinstance(record, str):
        return record
    if record.get("ok") is False:
        raise ValueError("this record is a failed create: no key")
    return str(record.get("key") or record["token"])


async def cmd_keys_delete(args: argparse.Namespace, client: LiteLLMClient) -> int:
    source = Path(args.source)
    for _ in read_keys(source):  # a malformed line fails here, before any request
        pass
    out = Path(args.out) if args.out else source.with_name(source.name + ".deleted.jsonl")

    async def delete(index: int, record: Any) -> dict[str, Any]:
        key = _key_of(record)
        # A key already gone (a delete whose answer was lost, a rerun) is done too.
        deleted = await client.keys.delete_safely(key)
        token = hash_key(key) if key.startswith("sk-") else key
        return {"token": token} if deleted else {"token": token, "already_gone": True}

    return await _keys_job(
        args,
        "keys delete",
        out,
        file_digest(source),
        lambda: read_keys(source),
        delete,
        lambda fields: fields,
    )


async def cmd_keys_update(args: argparse.Namespace, client: LiteLLMClient) -> int:
    source = Path(args.source)
    for _ in _key_updates(source):  # a malformed update fails here, before any request
        pass
    out = Path(args.out) if args.out else source.with_name(source.name + ".updated.jsonl")

    async def update(index: int, record: Any) -> Any:
        fields = {k: v for k, v in record.items() if k != "key"}
        return await client.keys.update(str(record["key"]), **fields)

    return await _keys_job(
        args,
        "keys update",
        out,
        file_digest(source),
        lambda: _key_updates(source),
        update,
        lambda _: {},
    )


async def cmd_keys_list(args: argparse.Namespace, client: LiteLLMClient) -> int:
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    count = 0
    started = time.monotonic()
    with tmp.open("wb") as f:
        async for key in client.keys.list(size=args.size, return_full_object=args.full):
            f.write(jsonl(key))
            count += 1
    os.replace(tmp, out)
    if not args.quiet:
        summary("keys list", count, 0, 0, started, f" -> {out}")
    return EXIT_OK
