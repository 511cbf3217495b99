"""``aio-litellm run INPUT.jsonl --out OUTPUT.jsonl``: an OpenAI Batch file run live through the
proxy, within limits, answers in the Batch output format, resumable after any interruption."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._batch_submit import submit_batch_file
from ._exceptions import APIError
from ._jobfiles import EXIT_FAILED, EXIT_OK, JobFailed, UsageError
from .batch_file import errors_path, run_batch_file

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["add_parser", "run"]


def _per_minute(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``run`` subcommand to ``subparsers`` (an ``add_subparsers()`` result)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run",
        help="run an OpenAI Batch input file live, within limits, resumable",
        description="Send every request of INPUT (OpenAI Batch lines: custom_id, method, url, "
        "body; urls /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/responses, "
        "/v1/moderations, /v1/rerank, /v1/images/generations, /v1/messages) and append each "
        "answer to OUT as an OpenAI Batch output line; failed lines also go to --errors. The "
        "whole input is checked first: a bad line stops the job before anything is sent (exit "
        "2). Killed at any point and run again with the same arguments, the job sends only the "
        "lines not answered yet, the failed ones and those whose body changed since: every "
        "custom_id ends in OUT exactly once. Exit 0 when every line succeeded, 1 otherwise.",
    )
    parser.add_argument("input", help="OpenAI Batch input (.jsonl)")
    parser.add_argument("--out", required=True, help="OpenAI Batch output (.jsonl)")
    parser.add_argument("--errors", help="failed lines (default: OUT's name + .errors.jsonl)")
    parser.add_argument("--rpm", type=_per_minute, help="at most N requests per minute")
    parser.add_argument(
        "--tpm",
        type=_per_minute,
        help="at most N tokens per minute (estimated from each body, corrected by its usage)",
    )
    parser.add_argument(
        "--concurrency", type=_positive, default=32, help="requests at once (adaptive, at most)"
    )
    parser.add_argument("--ordered", action="store_true", help="leave OUT in input order")
    parser.add_argument(
        "--dry-run", action="store_true", help="validate and estimate tokens, send nothing"
    )
    parser.add_argument(
        "--exact-tokens",
        action="store_true",
        help="count tokens with the proxy's token counter (/utils/token_counter)",
    )
    parser.add_argument("--restart", action="store_true", help="discard OUT, start over")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.add_argument(
        "--submit",
        action="store_true",
        help="run the file as a provider batch through the proxy (/v1/files + /v1/batches) "
        "instead of live: one url for every line; polled until done, output in the same format",
    )
    parser.add_argument(
        "--poll-every", type=_per_minute, default=10.0, help="with --submit: seconds between polls"
    )
    return parser


_LIVE_ONLY = ("rpm", "tpm", "ordered", "dry_run", "exact_tokens")


async def run(args: argparse.Namespace, client: LiteLLMClient) -> int:
    """Run the job, print its summary on stderr; the exit status."""
    if args.submit:
        return await _submit(args, client)
    try:
        summary = await run_batch_file(
            client,
            args.input,
            args.out,
            rpm=args.rpm,
            tpm=args.tpm,
            concurrency=args.concurrency,
            ordered=args.ordered,
            errors=args.errors,
            dry_run=args.dry_run,
            exact_tokens=args.exact_tokens,
            restart=args.restart,
            progress=not args.quiet,
        )
    except APIError as exc:  # the token counter's calls: every line's own error is its output
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise JobFailed(f"run: {message}; nothing was sent") from None
    print(summary.report(), file=sys.stderr)
    return EXIT_OK if summary.ok else EXIT_FAILED


async def _submit(args: argparse.Namespace, client: LiteLLMClient) -> int:
    given = [f"--{name.replace('_', '-')}" for name in _LIVE_ONLY if getattr(args, name)]
    if given:
        raise UsageError(f"run --submit: {', '.join(given)} apply to a live run only")
    out = Path(args.out)
    summary = await submit_batch_file(
        client,
        args.input,
        out,
        errors_path=Path(args.errors) if args.errors else errors_path(out),
        poll_every=args.poll_every,
        restart=args.restart,
    )
    print(summary.describe(), file=sys.stderr)
    return EXIT_OK if summary.ok else EXIT_FAILED
