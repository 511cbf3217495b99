"""``aio-litellm``: fan-out jobs from the command line, resumable after any interruption.

    aio-litellm embed texts.jsonl --model text-embedding-3-small --out vectors.npy
    aio-litellm keys create --from specs.csv --out created.jsonl
    aio-litellm keys delete --from created.jsonl
    aio-litellm keys list --out keys.jsonl
    aio-litellm spend export --from 2025-06-01 --to 2025-06-30 --by model --out june.csv
    aio-litellm health [--watch]
    aio-litellm routes

Outputs are written in input order, one line (or row) per input. Killed at any point and run
again with the same arguments, a job continues after the last complete line: the output ends
with every input exactly once, in order. A ``keys`` job run again also retries the inputs whose
outcome is a failure. ``--restart`` starts over.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from . import _embed_cli, _health_cli, _spend_export
from ._client import LiteLLMClient
from ._exceptions import NotFoundError
from ._jobfiles import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    JobFailed,
    KeyPlan,
    ResumableOutput,
    UsageError,
    file_digest,
    jsonl,
    read_records,
    summary,
)
from ._routes import route_lines, run_routes_check
from .bulk import BulkRunner, Outcome
from .resources.keys import hash_key, new_key

__all__ = ["main"]


# -- jobs ----------------------------------------------------------------------------------


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

    async def lines(items: Iterable[tuple[int, Any]]) -> AsyncIterator[tuple[int, bytes]]:
        async for outcome in runner.stream(lambda pair: fn(*pair), items):
            index = outcome.item[0]
            if outcome.ok:
                record = {"index": index, "ok": True, **ok_fields(outcome.value)}
            else:
                record = {"index": index, "ok": False, "error": _error(outcome)}
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
    count = sum(1 for _ in read_records(source, None))  # a bad spec file fails here, before I/O
    with KeyPlan(out.with_name(out.name + ".plan.jsonl")) as plan:
        fresh = await _prepare_plan(plan, out, source, digest, count, args, client)

        async def create(index: int, spec: Any) -> Any:
            if not isinstance(spec, dict):
                raise ValueError(f"spec {index} is not an object")
            # The secret was chosen (and saved) before any create: a rerun sends the same one,
            # so a key created just before an interruption is found again, not made twice.
            own = spec.get("key")
            return await client.keys.create_safely(
                **{**spec, "key": own or plan[index]}, new_secret=fresh and not own
            )

        def created(value: Any) -> dict[str, Any]:
            return {"key": value.key, "token": value.token, "key_alias": value.key_alias}

        return await _keys_job(
            args, "keys create", out, digest, lambda: read_records(source, None), create, created
        )


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
    if isinstance(record, str):
        return record
    if isinstance(record, dict):
        if record.get("ok") is False:
            raise ValueError("this record is a failed create: no key")
        for name in ("key", "token"):
            if record.get(name):
                return str(record[name])
    raise ValueError("expected a key, or an object with 'key' or 'token'")


async def cmd_keys_delete(args: argparse.Namespace, client: LiteLLMClient) -> int:
    source = Path(args.source)
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
        lambda: read_records(source, None),
        delete,
        lambda fields: fields,
    )


async def cmd_keys_update(args: argparse.Namespace, client: LiteLLMClient) -> int:
    source = Path(args.source)
    out = Path(args.out) if args.out else source.with_name(source.name + ".updated.jsonl")

    async def update(index: int, record: Any) -> Any:
        if not isinstance(record, dict) or not record.get("key"):
            raise ValueError("each update is an object with 'key' and the fields to change")
        fields = {k: v for k, v in record.items() if k != "key"}
        return await client.keys.update(str(record["key"]), **fields)

    return await _keys_job(
        args,
        "keys update",
        out,
        file_digest(source),
        lambda: read_records(source, None),
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


async def cmd_spend_export(args: argparse.Namespace, client: LiteLLMClient) -> int:
    out = Path(args.out)
    started = time.monotonic()
    result = await _spend_export.export(
        client,
        start=_spend_export.parse_day("--from", args.start),
        end=_spend_export.parse_day("--to", args.end),
        out=out,
        by=args.by,
        chart=Path(args.chart) if args.chart else None,
        top=args.top,
        page_size=args.page_size,
        concurrency=args.concurrency,
        restart=args.restart,
        progress=not args.quiet,
    )
    if result.nothing_to_do:
        print(f"{out} is complete; nothing to do (--restart to redo)", file=sys.stderr)
        return EXIT_OK
    for day, error in result.failed:
        print(f"spend export: {day} failed: {error}", file=sys.stderr)
    if result.failed:
        extra = "; run the same command again to fetch the missing days"
    else:
        extra = f", {result.rows} rows -> {out}"
        if result.open_days:
            extra += (
                f" ({', '.join(result.open_days)} not over yet: run again later for a complete"
                " export)"
            )
    summary("spend export", result.fetched, len(result.failed), result.already_done, started, extra)
    return EXIT_FAILED if result.failed else EXIT_OK


# -- argument parsing ----------------------------------------------------------------------


def _rate(text: str) -> tuple[float, float]:
    """``N`` (per second) or ``N/SECONDS``."""
    try:
        amount, _, period = text.partition("/")
        value = (float(amount), float(period or 1))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected N or N/SECONDS, got {text!r}") from None
    if value[0] <= 0 or value[1] <= 0:
        raise argparse.ArgumentTypeError("rate must be positive")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aio-litellm",
        description="Fan-out jobs against a LiteLLM proxy: resumable, one outcome per input.",
        epilog="Connection: --base-url/--api-key, or LITELLM_BASE_URL and LITELLM_API_KEY "
        "(LITELLM_MASTER_KEY is used when LITELLM_API_KEY is unset). Exit status: 0 all done, "
        "1 some items failed (see the summary), 2 bad arguments.",
    )
    parser.add_argument("--base-url", help="proxy URL (default: $LITELLM_BASE_URL)")
    parser.add_argument("--api-key", help="key to send (default: $LITELLM_API_KEY)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per attempt")
    parser.add_argument("--max-retries", type=int, default=4, help="retries per request")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    routes = commands.add_parser(
        "routes", help="print METHOD<TAB>PATH<TAB>client.method for every endpoint"
    )
    routes.add_argument(
        "--check",
        metavar="URL",
        help="compare with the routes the proxy at URL lists in its /openapi.json "
        "(exit 0 same, 1 different, 2 unreadable)",
    )

    def job_options(p: argparse.ArgumentParser, concurrency: int) -> None:
        p.add_argument(
            "--concurrency", type=_positive, default=concurrency, help="requests at once"
        )
        p.add_argument("--rate", type=_rate, help="at most N requests per second, or N/SECONDS")
        p.add_argument("--restart", action="store_true", help="discard earlier output, start over")
        p.add_argument("--quiet", action="store_true", help="no progress line")

    embed = commands.add_parser(
        "embed",
        help="embed every text of a file, in order, resumable",
        description="Embed every text of INPUT (.txt: a line each; .jsonl: a string or "
        "--field of an object a line; .csv: the --field column) and write the vectors in "
        "input order to OUT: .jsonl ({index, embedding} a line) or .npy (float32, n x dim).",
    )
    embed.add_argument("input", help="texts: .txt, .jsonl or .csv")
    embed.add_argument("--model", required=True)
    embed.add_argument("--out", required=True, help="vectors: .jsonl or .npy")
    embed.add_argument("--field", help="jsonl field / csv column holding the text (csv: 'text')")
    embed.add_argument("--batch-size", type=_positive, default=128, help="texts per request")
    embed.add_argument("--max-batch-tokens", type=_positive, default=100_000)
    embed.add_argument("--dimensions", type=_positive)
    embed.add_argument(
        "--exact-tokens",
        action="store_true",
        help="batch by the proxy's token counts (/utils/token_counter: a call per distinct text) "
        "instead of the local estimate",
    )
    job_options(embed, 16)

    keys = commands.add_parser("keys", help="virtual keys in bulk").add_subparsers(
        dest="keys_command", required=True, metavar="ACTION"
    )
    create = keys.add_parser(
        "create",
        help="create a key per spec (csv or jsonl), secrets to --out",
        description="Create a key for each spec in FILE (.jsonl objects, or .csv columns such "
        "as key_alias, team_id, max_budget). OUT (0600) gets one outcome per spec. Secrets are "
        "chosen before the first request and kept in OUT.plan.jsonl (mode 0600), bound to the "
        "content of FILE: another FILE (or FILE changed) with the same OUT is refused. Run "
        "again with the same arguments, a job goes on after the last outcome and first retries "
        "the specs that failed, with their saved secrets: a key is never created twice, and a "
        "key that exists already is success only if it has its spec's values (read back). "
        "--restart redoes every spec: it keeps the saved secrets whose keys exist (found and "
        "verified again, not duplicated) and replaces the others, so a key deleted since is "
        "not brought back; with another FILE it starts a new plan.",
    )
    create.add_argument("--from", dest="source", required=True, metavar="FILE")
    create.add_argument("--out", required=True, help="outcomes with the created secrets (jsonl)")
    job_options(create, 16)
    delete = keys.add_parser(
        "delete",
        help="delete keys listed in a file (e.g. a create's --out)",
        description="Delete each key of FILE (lines of keys or hashes, or a create's outcomes). "
        "A key already gone counts as deleted (marked already_gone). Run again, the job goes "
        "on after the last outcome and first retries the failed ones.",
    )
    delete.add_argument("--from", dest="source", required=True, metavar="FILE")
    delete.add_argument("--out", help="outcomes (default: FILE.deleted.jsonl)")
    job_options(delete, 8)
    update = keys.add_parser(
        "update",
        help="apply {key, fields...} objects from a jsonl file",
        description="Apply each {key, fields...} object of FILE. Run again, the job goes on "
        "after the last outcome and first retries the failed ones.",
    )
    update.add_argument("--from", dest="source", required=True, metavar="FILE")
    update.add_argument("--out", help="outcomes (default: FILE.updated.jsonl)")
    job_options(update, 16)
    listing = keys.add_parser("list", help="write every key (hash, or object with --full)")
    listing.add_argument("--out", required=True)
    listing.add_argument("--size", type=_positive, default=100, help="keys per page")
    listing.add_argument("--full", action="store_true", help="whole key objects, not hashes")
    listing.add_argument("--quiet", action="store_true", help="no summary line")

    spend = commands.add_parser("spend", help="spend logs").add_subparsers(
        dest="spend_command", required=True, metavar="ACTION"
    )
    export = spend.add_parser(
        "export",
        help="the spend logs of a range of days to .jsonl, .csv or .parquet, resumable",
        description="Write the spend logs of the UTC days FROM to TO (both included) to OUT: a "
        "row per request, or with --by a row per day and team, key (its hash), user, model or "
        "request tag with its spend, requests and tokens. Days are fetched --concurrency at a "
        "time, each kept in OUT.parts/ once complete: run again with the same arguments, an "
        "export fetches only the missing days. A day not over yet is fetched again by every "
        "run. In .csv, nested values are JSON text and text that a spreadsheet would take for a "
        "formula starts with '. .parquet needs the 'parquet' extra, --chart the 'plot' extra.",
    )
    export.add_argument("--from", dest="start", required=True, metavar="DATE", help="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, metavar="DATE", help="YYYY-MM-DD")
    export.add_argument("--by", choices=_spend_export.BY, help="totals per day and group")
    export.add_argument("--out", required=True, help=".jsonl, .csv or .parquet")
    export.add_argument(
        "--chart",
        metavar="FILE",
        help="also draw the spend per day, stacked by --by (default model): .png, .svg or .pdf",
    )
    export.add_argument("--top", type=_positive, default=8, help="groups in the chart")
    export.add_argument(
        "--page-size",
        type=_positive,
        default=_spend_export.PAGE_MAX,
        help=f"logs per request (at most {_spend_export.PAGE_MAX})",
    )
    export.add_argument("--concurrency", type=_positive, default=4, help="days at once")
    export.add_argument("--restart", action="store_true", help="discard earlier output, start over")
    export.add_argument("--quiet", action="store_true", help="no progress line")

    _health_cli.add_parser(commands)
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace, LiteLLMClient], Awaitable[int]]] = {
    "embed": _embed_cli.run,
    "keys create": cmd_keys_create,
    "keys delete": cmd_keys_delete,
    "keys update": cmd_keys_update,
    "keys list": cmd_keys_list,
    "spend export": cmd_spend_export,
    "health": _health_cli.run,
}


def _api_key(args: argparse.Namespace) -> str | None:
    key: str | None = (
        args.api_key or os.environ.get("LITELLM_API_KEY") or os.environ.get("LITELLM_MASTER_KEY")
    )
    return key


async def run(args: argparse.Namespace) -> int:
    action = getattr(args, f"{args.command}_command", None)
    name = f"{args.command} {action}" if action else args.command
    api_key = _api_key(args)
    async with LiteLLMClient(
        base_url=args.base_url, api_key=api_key, timeout=args.timeout, max_retries=args.max_retries
    ) as client:
        return await COMMANDS[name](args, client)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "routes":
        if args.check:
            return run_routes_check(args.check, _api_key(args))
        sys.stdout.write("".join(line + "\n" for line in route_lines()))
        return EXIT_OK
    try:
        return asyncio.run(run(args))
    except (UsageError, ValueError) as exc:
        _fail(parser, str(exc))
    except JobFailed as exc:
        print(f"aio-litellm: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        resumable = args.command != "health"
        print(
            "interrupted" + (": run the same command again to resume" if resumable else ""),
            file=sys.stderr,
        )
        return 130


def _fail(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.exit(EXIT_USAGE, f"aio-litellm: error: {message}\n")
