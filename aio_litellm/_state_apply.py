"""``apply``'s executor: a plan's changes in dependency order, with the bulk helpers."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ._exceptions import APIStatusError
from ._state_diff import one_line
from .bulk import BulkResult, BulkRunner, Outcome
from .resources.keys import hash_key, new_key
from .state import ApplyReport, Change, Plan

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["execute"]

# Stages: a change runs after every stage before its own (what it may depend on).
_STAGES: tuple[tuple[str, ...], ...] = (
    ("budget", "organization"),
    ("team", "user", "customer"),
    ("member", "key"),
)
_DELETE_ORDER = ("key", "customer", "user", "team", "organization")

Outcomes = list[BaseException | None]


async def execute(
    client: LiteLLMClient,
    plan: Plan,
    *,
    secrets_path: Path | None,
    concurrency: int,
    progress: bool = False,
) -> ApplyReport:
    """Apply ``plan``'s changes; every change ends done, failed or not applied."""
    started = time.monotonic()
    run = _Run(client, plan, secrets_path, concurrency, progress)
    try:
        for kinds in _STAGES:
            await run.stage([c for c in plan.changes if c.kind in kinds and c.action != "-"])
        for kind in _DELETE_ORDER:
            await run.stage([c for c in plan.changes if c.kind == kind and c.action == "-"])
    finally:
        run.close()
    run.report.elapsed = time.monotonic() - started
    return run.report


