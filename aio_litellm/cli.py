"""``aio-litellm``: fan-out jobs from the command line, resumable after any interruption.

    aio-litellm embed texts.jsonl --model text-embedding-3-small --out vectors.npy
    aio-litellm keys create --from specs.csv --out created.jsonl
    aio-litellm keys delete --from created.jsonl
    aio-litellm keys list --out keys.jsonl
    aio-litellm spend export --from 2025-06-01 --to 2025-06-30 --by model --out june.csv
    aio-litellm run requests.jsonl --out answers.jsonl [--rpm N --tpm N] [--submit]
    aio-litellm plan proxy.yaml / aio-litellm apply proxy.yaml [--prune]
    aio-litellm health [--watch]
    aio-litellm routes

Outputs are written in input order, one line (or row) per input. Killed at any point and run
again with the same arguments, a job continues after the last complete line: the output ends
with every input exactly once, in order. A ``keys`` job run again also retries the inputs whose
outcome is a failure. ``--restart`` starts over.

Input is checked whole before the first request, and errors never end in a traceback: bad
arguments or input (the file, line and field named), a key the proxy refuses -> one line, exit
2; a proxy that cannot be reached, a server's error, failed items -> one line, exit 1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from . import _embed_cli, _health_cli, _plan_cli, _run_cli, _spend_export
from ._client import LiteLLMClient
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    AuthenticationError,
    LiteLLMError,
)
from ._jobfiles import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    JobFailed,
    UsageError,
    one_line,
    summary,
)
from ._keys_cli import cmd_keys_create, cmd_keys_delete, cmd_keys_list, cmd_keys_update
from ._routes import route_lines, run_routes_check

__all__ = ["main"]


# -- jobs ----------------------------------------------------------------------------------


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
        "1 some items failed (see the summary) or the proxy could not be reached, 2 bad "
        "arguments or input, or a key the proxy refuses. Errors are one line (set "
        "AIO_LITELLM_TRACEBACK=1 for the traceback).",
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
        description="Embed every text of INPUT (.txt: a line each; .jsonl: a string, or the "
        "--field of an object, a line; .csv: the --field column; --field is 'text' unless "
        "given) and write the vectors in input order to OUT: .jsonl ({index, embedding} a "
        "line) or .npy (float32, n x dim). The whole input is checked before the first request.",
    )
    embed.add_argument("input", help="texts: .txt, .jsonl or .csv")
    embed.add_argument("--model", required=True)
    embed.add_argument("--out", required=True, help="vectors: .jsonl or .npy")
    embed.add_argument("--field", help="jsonl field / csv column holding the text (default: text)")
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
        "as key_alias, team_id, max_budget: the /key/generate parameters). CSV cells are "
        "converted to the parameter's type (lists from a JSON array or values separated by ';', "
        "numbers, true/false, JSON objects for metadata) and every spec is checked before the "
        "first request. OUT (0600) gets one outcome per spec. Secrets are "
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
        help="apply {key, fields...} objects from a jsonl or csv file",
        description="Apply each {key, fields...} object of FILE (.jsonl, or .csv with a key "
        "column: cells converted as for create), all checked before the first request. Run "
        "again, the job goes on after the last outcome and first retries the failed ones.",
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
    _run_cli.add_parser(commands)
    _plan_cli.add_parser(commands)
    return parser


COMMANDS: dict[str, Callable[[argparse.Namespace, LiteLLMClient], Awaitable[int]]] = {
    "embed": _embed_cli.run,
    "keys create": cmd_keys_create,
    "keys delete": cmd_keys_delete,
    "keys update": cmd_keys_update,
    "keys list": cmd_keys_list,
    "spend export": cmd_spend_export,
    "health": _health_cli.run,
    "run": _run_cli.run,
    "plan": _plan_cli.run,
    "apply": _plan_cli.run,
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
    """The command line: the exit status. Bad input, a refused key, an unreachable proxy or a
    server's error end in one line on stderr, never a traceback (see ``failure``;
    ``AIO_LITELLM_TRACEBACK=1`` shows it, to debug)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "routes":
        if args.check:
            return run_routes_check(args.check, _api_key(args))
        sys.stdout.write("".join(line + "\n" for line in route_lines()))
        return EXIT_OK
    try:
        return asyncio.run(run(args))
    except KeyboardInterrupt:
        resumable = args.command != "health"
        print(
            "interrupted" + (": run the same command again to resume" if resumable else ""),
            file=sys.stderr,
        )
        return 130
    except Exception as exc:
        if os.environ.get("AIO_LITELLM_TRACEBACK"):
            raise
        status, line = failure(exc, args)
        if status == EXIT_USAGE:
            _fail(parser, line)
        print(f"aio-litellm: {line}", file=sys.stderr)
        return status


def failure(exc: Exception, args: argparse.Namespace | None = None) -> tuple[int, str]:
    """The exit status and the one line that report ``exc``, an error that ended a command:
    2 for bad input (arguments, files, a key the proxy refuses), 1 for a job that failed."""
    base = (
        getattr(exc, "url", None) or (args and args.base_url) or os.environ.get("LITELLM_BASE_URL")
    )
    where = f" at {_origin(base)}" if base else ""
    if isinstance(exc, UsageError):
        return EXIT_USAGE, one_line(str(exc))
    if isinstance(exc, AuthenticationError):
        return EXIT_USAGE, one_line(
            f"the proxy{where} refused the API key ({exc.status_code}: {exc.message}); "
            "check --api-key or LITELLM_API_KEY"
        )
    if isinstance(exc, APIConnectionError):
        return EXIT_FAILED, one_line(
            f"cannot reach the proxy{where}: {exc.message} (check --base-url or LITELLM_BASE_URL)"
        )
    if isinstance(exc, APIStatusError):
        return EXIT_FAILED, one_line(
            f"{exc.method or ''} {_path(exc.url)}: the proxy answered {exc.status_code}: "
            f"{exc.message}".strip()
        )
    if isinstance(exc, (APIError, JobFailed)):
        return EXIT_FAILED, one_line(str(exc))
    if isinstance(exc, LiteLLMError):
        return EXIT_FAILED, one_line(f"{type(exc).__name__}: {exc}")
    if isinstance(exc, (ValueError, TypeError)):
        # raised by the client's checks of arguments, before any request
        return EXIT_USAGE, one_line(str(exc))
    if isinstance(exc, FileNotFoundError) and exc.filename:
        parent = Path(exc.filename).parent
        if not parent.is_dir():
            return EXIT_USAGE, one_line(f"no such directory: {parent} (for {exc.filename})")
    if isinstance(exc, OSError):
        name = f"{exc.filename}: " if exc.filename else ""
        return EXIT_USAGE, one_line(f"{name}{exc.strerror or exc}")
    return EXIT_FAILED, one_line(f"unexpected {type(exc).__name__}: {exc}")


def _path(url: str | None) -> str:
    return urlsplit(url).path if url else ""


def _origin(url: str) -> str:
    """``scheme://host:port`` of ``url``: no user or password, path or query."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}" if parts.hostname else url


def _fail(parser: argparse.ArgumentParser, message: str) -> NoReturn:
    parser.exit(EXIT_USAGE, f"aio-litellm: error: {message}\n")
