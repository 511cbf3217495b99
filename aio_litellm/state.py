"""The proxy's teams, users, keys, budgets, customers and organizations as code.

``load_spec`` reads a spec (YAML or JSON), ``plan`` compares it with the proxy and lists the
changes, ``apply`` makes them (bulk, in dependency order) and reports what it did::

    spec = load_spec("platform.yaml")
    changes = await plan(client, spec)
    print("\\n".join(changes.lines()))
    report = await apply(client, changes, secrets_path="platform.secrets.jsonl")

Objects ``apply`` creates are marked with the spec's ``name`` in their metadata (organizations,
teams, users, keys: budgets and customers have no metadata). ``prune=True`` deletes marked
objects the spec no longer lists, and only those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._exceptions import LiteLLMError

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = [
    "MARK",
    "ApplyReport",
    "Change",
    "Plan",
    "PlanError",
    "Spec",
    "SpecError",
    "StalePlan",
    "TooManyDeletes",
    "apply",
    "load_spec",
    "parse_spec",
    "plan",
    "read_plan",
]

# The metadata entry naming the spec that created an object.
MARK = "aio_litellm_spec"

# Sections in dependency order, with the fields naming an object (the first one is its name in
# plan lines and in references).
KINDS: dict[str, tuple[str, ...]] = {
    "budgets": ("budget_id",),
    "organizations": ("organization_alias", "organization_id"),
    "teams": ("team_alias", "team_id"),
    "users": ("user_id",),
    "customers": ("user_id",),
    "keys": ("key_alias",),
}
# Reference fields by section: name -> (the section it names, the proxy field it becomes).
REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "organizations": {"budget": ("budgets", "budget_id")},
    "teams": {"organization": ("organizations", "organization_id")},
    "users": {},
    "customers": {"budget": ("budgets", "budget_id")},
    "keys": {
        "team": ("teams", "team_id"),
        "user": ("users", "user_id"),
        "budget": ("budgets", "budget_id"),
        "organization": ("organizations", "organization_id"),
    },
    "budgets": {},
}
_ROLES = frozenset({"admin", "user"})


class SpecError(ValueError):
    """The spec is malformed: the message names the file, the object and the field."""


class PlanError(LiteLLMError):
    """The spec cannot be planned against this proxy (a reference names nothing)."""


class StalePlan(LiteLLMError):
    """The live state (or the spec) changed since the plan was written: nothing was applied."""


class TooManyDeletes(LiteLLMError):
    """The plan deletes more objects than allowed: nothing was applied."""


@dataclass(frozen=True)
class Spec:
    """A parsed spec: its ``name`` and one list of objects per section (proxy field names,
    plus ``members`` in teams and the reference fields of ``REFERENCES``)."""

    name: str
    sections: Mapping[str, Sequence[Mapping[str, Any]]]
    source: str = "<spec>"

    def objects(self, kind: str) -> Sequence[Mapping[str, Any]]:
        return self.sections.get(kind, ())

    def digest(self) -> str:
        text = json.dumps({"name": self.name, **self.sections}, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Change:
    """One planned change. ``action``: ``+`` create, ``~`` update, ``-`` delete. ``fields``:
    (field, old, new) of an update. ``body``: what is sent; ``target``: the proxy's id of the
    object (team_id, key hash...); ``depends``: refs of the changes it needs first."""

    kind: str
    action: str
    name: str
    target: str | None = None
    body: Mapping[str, Any] = field(default_factory=dict)
    fields: tuple[tuple[str, Any, Any], ...] = ()
    depends: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.kind}:{self.name}"

    def line(self) -> str:
        head = f"{self.action} {self.kind} {self.name}"
        if not self.fields:
            return head
        return head + "".join(
            f"\n    {f}: {_show(old)} -> {_show(new)}" for f, old, new in self.fields
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "action": self.action,
            "name": self.name,
            "target": self.target,
            "body": dict(self.body),
            "fields": [list(f) for f in self.fields],
            "depends": list(self.depends),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(
            kind=data["kind"],
            action=data["action"],
            name=data["name"],
            target=data.get("target"),
            body=data.get("body") or {},
            fields=tuple((f, old, new) for f, old, new in data.get("fields") or ()),
            depends=tuple(data.get("depends") or ()),
        )


@dataclass
class Plan:
    """The changes that make the proxy match ``spec``.

    ``orphans``: objects marked with this spec's name that it no longer lists, when not
    pruning (not counted as deletes). ``notes``: what could not be read (an organization list
    refused without a licence...).
    """

    spec: Spec
    changes: list[Change]
    orphans: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    prune: bool = False

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def creates(self) -> int:
        return self.count("+")

    @property
    def updates(self) -> int:
        return self.count("~")

    @property
    def deletes(self) -> int:
        return self.count("-")

    def lines(self) -> list[str]:
        """One line per change (updates with a line per field), the orphans apart, notes, and
        ``Plan: N to create, N to update, N to delete.``"""
        out = [c.line() for c in self.changes]
        for orphan in self.orphans:
            out.append(
                f"  {orphan.kind} {orphan.name}: marked {self.spec.name!r}, not in the spec "
                "(--prune deletes it)"
            )
        out.extend(f"! {note}" for note in self.notes)
        out.append(
            f"Plan: {self.creates} to create, {self.updates} to update, {self.deletes} to delete."
        )
        return out

    def fingerprint(self) -> str:
        """A digest of the changes (old values included): equal plans of one spec, equal
        live state as far as the spec looks at it."""
        data = [c.to_json() for c in self.changes + self.orphans]
        text = json.dumps([self.spec.digest(), self.prune, data], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def write(self, path: str | Path) -> None:
        """Save the plan for ``apply(..., plan_file)``: its fingerprint and changes."""
        data = {
            "spec": self.spec.name,
            "spec_digest": self.spec.digest(),
            "prune": self.prune,
            "fingerprint": self.fingerprint(),
            "changes": [c.to_json() for c in self.changes],
        }
        Path(path).write_text(json.dumps(data, indent=1, default=str) + "\n")


@dataclass
class ApplyReport:
    """What ``apply`` did: ``done`` changes, ``failed`` (change, error message), ``skipped``
    (change, why: it depends on one that failed)."""

    done: list[Change] = field(default_factory=list)
    failed: list[tuple[Change, str]] = field(default_factory=list)
    skipped: list[tuple[Change, str]] = field(default_factory=list)
    secrets_path: Path | None = None
    secrets_written: int = 0
    elapsed: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped

    def count(self, action: str) -> int:
        return sum(1 for c in self.done if c.action == action)

    def lines(self) -> list[str]:
        out = [f"{c.action} {c.kind} {c.name}: done" for c in self.done]
        out += [f"! {c.action} {c.kind} {c.name}: FAILED: {why}" for c, why in self.failed]
        out += [f"! {c.action} {c.kind} {c.name}: not applied: {why}" for c, why in self.skipped]
        if self.secrets_written:
            out.append(f"{self.secrets_written} key secret(s) written to {self.secrets_path}")
        out.append(
            f"Apply: {self.count('+')} created, {self.count('~')} updated, "
            f"{self.count('-')} deleted, {len(self.failed)} failed, "
            f"{len(self.skipped)} not applied ({self.elapsed:.1f} s)."
        )
        return out


def _show(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str) if value is not None else "(unset)"
    return text if len(text) <= 80 else text[:77] + "..."


# -- spec ----------------------------------------------------------------------------------------


def load_spec(path: str | Path) -> Spec:
    """Read and check a spec file (YAML, or JSON by its ``.json`` suffix): ``SpecError``
    naming the file, object and field on anything malformed."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if path.suffix == ".json" else _yaml(path, text)
    except ValueError as exc:
        raise SpecError(
            f"{path}: not valid {'JSON' if path.suffix == '.json' else 'YAML'}: "
            f"{str(exc).splitlines()[0]}"
        ) from None
    return parse_spec(data, source=str(path))


