"""``aio-litellm health [--watch] [--every S]``: the deployments' health as a table, or their
changes as they happen."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from ._health_watch import deployment_states, read_check

if TYPE_CHECKING:
    from ._client import LiteLLMClient
    from .types.health import HealthChange

__all__ = ["add_parser", "run"]

EXIT_OK, EXIT_UNHEALTHY = 0, 1
_COLUMNS = ("DEPLOYMENT", "MODEL", "STATUS", "LATENCY", "ERROR")
_ERROR_WIDTH = 80


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be > 0")
    return value


def _polls(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be >= 1")
    return value


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``health`` subcommand to ``subparsers`` (an ``add_subparsers()`` result)."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "health",
        help="check every deployment: a table of status and latency",
        description="Run the proxy's model health check (GET /health: one real call per "
        "deployment) and print a row per deployment. Exit 1 when one is unhealthy. With "
        "--watch, print the first state and then each change (a deployment turning unhealthy "
        "or healthy, added or removed, a failed check) every --every seconds until stopped.",
    )
    parser.add_argument("--model", help="check only this model name")
    parser.add_argument("--model-id", help="check only this deployment")
    parser.add_argument("--watch", action="store_true", help="keep checking, print changes")
    parser.add_argument(
        "--every", type=_seconds, default=30.0, help="seconds between checks (default 30)"
    )
    parser.add_argument("--max-polls", type=_polls, help="with --watch: stop after N checks")
    return parser


async def run(args: argparse.Namespace, client: LiteLLMClient, out: TextIO | None = None) -> int:
    """Print the table (or, with ``--watch``, the changes); the exit status."""
    out = out or sys.stdout
    if args.watch:
        return await _watch(args, client, out)
    started = time.monotonic()
    result = await read_check(lambda: client.health.check(model=args.model, model_id=args.model_id))
    elapsed = time.monotonic() - started
    rows = [_row(key, healthy, ep) for key, (healthy, ep) in deployment_states(result).items()]
    _table(rows, out)
    unhealthy = len(result.unhealthy_endpoints)
    print(
        f"{len(result.healthy_endpoints)} healthy, {unhealthy} unhealthy "
        f"(checked in {elapsed * 1000:.0f} ms)",
        file=out,
    )
    return EXIT_UNHEALTHY if unhealthy else EXIT_OK


async def _watch(args: argparse.Namespace, client: LiteLLMClient, out: TextIO) -> int:
    down: set[str] = set()  # the deployments unhealthy at the last answer
    print("\t".join(("TIME", "CHANGE", *_COLUMNS)), file=out, flush=True)
    changes = client.health.watch(
        args.every, model=args.model, model_id=args.model_id, max_polls=args.max_polls
    )
    async for change in changes:
        print(_change_line(change), file=out, flush=True)
        if change.deployment is not None:
            if change.healthy is False:
                down.add(change.deployment)
            else:
                down.discard(change.deployment)
    return EXIT_UNHEALTHY if down else EXIT_OK


def _change_line(change: HealthChange) -> str:
    stamp = time.strftime("%H:%M:%S")
    if change.kind == "poll_failed":
        row = ["-", "-", "check failed", "-", _short(change.message)]
    else:
        row = _row(change.deployment or "-", change.healthy, change.endpoint or {})
        if change.kind == "removed":
            row[2] = "gone"
    return "\t".join((stamp, change.kind, *row))


def _row(key: str, healthy: bool | None, endpoint: dict[str, Any]) -> list[str]:
    status = "healthy" if healthy else "unhealthy"
    return [key, str(endpoint.get("model") or "-"), status, _latency(endpoint), _error(endpoint)]


def _latency(endpoint: dict[str, Any]) -> str:
    # The proxy times a deployment's check only in some versions and modes; "-" otherwise
    # (the whole check's time is in the summary line).
    for name in ("response_time_ms", "latency_ms"):
        value = endpoint.get(name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{value:.0f} ms"
    return "-"


def _error(endpoint: dict[str, Any]) -> str:
    return _short(str(endpoint["error"])) if endpoint.get("error") else ""


def _short(text: str | None) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= _ERROR_WIDTH else line[: _ERROR_WIDTH - 1] + "…"


def _table(rows: list[list[str]], out: TextIO) -> None:
    widths = [max(len(col), *(len(r[i]) for r in rows)) for i, col in enumerate(_COLUMNS)]
    for line in (list(_COLUMNS), *rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip(),
            file=out,
        )
