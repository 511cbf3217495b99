"""``plan``'s two halves: read the proxy's objects (every page), and diff them with a spec."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._bulk_admin import same_value
from ._exceptions import APIStatusError
from .state import KINDS, MARK, REFERENCES, Change, Plan, PlanError, Spec, _member

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["Live", "diff", "read_live"]

_PAGE = 100
# Budget fields the proxy keeps in an organization's or customer's budget row.
_BUDGET_FIELDS = (
    "max_budget",
    "soft_budget",
    "max_parallel_requests",
    "tpm_limit",
    "rpm_limit",
    "budget_duration",
    "model_max_budget",
)
# Spec fields that are not stored as given: they are sent on create only.
_CREATE_ONLY: dict[str, frozenset[str]] = {
    "keys": frozenset({"duration"}),
    "users": frozenset({"password", "auto_create_key", "send_invite_email"}),
    "teams": frozenset({"members"}),
    "budgets": frozenset(),
    "organizations": frozenset(),
    "customers": frozenset(),
}
_SINGULAR = {
    "budgets": "budget",
    "organizations": "organization",
    "teams": "team",
    "users": "user",
    "customers": "customer",
    "keys": "key",
}
# The proxy's id field per section (what an update or delete names).
_ID = {
    "budgets": "budget_id",
    "organizations": "organization_id",
    "teams": "team_id",
    "users": "user_id",
    "customers": "user_id",
    "keys": "token",
}


@dataclass
class Live:
    """The proxy's objects per section (None: the list was refused, see ``refused``)."""

    objects: dict[str, list[dict[str, Any]] | None] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)


async def read_live(client: LiteLLMClient) -> Live:
    """Every object of every section, each list read page by page."""

    async def budgets() -> list[dict[str, Any]]:
        return [b.model_dump() async for b in client.budgets.list()]

    async def organizations() -> list[dict[str, Any]]:
        return [o.model_dump() async for o in client.organizations.list()]

    async def teams() -> list[dict[str, Any]]:
        return [t.model_dump() async for t in client.teams.list_v2(page_size=_PAGE)]

    async def users() -> list[dict[str, Any]]:
        return [dict(u) async for u in client.users.list(page_size=_PAGE)]

    async def customers() -> list[dict[str, Any]]:
        return [c.model_dump() async for c in client.customers.list(page_size=_PAGE)]

    async def keys() -> list[dict[str, Any]]:
        pages = client.keys.list(return_full_object=True, size=_PAGE)
        return [k async for k in pages if isinstance(k, dict)]

    readers = {
        "budgets": budgets,
        "organizations": organizations,
        "teams": teams,
        "users": users,
        "customers": customers,
        "keys": keys,
    }
    live = Live()

    async def read(kind: str) -> None:
        try:
            live.objects[kind] = await readers[kind]()
        except APIStatusError as exc:
            # Organizations need a licence: the rest can still be planned.
            if exc.status_code not in (401, 403):
                raise
            live.objects[kind] = None
            live.refused[kind] = f"{exc.status_code} {exc.message}"

    await asyncio.gather(*(read(kind) for kind in readers))
    return live


def normalise(kind: str, obj: Mapping[str, Any]) -> dict[str, Any]:
    """One object as the spec names its fields: unnested (``team_info``), budget fields of
    organizations and customers lifted from their budget row."""
    flat = dict(obj.get("team_info") or obj) if kind == "teams" else dict(obj)
    budget = flat.get("litellm_budget_table")
    if isinstance(budget, Mapping):
        for name in _BUDGET_FIELDS:
            if flat.get(name) is None and budget.get(name) is not None:
                flat[name] = budget[name]
    return flat


def diff(spec: Spec, live: Live, *, prune: bool = False) -> Plan:
    """The plan that makes ``live`` match ``spec``."""
    return _Differ(spec, live, prune).plan()