def _yaml(path: Path, text: str) -> Any:
    import yaml  # a dependency, imported here: only a YAML spec needs it

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:  # reported like json's errors: what, and where
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1} column {mark.column + 1})" if mark else ""
        raise ValueError(f"{getattr(exc, 'problem', None) or exc}{where}") from None


def parse_spec(data: Any, *, source: str = "<spec>") -> Spec:
    """Check a spec already parsed into Python objects (see ``load_spec``)."""
    if not isinstance(data, Mapping):
        raise SpecError(f"{source}: the spec must be a mapping with name and sections")
    unknown = sorted(set(data) - set(KINDS) - {"name"})
    if unknown:
        raise SpecError(
            f"{source}: unknown section(s) {', '.join(map(str, unknown))} "
            f"(known: name, {', '.join(KINDS)})"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SpecError(f"{source}: needs a top-level name (a non-empty string)")
    sections: dict[str, list[dict[str, Any]]] = {}
    for kind, idents in KINDS.items():
        items = data.get(kind)
        items = [] if items is None else items
        if not isinstance(items, list):
            raise SpecError(f"{source}: {kind} must be a list")
        seen: set[str] = set()
        checked = []
        for index, item in enumerate(items):
            where = f"{source}: {kind}[{index}]"
            if not isinstance(item, Mapping):
                raise SpecError(f"{where}: must be a mapping of fields")
            ident = next((item[f] for f in idents if item.get(f)), None)
            if not isinstance(ident, str):
                raise SpecError(f"{where}: needs {' or '.join(idents)} (a string)")
            if ident in seen:
                raise SpecError(f"{where}: {ident!r} is listed twice")
            seen.add(ident)
            _check_object(kind, item, where)
            checked.append(dict(item))
        sections[kind] = checked
    return Spec(name=name, sections=sections, source=source)


def _check_object(kind: str, item: Mapping[str, Any], where: str) -> None:
    if kind == "keys" and "key" in item:
        raise SpecError(f"{where}: key: secrets do not belong in a spec (apply generates them)")
    for ref in REFERENCES[kind]:
        if ref in item and not isinstance(item[ref], str):
            raise SpecError(f"{where}: {ref}: must be a name (a string)")
    if "metadata" in item and not isinstance(item["metadata"], Mapping | None):
        raise SpecError(f"{where}: metadata: must be a mapping")
    if kind == "teams":
        members = item.get("members") or []
        if not isinstance(members, list):
            raise SpecError(f"{where}: members: must be a list")
        for index, member in enumerate(members):
            _member(member, f"{where}: members[{index}]")


def _member(member: Any, where: str) -> dict[str, str]:
    """A team member as ``{"user_id", "role"}`` (a bare string is a user with role user)."""
    if isinstance(member, str):
        return {"user_id": member, "role": "user"}
    if not isinstance(member, Mapping) or not isinstance(member.get("user_id"), str):
        raise SpecError(f"{where}: needs user_id (or be a user id string)")
    role = member.get("role", "user")
    if role not in _ROLES:
        raise SpecError(f"{where}: role: must be admin or user, not {role!r}")
    return {"user_id": member["user_id"], "role": role}


# -- plan and apply ------------------------------------------------------------------------------


async def plan(client: LiteLLMClient, spec: Spec, *, prune: bool = False) -> Plan:
    """Read the proxy (every list page by page) and list the changes that make it match
    ``spec``. With ``prune``, marked objects the spec no longer lists are deletes."""
    from ._state_diff import diff, read_live

    live = await read_live(client)
    return diff(spec, live, prune=prune)


async def apply(
    client: LiteLLMClient,
    target: Spec | Plan,
    *,
    prune: bool = False,
    max_deletes: int = 10,
    secrets_path: str | Path | None = None,
    concurrency: int = 16,
    progress: bool = False,
) -> ApplyReport:
    """Make the proxy match the spec: budgets and organizations, then teams, users and
    customers, then members and keys, then deletes (pruning only).

    A ``Plan`` is applied only if planning again now gives the same plan (``StalePlan``
    otherwise: the live state changed). More than ``max_deletes`` deletes: ``TooManyDeletes``.
    Both before any change. Generated key secrets go to ``secrets_path`` (created 0600, one
    JSON line per key, appended) and nowhere else; it is required when keys are created.
    A failed change fails alone: the changes that depend on it are not applied, the others
    are; the report says which. ``progress``: a progress line on stderr while keys are made.
    """
    from ._state_apply import execute

    if isinstance(target, Plan):
        fresh = await plan(client, target.spec, prune=target.prune)
        if fresh.fingerprint() != target.fingerprint():
            raise StalePlan(
                "the live state changed since the plan was made: plan again (nothing was applied)"
            )
    else:
        fresh = await plan(client, target, prune=prune)
    if fresh.deletes > max_deletes:
        raise TooManyDeletes(
            f"the plan deletes {fresh.deletes} objects, more than max_deletes={max_deletes} "
            "(nothing was applied)"
        )
    if secrets_path is None and any(c.kind == "key" and c.action == "+" for c in fresh.changes):
        raise ValueError("apply() creates keys: pass secrets_path for their secrets")
    return await execute(
        client,
        fresh,
        secrets_path=Path(secrets_path) if secrets_path is not None else None,
        concurrency=concurrency,
        progress=progress,
    )


def read_plan(path: str | Path, spec: Spec) -> Plan:
    """A plan written by ``Plan.write`` for ``spec`` (``StalePlan`` if the spec changed
    since; ``SpecError`` if the file is not a plan)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text())
        changes = [Change.from_json(c) for c in data["changes"]]
        fingerprint, digest = str(data["fingerprint"]), str(data["spec_digest"])
        prune = bool(data.get("prune"))
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise SpecError(f"{path}: not a plan file written by plan --out ({exc})") from None
    if digest != spec.digest():
        raise StalePlan(f"{path}: the spec changed since this plan was made: plan again")
    return _SavedPlan(spec=spec, changes=changes, prune=prune, saved=fingerprint)


@dataclass
class _SavedPlan(Plan):
    # The fingerprint as written: its orphans are not in the file.
    saved: str = ""

    def fingerprint(self) -> str:
        return self.saved
