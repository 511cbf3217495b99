"""``aio-litellm plan SPEC`` and ``aio-litellm apply SPEC``: the proxy's teams, users, keys,
budgets, customers and organizations as code (see ``aio_litellm.state``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ._jobfiles import EXIT_FAILED, EXIT_OK, JobFailed, UsageError
from .state import (
    Plan,
    PlanError,
    Spec,
    SpecError,
    StalePlan,
    TooManyDeletes,
    apply,
    load_spec,
    plan,
    read_plan,
)

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["add_parser", "run", "run_apply", "run_plan"]


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be >= 0")
    return value


def add_parser(subparsers: Any) -> None:
    """Add the ``plan`` and ``apply`` subcommands to ``subparsers``."""
    shared = (
        "SPEC (YAML, or JSON by its .json suffix) has a top-level name and the sections "
        "budgets, organizations, teams (with members), users, customers and keys, with the "
        "proxy's field names; team: NAME in a key (organization: NAME in a team, budget: NAME "
        "in a customer) names an object of the spec."
    )
    plan_parser = subparsers.add_parser(
        "plan",
        help="show what apply would change on the proxy to match SPEC",
        description="Compare SPEC with the proxy (every list read page by page) and print a "
        "line per change: + create, ~ update (field: old -> new), - delete, then 'Plan: N to "
        "create, N to update, N to delete.' Objects marked with the spec's name that it no "
        "longer lists are shown apart unless --prune. " + shared,
    )
    plan_parser.add_argument("spec", metavar="SPEC")
    plan_parser.add_argument("--prune", action="store_true", help="plan deletes of orphans")
    plan_parser.add_argument(
        "--out", metavar="PLAN", help="save the plan, for apply --plan-file PLAN"
    )
    apply_parser = subparsers.add_parser(
        "apply",
        help="change the proxy to match SPEC (bulk, in dependency order)",
        description="Plan, then apply: budgets and organizations, then teams, users and "
        "customers, then members and keys, then deletes. A change that fails fails alone: what "
        "depends on it is not applied, the rest is; exit 1 then. Created key secrets go to "
        "--secrets-file (0600) and nowhere else. " + shared,
    )
    apply_parser.add_argument("spec", metavar="SPEC")
    apply_parser.add_argument(
        "--prune",
        action="store_true",
        help="delete objects marked with the spec's name it no longer lists",
    )
    apply_parser.add_argument(
        "--max-deletes", type=_count, default=10, help="refuse a plan with more deletes (10)"
    )
    apply_parser.add_argument(
        "--secrets-file", metavar="FILE", help="created key secrets (default: SPEC.secrets.jsonl)"
    )
    apply_parser.add_argument(
        "--plan-file", metavar="PLAN", help="apply this saved plan; refused if the proxy changed"
    )
    apply_parser.add_argument("--concurrency", type=int, default=16, help="calls at once (16)")


async def run(args: argparse.Namespace, client: LiteLLMClient) -> int:
    """``plan`` or ``apply``, by ``args.command``."""
    if args.command == "plan":
        return await run_plan(args, client)
    return await run_apply(args, client)


async def run_plan(
    args: argparse.Namespace, client: LiteLLMClient, out: TextIO | None = None
) -> int:
    """Print the plan (and save it with ``--out``); exit 0."""
    out = out or sys.stdout
    spec = _spec(args.spec)
    try:
        planned = await plan(client, spec, prune=args.prune)
    except PlanError as exc:
        raise UsageError(str(exc)) from None
    out.write("".join(line + "\n" for line in planned.lines()))
    if args.out:
        planned.write(args.out)
        out.write(f"Saved the plan to {args.out}: apply it with --plan-file {args.out}\n")
    return EXIT_OK


async def run_apply(
    args: argparse.Namespace, client: LiteLLMClient, out: TextIO | None = None
) -> int:
    """Apply and print the report; exit 1 when a change failed or was not applied."""
    out = out or sys.stdout
    spec = _spec(args.spec)
    target: Spec | Plan = spec
    if args.plan_file:
        try:
            target = read_plan(args.plan_file, spec)
        except SpecError as exc:
            raise UsageError(str(exc)) from None
        except StalePlan as exc:
            raise JobFailed(str(exc)) from None
        if target.prune != args.prune:
            made = "with" if target.prune else "without"
            raise UsageError(f"{args.plan_file} was made {made} --prune: apply it the same way")
    secrets = args.secrets_file or str(Path(args.spec).with_suffix(".secrets.jsonl"))
    try:
        report = await apply(
            client,
            target,
            prune=args.prune,
            max_deletes=args.max_deletes,
            secrets_path=secrets,
            concurrency=args.concurrency,
            progress=sys.stderr.isatty(),
        )
    except PlanError as exc:
        raise UsageError(str(exc)) from None
    except (StalePlan, TooManyDeletes) as exc:
        raise JobFailed(str(exc)) from None
    out.write("".join(line + "\n" for line in report.lines()))
    return EXIT_OK if report.ok else EXIT_FAILED


def _spec(path: str) -> Spec:
    try:
        return load_spec(path)
    except SpecError as exc:
        raise UsageError(str(exc)) from None
