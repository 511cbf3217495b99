"""``aio_litellm.state``: spec checks, plan diffing (each kind, nested fields, pagination past
100 items), apply ordering, convergence, prune safety, stale plans, refused organizations,
secrets only in a 0600 file. The proxy is a stateful fake of the routes plan/apply use."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient
from aio_litellm.state import (
    MARK,
    PlanError,
    SpecError,
    StalePlan,
    TooManyDeletes,
    apply,
    load_spec,
    plan,
    read_plan,
)
from aio_litellm.state import parse_spec as parse

from .conftest import FakeProxy


def _json(status: int, body: Any) -> web.Response:
    return web.Response(status=status, body=orjson.dumps(body), content_type="application/json")


def _error(status: int, message: str) -> web.Response:
    return _json(status, {"error": {"message": message, "type": "x", "code": str(status)}})


class FakeState:
    """The proxy's objects in memory, behind the routes plan and apply call; ``order`` records
    the writes (method and path) in the order they came."""

    def __init__(self, proxy: FakeProxy, *, licensed: bool = False) -> None:
        self.budgets: dict[str, dict[str, Any]] = {}
        self.orgs: dict[str, dict[str, Any]] = {}
        self.teams: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.customers: dict[str, dict[str, Any]] = {}
        self.keys: dict[str, dict[str, Any]] = {}
        self.licensed = licensed
        self.order: list[str] = []
        self.fail: dict[str, int] = {}  # path -> status to answer once per call
        routes = {
            ("GET", "/budget/list"): self.budget_list,
            ("POST", "/budget/new"): self.budget_new,
            ("POST", "/budget/info"): self.budget_info,
            ("POST", "/budget/update"): self.budget_update,
            ("GET", "/organization/list"): self.org_list,
            ("POST", "/organization/new"): self.org_new,
            ("GET", "/v2/team/list"): self.team_list,
            ("POST", "/team/new"): self.team_new,
            ("GET", "/team/info"): self.team_info,
            ("POST", "/team/update"): self.team_update,
            ("POST", "/team/delete"): self.team_delete,
            ("POST", "/team/member_add"): self.member_add,
            ("POST", "/team/member_update"): self.member_update,
            ("GET", "/user/list"): self.user_list,
            ("POST", "/user/new"): self.user_new,
            ("GET", "/user/info"): self.user_info,
            ("POST", "/user/update"): self.user_update,
            ("POST", "/user/delete"): self.user_delete,
            ("GET", "/customer/list"): self.customer_list,
            ("POST", "/customer/new"): self.customer_new,
            ("GET", "/customer/info"): self.customer_info,
            ("POST", "/customer/update"): self.customer_update,
            ("GET", "/key/list"): self.key_list,
            ("POST", "/key/generate"): self.key_new,
            ("GET", "/key/info"): self.key_info,
            ("POST", "/key/update"): self.key_update,
            ("POST", "/key/delete"): self.key_delete,
        }
        for (method, path), handler in routes.items():
            proxy.on(method, path, self._wrap(handler))

    def _wrap(self, handler: Any) -> Any:
        async def run(request: web.Request) -> web.StreamResponse:
            if request.method == "POST" and not request.path.endswith(("/info",)):
                self.order.append(request.path)
            status = self.fail.get(request.path)
            if status:
                return _error(status, f"refused {request.path}")
            raw = await request.read()
            body = orjson.loads(raw) if raw else {}
            return await handler(request, body)  # type: ignore[no-any-return]

        return run

    @staticmethod
    def page(request: web.Request, items: list[Any], size_param: str) -> tuple[list[Any], int]:
        page = int(request.query.get("page", 1))
        size = int(request.query.get(size_param, 10))
        pages = max(1, -(-len(items) // size))
        return items[(page - 1) * size : page * size], pages

    # budgets
    async def budget_list(self, request: web.Request, body: Any) -> web.Response:
        return _json(200, list(self.budgets.values()))

    async def budget_new(self, request: web.Request, body: Any) -> web.Response:
        if body["budget_id"] in self.budgets:
            return _error(400, "budget exists")
        self.budgets[body["budget_id"]] = {**body, "budget_reset_at": "2030-01-01"}
        return _json(200, self.budgets[body["budget_id"]])

    async def budget_info(self, request: web.Request, body: Any) -> web.Response:
        return _json(200, [self.budgets[b] for b in body["budgets"] if b in self.budgets])

    async def budget_update(self, request: web.Request, body: Any) -> web.Response:
        self.budgets[body["budget_id"]].update(body)
        return _json(200, self.budgets[body["budget_id"]])

    # organizations
    async def org_list(self, request: web.Request, body: Any) -> web.Response:
        if not self.licensed:
            return _error(403, "only available for LiteLLM Enterprise")
        return _json(200, list(self.orgs.values()))

    async def org_new(self, request: web.Request, body: Any) -> web.Response:
        if not self.licensed:
            return _error(403, "only available for LiteLLM Enterprise")
        budget = {k: body.pop(k) for k in ("max_budget",) if k in body}
        self.orgs[body["organization_id"]] = {**body, "litellm_budget_table": budget}
        return _json(200, self.orgs[body["organization_id"]])

    # teams
    async def team_list(self, request: web.Request, body: Any) -> web.Response:
        items, pages = self.page(request, list(self.teams.values()), "page_size")
        return _json(200, {"teams": items, "total": len(self.teams), "total_pages": pages})

    async def team_new(self, request: web.Request, body: Any) -> web.Response:
        if body["team_id"] in self.teams:
            return _error(400, "team exists")
        self.teams[body["team_id"]] = {**body, "members_with_roles": [], "spend": 0.0}
        return _json(200, self.teams[body["team_id"]])

    async def team_info(self, request: web.Request, body: Any) -> web.Response:
        team = self.teams.get(request.query["team_id"])
        if team is None:
            return _error(404, "no team")
        return _json(200, {"team_id": team["team_id"], "team_info": team})

    async def team_update(self, request: web.Request, body: Any) -> web.Response:
        self.teams[body["team_id"]].update(body)
        return _json(200, {"team_id": body["team_id"], "data": self.teams[body["team_id"]]})

    async def team_delete(self, request: web.Request, body: Any) -> web.Response:
        for team_id in body["team_ids"]:
            del self.teams[team_id]
        return _json(200, {"deleted_teams": body["team_ids"]})

    async def member_add(self, request: web.Request, body: Any) -> web.Response:
        team = self.teams[body["team_id"]]
        team["members_with_roles"] += [
            {"user_id": m["user_id"], "role": m["role"]} for m in body["member"]
        ]
        return _json(200, {"team_id": body["team_id"]})

    async def member_update(self, request: web.Request, body: Any) -> web.Response:
        for member in self.teams[body["team_id"]]["members_with_roles"]:
            if member["user_id"] == body["user_id"]:
                member["role"] = body["role"]
        return _json(200, {"team_id": body["team_id"], "user_id": body["user_id"]})

    # users
    async def user_list(self, request: web.Request, body: Any) -> web.Response:
        items, pages = self.page(request, list(self.users.values()), "page_size")
        return _json(200, {"users": items, "total": len(self.users), "total_pages": pages})

    async def user_new(self, request: web.Request, body: Any) -> web.Response:
        if body["user_id"] in self.users:
            return _error(409, "user exists")
        assert body.get("auto_create_key") is False
        body.pop("auto_create_key")
        self.users[body["user_id"]] = {**body, "spend": 0.0}
        return _json(200, self.users[body["user_id"]])

    async def user_info(self, request: web.Request, body: Any) -> web.Response:
        user = self.users.get(request.query["user_id"])
        if user is None:
            return _error(404, "no user")
        return _json(200, {"user_id": user["user_id"], "user_info": user})

    async def user_update(self, request: web.Request, body: Any) -> web.Response:
        self.users[body["user_id"]].update(body)
        return _json(200, {"user_id": body["user_id"], "data": self.users[body["user_id"]]})

    async def user_delete(self, request: web.Request, body: Any) -> web.Response:
        for user_id in body["user_ids"]:
            del self.users[user_id]
        return _json(200, len(body["user_ids"]))

    # customers
    async def customer_list(self, request: web.Request, body: Any) -> web.Response:
        items, _ = self.page(request, list(self.customers.values()), "page_size")
        return _json(200, items)

    async def customer_new(self, request: web.Request, body: Any) -> web.Response:
        if body["user_id"] in self.customers:
            return _error(400, "customer exists")
        budget = {k: body.pop(k) for k in ("max_budget",) if k in body}
        self.customers[body["user_id"]] = {**body, "litellm_budget_table": budget or None}
        return _json(200, self.customers[body["user_id"]])

    async def customer_info(self, request: web.Request, body: Any) -> web.Response:
        return _json(200, self.customers[request.query["end_user_id"]])

    async def customer_update(self, request: web.Request, body: Any) -> web.Response:
        customer = self.customers[body["user_id"]]
        if "max_budget" in body:
            customer["litellm_budget_table"] = {"max_budget": body.pop("max_budget")}
        customer.update(body)
        return _json(200, customer)

    # keys
    async def key_list(self, request: web.Request, body: Any) -> web.Response:
        assert request.query["return_full_object"] == "true"
        items, pages = self.page(request, list(self.keys.values()), "size")
        return _json(200, {"keys": items, "total_count": len(self.keys), "total_pages": pages})

    async def key_new(self, request: web.Request, body: Any) -> web.Response:
        from aio_litellm.resources.keys import hash_key

        token = hash_key(body.pop("key"))
        body.pop("duration", None)
        self.keys[token] = {**body, "token": token, "spend": 0.0, "expires": None}
        return _json(200, {**self.keys[token], "key": "sk-returned"})

    async def key_info(self, request: web.Request, body: Any) -> web.Response:
        key = self.keys.get(request.query["key"])
        if key is None:
            return _error(404, "no key")
        return _json(200, {"key": key["token"], "info": key})

    async def key_update(self, request: web.Request, body: Any) -> web.Response:
        self.keys[body["key"]].update({k: v for k, v in body.items() if k != "key"})
        return _json(200, self.keys[body["key"]])

    async def key_delete(self, request: web.Request, body: Any) -> web.Response:
        gone = [k for k in body["keys"] if self.keys.pop(k, None) is not None]
        if not gone:
            return _error(404, "{'error': 'No keys found'}")
        return _json(200, {"deleted_keys": gone})


SPEC: dict[str, Any] = {
    "name": "acme-platform",
    "budgets": [{"budget_id": "gold", "max_budget": 100.0, "budget_duration": "30d"}],
    "teams": [
        {
            "team_alias": "platform",
            "max_budget": 50.0,
            "models": ["gpt-4o"],
            "metadata": {"cost_center": "42"},
            "members": ["alice", {"user_id": "bob", "role": "admin"}],
        }
    ],
    "users": [
        {"user_id": "alice", "user_email": "alice@example.com", "max_budget": 5.0},
        {"user_id": "bob", "user_role": "internal_user"},
    ],
    "customers": [{"user_id": "cust-1", "alias": "Customer One", "budget": "gold"}],
    "keys": [
        {"key_alias": "ci", "team": "platform", "models": ["gpt-4o"], "max_budget": 1.0},
        {"key_alias": "alice-dev", "user": "alice", "duration": "30d"},
    ],
}


def spec(**changes: Any) -> Any:
    data = json.loads(json.dumps(SPEC))
    data.update(changes)
    return parse(data)


@pytest.fixture
def state(proxy: FakeProxy) -> FakeState:
    return FakeState(proxy)


# -- spec ----------------------------------------------------------------------------------------


def test_load_spec_reads_yaml_and_json(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("name: x\nteams:\n  - team_alias: a\n    members: [u1]\n")
    loaded = load_spec(tmp_path / "s.yaml")
    assert loaded.name == "x" and loaded.objects("teams")[0]["team_alias"] == "a"
    (tmp_path / "s.json").write_text(json.dumps(SPEC))
    assert load_spec(tmp_path / "s.json").objects("keys")[0]["key_alias"] == "ci"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nteams: [", "s.yaml: not valid YAML: expected the node content"),
        ("name: x\nteams: [", "(line 2 column 9)"),
        ("- 1", "must be a mapping"),
        ("teams: []", "needs a top-level name"),
        ("name: x\nkeyz: []", "unknown section(s) keyz"),
        ("name: x\nteams: {}", "teams must be a list"),
        ("name: x\nteams: [1]", "teams[0]: must be a mapping"),
        ("name: x\nteams: [{max_budget: 1}]", "teams[0]: needs team_alias or team_id"),
        ("name: x\nusers: [{user_id: a}, {user_id: a}]", "users[1]: 'a' is listed twice"),
        ("name: x\nkeys: [{key_alias: k, key: sk-1}]", "keys[0]: key: secrets do not belong"),
        ("name: x\nkeys: [{key_alias: k, team: [1]}]", "keys[0]: team: must be a name"),
        ("name: x\nusers: [{user_id: a, metadata: 1}]", "users[0]: metadata: must be a mapping"),
        ("name: x\nteams: [{team_alias: t, members: x}]", "members: must be a list"),
        ("name: x\nteams: [{team_alias: t, members: [{role: user}]}]", "members[0]: needs"),
        ("name: x\nteams: [{team_alias: t, members: [{user_id: u, role: boss}]}]", "role:"),
    ],
)
def test_malformed_specs_are_refused_naming_file_object_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(text)
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_unreadable_and_bad_json_specs(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="cannot read"):
        load_spec(tmp_path / "missing.yaml")
    (tmp_path / "s.json").write_text("{")
    with pytest.raises(SpecError, match="not valid JSON"):
        load_spec(tmp_path / "s.json")


# -- plan ----------------------------------------------------------------------------------------


async def test_plan_on_an_empty_proxy_creates_everything_in_dependency_order(
    state: FakeState, client: LiteLLMClient
) -> None:
    planned = await plan(client, spec())
    lines = planned.lines()
    assert lines[:8] == [
        "+ budget gold",
        "+ team platform",
        "+ user alice",
        "+ user bob",
        "+ customer cust-1",
        "+ member platform/alice",
        "+ member platform/bob",
        "+ key ci",
    ]
    assert lines[-1] == "Plan: 9 to create, 0 to update, 0 to delete."
    # The organization list is refused (no licence): a spec without organizations does not care.
    assert not any(line.startswith("!") for line in lines)
    ci = next(c for c in planned.changes if c.name == "ci")
    team = next(c for c in planned.changes if c.kind == "team")
    # The key names the team's chosen id and waits for it; everything created is marked.
    assert ci.body["team_id"] == team.body["team_id"] and ci.depends == ("team:platform",)
    assert team.body["metadata"] == {"cost_center": "42", MARK: "acme-platform"}
    member = next(c for c in planned.changes if c.name == "platform/alice")
    assert member.depends == ("team:platform", "user:alice")
    customer = next(c for c in planned.changes if c.kind == "customer")
    assert customer.body["budget_id"] == "gold" and "budget" not in customer.body


async def test_apply_then_plan_converges_and_secrets_go_only_to_a_0600_file(
    state: FakeState, client: LiteLLMClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secrets = tmp_path / "s.secrets.jsonl"
    report = await apply(client, spec(), secrets_path=secrets)
    assert report.ok and report.count("+") == 9, report.lines()
    # Dependency order: budgets before the customer, teams and users before members, keys last.
    order = state.order
    assert order.index("/budget/new") < order.index("/customer/new")
    assert order.index("/team/new") < order.index("/team/member_add")
    assert max(i for i, p in enumerate(order) if p == "/user/new") < order.index("/team/member_add")
    assert order.index("/team/member_add") < order.index("/key/generate")
    again = await plan(client, spec())
    assert again.lines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete."
    assert stat.S_IMODE(os.stat(secrets).st_mode) == 0o600
    rows = [json.loads(line) for line in secrets.read_text().splitlines()]
    assert {r["key_alias"] for r in rows} == {"ci", "alice-dev"}
    assert all(r["key"].startswith("sk-") and r["spec"] == "acme-platform" for r in rows)
    for row in rows:  # the stored key is the one whose secret was written down
        assert state.keys[row["token"]]["key_alias"] == row["key_alias"]
        assert row["key"] not in caplog.text and row["key"] not in "\n".join(report.lines())
    assert report.secrets_written == 2 and "2 key secret(s) written" in report.lines()[-2]


async def test_plan_shows_updates_field_by_field_with_nested_values_normalised(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    await apply(client, spec(), secrets_path=tmp_path / "s")
    team_id = next(iter(state.teams))
    state.teams[team_id]["metadata"]["proxy_entry"] = "kept"  # the proxy's own: not a change
    state.teams[team_id]["max_budget"] = 70.0
    state.teams[team_id]["members_with_roles"][1]["role"] = "user"
    state.customers["cust-1"]["litellm_budget_table"] = {"max_budget": 3.0}
    edited = json.loads(json.dumps(SPEC))
    edited["budgets"][0]["max_budget"] = 200.0
    edited["teams"][0]["metadata"] = {"cost_center": "43"}
    edited["customers"][0]["max_budget"] = 3.0  # lifted from the customer's budget row
    planned = await plan(client, parse(edited))
    assert planned.lines() == [
        "~ budget gold\n    max_budget: 100.0 -> 200.0",
        '~ team platform\n    max_budget: 70.0 -> 50.0\n    metadata: {"cost_center": "42"} -> '
        '{"cost_center": "43"}',
        '~ member platform/bob\n    role: "user" -> "admin"',
        "Plan: 0 to create, 3 to update, 0 to delete.",
    ]
    report = await apply(client, parse(edited))
    assert report.ok, report.lines()
    # The update keeps the proxy's metadata entries and the spec's mark.
    assert state.teams[team_id]["metadata"] == {
        "cost_center": "43",
        MARK: "acme-platform",
        "proxy_entry": "kept",
    }
    assert state.budgets["gold"]["max_budget"] == 200.0
    assert (await plan(client, parse(edited))).count("~") == 0


async def test_plan_reads_every_page_beyond_100_items(
    state: FakeState, client: LiteLLMClient, proxy: FakeProxy
) -> None:
    for i in range(250):
        token = f"t{i:03d}"
        state.keys[token] = {"token": token, "key_alias": f"k{i}", "models": ["m"]}
    for i in range(130):
        state.users[f"u{i}"] = {"user_id": f"u{i}"}
    many = {
        "name": "big",
        "keys": [{"key_alias": f"k{i}", "models": ["m"]} for i in range(250)],
        "users": [{"user_id": "u129"}],
    }
    planned = await plan(client, parse(many))
    assert planned.lines()[-1] == "Plan: 0 to create, 0 to update, 0 to delete."
    pages = [c.query.get("page") for c in proxy.calls("GET", "/key/list")]
    assert pages == ["1", "2", "3"]
    assert len(proxy.calls("GET", "/user/list")) == 2


async def test_prune_deletes_only_objects_marked_with_this_spec(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    await apply(client, spec(), secrets_path=tmp_path / "s")
    # Another spec's key and an unmarked key with the same kind of alias stay untouched.
    state.keys["other"] = {"token": "other", "key_alias": "x", "metadata": {MARK: "other-spec"}}
    state.keys["hand"] = {"token": "hand", "key_alias": "y", "metadata": {}}
    fewer = spec(keys=[SPEC["keys"][0]], users=SPEC["users"])
    listed = await plan(client, fewer)
    # Without --prune: listed apart, not counted.
    assert listed.deletes == 0
    assert "  key alice-dev: marked 'acme-platform', not in the spec (--prune deletes it)" in (
        listed.lines()
    )
    report = await apply(client, fewer, prune=True, secrets_path=tmp_path / "s")
    assert report.ok and report.count("-") == 1, report.lines()
    assert {k["key_alias"] for k in state.keys.values()} == {"ci", "x", "y"}
    assert (await plan(client, fewer, prune=True)).lines()[-1].startswith("Plan: 0 to create")


async def test_prune_stops_beyond_max_deletes_before_any_change(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    await apply(client, spec(), secrets_path=tmp_path / "s")
    before = len(state.order)
    empty = parse({"name": "acme-platform"})
    assert (await plan(client, empty, prune=True)).deletes == 5  # 2 keys, 2 users, 1 team
    with pytest.raises(TooManyDeletes, match="deletes 5 objects, more than max_deletes=4"):
        await apply(client, empty, prune=True, max_deletes=4)
    assert len(state.order) == before
    report = await apply(client, empty, prune=True, max_deletes=5)
    assert report.ok and not state.keys and not state.users and not state.teams
    # Keys go before the users and teams they belong to.
    assert state.order[before:] == ["/key/delete", "/user/delete", "/team/delete"]


async def test_a_saved_plan_is_refused_when_the_proxy_changed(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    planned = await plan(client, spec())
    planned.write(tmp_path / "p.json")
    state.budgets["gold"] = {"budget_id": "gold", "max_budget": 1.0}  # someone made it
    with pytest.raises(StalePlan, match="live state changed"):
        await apply(client, read_plan(tmp_path / "p.json", spec()), secrets_path=tmp_path / "s")
    assert state.order == []
    # Unchanged since: applied.
    planned = await plan(client, spec())
    planned.write(tmp_path / "p.json")
    saved = read_plan(tmp_path / "p.json", spec())
    report = await apply(client, saved, secrets_path=tmp_path / "s")
    assert report.ok and report.count("~") == 1
    # A plan of another spec version is refused outright.
    with pytest.raises(StalePlan, match="spec changed"):
        read_plan(tmp_path / "p.json", spec(name="other"))


def test_read_plan_refuses_what_is_not_a_plan(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text("{}")
    with pytest.raises(SpecError, match="not a plan file"):
        read_plan(tmp_path / "p.json", spec())
    with pytest.raises(SpecError, match="cannot read"):
        read_plan(tmp_path / "none.json", spec())


async def test_refused_organization_fails_alone_and_its_dependents_are_not_applied(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    data = json.loads(json.dumps(SPEC))
    data["organizations"] = [{"organization_alias": "acme", "max_budget": 10.0}]
    data["teams"].append({"team_alias": "in-acme", "organization": "acme"})
    data["keys"].append({"key_alias": "acme-key", "team": "in-acme"})
    assert (
        "! organizations: cannot read them (403 only available for LiteLLM Enterprise): each "
        "one in the spec is planned as a create" in (await plan(client, parse(data))).lines()
    )
    report = await apply(client, parse(data), secrets_path=tmp_path / "s")
    assert not report.ok
    assert [(c.ref, why.split(":")[0]) for c, why in report.failed] == [
        ("organization:acme", "403")
    ]
    assert [(c.ref, why) for c, why in report.skipped] == [
        ("team:in-acme", "depends on organization acme, not applied"),
        ("key:acme-key", "depends on team in-acme, not applied"),
    ]
    lines = report.lines()
    assert "! + organization acme: FAILED: 403: only available for LiteLLM Enterprise" in lines
    assert lines[-1].startswith("Apply: 9 created, 0 updated, 0 deleted, 1 failed, 2 not applied")
    assert {t["team_alias"] for t in state.teams.values()} == {"platform"}


async def test_licensed_organizations_are_created_and_referenced(
    proxy: FakeProxy, client: LiteLLMClient, tmp_path: Path
) -> None:
    state = FakeState(proxy, licensed=True)
    data = {
        "name": "org-spec",
        "organizations": [{"organization_alias": "acme", "max_budget": 10.0}],
        "teams": [{"team_alias": "t", "organization": "acme"}],
    }
    report = await apply(client, parse(data))
    assert report.ok, report.lines()
    org_id = next(iter(state.orgs))
    assert next(iter(state.teams.values()))["organization_id"] == org_id
    assert state.orgs[org_id]["metadata"] == {MARK: "org-spec"}
    assert (await plan(client, parse(data))).lines() == [
        "Plan: 0 to create, 0 to update, 0 to delete."
    ]


async def test_a_reference_to_nothing_is_a_plan_error(
    state: FakeState, client: LiteLLMClient
) -> None:
    with pytest.raises(PlanError, match="keys 'k': team: 'nope' is not in the spec's teams"):
        await plan(client, parse({"name": "x", "keys": [{"key_alias": "k", "team": "nope"}]}))


async def test_keys_need_a_secrets_path(state: FakeState, client: LiteLLMClient) -> None:
    with pytest.raises(ValueError, match="pass secrets_path"):
        await apply(client, spec())
    assert state.order == []


async def test_a_failed_group_call_fails_each_change_of_it(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    await apply(client, spec(), secrets_path=tmp_path / "s")
    state.fail["/team/delete"] = 500
    report = await apply(client, parse({"name": "acme-platform"}), prune=True, max_deletes=9)
    assert [c.ref for c, _ in report.failed] == ["team:platform"]
    assert report.count("-") == 4  # the keys and users went


async def test_members_of_a_team_that_already_exists_are_added(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    state.teams["tid"] = {"team_id": "tid", "team_alias": "platform", "members_with_roles": []}
    state.users["alice"] = {"user_id": "alice"}
    data = {"name": "n", "teams": [{"team_alias": "platform", "members": ["alice"]}]}
    planned = await plan(client, parse(data))
    assert planned.lines()[0] == "+ member platform/alice"
    assert planned.changes[0].depends == ()
    assert (await apply(client, planned)).ok
    assert state.teams["tid"]["members_with_roles"] == [{"user_id": "alice", "role": "user"}]


async def test_a_failed_user_leaves_its_memberships_and_keys_unapplied(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    state.fail["/user/new"] = 400
    report = await apply(client, spec(), secrets_path=tmp_path / "s")
    skipped = {c.ref: why for c, why in report.skipped}
    assert skipped == {
        "member:platform/alice": "depends on user alice, not applied",
        "member:platform/bob": "depends on user bob, not applied",
        "key:alice-dev": "depends on user alice, not applied",
    }
    assert [c.ref for c in report.done if c.kind == "key"] == ["key:ci"]


async def test_a_failed_member_add_fails_its_members(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    state.fail["/team/member_add"] = 500
    state.fail["/team/info"] = 404
    report = await apply(client, spec(), secrets_path=tmp_path / "s")
    assert sorted(c.ref for c, _ in report.failed) == [
        "member:platform/alice",
        "member:platform/bob",
    ]


async def test_a_key_may_name_a_user_outside_the_spec(
    state: FakeState, client: LiteLLMClient
) -> None:
    data = {"name": "n", "keys": [{"key_alias": "k", "user": "someone"}]}
    planned = await plan(client, parse(data))
    assert planned.changes[0].body["user_id"] == "someone" and planned.changes[0].depends == ()


async def test_a_list_failing_otherwise_than_refused_fails_the_plan(
    state: FakeState, client: LiteLLMClient
) -> None:
    from aio_litellm import BadRequestError

    state.fail["/budget/list"] = 400
    with pytest.raises(BadRequestError):
        await plan(client, spec())


async def test_an_unwritable_secrets_file_stops_the_keys_before_any_is_made(
    state: FakeState, client: LiteLLMClient, tmp_path: Path
) -> None:
    report = await apply(client, spec(), secrets_path=tmp_path / "missing-dir" / "s.jsonl")
    assert not state.keys and "/key/generate" not in state.order
    assert {c.ref for c, _ in report.failed} == {"key:ci", "key:alice-dev"}
    assert "No such file or directory" in report.failed[0][1]
    assert len(state.users) == 2  # the rest was applied


async def test_progress_is_drawn_on_stderr_when_asked(
    state: FakeState, client: LiteLLMClient, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await apply(client, spec(), secrets_path=tmp_path / "s", progress=True)
    assert "keys" in capsys.readouterr().err