class _Differ:
    def __init__(self, spec: Spec, live: Live, prune: bool) -> None:
        self.spec, self.live, self.prune = spec, live, prune
        self.changes: dict[str, list[Change]] = {kind: [] for kind in _ID}
        self.members: list[Change] = []
        self.deletes: list[Change] = []
        self.orphans: list[Change] = []
        self.teams: list[tuple[str, Mapping[str, Any], dict[str, Any] | None]] = []
        # kind -> spec name -> (proxy id, ref of the change creating it or None)
        self.ids: dict[str, dict[str, tuple[str, str | None]]] = {kind: {} for kind in _ID}

    def plan(self) -> Plan:
        notes = [
            f"{kind}: cannot read them ({one_line(why)}): each one in the spec is planned as "
            "a create"
            for kind, why in self.live.refused.items()
            if self.spec.objects(kind)
        ]
        for kind in _ID:
            self._section(kind)
        # After every section: a member waits for its team and its user.
        for team, item, found in self.teams:
            self._members(team, item, found)
        order = [c for kind in _ID if kind != "keys" for c in self.changes[kind]]
        changes = order + self.members + self.changes["keys"] + self.deletes[::-1]
        return Plan(self.spec, changes, self.orphans, notes, self.prune)

    def _section(self, kind: str) -> None:
        stored = [normalise(kind, o) for o in self.live.objects.get(kind) or []]
        matched: set[int] = set()
        for item in self.spec.objects(kind):
            name = _name(kind, item)
            found = self._match(kind, item, stored)
            if found is not None:
                matched.add(id(found))
            body, depends = self._resolve(kind, item, name)
            if found is None:
                self._create(kind, name, body, depends)
            else:
                self._update(kind, name, body, depends, found)
            if kind == "teams":
                self.teams.append((name, item, found))
        for obj in stored:
            if id(obj) in matched or (obj.get("metadata") or {}).get(MARK) != self.spec.name:
                continue
            target = str(obj.get(_ID[kind]) or "")
            gone = Change(_SINGULAR[kind], "-", _display(kind, obj), target)
            (self.deletes if self.prune else self.orphans).append(gone)

    def _match(
        self, kind: str, item: Mapping[str, Any], stored: list[dict[str, Any]]
    ) -> dict[str, Any] | None:
        for ident in _identity(kind, item):
            hits = [o for o in stored if o.get(ident) == item[ident]]
            # Two objects of one alias: the one this spec made wins.
            hits.sort(key=lambda o: (o.get("metadata") or {}).get(MARK) != self.spec.name)
            if hits:
                return hits[0]
        return None

    def _resolve(
        self, kind: str, item: Mapping[str, Any], name: str
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        body = {k: v for k, v in item.items() if k not in REFERENCES[kind] and k != "members"}
        depends: list[str] = []
        for ref, (section, proxy_field) in REFERENCES[kind].items():
            if ref not in item:
                continue
            known = self.ids[section].get(item[ref])
            if known is None:
                if section == "users":  # a user outside the spec: its id is its name
                    known = (item[ref], None)
                else:
                    raise PlanError(
                        f"{self.spec.source}: {kind} {name!r}: {ref}: {item[ref]!r} is not in "
                        f"the spec's {section}"
                    )
            body[proxy_field] = known[0]
            if known[1]:
                depends.append(known[1])
        return body, tuple(depends)

    def _create(self, kind: str, name: str, body: dict[str, Any], depends: tuple[str, ...]) -> None:
        singular = _SINGULAR[kind]
        ref = f"{singular}:{name}"
        if kind in ("organizations", "teams"):
            id_field = _ID[kind]
            body.setdefault(id_field, self._new_id(kind, name))
        if kind in ("organizations", "teams", "users", "keys"):
            body["metadata"] = {**(body.get("metadata") or {}), MARK: self.spec.name}
        if kind == "users":
            body.setdefault("auto_create_key", False)
        ident = body.get(_ID[kind]) if kind != "keys" else None
        self.ids[kind][name] = (str(ident or name), ref)
        self.changes[kind].append(Change(singular, "+", name, None, body, (), depends))

    def _update(
        self,
        kind: str,
        name: str,
        body: dict[str, Any],
        depends: tuple[str, ...],
        found: dict[str, Any],
    ) -> None:
        target = str(found.get(_ID[kind]) or "")
        self.ids[kind][name] = (target if kind != "keys" else name, None)
        ignored = _CREATE_ONLY[kind] | {_ID[kind]}
        fields = [
            (f, found.get(f), want)
            for f, want in body.items()
            if f not in ignored and not same_value(want, found.get(f))
        ]
        if not fields:
            return
        update = {f: want for f, _, want in fields}
        if "metadata" in update:  # the proxy's own entries and the mark stay
            update["metadata"] = {**(found.get("metadata") or {}), **update["metadata"]}
        shown = tuple(_shown(f, old, new) for f, old, new in fields)
        self.changes[kind].append(
            Change(_SINGULAR[kind], "~", name, target, update, shown, depends)
        )

    def _members(self, team: str, item: Mapping[str, Any], found: dict[str, Any] | None) -> None:
        team_id, team_ref = self.ids["teams"][team]
        have = {
            m.get("user_id"): m.get("role")
            for m in (found or {}).get("members_with_roles") or []
            if isinstance(m, Mapping)
        }
        for index, raw in enumerate(item.get("members") or []):
            member = _member(raw, f"teams {team!r}: members[{index}]")
            user = self.ids["users"].get(member["user_id"])
            depends = tuple(r for r in (team_ref, user[1] if user else None) if r)
            name = f"{team}/{member['user_id']}"
            body = {"team_id": team_id, **member}
            if member["user_id"] not in have:
                self.members.append(Change("member", "+", name, team_id, body, (), depends))
            elif have[member["user_id"]] != member["role"]:
                shown = (("role", have[member["user_id"]], member["role"]),)
                self.members.append(Change("member", "~", name, team_id, body, shown, depends))

    def _new_id(self, kind: str, name: str) -> str:
        # Derived from the spec and the name: a create retried (or rerun after a crash before
        # the answer) names the same object.
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"aio-litellm:{self.spec.name}:{kind}:{name}"))


def _identity(kind: str, item: Mapping[str, Any]) -> list[str]:
    # An id, when given, names the object before an alias does.
    idents = [f for f in KINDS[kind] if item.get(f)]
    return sorted(idents, key=lambda f: not f.endswith("_id"))


def _name(kind: str, item: Mapping[str, Any]) -> str:
    return str(next(item[f] for f in KINDS[kind] if item.get(f)))


def _display(kind: str, obj: Mapping[str, Any]) -> str:
    for f in KINDS[kind]:
        if obj.get(f):
            return str(obj[f])
    return str(obj.get(_ID[kind]) or "?")[:12]


def _shown(name: str, old: Any, new: Any) -> tuple[str, Any, Any]:
    # Metadata shows the entries that change, not the whole (maybe long) mapping.
    if name == "metadata" and isinstance(old, Mapping) and isinstance(new, Mapping):
        keys = [k for k in new if not same_value(new[k], old.get(k))]
        return name, {k: old.get(k) for k in keys}, {k: new[k] for k in keys}
    return name, old, new


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