class _Run:
    def __init__(
        self,
        client: LiteLLMClient,
        plan: Plan,
        secrets_path: Path | None,
        concurrency: int,
        progress: bool,
    ) -> None:
        self.client, self.plan, self.concurrency = client, plan, concurrency
        self.progress = progress
        self.report = ApplyReport(secrets_path=secrets_path)
        self.failed: set[str] = set()
        self._secrets: int | None = None

    async def stage(self, changes: Sequence[Change]) -> None:
        ready: list[Change] = []
        for change in changes:
            blocked = [d for d in change.depends if d in self.failed]
            if blocked:
                why = (
                    f"depends on {', '.join(b.replace(':', ' ', 1) for b in blocked)}, not applied"
                )
                self.report.skipped.append((change, why))
                self.failed.add(change.ref)
            else:
                ready.append(change)
        groups: dict[tuple[str, str], list[Change]] = {}
        for change in ready:
            groups.setdefault((change.kind, change.action), []).append(change)
        results = await asyncio.gather(*(self._group(k, a, g) for (k, a), g in groups.items()))
        for group, errors in zip(groups.values(), results, strict=True):
            for change, error in zip(group, errors, strict=True):
                if error is None:
                    self.report.done.append(change)
                else:
                    self.report.failed.append((change, _why(error)))
                    self.failed.add(change.ref)

    async def _group(self, kind: str, action: str, changes: list[Change]) -> Outcomes:
        try:
            return await self._dispatch(kind, action, changes)
        except Exception as exc:  # one call for the whole group: it fails as a whole
            return [exc] * len(changes)

    async def _dispatch(self, kind: str, action: str, changes: list[Change]) -> Outcomes:
        c = self.client
        bodies = [dict(ch.body) for ch in changes]
        targets = [ch.target or "" for ch in changes]
        runner = BulkRunner(concurrency=self.concurrency)
        if action == "+":
            if kind == "key":
                return await self._create_keys(changes)
            if kind == "member":
                return await self._add_members(changes)
            create_many: dict[str, Callable[..., Awaitable[BulkResult[Any, Any]]]] = {
                "budget": c.budgets.create_many,
                "organization": c.organizations.create_many,
                "team": c.teams.create_many,
                "user": c.users.create_many,
                "customer": c.customers.create_many,
            }
            return _errors(await create_many[kind](bodies, runner=runner))
        if action == "~":
            one: dict[str, Callable[[str, dict[str, Any]], Awaitable[Any]]] = {
                "budget": lambda t, b: c.budgets.update(**{**b, "budget_id": t}),
                "organization": lambda t, b: c.organizations.update(t, **b),
                "team": lambda t, b: c.teams.update(t, **b),
                "user": lambda t, b: c.users.update(t, **b),
                "customer": lambda t, b: c.customers.update(**{**b, "user_id": t}),
                "key": lambda t, b: c.keys.update(t, **b),
                "member": lambda t, b: c.teams.member_update(
                    t, user_id=b["user_id"], role=b["role"]
                ),
            }
            update = one[kind]
            pairs = list(zip(targets, bodies, strict=True))
            return _errors(await runner.run(lambda p: update(p[0], p[1]), pairs))
        return await self._delete(kind, targets)

    async def _create_keys(self, changes: list[Change]) -> Outcomes:
        # The secret is chosen here: a create retried after a timeout names the same key, and
        # the secret goes to the 0600 file as soon as its key exists.
        self._open_secrets()  # before any key exists: a file that cannot be written stops here
        specs = [{**ch.body, "key": new_key()} for ch in changes]
        runner = BulkRunner(
            concurrency=self.concurrency, progress=self.progress, progress_label="keys"
        )
        errors: Outcomes = []

        async def create(spec: dict[str, Any]) -> Any:
            return await self.client.keys.create_safely(new_secret=True, **spec)

        async for outcome in runner.stream(create, specs):
            errors.append(outcome.error)
            if outcome.ok:
                self._write_secret(outcome.item)
        return errors

    async def _add_members(self, changes: list[Change]) -> Outcomes:
        # One call per team and role: a role the proxy refuses (admins need a licence) fails
        # its own members only.
        by_team: dict[tuple[str, str], list[int]] = {}
        for index, change in enumerate(changes):
            by_team.setdefault((change.target or "", change.body["role"]), []).append(index)
        errors: Outcomes = [None] * len(changes)

        async def team(team_id: str, indexes: list[int]) -> None:
            members = [
                {"user_id": changes[i].body["user_id"], "role": changes[i].body["role"]}
                for i in indexes
            ]
            try:
                result = await self.client.teams.add_members(team_id, cast(Any, members))
            except Exception as exc:
                for i in indexes:
                    errors[i] = exc
                return
            for i, outcome in zip(indexes, result.outcomes, strict=True):
                errors[i] = outcome.error

        await asyncio.gather(*(team(t, ix) for (t, _), ix in by_team.items()))
        return errors

    async def _delete(self, kind: str, targets: list[str]) -> Outcomes:
        c = self.client
        if kind == "key":
            return _errors(await c.keys.delete_many(targets))
        delete: dict[str, Callable[[list[str]], Awaitable[Any]]] = {
            "team": c.teams.delete,
            "user": c.users.delete,
            "organization": c.organizations.delete,
            "customer": c.customers.delete,
        }
        await delete[kind](targets)
        return [None] * len(targets)

    def _open_secrets(self) -> int:
        if self._secrets is None:
            path = self.report.secrets_path
            if path is None:  # apply() checks: keys are created only with a file for them
                raise ValueError("no secrets_path for the keys to create")
            self._secrets = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            os.fchmod(self._secrets, 0o600)  # an existing file too
        return self._secrets

    def _write_secret(self, spec: dict[str, Any]) -> None:
        line = {
            "spec": self.plan.spec.name,
            "key_alias": spec.get("key_alias"),
            "token": hash_key(spec["key"]),
            "key": spec["key"],
        }
        os.write(self._open_secrets(), (json.dumps(line) + "\n").encode())
        self.report.secrets_written += 1

    def close(self) -> None:
        if self._secrets is not None:
            os.close(self._secrets)
            self._secrets = None


def _errors(result: BulkResult[Any, Any] | Iterable[Outcome[Any, Any]]) -> Outcomes:
    outcomes = result.outcomes if isinstance(result, BulkResult) else list(result)
    return [o.error for o in outcomes]


def _why(error: BaseException) -> str:
    if isinstance(error, APIStatusError):
        return one_line(f"{error.status_code}: {error.message}")
    return one_line(str(error) or type(error).__name__)
